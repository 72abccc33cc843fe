"""The CLI's BankID QR as a parent meets it: `skolbryggan login --qr` in a real terminal emulator
(tmux, 80 × 24), the screen captured with its colours and decoded by a real QR decoder (zxing-cpp)
as a light and as a dark terminal shows it; then the code turns, stays in place, and Ctrl-C clears
it. The emulator's BankID order stays pending, so the code is on screen as long as the test looks.
"""

import os
import re
import shutil
import subprocess
import time
import uuid

import pytest
import zxingcpp

GUARDIAN = "198001012387"  # the emulator's demo guardian (a real, non-demo login)

# xterm's 256-colour cube and grey ramp, enough for the colours a terminal may report.
_BASE16 = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
]


def _xterm256(n):
    if n < 16:
        return _BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
    v = 8 + (n - 232) * 10
    return v, v, v


def _grey(rgb):
    r, g, b = rgb
    return (299 * r + 587 * g + 114 * b) // 1000


THEMES = {
    # default foreground, default background
    "light": ((0, 0, 0), (255, 255, 255)),
    "dark": ((204, 204, 204), (0, 0, 0)),
}

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def parse_capture(text):
    """Cells of a `tmux capture-pane -e` capture: rows of (char, fg, bg), where a colour is None
    (the terminal's default) or an RGB triple."""
    rows = []
    for line in text.split("\n"):
        fg = bg = None
        cells = []
        pos = 0
        for m in SGR.finditer(line):
            for ch in line[pos:m.start()]:
                cells.append((ch, fg, bg))
            pos = m.end()
            params = [int(p) if p else 0 for p in re.split("[;:]", m.group(1) or "0")]
            i = 0
            while i < len(params):
                p = params[i]
                if p == 0:
                    fg = bg = None
                elif p in (38, 48) and i + 1 < len(params) and params[i + 1] == 5:
                    colour = _xterm256(params[i + 2])
                    fg, bg = (colour, bg) if p == 38 else (fg, colour)
                    i += 2
                elif p in (38, 48) and i + 1 < len(params) and params[i + 1] == 2:
                    colour = tuple(params[i + 2:i + 5])
                    fg, bg = (colour, bg) if p == 38 else (fg, colour)
                    i += 4
                elif p == 39:
                    fg = None
                elif p == 49:
                    bg = None
                elif 30 <= p <= 37:
                    fg = _BASE16[p - 30]
                elif 40 <= p <= 47:
                    bg = _BASE16[p - 40]
                elif 90 <= p <= 97:
                    fg = _BASE16[p - 90 + 8]
                elif 100 <= p <= 107:
                    bg = _BASE16[p - 100 + 8]
                i += 1
        for ch in line[pos:]:
            cells.append((ch, fg, bg))
        rows.append(cells)
    return rows


def bitmap(rows, theme, scale=6):
    """The screen as a greyscale picture: each cell one pixel wide and two high (its halves)."""
    default_fg, default_bg = THEMES[theme]
    width = max(len(r) for r in rows)
    halves = []
    for cells in rows:
        top, bottom = [], []
        for x in range(width):
            ch, fg, bg = cells[x] if x < len(cells) else (" ", None, None)
            f = _grey(fg or default_fg)
            b = _grey(bg or default_bg)
            upper, lower = {"▀": (f, b), "▄": (b, f), "█": (f, f)}.get(ch, (b, b))
            top.append(upper)
            bottom.append(lower)
        halves += [top, bottom]
    w, h = width * scale, len(halves) * scale
    pixels = bytearray(w * h)
    for y in range(h):
        row = halves[y // scale]
        for x in range(w):
            pixels[y * w + x] = row[x // scale]
    return memoryview(pixels).cast("B", (h, w))


def decode(rows, theme):
    return [r.text for r in zxingcpp.read_barcodes(bitmap(rows, theme))]


class Tmux:
    """One tmux server of our own (its own socket), one window of a fixed size."""

    def __init__(self, cols, rows):
        self.socket = f"skolbryggan-{uuid.uuid4().hex[:8]}"
        self.cols, self.rows = cols, rows

    def run(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=check, timeout=10)

    def start(self, env, argv):
        env_args = [a for k, v in env.items() for a in ("-e", f"{k}={v}")]
        # `; sleep` keeps the pane after the command ends, so its last screen can be read.
        command = " ".join(f"'{a}'" for a in argv) + "; echo exit=$?; sleep 30"
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "qr", "-x", str(self.cols),
                 "-y", str(self.rows), *env_args, command)

    def capture(self):
        return self.run("capture-pane", "-p", "-e", "-t", "qr").stdout

    def history_size(self):
        return int(self.run("display-message", "-p", "-t", "qr", "#{history_size}").stdout.strip())

    def wait_for(self, predicate, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.capture()
            if predicate(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"timed out; the screen was:\n{self.capture()}")

    def kill(self):
        self.run("kill-server", check=False)


@pytest.fixture()
def terminal():
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (.ci/run installs it)")
    made = []

    def make(cols=80, rows=24):
        t = Tmux(cols, rows)
        made.append(t)
        return t

    yield make
    for t in made:
        t.kill()


def _env(emulator, tmp_path):
    return {
        "SKOLBRYGGAN_EMULATOR": emulator.address,
        "SKOLBRYGGAN_EMULATOR_CA": emulator.ca_path,
        "SKOLBRYGGAN_DATA_DIR": str(tmp_path / "data"),
        "SKOLBRYGGAN_KEY_STORE": "file",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }


def _has_code(screen):
    return "▀" in screen or "▄" in screen


# Every platform with a QR login: Stockholm's BankID, SchoolSoft's through GrandID (which hands
# out the animated code as SVG frames, and asks for the personal number first), Vklass's through
# Göteborg's SAML IdP.
QR_LOGINS = {
    "stockholm": [],
    "schoolsoft": ["--platform", "schoolsoft", "--organisation", "procivitas", "--personal-number", "198001012387"],
    "vklass": ["--platform", "vklass", "--organisation", "189"],
}


@pytest.mark.parametrize("platform", sorted(QR_LOGINS))
def test_the_qr_in_an_80_by_24_terminal_scans_on_light_and_dark_turns_in_place_and_clears(
        cli_bin, emulator, terminal, tmp_path, platform):
    # The parent never signs: the order stays pending while the test looks at the screen.
    emulator.control("POST", "bankid", {"pendingPolls": 10_000, "userSignPolls": 1, "outcome": "ok"})
    t = terminal(80, 24)
    t.start(_env(emulator, tmp_path), [str(cli_bin), "login", *QR_LOGINS[platform], "--qr"])

    first = t.wait_for(lambda s: _has_code(s) and "Ctrl-C" in s)
    rows = parse_capture(first)
    codes = {theme: decode(rows, theme) for theme in THEMES}
    for theme, found in codes.items():
        assert len(found) == 1, f"{theme}: {found}\n{first}"
        assert found[0].startswith("bankid."), found
        assert len(found[0].split(".")) == 4, found
    assert codes["light"] == codes["dark"]
    text = SGR.sub("", first)
    assert "Scan the QR code with the BankID app" in text
    assert "Ctrl-C cancels" in text
    assert "waiting for the BankID" not in text, "the text must say to scan, not to wait for the app"

    # At most a line above the block (what was printed before it) has left the window; the
    # code's top never does.
    at_first = t.history_size()
    assert at_first <= 1, f"the first frame scrolled {at_first} lines"

    # The code turns (BankID's animated QR), twice, each frame drawn over the last one: nothing
    # scrolls and nothing goes to the terminal's history (tmux copies a screen cleared from its
    # top-left corner there).
    seen = codes["light"]
    for _ in range(2):
        later = t.wait_for(lambda s: _has_code(s) and decode(parse_capture(s), "light") not in ([], seen))
        seen = decode(parse_capture(later), "light")
        assert len(decode(parse_capture(later), "dark")) == 1
        assert t.history_size() == at_first, "a redraw scrolled the terminal"

    # Ctrl-C cancels: the code is gone from the screen and the command ends.
    t.run("send-keys", "-t", "qr", "C-c")
    done = t.wait_for(lambda s: "exit=" in s)
    assert not _has_code(done), done
    assert decode(parse_capture(done), "light") == []
    assert "exit=0" not in done, "a cancelled login must not report success"


def test_a_window_too_small_for_the_code_asks_for_a_larger_one(cli_bin, emulator, terminal, tmp_path):
    emulator.control("POST", "bankid", {"pendingPolls": 10_000, "userSignPolls": 1, "outcome": "ok"})
    t = terminal(60, 18)
    t.start(_env(emulator, tmp_path), [str(cli_bin), "login", "--qr"])
    screen = t.wait_for(lambda s: "larger" in SGR.sub("", s).lower())
    assert not _has_code(screen), "a code that does not fit cannot be scanned"
    t.run("send-keys", "-t", "qr", "C-c")
    t.wait_for(lambda s: "exit=" in s)
