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


class Emulator:
    """A running `skolbryggan-emulator` process and its HTTPS control API."""

    GUARDIAN = "198001012387"  # EmulatorConfig::DEMO_GUARDIAN: a real (non-demo) login

    def __init__(self, proc, address, ca_path):
        import ssl

        self.proc = proc
        self.address = address
        self.ca_path = ca_path
        self.ca_pem = pathlib.Path(ca_path).read_text()
        self._ssl = ssl.create_default_context(cafile=ca_path)

    def control(self, method, path, body=None):
        import json
        import urllib.request

        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"https://{self.address}/__control/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, context=self._ssl, timeout=10) as resp:
            return json.loads(resp.read() or b"null")

    def count(self, endpoint):
        return self.control("GET", "log").get("byEndpoint", {}).get(endpoint, 0)


@pytest.fixture()
def emulator(tmp_path):
    """A fresh emulator per test (SKOLBRYGGAN_EMULATOR_BIN or target/debug/skolbryggan-emulator)."""
    import subprocess

    binary = pathlib.Path(
        os.environ.get("SKOLBRYGGAN_EMULATOR_BIN", ROOT / "target" / "debug" / "skolbryggan-emulator")
    )
    if not binary.exists():
        pytest.fail(f"{binary} not found: run `cargo build -p skolbryggan-emulator` first")
    ca = tmp_path / "emulator-ca.pem"
    proc = subprocess.Popen(
        [str(binary), "--port", "0", "--ca-out", str(ca)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        prefix = "skolbryggan-emulator listening on "
        if not line.startswith(prefix):
            pytest.fail(f"emulator did not start: {line!r}")
        yield Emulator(proc, line[len(prefix):].strip(), str(ca))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
