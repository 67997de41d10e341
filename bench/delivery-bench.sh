#!/usr/bin/env bash
# Delivery benchmark: what players fetch most, a media segment and a media playlist of an HLS
# rendition, from the service's /stream against nginx (Debian's, sendfile on, its default access
# log) serving the very same bytes from a folder, in one run, alternating targets.
#
#   bench/delivery-bench.sh            build if needed, encode a 20 s 720p clip, then run
#
# Settings (environment): DURATION (20s), WARMUP (20s), ROUNDS (2), THREADS (2), CONNECTIONS (64),
# BENCH_TMP (bench/target), BUILD=always|never|auto (auto), KEEP=1 keeps the temp dir.
# Goals (issue 10): segment >= 0.8 of nginx, playlist >= 0.5 of nginx (requests/s).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-20s}"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
BENCH_TMP="${BENCH_TMP:-$ROOT/bench/target}"
BUILD="${BUILD:-auto}"
KEY="mc_bench_$(date +%s)_bootstrap_admin_key"
JAR="$ROOT/impl/target/media-connector.jar"

for tool in wrk curl nginx python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y wrk nginx curl)" >&2; exit 1; }
done

needs_build() {
  [[ "$BUILD" == always ]] && return 0
  [[ "$BUILD" == never ]] && return 1
  [[ -f "$JAR" ]] || return 0
  [[ -n "$(find "$ROOT"/{api-spec,generated-server,impl}/{src,pom.xml} "$ROOT/pom.xml" \
      -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]
}
if needs_build; then
  echo "== building (./mvnw -B package -DskipTests -pl impl -am)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl impl -am)
fi

mkdir -p "$BENCH_TMP"
WORK="$(mktemp -d -p "$BENCH_TMP" delivery-bench.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
json_field() { # field < json
  python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"
}

SERVICE_PORT="$(free_port)"
NGINX_PORT="$(free_port)"
BASE="http://127.0.0.1:$SERVICE_PORT"
AUTH="Authorization: Bearer $KEY"
echo "== starting the service on :$SERVICE_PORT (data $WORK/data)"
MEDIA_CONNECTOR_BOOTSTRAP_KEY="$KEY" java -jar "$JAR" serve --port "$SERVICE_PORT" --data-dir "$WORK/data" \
  >"$WORK/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do curl -fs -o /dev/null "$BASE/health" && break; sleep 0.5; done

echo "== encoding a 20 s 720p clip with the service's own ffmpeg"
FFMPEG_DIR="$(dirname "$(find "$WORK/data/ffmpeg" -name ffmpeg -type f | head -n 1)")"
LD_LIBRARY_PATH="$FFMPEG_DIR" "$FFMPEG_DIR/ffmpeg" -hide_banner -loglevel error -f lavfi -i testsrc2=s=1280x720:r=30:d=20 \
  -f lavfi -i sine=f=440:d=20 -c:v libopenh264 -b:v 3M -pix_fmt yuv420p -g 60 -c:a aac -shortest "$WORK/clip.mp4"
VIDEO="$(curl -fs -X POST -H "$AUTH" -H 'Content-Type: application/json' -d '{"OriginalFileName":"clip.mp4"}' "$BASE/api/Videos")"
ID="$(json_field Id <<<"$VIDEO")"
curl -fs -o /dev/null -T "$WORK/clip.mp4" -H 'x-ms-blob-type: BlockBlob' "$(json_field UploadUri <<<"$VIDEO")"
curl -fs -o /dev/null -X POST -H "$AUTH" "$BASE/api/Videos/$ID/MarkComplete"
for _ in $(seq 1 600); do
  [[ "$(curl -fs -H "$AUTH" "$BASE/api/Videos/$ID/Status" | json_field Status)" == Completed ]] && break
  sleep 0.5
done
MASTER="$(curl -fs -H "$AUTH" "$BASE/api/Videos/$ID/PlaybackEndpoint?endpointType=HLS" | json_field PlaybackUrl)"
MASTER_PATH="${MASTER#http*://*/}"
PLAYLIST_REL="$(curl -fs "$MASTER" | grep -v '^#' | grep -v '^$' | head -n 1)"
PLAYLIST_PATH="$(dirname "$MASTER_PATH")/$PLAYLIST_REL"
SEGMENT_REL="$(curl -fs "$BASE/$PLAYLIST_PATH" | grep -v '^#' | grep -v '^$' | head -n 1)"
SEGMENT_PATH="$(dirname "$PLAYLIST_PATH")/$SEGMENT_REL"

echo "== nginx on :$NGINX_PORT serving the same bytes"
mkdir -p "$WORK/nginx/root/$(dirname "$SEGMENT_PATH")" "$WORK/nginx/logs"
curl -fs -o "$WORK/nginx/root/$PLAYLIST_PATH" "$BASE/$PLAYLIST_PATH"
curl -fs -o "$WORK/nginx/root/$SEGMENT_PATH" "$BASE/$SEGMENT_PATH"
# nginx's workers drop to an unprivileged user unless told otherwise; the temp dir is root's.
NGINX_USER=""
[[ "$(id -u)" == 0 ]] && NGINX_USER="user root;"
cat >"$WORK/nginx/nginx.conf" <<EOF
$NGINX_USER
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  types { video/mp4 m4s; }
  sendfile on;
  tcp_nopush on;
  access_log $WORK/nginx/logs/access.log;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/root;
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/$PLAYLIST_PATH" && break; sleep 0.25; done
for file in "$PLAYLIST_PATH" "$SEGMENT_PATH"; do
  cmp <(curl -fs "$BASE/$file") <(curl -fs "http://127.0.0.1:$NGINX_PORT/$file") \
    || { echo "the two servers answer different bytes for $file" >&2; exit 1; }
done
echo "   playlist $(wc -c <"$WORK/nginx/root/$PLAYLIST_PATH") bytes, segment $(wc -c <"$WORK/nginx/root/$SEGMENT_PATH") bytes"

url_of() { # target what
  local port="$SERVICE_PORT" path="$PLAYLIST_PATH"
  [[ "$1" == nginx ]] && port="$NGINX_PORT"
  [[ "$2" == segment ]] && path="$SEGMENT_PATH"
  echo "http://127.0.0.1:$port/$path"
}
run_wrk() { # url duration out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s --latency "$1" >"$3"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$3"; then
    echo "!! errors during the run on $1:" >&2; grep -e 'Non-2xx' -e 'Socket errors' "$3" >&2; exit 1
  fi
}
rps_of() { awk '/^Requests\/sec:/ {printf "%.0f\n", $2}' "$1"; }

echo "== warming up for $WARMUP each"
for what in segment playlist; do for target in nginx service; do
  run_wrk "$(url_of $target $what)" "$WARMUP" "$WORK/warmup-$target-$what.txt"
done; done

echo "== $ROUNDS rounds (wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
printf '%-6s %-9s %-8s %10s\n' round what target 'req/s'
for round in $(seq 1 "$ROUNDS"); do
  for what in segment playlist; do
    order=(nginx service); (( round % 2 == 0 )) && order=(service nginx)
    for target in "${order[@]}"; do
      out="$WORK/round$round-$target-$what.txt"
      run_wrk "$(url_of $target $what)" "$DURATION" "$out"
      printf '%-6s %-9s %-8s %10s\n' "$round" "$what" "$target" "$(rps_of "$out")"
    done
  done
done

mean() { awk '{s += $1} END {printf "%.0f", s / NR}'; }
echo "== mean over $ROUNDS rounds"
for what in segment playlist; do
  goal=0.8; [[ "$what" == playlist ]] && goal=0.5
  nginx_rps="$(for f in "$WORK"/round*-nginx-$what.txt; do rps_of "$f"; done | mean)"
  service_rps="$(for f in "$WORK"/round*-service-$what.txt; do rps_of "$f"; done | mean)"
  ratio="$(awk -v s="$service_rps" -v n="$nginx_rps" 'BEGIN {printf "%.2f", s / n}')"
  verdict="$(awk -v r="$ratio" -v g="$goal" 'BEGIN {print (r >= g) ? "met" : "MISSED"}')"
  echo "$what: nginx $nginx_rps req/s, service $service_rps req/s, ratio $ratio (goal >= $goal: $verdict)"
done
