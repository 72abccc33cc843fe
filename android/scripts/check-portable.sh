#!/usr/bin/env bash
# The ui module must compile for Android and for the JVM screenshot tests alike: only the shared
# androidx.compose.* API. Fails on Android-only API (R, LocalContext, android.*, dynamic colour)
# and on desktop-only API (ImageComposeScene, Skia, windows, desktop font loaders) in its main code.
set -euo pipefail
cd "$(dirname "$0")/../ui/src/main"
pattern='(^|[^A-Za-z_.])R\.(string|drawable|color|id|font|plurals|raw|mipmap|dimen)\b|LocalContext|^import android\.|dynamic(Light|Dark)?ColorScheme|ImageComposeScene|org\.jetbrains\.skia|org\.jetbrains\.skiko|androidx\.compose\.ui\.window|androidx\.compose\.ui\.awt|androidx\.compose\.ui\.text\.platform\.Font|java\.awt|javax\.swing|stringResource|painterResource'
if grep -rnE "$pattern" --include='*.kt' . ; then
    echo "check-portable: the lines above use platform-only API in android/ui (see android/README.md)" >&2
    exit 1
fi
echo "check-portable: android/ui uses only the shared Compose API ($(find . -name '*.kt' | wc -l) files)"
