#!/bin/sh
# Make sure Debian's Chromium is installed at /usr/bin/chromium for the browser tests.
#
# Idempotent: does nothing when /usr/bin/chromium is already there. Otherwise installs the
# Debian package `chromium` with apt-get (as root, or through passwordless sudo). It never
# downloads a browser through Playwright (`playwright install` is not used): the tests drive
# the system Chromium with executable_path=/usr/bin/chromium.
#
# Exit status: 0 when Chromium is available afterwards, 1 when it could not be installed
# (the browser tests then skip, or fail where the CI environment variable is set).
set -eu

CHROMIUM="${PANJSHIR_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    echo "ensure_browser: $CHROMIUM is installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_browser: $CHROMIUM is missing and apt-get is not available on this system." >&2
    echo "  Install Chromium with your package manager, or set PANJSHIR_CHROMIUM to its path." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "ensure_browser: $CHROMIUM is missing and installing it needs root." >&2
    echo "  Fix: sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
fi

echo "ensure_browser: installing Debian's chromium package with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium

if [ -x "$CHROMIUM" ]; then
    echo "ensure_browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
fi
echo "ensure_browser: apt-get finished but $CHROMIUM is still missing." >&2
exit 1
