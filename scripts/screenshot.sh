#!/bin/sh
# Builds the example site at a fixed clock and takes docs/screenshot.png of its front page
# with headless Debian chromium. The page is served over HTTP on 127.0.0.1 because the
# theme's Content-Security-Policy (`style-src 'self'`) does not match file:// URLs.
# Usage: scripts/screenshot.sh [WIDTHxHEIGHT] [OUTPUT.png] [--dark]
set -eu
cd "$(dirname "$0")/.."
size="${1:-1280x2000}"
shot="${2:-docs/screenshot.png}"
scheme="${3:-}"
out="$(mktemp -d)"
profile="$(mktemp -d)"
cargo run -q -- build --source . --output "$out/public" --now 2026-11-25T12:00:00Z
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out/public" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$out" "$profile"' EXIT
sleep 1
dark=""
if [ "$scheme" = "--dark" ]; then dark="--force-dark-mode --blink-settings=preferredColorScheme=0"; fi
# shellcheck disable=SC2086
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars $dark \
  --window-size="$(echo "$size" | tr x ,)" --screenshot="$PWD/$shot" "http://127.0.0.1:$port/index.html" 2>/dev/null
echo "wrote $shot"
