#!/usr/bin/env bash
# Stops the cluster that scripts/pg-up.sh started (PG_DURABLE=1: the benchmarks' durable one).
set -euo pipefail
PG_VER=${PG_VER:-15}
if [ "${PG_DURABLE:-0}" = 1 ]; then PG_CLUSTER=${PG_CLUSTER:-greengrid_durable}; else PG_CLUSTER=${PG_CLUSTER:-greengrid}; fi
if pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VER" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
  pg_ctlcluster "$PG_VER" "$PG_CLUSTER" stop -m fast
fi
