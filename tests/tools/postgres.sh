#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for `make test` (TEST_POSTGRES=1 or CI) and
# `make load`. Installs Debian's postgresql when it is missing, makes a new cluster in
# a temporary folder, starts it on 127.0.0.1 and creates a database.
#
#   tests/tools/postgres.sh start DIR DBNAME   prints the DATABASE_URL on its last line
#   tests/tools/postgres.sh stop DIR
set -euo pipefail

action=${1:?start or stop}
dir=${2:?a folder for the cluster}
port=${PGTEST_PORT:-54329}
sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd=sudo

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    echo "$found"
}

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    dbname=${3:?a database name}
    if [ -z "$(bindir)" ]; then
        echo "Installing Debian's postgresql for the PostgreSQL test run" >&2
        $sudo_cmd apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >&2
    fi
    bin=$(bindir)
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-instructions -E UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
            -o "-h '' -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    fi
    PGOPTIONS="-c client_min_messages=warning" as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -qtc \
        "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" >/dev/null
    PGOPTIONS="-c client_min_messages=warning" as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -qtc \
        "CREATE DATABASE \"$dbname\"" >/dev/null
    echo "postgresql://postgres@/$dbname?host=$dir&port=$port"
    ;;
stop)
    bin=$(bindir)
    if [ -n "$bin" ] && [ -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start DIR DBNAME | stop DIR" >&2
    exit 2
    ;;
esac
