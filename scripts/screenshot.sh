#!/bin/sh
# Screenshots of the default theme for docs/screenshots/: the front page, an incident with a
# list and an image (the example's postmortem, with a latency graph added for the picture),
# a component page and the page's embed, at 1280 and 390 px wide, light and dark, taken with
# headless Debian chromium at a fixed clock. Pages are served over HTTP on 127.0.0.1: the
# theme's Content-Security-Policy (`style-src 'self'`) does not match file:// URLs.
# Usage: scripts/screenshot.sh            (refreshes every picture)
set -eu
cd "$(dirname "$0")/.."
shots=docs/screenshots
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cp -r content "$work/content"
incident=2026-08-18-platform-network-outage
# The image is hosted beside the site, as the README says: relative addresses resolve there.
sed -i '/^## Postmortem/a ![p99 SMS submit latency during the outage](images/p99-latency.png)\n' \
  "$work/content/incidents/$incident.md"
cargo run -q -- build --source "$work" --output "$work/public" --now 2026-11-25T12:00:00Z \
  --base-url "http://127.0.0.1:$port/" --quiet
mkdir -p "$work/public/images"
cp "$shots/p99-latency.png" "$work/public/images/"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
sleep 1
shoot() { # name path width height scheme
  profile="$(mktemp -d "$work/profile.XXXX")"
  dark=""
  if [ "$5" = dark ]; then dark="--force-dark-mode --blink-settings=preferredColorScheme=0"; fi
  # shellcheck disable=SC2086
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars $dark \
    --window-size="$3,$4" --screenshot="$PWD/$shots/$1-$3-$5.png" "http://127.0.0.1:$port/$2" 2>/dev/null
  echo "wrote $shots/$1-$3-$5.png"
}
for scheme in light dark; do
  for page in "index index.html" "incident incidents/$incident/" "component components/smpp/" "embed embed/"; do
    set -- $page
    shoot "$1" "$2" 1280 1600 "$scheme"
    shoot "$1" "$2" 390 2400 "$scheme"
  done
done
