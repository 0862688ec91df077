#!/usr/bin/env bash
# A throwaway Redis server for `make test`: Celery's broker and result store and the
# shared sign-in rate limit. Installs Debian's redis-server when it is missing, starts
# it listening only on a Unix socket in DIR (no TCP port), keeping nothing on disk.
#
#   tests/tools/redis.sh start DIR   prints the broker URL (redis+socket://DIR/redis.sock)
#   tests/tools/redis.sh stop DIR    stops it and removes DIR
#
# The same server answers redis-py and Flask-Limiter as unix://DIR/redis.sock and
# redis+unix://DIR/redis.sock (tests/celery_tools.py derives those from the printed URL).
set -euo pipefail

action=${1:?start or stop}
dir=${2:?a folder for the socket}
sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd=sudo

server_bin() {
    command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; } || true
}

case "$action" in
start)
    if [ -z "$(server_bin)" ]; then
        echo "Installing Debian's redis-server for the Celery and Redis tests" >&2
        # one installer at a time on this machine; apt waits for dpkg's own lock too
        (
            flock 9
            if [ -z "$(server_bin)" ]; then
                $sudo_cmd apt-get update -qq >&2
                # the package's own service is not wanted: tests start their own server
                DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo_cmd apt-get install -y -qq \
                    -o DPkg::Lock::Timeout=300 --no-install-recommends redis-server >&2
            fi
        ) 9>/tmp/ilacs-redis-install.lock
    fi
    bin=$(server_bin)
    [ -n "$bin" ] || { echo "redis-server could not be installed" >&2; exit 1; }
    mkdir -p "$dir"
    chmod 700 "$dir"
    socket="$dir/redis.sock"
    # no TCP port, no snapshots, no append-only file: nothing written but the log
    "$bin" --port 0 --unixsocket "$socket" --unixsocketperm 700 \
        --save "" --appendonly no --dir "$dir" \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 1 100); do
        [ -S "$socket" ] && [ -s "$dir/redis.pid" ] && break
        sleep 0.05
    done
    [ -S "$socket" ] || { echo "redis-server did not start (see $dir/redis.log)" >&2; exit 1; }
    echo "redis+socket://$socket"
    ;;
stop)
    if [ -s "$dir/redis.pid" ]; then
        pid=$(cat "$dir/redis.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start DIR | stop DIR" >&2
    exit 2
    ;;
esac
