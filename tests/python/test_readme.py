"""The quick starts of bindings/README.md run as written.

The Python snippet is run here, against the installed wheel, and must print one line per demo
child. The Kotlin and Swift snippets must be, character for character, the code the Kotlin and
Swift suites run (QuickStart.kt, QuickStartTests.swift), so a README edit that breaks them fails
there.
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = (ROOT / "bindings" / "README.md").read_text(encoding="utf-8")


def snippet(heading, lang):
    m = re.search(r"### " + heading + r"\n\n```" + lang + r"\n(.*?)```", README, re.S)
    assert m, f"bindings/README.md has a {heading} quick start"
    return m.group(1)


def test_the_readme_opens_with_a_quick_start_per_language():
    sections = [h for h in re.findall(r"^##+ (.+)$", README, re.M)]
    start = sections.index("Quick start")
    assert sections[start + 1 : start + 4] == ["Python", "Kotlin", "Swift"]
    assert start == 0, "the quick start is the first section"


def test_the_python_quick_start_runs_as_written(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", snippet("Python", "python")],
        cwd=tmp_path,  # never the source tree: the installed wheel is imported
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == 5, out.stdout  # the demo family's five children
    assert all(line.split()[0].isalpha() for line in lines), out.stdout


def test_the_kotlin_quick_start_is_the_code_the_kotlin_suite_runs():
    path = ROOT / "tests/kotlin/src/test/kotlin/se/skolbryggan/quickstart/QuickStart.kt"
    code = path.read_text(encoding="utf-8").split("package se.skolbryggan.quickstart\n\n", 1)[1]
    assert code == snippet("Kotlin", "kotlin")


def test_the_swift_quick_start_is_the_code_the_swift_suite_runs():
    path = ROOT / "tests/swift/Tests/SkolbrygganTests/QuickStartTests.swift"
    text = path.read_text(encoding="utf-8")
    code = text.split("// BEGIN QUICK START\n", 1)[1].split("// END QUICK START\n", 1)[0]
    assert code == snippet("Swift", "swift")
