# A throwaway local PostgreSQL cluster for the benchmarks (sourced by postgres.sh and viewers.sh).
#
#   source Benchmarks/pg-cluster.sh
#   pg_cluster_start DIR [SERVER OPTIONS…]   # initdb in DIR/data, start, create the database `signalbox`
#   psql -Atc 'SELECT 1'                     # as the owner `signalbox`, stopping at the first error
#   pg_cluster_stop DIR                      # immediate stop (the caller removes DIR)
#
# The server listens on a free port on 127.0.0.1 only (trust authentication), with pg_stat_statements loaded and
# created where it is installed. pg_cluster_start sets `port`, `url` (the owner's postgres:// URL) and
# `statements` (non-empty when pg_stat_statements is loaded). Run as root, the cluster runs as `postgres`.
# SIGNALBOX_PG_BIN chooses the server's binaries (default PostgreSQL 15's).
pg_bin="${SIGNALBOX_PG_BIN:-/usr/lib/postgresql/15/bin}"

as_server() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_cluster_start() {  # DIR [SERVER OPTIONS…]
    local dir="$1"
    shift
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    [[ "$(id -u)" == 0 ]] && chown postgres "$dir"
    as_server "$pg_bin/initdb" -D "$dir/data" -U signalbox -A trust > /dev/null
    statements=""
    [[ -f "$("$pg_bin/pg_config" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)/pg_stat_statements.so" ]] \
        && statements="-c shared_preload_libraries=pg_stat_statements"
    as_server "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $statements $*" start > /dev/null
    as_server "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U signalbox signalbox
    [[ -z "$statements" ]] || psql -qc 'CREATE EXTENSION pg_stat_statements'
    url="postgres://signalbox@127.0.0.1:$port/signalbox?sslmode=disable"
}

psql() { as_server "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U signalbox -v ON_ERROR_STOP=1 "$@" signalbox; }

pg_cluster_stop() {  # DIR
    as_server "$pg_bin/pg_ctl" -D "$1/data" -m immediate stop > /dev/null 2>&1 || true
}
