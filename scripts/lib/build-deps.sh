#!/usr/bin/env bash
# What building Sankofa needs beyond Swift: libstemmer-dev (Snowball's stemmers, linked by the
# CStemmer target for search). Installed when missing and run as root (Debian); otherwise says
# what to install and fails, before the build would fail less clearly. Used by scripts/run and
# scripts/test --swift; scripts/lib/install-test-deps.sh installs it for the full run.
set -euo pipefail
if [ "$(dpkg-query -W -f='${db:Status-Status}' libstemmer-dev 2>/dev/null)" = "installed" ] || [ -f /usr/include/libstemmer.h ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "build-deps: installing libstemmer-dev" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q libstemmer-dev >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q libstemmer-dev >/dev/null; }
else
    echo "build-deps: Sankofa's build needs libstemmer-dev (Snowball's stemmers): sudo apt-get install libstemmer-dev" >&2
    exit 1
fi
