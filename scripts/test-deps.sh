#!/usr/bin/env bash
# What the whole test suite needs from Debian besides Node: PostgreSQL 15 (scripts/with-postgres.sh starts a
# throwaway server), Chromium (browser tests, driven by playwright-core), faketime (Q9: a skewed clock for one
# worker), fiu-utils (Q8: injected I/O errors) and promtool (O1; Prometheus without its recommends). As root it
# installs what is missing; otherwise it names the apt-get command and exits 2 before anything runs.
set -euo pipefail
need=()
lean=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15 postgresql-client-15)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/faketime ] || need+=(faketime)
[ -x /usr/bin/fiu-run ] || need+=(fiu-utils)
[ -x /usr/bin/promtool ] || lean+=(prometheus)
[ $((${#need[@]} + ${#lean[@]})) -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  cmd=""
  [ ${#need[@]} -eq 0 ] || cmd="sudo apt-get install ${need[*]}"
  [ ${#lean[@]} -eq 0 ] || cmd="${cmd:+$cmd && }sudo apt-get install --no-install-recommends ${lean[*]}"
  echo "npm test needs Debian packages that are missing; run: $cmd" >&2
  exit 2
fi
echo "== Debian packages for the tests: ${need[*]} ${lean[*]}"
export DEBIAN_FRONTEND=noninteractive
# The throwaway servers are made by with-postgres.sh; the package's default cluster would only take a port.
mkdir -p /etc/postgresql-common/createcluster.d
echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/tessera.conf
apt-get update -qq
[ ${#need[@]} -eq 0 ] || apt-get install -y -qq "${need[@]}" >/dev/null
[ ${#lean[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
