#!/usr/bin/env python3
"""The apps' string catalog (l10n/strings/<tag>.json) → checked, then generated for the apps.

    python3 l10n/generate.py           # check the catalog and (re)write the generated files
    python3 l10n/generate.py --check   # check the catalog and that the generated files are current (CI)

Catalog rules (each is checked; any failure exits with status 1 and names language and key):
- l10n/languages.json lists the languages; its "source" (Swedish) defines the keys.
- Every language has exactly the source's keys, none empty.
- Placeholders are `{name}`; every translation uses exactly the source's placeholders.
- A count is an ICU plural covering the whole message, `{count, plural, one {# …} other {# …}}`;
  each language gives every plural category CLDR defines for it (via Babel's CLDR data) plus
  `other`, and no category it does not have.

Generated (committed, so neither app build needs Python):
- android/ui/src/main/kotlin/se/skolbryggan/ui/l10n/Strings.kt — typed accessors (`appName`,
  `bannerStale(time)`, `homeUnreadNews(count)`), `Language`, and the CLDR plural rule per language.
- android/ui/src/main/kotlin/se/skolbryggan/ui/l10n/Catalog<Tag>.kt — one table per language.
- android/app/src/main/res/values[-b+<tag>]/strings.xml — Android string and plural resources
  (for what the Android layer shows itself: notification channels, the launcher label).
The iOS app reads l10n/strings/*.json directly.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from babel import Locale
from babel.plural import PluralRule, _Compiler

ROOT = Path(__file__).resolve().parent.parent
L10N = ROOT / "l10n"
KOTLIN_DIR = ROOT / "android/ui/src/main/kotlin/se/skolbryggan/ui/l10n"
RES_DIR = ROOT / "android/app/src/main/res"
CATEGORIES = ["zero", "one", "two", "few", "many", "other"]
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLURAL = re.compile(r"^\{(?P<var>[a-z_]+), plural,(?P<body>.*)\}$", re.S)
PLURAL_CASE = re.compile(r"\s*(zero|one|two|few|many|other)\s*\{([^{}]*(?:\{[a-z_]+\}[^{}]*)*)\}")


class CatalogError(Exception):
    pass


def parse_plural(text: str) -> tuple[str, dict[str, str]] | None:
    """`{count, plural, one {…} other {…}}` → ("count", {"one": "…", "other": "…"}); None if plain."""
    m = PLURAL.match(text.strip())
    if not m:
        return None
    body, cases, pos = m.group("body"), {}, 0
    while pos < len(body.rstrip()):
        c = PLURAL_CASE.match(body, pos)
        if not c:
            raise CatalogError(f"unreadable plural near {body[pos:pos + 20]!r}")
        if c.group(1) in cases:
            raise CatalogError(f"plural category {c.group(1)} twice")
        cases[c.group(1)] = c.group(2)
        pos = c.end()
    return m.group("var"), cases


def placeholders(text: str) -> list[str]:
    seen: list[str] = []
    for name in PLACEHOLDER.findall(text):
        if name not in seen:
            seen.append(name)
    return seen


def cldr_categories(tag: str) -> set[str]:
    return set(Locale.parse(tag).plural_form.tags) | {"other"}


class KotlinRule(_Compiler):
    """A CLDR plural rule as a Kotlin expression over an integer count `n` (v = f = t = e = 0)."""

    compile_n = lambda self: "n"  # noqa: E731
    compile_i = lambda self: "n"  # noqa: E731
    compile_v = compile_w = compile_f = compile_t = compile_c = compile_e = lambda self: "0L"  # noqa: E731
    compile_value = lambda self, v: f"{v}L"  # noqa: E731

    def compile_relation(self, method, expr, range_list):
        x = self.compile(expr)
        parts = []
        for lo, hi in range_list[1]:
            lo_s, hi_s = self.compile(lo), self.compile(hi)
            parts.append(f"{x} == {lo_s}" if lo_s == hi_s else f"{x} in {lo_s}..{hi_s}")
        return "(" + " || ".join(parts) + ")"


def kotlin_rule(tag: str) -> str:
    rule = Locale.parse(tag).plural_form
    if not rule.abstract:
        return f"{CATEGORIES.index('other')}"
    branches = [f"{KotlinRule().compile(ast)} -> {CATEGORIES.index(cat)}" for cat, ast in rule.abstract]
    return "when {\n" + "".join(f"        {b}\n" for b in branches) + f"        else -> {CATEGORIES.index('other')}\n    }}"


def load() -> tuple[dict, dict[str, dict[str, str]]]:
    langs = json.loads((L10N / "languages.json").read_text(encoding="utf-8"))
    tables = {}
    for lang in langs["languages"]:
        path = L10N / "strings" / f"{lang['tag']}.json"
        if not path.exists():
            raise CatalogError(f"{lang['tag']}: missing file {path.relative_to(ROOT)}")
        tables[lang["tag"]] = json.loads(path.read_text(encoding="utf-8"))
    listed = {lang["tag"] for lang in langs["languages"]}
    for path in (L10N / "strings").glob("*.json"):
        if path.stem not in listed:
            raise CatalogError(f"{path.name}: not listed in languages.json")
    return langs, tables


def check(langs: dict, tables: dict[str, dict[str, str]]) -> list[str]:
    errors = []
    source = tables[langs["source"]]
    for tag, table in tables.items():
        for key in source:
            if key not in table:
                errors.append(f"{tag}: missing key {key}")
        for key in table:
            if key not in source:
                errors.append(f"{tag}: key {key} is not in the source language")
        for key, text in table.items():
            if key not in source:
                continue
            if not text.strip():
                errors.append(f"{tag}: {key} is empty")
                continue
            try:
                src_plural, plural = parse_plural(source[key]), parse_plural(text)
            except CatalogError as e:
                errors.append(f"{tag}: {key}: {e}")
                continue
            if (src_plural is None) != (plural is None):
                errors.append(f"{tag}: {key} must {'' if src_plural else 'not '}be a plural")
                continue
            if plural is None:
                if sorted(placeholders(text)) != sorted(placeholders(source[key])):
                    errors.append(f"{tag}: {key} has placeholders {placeholders(text)}, source {placeholders(source[key])}")
                continue
            var, cases = plural
            if var != src_plural[0]:
                errors.append(f"{tag}: {key} counts {var}, source counts {src_plural[0]}")
            need = cldr_categories(tag)
            for cat in sorted(need - cases.keys()):
                errors.append(f"{tag}: {key} lacks plural category {cat}")
            for cat in sorted(cases.keys() - need):
                errors.append(f"{tag}: {key} has plural category {cat}, which {tag} does not use")
            src_ph = sorted(p for c in src_plural[1].values() for p in placeholders(c))
            for cat, case in cases.items():
                if sorted(set(placeholders(case))) != sorted(set(src_ph)):
                    errors.append(f"{tag}: {key} [{cat}] has placeholders {placeholders(case)}")
    return errors


def camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(p.capitalize() for p in rest)


def kstr(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("\n", "\\n") + '"'


def class_name(tag: str) -> str:
    return "".join(p.capitalize() for p in re.split(r"[-_]", tag))


HEADER = "// Generated by l10n/generate.py from l10n/strings/*.json. Do not edit: edit the catalog and rerun.\n"


def kotlin_files(langs: dict, tables: dict[str, dict[str, str]]) -> dict[Path, str]:
    source = tables[langs["source"]]
    keys = list(source)
    plain = [k for k in keys if parse_plural(source[k]) is None]
    plurals = [k for k in keys if parse_plural(source[k]) is not None]
    out = [HEADER, "package se.skolbryggan.ui.l10n\n\n"]
    out.append("/** A language of the app's catalog: BCP 47 tag, its own name, and its writing direction. */\n")
    out.append("enum class Language(val tag: String, val nativeName: String, val rightToLeft: Boolean) {\n")
    for lang in langs["languages"]:
        out.append(f"    /** {lang['name']} */\n    {class_name(lang['tag'])}({kstr(lang['tag'])}, {kstr(lang['name'])}, {str(lang['rtl']).lower()}),\n")
    out.append("    ;\n\n    companion object {\n")
    out.append("        /** The language for [tag] (\"ar\", \"sv-SE\"), or null when the catalog lacks it. */\n")
    out.append("        fun forTag(tag: String): Language? {\n")
    out.append("            val base = tag.lowercase().replace('_', '-')\n")
    out.append("            return entries.firstOrNull { it.tag == base } ?: entries.firstOrNull { base.startsWith(it.tag + \"-\") }\n")
    out.append("        }\n    }\n}\n\n")
    out.append("/** Every string the app shows itself, in one language. Upstream text never passes through here. */\n")
    out.append("class Strings internal constructor(\n    /** The language of these strings. */\n    val language: Language,\n")
    out.append("    private val text: Array<String>,\n    private val plurals: Array<Array<String?>>,\n")
    out.append("    private val category: (Long) -> Int,\n) {\n")
    for i, k in enumerate(plain):
        params = placeholders(source[k])
        doc = source[k].replace("*/", "* /")
        if params:
            sig = ", ".join(f"{camel(p)}: String" for p in params)
            fills = ", ".join(f"{kstr(p)} to {camel(p)}" for p in params)
            out.append(f"    /** \"{doc}\" */\n    fun {camel(k)}({sig}): String = fill(text[{i}], {fills})\n")
        else:
            out.append(f"    /** \"{doc}\" */\n    val {camel(k)}: String get() = text[{i}]\n")
    for i, k in enumerate(plurals):
        var, cases = parse_plural(source[k])
        extra = [p for p in placeholders(" ".join(cases.values()))]
        sig = ", ".join([f"{camel(var)}: Int"] + [f"{camel(p)}: String" for p in extra])
        fills = "".join(f", {kstr(p)} to {camel(p)}" for p in extra)
        doc = source[k].replace("*/", "* /")
        out.append(f"    /** \"{doc}\" */\n    fun {camel(k)}({sig}): String = plural({i}, {camel(var)}{fills})\n")
    out.append("""
    private fun fill(template: String, vararg values: Pair<String, String>): String =
        values.fold(template) { acc, (name, value) -> acc.replace("{$name}", value) }

    private fun plural(index: Int, count: Int, vararg values: Pair<String, String>): String {
        val forms = plurals[index]
        val form = forms[category(count.toLong())] ?: forms[OTHER] ?: ""
        return fill(form.replace("#", count.toString()), *values)
    }

    companion object {
        private const val OTHER = 5

        /** The strings of [language]. */
        fun of(language: Language): Strings = when (language) {
""")
    for lang in langs["languages"]:
        c = class_name(lang["tag"])
        out.append(f"            Language.{c} -> Strings(language, Catalog{c}.text, Catalog{c}.plurals, Catalog{c}::category)\n")
    out.append("        }\n    }\n}\n")
    files = {KOTLIN_DIR / "Strings.kt": "".join(out)}
    for lang in langs["languages"]:
        tag, c = lang["tag"], class_name(lang["tag"])
        table = tables[tag]
        body = [HEADER, "package se.skolbryggan.ui.l10n\n\n", f"/** {lang['name']} ({tag}). */\n", f"internal object Catalog{c} {{\n"]
        body.append("    val text: Array<String> = arrayOf(\n")
        body.extend(f"        {kstr(table[k])},\n" for k in plain)
        body.append("    )\n\n    val plurals: Array<Array<String?>> = arrayOf(\n")
        for k in plurals:
            _, cases = parse_plural(table[k])
            forms = ", ".join(kstr(cases[cat]) if cat in cases else "null" for cat in CATEGORIES)
            body.append(f"        arrayOf({forms}),\n")
        body.append("    )\n\n")
        body.append(f"    /** CLDR plural category of an integer count (index into zero, one, two, few, many, other). */\n")
        body.append(f"    fun category(n: Long): Int = {kotlin_rule(tag)}\n}}\n")
        files[KOTLIN_DIR / f"Catalog{c}.kt"] = "".join(body)
    return files


def android_files(langs: dict, tables: dict[str, dict[str, str]]) -> dict[Path, str]:
    files = {}
    for lang in langs["languages"]:
        tag = lang["tag"]
        folder = "values" if tag == langs["source"] else f"values-b+{tag.replace('-', '+')}"
        lines = ['<?xml version="1.0" encoding="utf-8"?>\n', "<!-- " + HEADER.strip()[3:] + " -->\n", "<resources>\n"]
        for key, text in tables[tag].items():
            plural = parse_plural(text)
            if plural is None:
                lines.append(f'    <string name="{key}">{android_text(text, placeholders(tables[langs["source"]][key]))}</string>\n')
            else:
                var, cases = plural
                lines.append(f'    <plurals name="{key}">\n')
                for cat in CATEGORIES:
                    if cat in cases:
                        lines.append(f'        <item quantity="{cat}">{android_text(cases[cat].replace("#", "{" + var + "}"), [var], number=var)}</item>\n')
                lines.append("    </plurals>\n")
        lines.append("</resources>\n")
        files[RES_DIR / folder / "strings.xml"] = "".join(lines)
    return files


def android_text(text: str, order: list[str], number: str | None = None) -> str:
    out = xml_escape(text).replace("'", "\\'").replace('"', '\\"')
    if out.startswith("@") or out.startswith("?"):
        out = "\\" + out
    for i, name in enumerate(order, start=1):
        out = out.replace("{" + name + "}", f"%{i}$" + ("d" if name == number else "s"))
    return out


def main() -> int:
    check_only = "--check" in sys.argv[1:]
    try:
        langs, tables = load()
        errors = check(langs, tables)
    except (CatalogError, json.JSONDecodeError) as e:
        errors = [str(e)]
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"l10n: {len(errors)} problem(s) in the catalog", file=sys.stderr)
        return 1
    files = {**kotlin_files(langs, tables), **android_files(langs, tables)}
    stale = [p for p, content in files.items() if not p.exists() or p.read_text(encoding="utf-8") != content]
    if check_only:
        if stale:
            print("l10n: generated files are out of date; run python3 l10n/generate.py:", file=sys.stderr)
            print("\n".join(f"  {p.relative_to(ROOT)}" for p in stale), file=sys.stderr)
            return 1
        print(f"l10n: {len(tables)} languages × {len(tables[langs['source']])} keys, generated files current")
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
    print(f"l10n: {len(tables)} languages × {len(tables[langs['source']])} keys; wrote {len(stale)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
