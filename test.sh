#!/usr/bin/env bash
# Runs every test of GreenGrid, the way CI does, on a machine that has only the .NET SDK:
# installs PostgreSQL and Chromium from Debian's packages when missing (as root), starts a
# PostgreSQL cluster for this run on loopback, builds, runs all test projects, stops what it
# started, and ends with one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIG=${CONFIG:-Release}
started=$SECONDS
say() { printf '[test.sh %4ds] %s\n' "$((SECONDS - started))" "$*"; }

# 1. What the tests need from Debian: Chromium for the browser tests, PostgreSQL for the database tests.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15 postgresql-client-15)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. A PostgreSQL cluster owned by this run.
say "starting PostgreSQL"
GREENGRID_PG="$(scripts/pg-up.sh | tail -n 1)"
export GREENGRID_PG
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
trap 'scripts/pg-down.sh >/dev/null 2>&1 || true' EXIT

# 3. Front-end libraries from npm, when the UI has any.
if [ -f src/GreenGrid/package-lock.json ]; then
  say "npm ci"
  (cd src/GreenGrid && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# 4. Build once, then run every test project.
say "building ($CONFIG)"
dotnet build GreenGrid.slnx -c "$CONFIG" -v quiet -nologo
say "testing"
log=$(mktemp)
set +e
dotnet test --solution GreenGrid.slnx -c "$CONFIG" --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# 5. One plain summary line over all test projects (the last "total/failed/succeeded/skipped" block).
summary() { grep -E "^\s*$1:" "$log" | tail -n 1 | grep -oE '[0-9]+' | head -n 1; }
passed=$(summary succeeded); failed=$(summary failed); skipped=$(summary skipped)
say "done"
# The failures again at the end, where a truncated log still shows them: each failed test (or
# cleanup) and the first line of its message, without the standard output dumped after them.
if grep -qE '^failed ' "$log"; then
  echo "failures:"
  awk '/^failed /{print "  " $0; n=3; next} n>0{n--; if (n==1) print "      " $0}' "$log" | head -n 120
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  exit 1
fi
