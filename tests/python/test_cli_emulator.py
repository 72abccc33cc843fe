"""A person's path: start the emulator, log in with the CLI, sync, see the family — offline after."""

import json
import os
import pathlib
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GUARDIAN = "198001012387"  # the emulator's demo guardian (not a demo trigger)


@pytest.fixture()
def emulator(tmp_path):
    binary = pathlib.Path(os.environ.get("SKOLBRYGGAN_EMULATOR_BIN", ROOT / "target" / "debug" / "skolbryggan-emulator"))
    if not binary.exists():
        pytest.fail(f"{binary} not found: run `cargo build -p skolbryggan-emulator` first")
    ca = tmp_path / "ca.pem"
    proc = subprocess.Popen([str(binary), "--port", "0", "--ca-out", str(ca)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = proc.stdout.readline()
        assert "listening on" in line, line
        addr = line.strip().rsplit(" ", 1)[1]
        deadline = time.time() + 10
        while not ca.exists() and time.time() < deadline:
            time.sleep(0.05)
        yield addr, ca
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def cli(cli_bin, env, *args, check=True):
    result = subprocess.run([str(cli_bin), *args], env=env, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


def test_login_sync_show_against_the_emulator(cli_bin, emulator, tmp_path):
    addr, ca = emulator
    env = dict(os.environ, SKOLBRYGGAN_EMULATOR=addr, SKOLBRYGGAN_EMULATOR_CA=str(ca),
               SKOLBRYGGAN_DATA_DIR=str(tmp_path / "data"), SKOLBRYGGAN_KEY_STORE="file")
    login = cli(cli_bin, env, "login", "--personal-number", GUARDIAN)
    states = login.stderr
    assert "bankid:///?autostarttoken=" in states
    # The states arrive in order.
    order = [states.index(s) for s in ("waiting for the BankID", "the app is open", "identified", "logged in as")]
    assert order == sorted(order)

    sync = cli(cli_bin, env, "sync", "--all")
    assert "0 failed" in sync.stderr, sync.stderr

    children = json.loads(cli(cli_bin, env, "show", "children", "--json").stdout)
    family = json.loads(cli(cli_bin, env, "demo", "--json").stdout)["family"]
    stockholm = [c for c in family["children"] if c["platform"] == "stockholm"]
    assert sorted(c["firstName"] for c in children) == sorted(c["firstName"] for c in stockholm)

    # Offline: with the emulator unreachable the cached data is still shown.
    offline = dict(env, SKOLBRYGGAN_EMULATOR="127.0.0.1:9")
    week = cli(cli_bin, offline, "show", "week")
    assert stockholm[0]["firstName"] in week.stdout

    # A session that expired upstream: sync says so (exit 3) and keeps the data.
    subprocess.run(["curl", "-s", "--cacert", str(ca), "-X", "POST", f"https://localhost:{addr.rsplit(':', 1)[1]}/__control/sessions/expire"], check=False)
    expired = cli(cli_bin, env, "sync", "--force", check=False)
    assert expired.returncode == 3, expired.stderr
    assert "log in" in expired.stderr
    again = json.loads(cli(cli_bin, env, "show", "children", "--json").stdout)
    assert again == children


def test_a_key_store_that_does_not_keep_the_key_is_named_at_login_and_after(cli_bin, tmp_path):
    env = dict(os.environ, SKOLBRYGGAN_DATA_DIR=str(tmp_path / "data"))
    env.pop("SKOLBRYGGAN_KEY_STORE", None)
    env.pop("SKOLBRYGGAN_EMULATOR", None)

    # The hidden memory store keeps nothing between processes, like an OS keystore without a
    # usable session on a headless machine: login says so and points at --key-store file.
    login = cli(cli_bin, env, "--key-store", "memory", "login", "--platform", "demo", check=False)
    assert login.returncode == 7, login.stderr
    assert "did not keep the cache key" in login.stderr
    assert "--key-store file" in login.stderr
    assert "session is stored" not in login.stderr

    # With a store that keeps it: a login, then data.
    cli(cli_bin, env, "--key-store", "file", "login", "--platform", "demo")
    cli(cli_bin, env, "--key-store", "file", "sync", "--all")
    children = json.loads(cli(cli_bin, env, "--key-store", "file", "show", "children", "--json").stdout)
    assert children

    # A later command with a store that has no key: not "session expired", but the key.
    wrong = cli(cli_bin, env, "--key-store", "memory", "sync", check=False)
    assert wrong.returncode == 7, wrong.stderr
    assert "the key store has no key for this cache" in wrong.stderr
    assert "expired" not in wrong.stderr
    assert list((tmp_path / "data").glob("skolbryggan.db.orphaned-*"))

    # The right store again: the cache kept aside is back.
    again = json.loads(cli(cli_bin, env, "--key-store", "file", "show", "children", "--json").stdout)
    assert again == children


def test_infomentor_password_login_with_the_cli(cli_bin, emulator, tmp_path):
    """`login --platform infomentor --username U` with SKOLBRYGGAN_PASSWORD: the IM1 form."""
    addr, ca = emulator
    env = dict(os.environ, SKOLBRYGGAN_EMULATOR=addr, SKOLBRYGGAN_EMULATOR_CA=str(ca),
               SKOLBRYGGAN_DATA_DIR=str(tmp_path / "data"), SKOLBRYGGAN_KEY_STORE="file")
    username = "vardnadshavare@example.com"  # skolbryggan_emulator::IM1_USERNAME

    wrong = cli(cli_bin, dict(env, SKOLBRYGGAN_PASSWORD="fel"), "login", "--platform", "infomentor",
                "--username", username, check=False)
    assert wrong.returncode != 0
    assert "username or password is wrong" in wrong.stderr, wrong.stderr
    assert "fel" not in wrong.stderr.replace("failed", "")

    login = cli(cli_bin, dict(env, SKOLBRYGGAN_PASSWORD="Sommar2026!"), "login", "--platform", "infomentor",
                "--username", username)
    assert "logged in as" in login.stderr, login.stderr
    assert "Sommar2026!" not in login.stderr + login.stdout

    sync = cli(cli_bin, env, "sync", "--all")
    assert "0 failed" in sync.stderr, sync.stderr
    children = json.loads(cli(cli_bin, env, "show", "children", "--json").stdout)
    # The demo family's InfoMentor pupil and the second pupil the emulator's Hub adds.
    assert sorted(c["firstName"] for c in children if c["platform"] == "infomentor") == ["Bo", "Mira"]


def control(addr, ca, path):
    """A GET on the emulator's control API (its JSON)."""
    import ssl
    import urllib.request

    context = ssl.create_default_context(cafile=str(ca))
    with urllib.request.urlopen(f"https://{addr}/__control/{path}", context=context, timeout=10) as resp:
        return json.loads(resp.read())


def test_one_family_on_four_platforms_and_a_public_menu_with_the_cli(cli_bin, emulator, tmp_path):
    """`login --platform` four times (each login joins the family), `menu attach` for the
    InfoMentor child, one `sync`, one `show week` holding every child of every platform."""
    addr, ca = emulator
    env = dict(os.environ, SKOLBRYGGAN_EMULATOR=addr, SKOLBRYGGAN_EMULATOR_CA=str(ca),
               SKOLBRYGGAN_DATA_DIR=str(tmp_path / "data"), SKOLBRYGGAN_KEY_STORE="file")
    for args in (
        ("--platform", "stockholm", "--personal-number", GUARDIAN),
        ("--platform", "infomentor", "--personal-number", GUARDIAN),
        ("--platform", "schoolsoft", "--organisation", "procivitas", "--personal-number", GUARDIAN),
        ("--platform", "vklass", "--organisation", "189", "--qr"),
    ):
        login = cli(cli_bin, env, "login", *args)
        assert "logged in as" in login.stderr, login.stderr
    state = json.loads((tmp_path / "data" / "state.json").read_text())
    assert state["accounts"] == {state["current"]: ["stockholm", "infomentor", "schoolsoft", "vklass"]}

    cli(cli_bin, env, "sync")
    children = json.loads(cli(cli_bin, env, "show", "children", "--json").stdout)
    names = {}
    for c in children:
        names.setdefault(c["platform"], []).append(c["firstName"])
    demo = json.loads(cli(cli_bin, env, "demo", "--json").stdout)
    city = sorted(c["firstName"] for c in demo["family"]["children"] if c["platform"] == "stockholm")
    assert {p: sorted(n) for p, n in names.items()} == {
        "stockholm": city,
        "infomentor": ["Bo", "Mira"],
        "schoolsoft": ["Alva", "Bo"],
        "vklass": ["Alva", "Bo"],
    }

    # InfoMentor publishes no menu: the parent attaches Mira's school on skolmaten.se.
    mira = next(c for c in children if c["platform"] == "infomentor" and c["firstName"] == "Mira")
    hits = json.loads(cli(cli_bin, env, "menu", "search", "--service", "skolmaten", "skutehagens", "--json").stdout)
    assert [h["id"] for h in hits] == ["skutehagens-skolan"]
    cli(cli_bin, env, "menu", "attach", "--child", mira["id"], "--service", "skolmaten",
        "--school", "skutehagens-skolan", "--name", hits[0]["name"])

    # One sync of the week: every platform and the menu, nothing failed.
    sync = cli(cli_bin, env, "sync", "--force")
    assert " 0 failed" in sync.stderr, sync.stderr

    week = json.loads(cli(cli_bin, env, "show", "week", "--json").stdout)
    assert len(week["days"]) == 7
    ids = sorted(c["id"] for c in children)
    for day in week["days"]:
        assert sorted(c["childId"] for c in day["children"]) == ids, day["date"]
    rows = {(c["platform"], c["childName"], d["date"]): c for d in week["days"] for c in d["children"]}
    weekdays = [d["date"] for d in week["days"]][:5]
    for date in weekdays:
        # The public menu is Mira's lunch, as the emulated skolmaten.se serves it.
        dishes = control(addr, ca, f"menus/skutehagens-skolan/{date}")["dishes"]
        assert dishes and rows[("infomentor", "Mira", date)]["lunch"] == dishes, date
        # SchoolSoft's and Vklass's timetables (the emulators' fixed weeks).
        assert rows[("schoolsoft", "Alva", date)]["subjects"] == ["MATMAT01", "SOISOO0"]
        assert rows[("schoolsoft", "Bo", date)]["subjects"] == ["SVESVE01", "IDRIDR01"]
        assert rows[("vklass", "Alva", date)]["firstLesson"].startswith(f"{date}T08:00")
        assert rows[("vklass", "Bo", date)]["subjects"][:2] == ["Svenska", "Matematik"]
    tuesday = weekdays[1]
    assert rows[("vklass", "Bo", tuesday)]["subjects"] == ["Svenska", "Matematik", "Idrott och hälsa"]
    assert [e["title"] for e in rows[("schoolsoft", "Alva", weekdays[2])]["events"]] == ["Idrottsdag åk 7"]
    # The Stockholm children's days are the demo family's that the emulator serves.
    demo_rows = {(c["childName"], d["date"]): c for d in demo["week"]["days"] for c in d["children"]
                 if c["platform"] == "stockholm"}
    for name in city:
        for date in weekdays:
            got, want = rows[("stockholm", name, date)], demo_rows[(name, date)]
            assert (got.get("subjects"), got.get("lunch")) == (want.get("subjects"), want.get("lunch")), (name, date)
    assert any(rows[("stockholm", name, d)].get("subjects") for name in city for d in weekdays)

    # Signing out of Vklass keeps the other three platforms; the week still shows everyone.
    cli(cli_bin, env, "logout", "--platform", "vklass")
    state = json.loads((tmp_path / "data" / "state.json").read_text())
    assert state["accounts"][state["current"]] == ["stockholm", "infomentor", "schoolsoft"]
    again = cli(cli_bin, env, "sync", "--force")
    assert " 0 failed" in again.stderr, again.stderr
    assert "vklass" not in again.stderr
    after = json.loads(cli(cli_bin, env, "show", "week", "--json").stdout)
    assert sorted(c["childId"] for c in after["days"][0]["children"]) == ids
