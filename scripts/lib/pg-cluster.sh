#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster for tests.
#
#   source scripts/lib/pg-cluster.sh
#   pg_cluster_start || exit 1
#   trap pg_cluster_stop EXIT
#   ... tests use $PG_TEST_URL ...
#
# pg_cluster_start: initdb in a fresh temp folder (owned by the `postgres`
#   user when run as root, since initdb refuses root), trust auth, listens on
#   127.0.0.1 only on a free port, unix socket inside the temp folder,
#   fsync=off; waits for pg_isready; creates database `sankofa_test`. Exports
#     PG_TEST_URL=postgres://postgres@127.0.0.1:PORT/sankofa_test
#     PG_CLUSTER_DIR (temp folder; data in $PG_CLUSTER_DIR/data, log in
#                     $PG_CLUSTER_DIR/postgres.log)
#     PG_CLUSTER_PORT
# pg_cluster_stop: `pg_ctl stop -m immediate`, removes the folder. Safe to
#   call when nothing was started, and more than once; always returns 0.
#
# Neither function changes the caller's shell options, and both work with or
# without `set -e` in the caller.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin).

_pgc_bin() { echo "${PG_BIN:-/usr/lib/postgresql/15/bin}"; }

# Run a command as the postgres user when we are root, else as ourselves.
_pgc_as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_pgc_free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

pg_cluster_start() {
    local bin dir port attempt ok=0
    bin="$(_pgc_bin)"
    if [ ! -x "$bin/initdb" ]; then
        echo "pg_cluster_start: $bin/initdb not found (run scripts/lib/install-test-deps.sh)" >&2
        return 1
    fi
    if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR" ]; then
        echo "pg_cluster_start: a cluster is already running in $PG_CLUSTER_DIR" >&2
        return 1
    fi

    if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin postgres || {
            echo "pg_cluster_start: cannot create user postgres" >&2; return 1; }
    fi

    # /tmp (not $TMPDIR): the postgres user must be able to reach it, and the
    # unix socket path must stay short (max ~107 bytes).
    dir="$(mktemp -d /tmp/sankofa-pg.XXXXXXXX)" || return 1
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir" || { rm -rf "$dir"; return 1; }
    fi

    if ! _pgc_as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust \
            -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
        echo "pg_cluster_start: initdb failed:" >&2
        cat "$dir/initdb.log" >&2 || true
        rm -rf "$dir"
        return 1
    fi

    # The free port can be taken between the probe and postgres' bind: retry.
    for attempt in 1 2 3 4 5; do
        port="$(_pgc_free_port)" || { rm -rf "$dir"; return 1; }
        if _pgc_as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
                -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
                start >/dev/null 2>&1; then
            ok=1
            break
        fi
    done
    if [ "$ok" -ne 1 ]; then
        echo "pg_cluster_start: postgres did not start; log:" >&2
        tail -n 30 "$dir/postgres.log" >&2 2>/dev/null || true
        _pgc_as_pg "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
        rm -rf "$dir"
        return 1
    fi

    # Export right away so that pg_cluster_stop can clean up if anything below fails.
    PG_CLUSTER_DIR="$dir"
    PG_CLUSTER_PORT="$port"
    export PG_CLUSTER_DIR PG_CLUSTER_PORT

    ok=0
    for attempt in $(seq 1 100); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then ok=1; break; fi
        sleep 0.1
    done
    if [ "$ok" -ne 1 ]; then
        echo "pg_cluster_start: pg_isready never succeeded; log:" >&2
        tail -n 30 "$dir/postgres.log" >&2 || true
        pg_cluster_stop
        return 1
    fi

    if ! "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres sankofa_test; then
        echo "pg_cluster_start: createdb sankofa_test failed" >&2
        pg_cluster_stop
        return 1
    fi

    PG_TEST_URL="postgres://postgres@127.0.0.1:$port/sankofa_test"
    export PG_TEST_URL
    echo "pg_cluster_start: PostgreSQL on 127.0.0.1:$port, data in $dir/data" >&2
    return 0
}

pg_cluster_stop() {
    local dir="${PG_CLUSTER_DIR:-}" bin
    bin="$(_pgc_bin)"
    # Only ever remove a folder that pg_cluster_start made.
    case "$dir" in
        /tmp/sankofa-pg.*) ;;
        *) unset PG_CLUSTER_DIR PG_CLUSTER_PORT PG_TEST_URL; return 0 ;;
    esac
    if [ -d "$dir/data" ]; then
        _pgc_as_pg "$bin/pg_ctl" -D "$dir/data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    unset PG_CLUSTER_DIR PG_CLUSTER_PORT PG_TEST_URL
    return 0
}
