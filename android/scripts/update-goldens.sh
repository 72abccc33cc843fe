#!/usr/bin/env bash
# Re-renders every screen in its four variants into android/ui/src/test/goldens and rewrites the
# contact sheet android/screenshots/contact-sheet.png. Look at the changed PNGs before committing.
set -euo pipefail
cd "$(dirname "$0")/../ui"
mvn -B -ntp -q -Dkotlin.compiler.daemon=false test -Dtest=ScreenshotTest -Dgoldens.update=true
echo "goldens: $(ls src/test/goldens | wc -l) PNGs; contact sheet: android/screenshots/contact-sheet.png"
