#!/usr/bin/env bash
# Starts a PostgreSQL 15 cluster owned by the test run on loopback, without systemd, and makes
# sure the test role exists. Prints the Npgsql connection string as its last line.
# Installs PostgreSQL from Debian's packages when it is missing (needs root).
# PG_DURABLE=1 makes a second cluster (greengrid_durable, port 54330) with production durability
# (fsync, synchronous_commit and full_page_writes on), for benchmarks that write.
set -euo pipefail
PG_VER=${PG_VER:-15}
PG_DURABLE=${PG_DURABLE:-0}
if [ "$PG_DURABLE" = 1 ]; then
  PG_CLUSTER=${PG_CLUSTER:-greengrid_durable}
  PG_PORT=${PG_PORT:-54330}
else
  PG_CLUSTER=${PG_CLUSTER:-greengrid}
  PG_PORT=${PG_PORT:-54329}
fi
PG_USER=${PG_USER:-greengrid}
PG_PASS=${PG_PASS:-greengrid}

if [ ! -x "/usr/lib/postgresql/$PG_VER/bin/postgres" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "postgresql-$PG_VER" "postgresql-client-$PG_VER" >/dev/null
fi

# Our own cluster on our own port, so that a system cluster (if any) is left alone.
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VER $PG_CLUSTER"; then
  pg_createcluster --port "$PG_PORT" "$PG_VER" "$PG_CLUSTER" -- --auth-host=scram-sha-256 >/dev/null 2>&1
  if [ "$PG_DURABLE" = 1 ]; then
    # A benchmark's server: every commit waits for the disk, as in production.
    cat >> "/etc/postgresql/$PG_VER/$PG_CLUSTER/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
shared_buffers = 1GB
CONF
  else
    # Tests create and drop many small databases: durability is not what they measure.
    cat >> "/etc/postgresql/$PG_VER/$PG_CLUSTER/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  fi
fi
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

if ! pg_lsclusters -h | awk -v v="$PG_VER" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
  pg_ctlcluster "$PG_VER" "$PG_CLUSTER" start
fi
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.5; done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT"

runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN CREATEDB PASSWORD '$PG_PASS';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$PG_USER" OWNER "$PG_USER"'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_USER')\gexec
SQL

# No TLS on loopback: the test server is on the same machine, and TLS would dominate the cost of small queries.
echo "Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASS;Database=$PG_USER;SSL Mode=Disable"
