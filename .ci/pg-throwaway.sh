#!/usr/bin/env bash
# pg-throwaway.sh start DIR PORT [DB]  → prints the JDBC URL (user postgres, trust auth) as its last line
# pg-throwaway.sh stop DIR             → stops the cluster and deletes DIR
# A PostgreSQL cluster for tests and benchmarks, run as root on Debian (no systemd): everything,
# socket included, lives in DIR; it listens on 127.0.0.1 only. Installs Debian's postgresql if
# it is missing.
set -euo pipefail
cmd=$1 dir=$2
as_pg() { (cd / && runuser -u postgres -- "$@"); }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
case "$cmd" in
  start)
    port=$3 db=${4:-lingqian}
    mkdir -p "$dir" && chown postgres: "$dir" && chmod 700 "$dir"
    as_pg "$PGBIN/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    printf "listen_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nmax_connections = 200\n" "$dir" \
      >>"$dir/postgresql.conf"
    as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port" start >/dev/null
    "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE $db" >&2
    echo "jdbc:postgresql://127.0.0.1:$port/$db"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT [DB] | stop DIR" >&2; exit 2 ;;
esac
