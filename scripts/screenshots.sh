#!/usr/bin/env bash
# Takes the README's screenshots: home, the comparison, the duty matrix, a duty page,
# a ladder, a level page, the career ladders (/ladders/), two levels compared, a job description, the self-assessment,
# search results and the German comparison, home, a duty, a level page and an interview guide, the reader pages (interview guide, a dimension, a role, the roles,
# releases, glossary, 404), on a laptop (1280 px) and a phone (390 px), in light and dark
# mode, into docs/screenshots/; and the theme's components (themes/handbook/README.md)
# into docs/screenshots/components/.
# Needs Go and Debian's chromium (apt-get install chromium). Rerun after a design change.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local
command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install chromium" >&2; exit 1; }

port=1377
out=docs/screenshots
site=$(mktemp -d)
profile=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$site" "$profile"' EXIT

go run ./generator build --out "$site/public" --base-url "http://127.0.0.1:$port/"
(cd "$site/public" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done

shoot() { # name path width height scheme
  local dark=()
  [ "$5" = dark ] && dark=(--force-dark-mode --blink-settings=preferredColorScheme=0)
  [ "$5" = light ] && dark=(--blink-settings=preferredColorScheme=1)
  chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$3,$4" "${dark[@]}" \
    --virtual-time-budget=2000 --screenshot="$out/$1.png" "http://127.0.0.1:$port$2" >/dev/null 2>&1
  echo "$out/$1.png"
}
mkdir -p "$out" "$out/components"
rm -f "$out"/*.png "$out"/components/*.png
for scheme in light dark; do
  for page in "home /" "compare /compare/" "duty /duties/backlog-creation/" "duties /duties/" \
    "ladder /ladders/product-management/" "level /ladders/product-management/senior-product-manager/" \
    "ladders /ladders/" "level-pair /ladders/product-management/compare/product-manager-to-senior-product-manager/" \
    "job /ladders/product-management/senior-product-manager/job/" \
    "self-assessment /self-assessment/" "search /search/?q=backlog" "compare-de /de/compare/" \
    "interview-guide /ladders/product-ownership/product-owner/interview/" "dimension /compare/decision-rights/" \
    "role /roles/product-owner/" "roles /roles/" "releases /releases/" "glossary /glossary/" "notfound /404.html" \
    "home-de /de/" "duty-de /de/duties/backlog-creation/" "level-de /de/ladders/product-management/senior-product-manager/" \
    "interview-guide-de /de/ladders/product-ownership/product-owner/interview/"; do
    set -- $page
    shoot "$1-desktop-$scheme" "$2" 1280 900 "$scheme"
    shoot "$1-phone-$scheme" "$2" 390 844 "$scheme"
  done
done
# Components: the top of a page, in a window just tall enough for the component (a URL's fragment
# leaves headless Chromium's screenshot blank, so there is none).
shoot components/header-desktop / 1280 120 light
shoot components/header-phone / 390 120 light
shoot components/matrix-badges /duties/ 1280 900 light
shoot components/level-cards /ladders/product-management/ 1280 3000 light
shoot components/role-cells /duties/backlog-creation/ 1280 420 light
shoot components/buttons /ladders/product-management/senior-product-manager/ 1280 620 light
# A level page as printed (at most two sheets), one PNG per sheet; needs poppler-utils for pdftoppm.
if command -v pdftoppm >/dev/null; then
  chromium --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" --no-pdf-header-footer \
    --print-to-pdf="$site/level.pdf" "http://127.0.0.1:$port/ladders/product-management/senior-product-manager/" >/dev/null 2>&1
  pdftoppm -png -r 60 "$site/level.pdf" "$out/level-print" && ls "$out"/level-print-*.png
fi
