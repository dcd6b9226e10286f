#!/usr/bin/env bash
# Installs statusforge $STATUSFORGE_VERSION into $STATUSFORGE_INSTALL_DIR from the release
# folder $STATUSFORGE_DOWNLOAD_URL/v<version>/: the archive for this system and SHA256SUMS.
# Nothing is unpacked, let alone run, unless the archive's SHA-256 is the one listed.
set -euo pipefail

version="${STATUSFORGE_VERSION:?set STATUSFORGE_VERSION, e.g. 0.1.0}"
version="${version#v}"
base="${STATUSFORGE_DOWNLOAD_URL:?set STATUSFORGE_DOWNLOAD_URL}"
dest="${STATUSFORGE_INSTALL_DIR:?set STATUSFORGE_INSTALL_DIR}"

fail() {
    echo "statusforge install: $*" >&2
    exit 1
}

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) target=x86_64-unknown-linux-musl ;;
    Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
    Darwin-x86_64) target=x86_64-apple-darwin ;;
    Darwin-arm64) target=aarch64-apple-darwin ;;
    MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) target=x86_64-pc-windows-msvc ;;
    *) fail "no release is built for $(uname -s) $(uname -m)" ;;
esac
case "$target" in
    *windows*) archive="statusforge-v${version}-${target}.zip" binary=statusforge.exe ;;
    *) archive="statusforge-v${version}-${target}.tar.gz" binary=statusforge ;;
esac
release="${base%/}/v${version}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/$archive" "$release/$archive" || fail "cannot download $release/$archive"
curl -fsSL --retry 3 -o "$work/SHA256SUMS" "$release/SHA256SUMS" || fail "cannot download $release/SHA256SUMS"

# Line ends and case of the hex digits do not matter; the name must match exactly.
expected="$(tr -d '\r' < "$work/SHA256SUMS" | awk -v name="$archive" '$2 == name || $2 == "*" name { print tolower($1) }')"
[ -n "$expected" ] || fail "$archive is not listed in $release/SHA256SUMS"
if command -v sha256sum >/dev/null 2>&1; then
    actual="$(sha256sum "$work/$archive" | cut -d ' ' -f 1)"
else
    actual="$(shasum -a 256 "$work/$archive" | cut -d ' ' -f 1)"
fi
[ "$actual" = "$expected" ] || fail "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual; nothing was installed"

mkdir -p "$work/unpacked"
case "$archive" in
    *.zip) unzip -q "$work/$archive" -d "$work/unpacked" || fail "cannot unpack $archive" ;;
    *) tar -xzf "$work/$archive" -C "$work/unpacked" || fail "cannot unpack $archive" ;;
esac
unpacked="$work/unpacked/$binary"
if [ ! -f "$unpacked" ] || [ -L "$unpacked" ]; then
    fail "$archive does not hold $binary as a plain file"
fi
chmod +x "$unpacked"

# Checked where it was unpacked: a binary of another version is never installed.
installed="$("$unpacked" --version)" || fail "$binary from $archive does not run"
[ "$installed" = "statusforge $version" ] || fail "$binary from $archive says \"$installed\", not statusforge $version; nothing was installed"
mkdir -p "$dest"
mv "$unpacked" "$dest/$binary"
echo "installed $installed in $dest"
