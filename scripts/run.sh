#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds, starts the embedded
# cluster (one process, all roles, state under ./data), prints the API and dashboard addresses,
# and ingests a demo library so results show at once. Ctrl-C stops the server.
#   SAMPLEMIND_DEMO_DIR   folder to ingest (default ../shared/data/samples-dev, else generated tones)
#   SAMPLEMIND_URL        where the API listens (default http://127.0.0.1:5080)
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/setup.sh

url="${SAMPLEMIND_URL:-http://127.0.0.1:5080}"
demo="${SAMPLEMIND_DEMO_DIR:-$(pwd)/../shared/data/samples-dev}"
if [ ! -d "$demo" ]; then
  demo="$(pwd)/data/demo-tones"
  bash scripts/make-demo-tones.sh "$demo"
fi
demo="$(cd "$demo" && pwd)"

echo "build: Api and CLI (Release)"
dotnet build Api/Api.csproj -c Release -nologo -clp:ErrorsOnly -v:q
dotnet build Cli/Cli.csproj -c Release -nologo -clp:ErrorsOnly -v:q

mkdir -p data
echo "start: embedded cluster (log in data/server.log)"
host_dir="$(pwd)/Api/bin/Release/net10.0"
ASPNETCORE_CONTENTROOT="$host_dir" Urls="$url" Ingest__Roots__admin__0="$demo" \
  Silo__DataDirectory="$(pwd)/data" Api__AdminKeyFile="$(pwd)/data/admin.key" Api__UploadDirectory="$(pwd)/data/uploads" \
  dotnet "$host_dir/SampleMind.Api.dll" >data/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "$url/v1/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then echo "the server exited; see data/server.log" >&2; tail -20 data/server.log >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "$url/v1/health" >/dev/null

cat <<TXT

  SampleMind is running (embedded mode, state in $(pwd)/data)
    API        $url/v1        (OpenAPI: $url/openapi/v1.json)
    Dashboard  $url/dashboard
    Admin key  $(pwd)/data/admin.key

TXT
cli=(dotnet Cli/bin/Release/net10.0/samplemind.dll --api "$url" --key-file data/admin.key)
echo "ingest: $demo into library 'demo'"
"${cli[@]}" ingest "$demo" --library demo || true
job=$("${cli[@]}" jobs | awk '/job-/{print $2; exit}')
if [ -n "$job" ]; then
  echo "first results (samplemind export $job --format csv):"
  "${cli[@]}" export "$job" --format csv | head -n 8 | cut -c1-160
fi
echo
echo "The server keeps running; press Ctrl-C to stop it."
wait $server
