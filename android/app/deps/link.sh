#!/usr/bin/env bash
# Turns the downloaded AARs into what a JVM build needs (called by pom.xml, generate-sources):
#   aar-classes.jar  every AAR's classes.jar (and libs/*.jar) merged into one jar;
#   r.jar            R classes for the app and every AAR package, linked by aapt2;
#   res.apk          the linked resources, and config/com/android/tools/test_config.properties
#                    which tells Robolectric where they and the manifest are.
# aapt2 is Debian's (package `aapt`, old): it links only against API 31's framework
# (android-all 12-robolectric), so the app's resources use nothing newer than API 31.
# Usage: link.sh <aar dir holding files/*.aar and android-link.jar> <src/main>
set -euo pipefail
AAR=$1
MAIN=$(cd "$2" && pwd)
stamp=$AAR/linked.stamp
if [[ -f $stamp && -z $(find "$AAR/files" "$MAIN/res" "$MAIN/AndroidManifest.xml" -newer "$stamp" -print -quit) ]]; then
    echo "link.sh: up to date"; exit 0
fi
rm -rf "$AAR/x" "$AAR/merged" "$AAR/compiled" "$AAR/rsrc" "$AAR/rclasses" "$AAR/config"
mkdir -p "$AAR/x" "$AAR/merged" "$AAR/compiled" "$AAR/rsrc" "$AAR/rclasses" "$AAR/config/com/android/tools"
packages=()
overlays=()
for f in "$AAR"/files/*.aar; do
    n=$(basename "$f" .aar)
    d=$AAR/x/$n
    mkdir -p "$d"
    unzip -q -o "$f" -d "$d"
    for j in "$d"/classes.jar "$d"/libs/*.jar; do
        if [[ -f $j ]]; then unzip -qq -o "$j" -d "$AAR/merged" >/dev/null; fi
    done
    pkg=$(sed -n 's/.*package="\([^"]*\)".*/\1/p' "$d/AndroidManifest.xml" | head -1)
    if [[ -n $pkg ]]; then packages+=("$pkg"); fi
    if [[ -d $d/res ]] && [[ -n $(ls -A "$d/res") ]]; then
        aapt2 compile --dir "$d/res" -o "$AAR/compiled/$n.zip"
        overlays+=(-R "$AAR/compiled/$n.zip")
    fi
done
(cd "$AAR/merged" && jar cf "$AAR/aar-classes.jar" .)
rm -rf "$AAR/merged/META-INF/"*.SF "$AAR/merged/META-INF/"*.RSA "$AAR/merged/META-INF/MANIFEST.MF"
aapt2 compile --dir "$MAIN/res" -o "$AAR/compiled/app.zip"
# This aapt2 predates <queries> (API 30): link a copy without it (Robolectric needs none).
manifest=$AAR/AndroidManifest.xml
python3 -c 'import re,sys; s=open(sys.argv[1]).read(); open(sys.argv[2],"w").write(re.sub(r"\s*<queries>.*?</queries>", "", s, flags=re.S))' "$MAIN/AndroidManifest.xml" "$manifest"
extra=$(printf '%s\n' "${packages[@]}" | sort -u | grep -vx 'se.skolbryggan.app' | paste -sd: -)
aapt2 link -I "$AAR/android-link.jar" --manifest "$manifest" -o "$AAR/res.apk" \
    --java "$AAR/rsrc" --extra-packages "$extra" --auto-add-overlay "${overlays[@]}" -R "$AAR/compiled/app.zip" \
    --min-sdk-version 26 --target-sdk-version 31
find "$AAR/rsrc" -name '*.java' > "$AAR/rsrc.list"
javac -nowarn -d "$AAR/rclasses" @"$AAR/rsrc.list"
(cd "$AAR/rclasses" && jar cf "$AAR/r.jar" .)
cat > "$AAR/config/com/android/tools/test_config.properties" <<PROPS
android_merged_manifest=$manifest
android_resource_apk=$AAR/res.apk
android_custom_package=se.skolbryggan.app
PROPS
touch "$stamp"
echo "link.sh: ${#packages[@]} AARs, R for $(echo "$extra" | tr ':' '\n' | wc -l) packages + se.skolbryggan.app"
