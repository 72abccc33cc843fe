#!/usr/bin/env python3
"""Resolves the app's AndroidX dependencies as Gradle would and writes a flat, pinned list.

Plain Maven cannot resolve AndroidX: the libraries describe their Android artifacts in Gradle
module metadata (`.module` files: Kotlin Multiplatform roots point at `-android` / `-jvm`
artifacts, versions are aligned by constraints), which Maven does not read. This script reads
those files (downloaded by Maven itself, `mvn dependency:get …:module`, into the local
repository), picks each module's Android runtime variant, follows `available-at`, takes the
highest version any edge or constraint of a reached module asks for (Gradle's rule), and writes
`android/app/deps/dependencies.xml`: one `<dependency>` per artifact with its exact version,
its type (`aar` or `jar`) and a `*:*` exclusion, pasted into `android/app/pom.xml` between the
`generated dependencies` markers by `--write-pom`.

Run it only to change the roots or bump versions (the output is committed):

    python3 android/app/deps/resolve.py --write-pom
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
M2 = Path(os.environ.get("M2_REPO", Path.home() / ".m2" / "repository"))

# What the app uses directly (main) and what its Robolectric tests add (test).
MAIN_ROOTS = [
    "androidx.core:core-ktx:1.17.0",
    "androidx.activity:activity-compose:1.12.4",
    "androidx.work:work-runtime-ktx:2.11.2",
    "androidx.compose.material3:material3:1.4.0",
    "androidx.compose.foundation:foundation:1.11.4",
    "androidx.compose.ui:ui:1.11.4",
    "androidx.compose.material:material-icons-core:1.7.8",
    "androidx.browser:browser:1.8.0",
    "org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2",
]
TEST_ROOTS = [
    "androidx.work:work-testing:2.11.2",
]
# Provided by the app's pom itself (plain jars with usable Maven poms, or the framework).
SKIP = {
    "org.jetbrains.kotlin:kotlin-stdlib",
    "org.jetbrains.kotlin:kotlin-stdlib-jdk7",
    "org.jetbrains.kotlin:kotlin-stdlib-jdk8",
    "org.jetbrains.kotlin:kotlin-stdlib-common",
    "org.jetbrains:annotations",
    "junit:junit",
    "org.hamcrest:hamcrest-core",
    "org.hamcrest:hamcrest-library",
    "org.hamcrest:hamcrest",
}


def vkey(v: str):
    """A sort key for Maven-style versions: numbers numerically, qualifiers before releases."""
    parts = re.split(r"[.\-]", v)
    out = []
    for p in parts:
        if p.isdigit():
            out.append((2, int(p), ""))
        else:
            rank = {"alpha": 0, "beta": 0, "rc": 0}.get(re.sub(r"\d+$", "", p.lower()), 0)
            out.append((rank, 0, p))
    # A release (1.0) sorts above its pre-releases (1.0-rc01): pad with a release marker.
    out.append((1, 0, ""))
    return out


def module_path(g: str, a: str, v: str) -> Path:
    return M2 / g.replace(".", "/") / a / v / f"{a}-{v}.module"


def pom_path(g: str, a: str, v: str) -> Path:
    return M2 / g.replace(".", "/") / a / v / f"{a}-{v}.pom"


def mvn_get(coords: list[str], kind: str) -> bool:
    """Downloads the `kind` files (module or pom) of `coords` with Maven; False if one is missing."""
    deps = "".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version>"
        f"<type>{kind}</type><exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId>"
        f"</exclusion></exclusions></dependency>"
        for g, a, v in (c.split(":") for c in coords)
    )
    pom = (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        "<groupId>x</groupId><artifactId>resolve</artifactId><version>0</version>"
        f"<dependencies>{deps}</dependencies></project>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "pom.xml").write_text(pom)
        r = subprocess.run(["mvn", "-B", "-q", "-ntp", "dependency:resolve"], cwd=tmp, capture_output=True, text=True)
    return r.returncode == 0


def fetch(coords: list[str]) -> None:
    """Downloads the `.module` files of `coords` (g:a:v) that are not in the local repository,
    and the POM of those published without one (older AndroidX, androidx.test)."""
    missing = [c for c in coords if not module_path(*c.split(":")).exists() and not pom_path(*c.split(":")).exists()]
    if not missing or mvn_get(missing, "module"):
        return
    for c in missing:
        if module_path(*c.split(":")).exists() or mvn_get([c], "module"):
            continue
        if mvn_get([c], "pom"):
            continue
        g, a, v = c.split(":")
        for nv in later(v):
            if module_path(g, a, nv).exists() or mvn_get([f"{g}:{a}:{nv}"], "module"):
                BUMPED[c] = nv
                print(f"resolve: {c} is not served; taking {nv}", file=sys.stderr)
                break
        else:
            raise SystemExit(f"resolve: Maven Central has neither a module file nor a POM for {c}")


# Versions that Maven Central does not serve, and the next served one taken instead.
BUMPED: dict[str, str] = {}


def later(v: str) -> list[str]:
    """A few next versions to try for one that is not served: patches, then the next minors."""
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", v)
    if not m:
        return []
    x, y, z = map(int, m.groups())
    return [f"{x}.{y}.{z + i}" for i in range(1, 4)] + [f"{x}.{y + i}.0" for i in range(1, 4)]


def pom_meta(g: str, a: str, v: str) -> dict:
    """A POM-only artifact seen as module metadata with one runtime variant."""
    import xml.etree.ElementTree as ET
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    root = ET.parse(pom_path(g, a, v)).getroot()
    packaging = (root.findtext("m:packaging", default="jar", namespaces=ns) or "jar").strip()
    deps = []
    for d in root.findall("m:dependencies/m:dependency", ns):
        scope = (d.findtext("m:scope", default="compile", namespaces=ns) or "compile").strip()
        if scope not in ("compile", "runtime") or (d.findtext("m:optional", default="", namespaces=ns) or "").strip() == "true":
            continue
        ver = (d.findtext("m:version", default="", namespaces=ns) or "").strip().strip("[]")
        if not ver or "$" in ver:
            continue
        deps.append({"group": d.findtext("m:groupId", namespaces=ns).strip(),
                     "module": d.findtext("m:artifactId", namespaces=ns).strip(),
                     "version": {"requires": ver.split(",")[0]}})
    ext = "aar" if packaging == "aar" else "jar"
    files = [] if packaging == "pom" else [{"name": f"{a}-{v}.{ext}"}]  # a BOM has no file
    return {"variants": [{"attributes": {"org.gradle.usage": "java-runtime"},
                          "dependencies": deps, "files": files}]}


def read(g: str, a: str, v: str) -> dict:
    if module_path(g, a, v).exists():
        return json.loads(module_path(g, a, v).read_text())
    return pom_meta(g, a, v)


def runtime_variant(meta: dict) -> dict | None:
    """The variant an Android app takes at run time: Android first, then JVM."""
    def score(var: dict) -> int:
        at = var.get("attributes", {})
        if at.get("org.gradle.usage") != "java-runtime" or at.get("org.gradle.category", "library") != "library":
            return -1
        if at.get("org.gradle.docstype") or at.get("org.gradle.libraryelements") == "sources":
            return -1
        plat = at.get("org.jetbrains.kotlin.platform.type")
        if plat == "androidJvm" or at.get("org.gradle.libraryelements") == "aar":
            return 3
        if plat == "jvm" or (plat is None and at.get("org.gradle.jvm.environment") != "standard-jvm"):
            return 2
        if plat is None:
            return 1
        return -1
    best = sorted((v for v in meta.get("variants", []) if score(v) >= 0), key=score, reverse=True)
    return best[0] if best else None


def wanted(dep: dict) -> str | None:
    ver = dep.get("version") or {}
    return ver.get("strictly") or ver.get("requires") or ver.get("prefers")


def resolve(roots: list[str], pinned: dict[str, str] | None = None) -> dict[str, tuple[str, str, str]]:
    """Returns g:a (as requested) -> (artifact g:a, version, file type) for every module reached."""
    requested: dict[str, str] = {}
    for r in roots:
        g, a, v = r.split(":")
        requested[f"{g}:{a}"] = v
    for ga, v in (pinned or {}).items():
        if ga in requested and vkey(v) > vkey(requested[ga]):
            requested[ga] = v
    while True:
        seen: dict[str, str] = {}
        asks: dict[str, list[str]] = {k: [v] for k, v in requested.items()}
        constraints: dict[str, list[str]] = {}
        frontier = list(requested)
        result: dict[str, tuple[str, str, str]] = {}
        while frontier:
            at_fetch = {ga: max(asks[ga], key=vkey) for ga in frontier}
            fetch([f"{ga}:{v}" for ga, v in at_fetch.items()])
            nxt = []
            for ga in frontier:
                v = at_fetch[ga]
                if f"{ga}:{v}" in BUMPED:
                    v = BUMPED[f"{ga}:{v}"]
                    asks[ga].append(v)
                if seen.get(ga) == v:
                    continue
                seen[ga] = v
                g, a = ga.split(":")
                meta = read(g, a, v)
                var = runtime_variant(meta)
                if var is None:
                    raise SystemExit(f"resolve: no runtime variant in {ga}:{v}")
                at = var.get("available-at")
                if at:
                    target = f"{at['group']}:{at['module']}"
                    asks.setdefault(target, []).append(at["version"])
                    nxt.append(target)
                    result[ga] = ("", "", "")  # a root that only points elsewhere
                    continue
                files = var.get("files", [])
                kind = "aar" if any(f["name"].endswith(".aar") for f in files) else "jar"
                # A platform (BOM) has no file: its constraints count, it is no dependency.
                result[ga] = (ga, v, kind) if files else ("", "", "")
                for d in var.get("dependencies", []):
                    dga = f"{d['group']}:{d['module']}"
                    if dga in SKIP:
                        continue
                    w = wanted(d)
                    if w is None:
                        continue
                    asks.setdefault(dga, []).append(w)
                    nxt.append(dga)
                for c in var.get("dependencyConstraints", []):
                    w = wanted(c)
                    if w:
                        constraints.setdefault(f"{c['group']}:{c['module']}", []).append(w)
            # Constraints count for modules that are in the graph (Gradle's alignment).
            for ga, vs in constraints.items():
                if ga in asks:
                    top = max(vs, key=vkey)
                    if vkey(top) > vkey(max(asks[ga], key=vkey)):
                        asks[ga].append(top)
                        nxt.append(ga)
            frontier = sorted(set(n for n in list(nxt) + list(asks) if seen.get(n) != max(asks[n], key=vkey)))
        final = {ga: max(vs, key=vkey) for ga, vs in asks.items()}
        if final == seen:
            return {k: v for k, v in result.items() if v[0]}
        requested = {k: v for k, v in final.items() if k in requested}


def xml(entries: list[tuple[str, str, str]], scope: str | None) -> str:
    out = []
    for ga, v, kind in entries:
        g, a = ga.split(":")
        s = f"<scope>{scope}</scope>" if scope else ""
        t = "" if kind == "jar" else f"<type>{kind}</type>"
        out.append(
            f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version>{t}{s}"
            "<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>"
        )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-pom", action="store_true", help="also paste the list into android/app/pom.xml")
    args = ap.parse_args()
    main_deps = resolve(MAIN_ROOTS)
    main_pins = {ga: v for _, (ga, v, _) in main_deps.items()}
    test_deps = resolve(MAIN_ROOTS + TEST_ROOTS, main_pins)
    main_set = sorted(set(main_deps.values()))
    test_only = sorted(set(test_deps.values()) - set(main_set))
    clash = {ga for ga, _, _ in test_only} & {ga for ga, _, _ in main_set}
    if clash:
        raise SystemExit(f"resolve: the tests need other versions of {sorted(clash)}: raise the main roots")
    text = (
        "    <!-- generated dependencies: android/app/deps/resolve.py (do not edit by hand) -->\n"
        + xml(main_set, "provided")
        + "\n"
        + xml(test_only, "test")
        + "\n    <!-- end of generated dependencies -->"
    )
    (HERE / "dependencies.xml").write_text(text + "\n")
    print(f"resolve: {len(main_set)} main, {len(test_only)} test-only artifacts", file=sys.stderr)
    if args.write_pom:
        pom = HERE.parent / "pom.xml"
        src = pom.read_text()
        new, n = re.subn(
            r"    <!-- generated dependencies:.*?<!-- end of generated dependencies -->",
            lambda _: text,
            src,
            flags=re.S,
        )
        if n != 1:
            raise SystemExit("resolve: android/app/pom.xml has no generated-dependencies markers")
        pom.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
