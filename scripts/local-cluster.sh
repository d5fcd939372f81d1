#!/usr/bin/env bash
# A three-silo cluster on this machine to try cluster mode: starts its own PostgreSQL on loopback
# (own data directory under ./local-cluster/postgres), then three API hosts (every role each) on
# http://127.0.0.1:5080, :5081 and :5082 with silo-to-silo ports 11110-11112, one data directory
# per silo and one shared blob directory (./local-cluster/shared). Prints the addresses and where
# the admin key is; Ctrl-C stops the silos and PostgreSQL. State survives a restart of the script;
# delete ./local-cluster to start afresh.
#   SAMPLEMIND_CLUSTER_DIR   where everything lives (default ./local-cluster)
#   SAMPLEMIND_INGEST_ROOT   folder the operator tenant may ingest (default ../shared/data/samples-dev if present)
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/setup.sh

root="$(mkdir -p "${SAMPLEMIND_CLUSTER_DIR:-local-cluster}" && cd "${SAMPLEMIND_CLUSTER_DIR:-local-cluster}" && pwd)"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$pg_bin" ]; then
  echo "setup: installing PostgreSQL"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
pg_port="${SAMPLEMIND_CLUSTER_PG_PORT:-15432}"

echo "build: Api and CLI (Release)"
dotnet build Api/Api.csproj -c Release -nologo -clp:ErrorsOnly -v:q
dotnet build Cli/Cli.csproj -c Release -nologo -clp:ErrorsOnly -v:q

pg_user_cmd=()
if [ "$(id -u)" -eq 0 ]; then pg_user_cmd=(runuser -u postgres --); fi
mkdir -p "$root/postgres" "$root/shared"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$root/postgres"; fi
if [ ! -f "$root/postgres/data/PG_VERSION" ]; then
  "${pg_user_cmd[@]}" "$pg_bin/initdb" -D "$root/postgres/data" -U postgres -A trust -E UTF8 >/dev/null
fi
"${pg_user_cmd[@]}" "$pg_bin/pg_ctl" -D "$root/postgres/data" -l "$root/postgres/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $root/postgres -c max_connections=300" start >/dev/null
postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"

silos=()
stop_all() {
  trap - EXIT INT TERM
  echo
  echo "stopping the silos and PostgreSQL"
  for pid in "${silos[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${silos[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${pg_user_cmd[@]}" "$pg_bin/pg_ctl" -D "$root/postgres/data" -m fast stop >/dev/null 2>&1 || true
}
trap stop_all EXIT INT TERM

ingest_root="${SAMPLEMIND_INGEST_ROOT:-}"
if [ -z "$ingest_root" ] && [ -d ../shared/data/samples-dev ]; then ingest_root="$(cd ../shared/data/samples-dev && pwd)"; fi
host_dir="$(pwd)/Api/bin/Release/net10.0"
for i in 0 1 2; do
  mkdir -p "$root/silo-$i"
  env ASPNETCORE_CONTENTROOT="$host_dir" Urls="http://127.0.0.1:$((5080 + i))" \
    Cluster__Mode=cluster Cluster__Postgres="$postgres" Cluster__AdvertisedAddress="http://127.0.0.1:$((11110 + i))" \
    Silo__SiloId="silo-$i" Silo__DataDirectory="$root/silo-$i" Silo__SharedDirectory="$root/shared" \
    ${ingest_root:+Ingest__Roots__admin__0="$ingest_root"} \
    dotnet "$host_dir/SampleMind.Api.dll" >"$root/silo-$i/server.log" 2>&1 &
  silos+=($!)
done

for i in 0 1 2; do
  url="http://127.0.0.1:$((5080 + i))"
  for _ in $(seq 1 240); do
    if curl -fsS "$url/v1/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${silos[$i]}" 2>/dev/null; then echo "silo-$i exited; see $root/silo-$i/server.log" >&2; tail -20 "$root/silo-$i/server.log" >&2; exit 1; fi
    sleep 0.5
  done
  curl -fsS "$url/v1/health/ready" >/dev/null
done

cat <<TXT

  SampleMind cluster is running (3 silos, PostgreSQL on 127.0.0.1:$pg_port, everything under $root)
    silo-0     http://127.0.0.1:5080/v1    dashboard http://127.0.0.1:5080/dashboard/   log $root/silo-0/server.log
    silo-1     http://127.0.0.1:5081/v1    dashboard http://127.0.0.1:5081/dashboard/   log $root/silo-1/server.log
    silo-2     http://127.0.0.1:5082/v1    dashboard http://127.0.0.1:5082/dashboard/   log $root/silo-2/server.log
    Admin key  $root/shared/admin.key   (one key for every silo)
    Ingest     ${ingest_root:-nothing granted (set SAMPLEMIND_INGEST_ROOT)}
    Try        dotnet Cli/bin/Release/net10.0/samplemind.dll --api http://127.0.0.1:5081 --key-file $root/shared/admin.key jobs

Press Ctrl-C to stop the cluster.
TXT
wait -n "${silos[@]}" || true
echo "a silo exited; see the logs above" >&2
