#!/usr/bin/env bash
# Takes the README's screenshots: home, the comparison, a duty page, a ladder, a
# level page, the self-assessment and search results, on a laptop (1280 px) and
# a phone (390 px), in light and dark mode, into docs/screenshots/.
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
mkdir -p "$out"
rm -f "$out"/*.png
for scheme in light dark; do
  for page in "home /" "compare /compare/" "duty /duties/backlog-creation/" "duties /duties/" \
    "ladder /ladders/product-management/" "level /ladders/product-management/senior-product-manager/" \
    "self-assessment /self-assessment/" "search /search/?q=backlog"; do
    set -- $page
    shoot "$1-desktop-$scheme" "$2" 1280 900 "$scheme"
    shoot "$1-phone-$scheme" "$2" 390 844 "$scheme"
  done
done
