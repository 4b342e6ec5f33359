#!/usr/bin/env bash
# What building Sankofa needs beyond Swift: libstemmer-dev (Snowball's stemmers, linked by the
# CStemmer target for search) and libcmark-gfm-dev with libcmark-gfm-extensions-dev (GitHub's
# CommonMark library, linked by the CCmarkGFM target for forum posts). Installed when missing and
# run as root (Debian); otherwise says what to install and fails, before the build would fail less
# clearly. Used by scripts/run and scripts/test --swift; scripts/lib/install-test-deps.sh installs
# them for the full run.
set -euo pipefail
missing=()
# Each package with a header it installs: either one says it is there (a header alone: built by hand).
for pair in libstemmer-dev:libstemmer.h libcmark-gfm-dev:cmark-gfm.h libcmark-gfm-extensions-dev:cmark-gfm-core-extensions.h; do
    pkg="${pair%%:*}"
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != "installed" ] && [ ! -f "/usr/include/${pair#*:}" ]; then
        missing+=("$pkg")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "build-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
else
    echo "build-deps: Sankofa's build needs ${missing[*]} (Snowball's stemmers, GitHub's CommonMark): sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
