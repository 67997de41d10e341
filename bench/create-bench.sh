#!/usr/bin/env bash
# Write benchmark: POST /api/Videos throughput with durable commits. Every 201 means the row is
# fsynced (SQLite in WAL mode, synchronous=FULL), so the baseline is what the disk can do: small
# synchronous writes per second (dd oflag=dsync, 4 KiB each, the same disk as the data dir),
# measured in the same run, alternating with the service.
#
#   bench/create-bench.sh                  build if needed, then run
#   BASELINE_JAR=old.jar bench/create-bench.sh   also run an older jar the same way (e.g. the H2 one)
#
# Settings (environment): DURATION (20s), WARMUP (10s), ROUNDS (2), CONNECTIONS (16), THREADS (2),
# DSYNC_WRITES (2000), BENCH_TMP (bench/target), BUILD=always|never|auto (auto), KEEP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
DSYNC_WRITES="${DSYNC_WRITES:-2000}"
BENCH_TMP="${BENCH_TMP:-$ROOT/bench/target}"
BUILD="${BUILD:-auto}"
KEY="mc_bench_$(date +%s)_bootstrap_admin_key"
JAR="$ROOT/impl/target/media-connector.jar"
BASELINE_JAR="${BASELINE_JAR:-}"

for tool in wrk curl dd python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
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
WORK="$(mktemp -d -p "$BENCH_TMP" create-bench.XXXXXX)"
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

start_service() { # name jar -> prints the port
  local name="$1" jar="$2" port
  port="$(free_port)"
  MEDIA_CONNECTOR_BOOTSTRAP_KEY="$KEY" java -jar "$jar" serve --port "$port" --data-dir "$WORK/$name-data" \
    >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && { echo "$port"; return 0; }
    sleep 0.5
  done
  echo "the $name service did not start; see $WORK/$name.log" >&2
  return 1
}

cat >"$WORK/create.lua" <<EOF
wrk.method = "POST"
wrk.body = '{"OriginalFileName":"clip.mp4","Name":"bench","Tags":["a","b"]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
EOF

run_wrk() { # port duration out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s --latency -s "$WORK/create.lua" \
    "http://127.0.0.1:$1/api/Videos" >"$3"
  if grep -q -e 'Socket errors' "$3"; then echo "!! socket errors: $(grep 'Socket errors' "$3")" >&2; exit 1; fi
  local non2xx; non2xx="$(awk '/Non-2xx/ {print $5}' "$3")"
  [[ -z "$non2xx" ]] || { echo "!! $non2xx answers were not 201" >&2; exit 1; }
}
rps_of() { awk '/^Requests\/sec:/ {printf "%.0f\n", $2}' "$1"; }

dsync_rate() { # writes/s of 4 KiB synchronous writes on the data dir's disk
  local out="$WORK/dsync.txt"
  dd if=/dev/zero of="$WORK/dsync.bin" bs=4k count="$DSYNC_WRITES" oflag=dsync 2>"$out"
  rm -f "$WORK/dsync.bin"
  awk -v n="$DSYNC_WRITES" '/copied/ {for (i = 1; i <= NF; i++) if ($i == "s,") printf "%.0f\n", n / $(i - 1)}' "$out"
}

TARGETS=(service)
declare -A PORT
PORT[service]="$(start_service service "$JAR")"
if [[ -n "$BASELINE_JAR" ]]; then
  TARGETS+=(baseline)
  PORT[baseline]="$(start_service baseline "$BASELINE_JAR")"
fi

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, data in $WORK ($(df --output=source "$WORK" | tail -n 1))"
for target in "${TARGETS[@]}"; do
  echo "== warming up $target for $WARMUP"
  run_wrk "${PORT[$target]}" "$WARMUP" "$WORK/warmup-$target.txt"
done

echo "== $ROUNDS rounds (wrk -t$THREADS -c$CONNECTIONS -d$DURATION POST /api/Videos; dd $DSYNC_WRITES x 4 KiB oflag=dsync)"
printf '%-6s %-9s %10s\n' round target 'per s'
for round in $(seq 1 "$ROUNDS"); do
  printf '%-6s %-9s %10s\n' "$round" dsync "$(dsync_rate | tee -a "$WORK/dsync-rates.txt")"
  for target in "${TARGETS[@]}"; do
    run_wrk "${PORT[$target]}" "$DURATION" "$WORK/round$round-$target.txt"
    printf '%-6s %-9s %10s\n' "$round" "$target" "$(rps_of "$WORK/round$round-$target.txt")"
  done
done

mean() { awk '{s += $1} END {printf "%.0f", s / NR}'; }
DSYNC="$(mean <"$WORK/dsync-rates.txt")"
echo "== mean over $ROUNDS rounds"
echo "dsync writes/s:              $DSYNC"
for target in "${TARGETS[@]}"; do
  RPS="$(for f in "$WORK"/round*-"$target".txt; do rps_of "$f"; done | mean)"
  echo "$target creates/s:  $RPS   ratio to dsync writes: $(awk -v a="$RPS" -v b="$DSYNC" 'BEGIN {printf "%.2f", a / b}')"
done
