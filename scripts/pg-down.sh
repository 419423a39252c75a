#!/usr/bin/env bash
# Stops the cluster that scripts/pg-up.sh started.
set -euo pipefail
PG_VER=${PG_VER:-15}
PG_CLUSTER=${PG_CLUSTER:-greengrid}
if pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VER" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
  pg_ctlcluster "$PG_VER" "$PG_CLUSTER" stop -m fast
fi
