#!/usr/bin/env bash
# Install what Sankofa's tests need on a Debian 12 machine (run as root):
#   - Debian packages: libstemmer-dev (Snowball's stemmers, which the build links: search),
#     libcmark-gfm-dev, libcmark-gfm-extensions-dev (GitHub's CommonMark, linked: forum posts),
#     postgresql-15 (only if its initdb is missing), chromium,
#     chromium-driver, fonts-noto-core, fonts-noto-cjk, python3-venv (if needed);
#     for the Handbook: epubcheck, poppler-utils (pdftotext, pdffonts), libpango-1.0-0
#     (WeasyPrint's text layout)
#   - a Python venv at <repo>/.venv with scripts/requirements-test.txt
#
# Idempotent and fast when everything is present: apt-get update / install run
# only when a package is missing; pip runs only when the requirements file or
# the venv's python changed (a hash is stored in .venv/.requirements.sha256).
#
# Can be executed or sourced. When sourced it exports:
#   TEST_VENV   path of the venv
#   TEST_PYTHON path of the venv's python
# Environment:
#   SANKOFA_PYTHON  python used to create the venv (default: python3 on PATH)

_itd_repo_root() {
    local here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    (cd "$here/../.." && pwd)
}

_itd_log() { echo "install-test-deps: $*" >&2; }

# 0 when the Debian package is installed (not merely known / config-files).
_itd_pkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

_itd_main() (
    set -euo pipefail
    export DEBIAN_FRONTEND=noninteractive

    local root venv req python missing=() pkg
    root="$(_itd_repo_root)"
    venv="$root/.venv"
    req="$root/scripts/requirements-test.txt"
    python="${SANKOFA_PYTHON:-python3}"

    if ! command -v "$python" >/dev/null 2>&1; then
        _itd_log "no $python on PATH"; return 1
    fi

    # --- Debian packages -------------------------------------------------
    if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
        missing+=(postgresql-15)
    fi
    for pkg in libstemmer-dev libcmark-gfm-dev libcmark-gfm-extensions-dev chromium chromium-driver fonts-noto-core fonts-noto-cjk epubcheck poppler-utils libpango-1.0-0 libpangoft2-1.0-0; do
        _itd_pkg_installed "$pkg" || missing+=("$pkg")
    done
    # python3-venv: needed when the venv's python cannot bootstrap pip
    # (Debian's /usr/bin/python3 without python3-venv). A pyenv python ships
    # its own ensurepip and needs nothing. Skipped when the venv already works.
    if [ ! -x "$venv/bin/python" ] \
        && ! "$python" -c 'import venv, ensurepip; ensurepip.version()' >/dev/null 2>&1; then
        local pyver
        pyver="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
        _itd_pkg_installed python3-venv || missing+=(python3-venv)
        _itd_pkg_installed "python${pyver}-venv" || missing+=("python${pyver}-venv")
    fi

    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            _itd_log "missing Debian packages (${missing[*]}) and not root"; return 1
        fi
        _itd_log "installing Debian packages: ${missing[*]}"
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    for f in /usr/bin/chromium /usr/bin/chromedriver /usr/lib/postgresql/15/bin/initdb /usr/share/java/epubcheck.jar /usr/bin/pdftotext; do
        [ -x "$f" ] || { _itd_log "expected $f after install"; return 1; }
    done

    # --- Python venv -----------------------------------------------------
    # Recreate the venv if it is missing or its python no longer runs
    # (e.g. the pyenv version it pointed to was removed).
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
        _itd_log "creating venv $venv with $(command -v "$python")"
        rm -rf "$venv"
        "$python" -m venv "$venv"
    fi

    local want have=""
    want="$( { cat "$req"; "$venv/bin/python" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
    [ -f "$venv/.requirements.sha256" ] && have="$(cat "$venv/.requirements.sha256")"
    if [ "$want" != "$have" ]; then
        _itd_log "pip installing $req"
        rm -f "$venv/.requirements.sha256"
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install -q -r "$req"
        echo "$want" > "$venv/.requirements.sha256"
    fi
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    # executed
    _itd_main
    exit $?
else
    # sourced: do not change the caller's shell options, do not exit it
    if _itd_main; then
        TEST_VENV="$(_itd_repo_root)/.venv"
        TEST_PYTHON="$TEST_VENV/bin/python"
        export TEST_VENV TEST_PYTHON
    else
        return 1
    fi
fi
