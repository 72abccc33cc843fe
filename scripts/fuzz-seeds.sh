#!/usr/bin/env bash
# Writes the seed corpus of one fuzz target into fuzz/corpus/<target>/ from the test fixtures
# (core/tests/fixtures/**), at run time: the fixtures are never committed twice.
#
# Every target's input is one selector byte and a text (fuzz/src/lib.rs), so a fixture becomes
# one seed per selector value 0..PREFIXES-1, PREFIXES a little over the length of the target's
# table (a table that outgrows it is still fuzzed: libFuzzer mutates the first byte too). Fixtures are routed by place: core/tests/fixtures/<platform>/*
# and core/tests/fixtures/constructed/<platform>-* seed endpoints_<platform>.
#
# Usage: bash scripts/fuzz-seeds.sh <target>
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURES=core/tests/fixtures
target=${1:?usage: fuzz-seeds.sh <target>}
out=fuzz/corpus/$target
mkdir -p "$out"
PREFIXES=1

# seed NAME FILE...: one seed per selector byte, the files' contents (in order) after it.
seed() {
    local name=$1 i
    shift
    for ((i = 0; i < PREFIXES; i++)); do
        { printf "$(printf '\\x%02x' "$i")"; cat "$@"; } > "$out/seed-$name-$i"
    done
}

# seed_text NAME TEXT: like seed, for a literal text.
seed_text() {
    local tmp
    tmp=$(mktemp)
    printf '%b' "$2" > "$tmp"
    seed "$1" "$tmp"
    rm -f "$tmp"
}

html_fixtures() { find "$FIXTURES" -type f -name '*.html' | sort; }
all_fixtures() { find "$FIXTURES" -type f ! -name '*.md' | sort; }

case "$target" in
endpoints_*)
    PREFIXES=32 # the longest endpoint list has 17 names
    platform=${target#endpoints_}
    shopt -s nullglob
    files=("$FIXTURES/$platform"/* "$FIXTURES/constructed/$platform"-*)
    if (( ${#files[@]} == 0 )); then
        echo "fuzz-seeds: no fixtures for $platform under $FIXTURES" >&2
        exit 1
    fi
    for f in "${files[@]}"; do seed "$(basename "$f")" "$f"; done
    ;;
html_to_markdown)
    PREFIXES=8 # fuzz/src/markdown.rs: BASES
    while read -r f; do seed "$(basename "$f")" "$f"; done < <(html_fixtures)
    # News bodies arrive inside JSON: a few fragments of the shapes they take.
    seed_text table '<table><tr><th>Dag</th></tr><tr><td><b>M\xc3\xa5n</b><br>Fisk</td></tr></table>'
    seed_text lists '<ul><li>a<ol><li><a href="/x?y=1">l\xc3\xa4nk</a></li></ol></li></ul><p>&nbsp;</p>'
    seed_text pre '<pre>  kod\n  rad</pre><img src="bild.png" alt="Bild"><blockquote>citat</blockquote>'
    ;;
login_pages)
    PREFIXES=16 # fuzz/src/login_pages.rs: SCANNERS
    while read -r f; do seed "$(basename "$f")" "$f"; done < <(all_fixtures)
    idp=$(mktemp)
    printf 'https://sso.infomentor.se/login.ashx?idp=stockholm\n' > "$idp"
    while read -r f; do seed "url-$(basename "$f")" "$idp" "$f"; done < <(html_fixtures)
    rm -f "$idp"
    seed_text saml 'SAMLResponse\n<form method=post action="https://x/acs"><input type=hidden name="SAMLResponse" value="PHNhbWw+"></form>'
    seed_text startpage 'startpage\nhttps://sso.infomentor.se/login.ashx?startpage=aHR0cHM6Ly9odWIuaW5mb21lbnRvci5zZS8%3D#x'
    seed_text resolve 'https://sso.infomentor.se/a/b?c=d\n../e?f=g'
    seed_text b64 'aHR0cHM6Ly9odWIuaW5mb21lbnRvci5zZS8='
    seed_text freja 'frejaeid://bindUserToTransaction?transactionReference=abc&x=1'
    for state in STARTED DELIVERED_TO_MOBILE APPROVED PENDING USER_SIGN OK CANCELLED; do
        seed_text "state-$state" "$state\n"
    done
    ;;
sso_walk)
    PREFIXES=1 # the selector byte is unused
    sep=$(mktemp)
    printf '\0' > "$sep"
    url=$(mktemp)
    printf 'https://sso.infomentor.se/login.ashx?idp=stockholm\n' > "$url"
    while read -r f; do seed "$(basename "$f")" "$url" "$f"; done < <(html_fixtures)
    mapfile -t pages < <(html_fixtures)
    chain=()
    for f in "${pages[@]}"; do chain+=("$url" "$f" "$sep"); done
    ok=$(mktemp)
    printf 'OK\0' > "$ok"
    seed chain "${chain[@]}" "$ok" "${chain[@]}"
    rm -f "$sep" "$url" "$ok"
    ;;
cookie_jar)
    PREFIXES=12 # fuzz/src/cookie_jar.rs: the registry's hosts and the loopback
    seed_text sso 'SMSESSION=abc123; path=/; domain=.stockholm.se; Secure; HttpOnly\nStatus=GR; path=/'
    seed_text hostonly 'ASP.NET_SessionId=s24; path=/api; HttpOnly; SameSite=Lax\nA=1; Max-Age=3600'
    seed_text expires 'X=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT\nY=2; expires=Thu, 01 Jan 2099 00:00:00 GMT; path=/vardnadshavare'
    seed_text attrs '.ASPXAUTH=v; domain=hub.infomentor.se; path=/; secure; samesite=none\n__RequestVerificationToken=t; Path=/Login'
    seed_text odd '=\n;\nname=\x22quoted\x22; Domain=.se\nZ=; Max-Age=0'
    ;;
*)
    echo "fuzz-seeds: no seeds for target $target" >&2
    exit 1
    ;;
esac
echo "seeds for $target: $(find "$out" -type f | wc -l) inputs in $out"
