"""Shared fixtures for the Python test suites."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli_bin() -> pathlib.Path:
    """The `skolbryggan` binary built by cargo (SKOLBRYGGAN_BIN overrides)."""
    path = pathlib.Path(os.environ.get("SKOLBRYGGAN_BIN", ROOT / "target" / "debug" / "skolbryggan"))
    if not path.exists():
        pytest.fail(f"{path} not found: run `cargo build -p skolbryggan-cli` first")
    return path
