#!/usr/bin/env bash
# Upload benchmark: how close an upload through the service's UploadUri (the Azure-Blob-compatible
# endpoint, which fsyncs every blob before it answers) comes to the disk itself. One run measures,
# rotating the order between rounds (never the same method twice in a row), on the same disk:
#   dd    dd if=SRC of=OUT bs=4M conv=fdatasync           (the baseline)
#   curl  curl -T SRC "$UploadUri" (one Put Blob)
#   sdk   the official Azure Java SDK, uploadFromFileWithResponse with 8 MiB blocks, 4 in
#         parallel, single-shot limit 8 MiB (Put Block x N + Put Block List), see SdkUpload.java
# against the real jar (`java -Xmx256m -jar impl/target/media-connector.jar serve`), its data dir
# next to SRC. Every curl/sdk upload goes to a new video created through the API.
#
#   bench/upload-bench.sh            build if needed, then run
#
# Settings (environment): SIZE_MIB (1024), ROUNDS (3), SERVICE_JAVA_OPTS (-Xmx256m),
# BENCH_TMP (bench/target: where the file, dd's output and the data dir go),
# BUILD=always|never|auto (auto), KEEP=1 keeps the temp dir (service log) for a look afterwards.
# Goal (from the issue): curl/dd and sdk/dd >= 0.8 (MB/s).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MIB="${SIZE_MIB:-1024}"
ROUNDS="${ROUNDS:-3}"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xmx256m}"
BENCH_TMP="${BENCH_TMP:-$ROOT/bench/target}"
BUILD="${BUILD:-auto}"
KEY="mc_bench_$(date +%s)_bootstrap_admin_key"
JAR="$ROOT/impl/target/media-connector.jar"
SDK_CLASS="$ROOT/bench/target/classes/io/mediaconnector/bench/SdkUpload.class"
SDK_CLASSPATH_FILE="$ROOT/bench/target/sdk-classpath.txt"

for tool in curl dd python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

needs_build() {
  [[ "$BUILD" == always ]] && return 0
  [[ "$BUILD" == never ]] && return 1
  [[ -f "$JAR" && -f "$SDK_CLASS" ]] || return 0
  modules_not_installed "$JAR" && return 0
  [[ -n "$(find "$ROOT"/{api-spec,generated-server,impl,bench}/{src,pom.xml} "$ROOT/pom.xml" \
      -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]
}
if needs_build; then
  echo "== building (./mvnw -B -o install -DskipTests -pl bench -am)"
  (cd "$ROOT" && ./mvnw -B -q -o install -DskipTests -pl bench -am) \
    || (cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl bench -am)
fi
if [[ ! -s "$SDK_CLASSPATH_FILE" || "$ROOT/bench/pom.xml" -nt "$SDK_CLASSPATH_FILE" ]]; then
  # exec-maven-plugin is pinned in the parent; it expands %classpath to the bench module's runtime classpath
  (cd "$ROOT" && ./mvnw -B -q -o -pl bench exec:exec -Dexec.executable=echo -Dexec.args=%classpath) \
    >"$SDK_CLASSPATH_FILE.partial"
  mv "$SDK_CLASSPATH_FILE.partial" "$SDK_CLASSPATH_FILE"
fi
SDK_CP="$ROOT/bench/target/classes:$(tail -n 1 "$SDK_CLASSPATH_FILE")"

mkdir -p "$BENCH_TMP"
WORK="$(mktemp -d -p "$BENCH_TMP" upload-bench.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; rm -f "$WORK/source.bin" "$WORK/dd.out"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load() { sed 's/.*load average: //' <<<"$(uptime)"; }
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b / s / 1e6}'; }

SRC="$WORK/source.bin"
BYTES=$((SIZE_MIB * 1024 * 1024))
echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load $(load)"
echo "== writing $SIZE_MIB MiB of random bytes to $SRC ($(df -h --output=source "$WORK" | tail -n 1), same disk as dd's output and the data dir)"
head -c "$BYTES" /dev/urandom >"$SRC"
sync

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
echo "== starting the service on :$PORT (java $SERVICE_JAVA_OPTS, data $WORK/data)"
# shellcheck disable=SC2086
MEDIA_CONNECTOR_BOOTSTRAP_KEY="$KEY" java $SERVICE_JAVA_OPTS -jar "$JAR" serve --port "$PORT" \
  --data-dir "$WORK/data" >"$WORK/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "$BASE/health" && break
  sleep 0.5
done
curl -fs -o /dev/null "$BASE/health" || { echo "the service did not start; log:" >&2; tail -n 30 "$WORK/service.log" >&2; exit 1; }

new_upload_uri() {
  local answer
  answer="$(curl -sS -w '\n%{http_code}' -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"OriginalFileName":"upload-bench.mp4"}' "$BASE/api/Videos")"
  if [[ "${answer##*$'\n'}" != 201 ]]; then
    echo "!! could not create a video: $answer" >&2
    return 1
  fi
  python3 -c 'import json, sys; print(json.loads(sys.stdin.read().strip().rsplit("\n", 1)[0])["UploadUri"])' <<<"$answer"
}

full_blobs() { # how many stored blobs hold exactly SIZE bytes (the upload URI itself is write-only);
  # a blob is a "<name>#blob" directory of block files under a manifest
  local count=0 dir
  while IFS= read -r dir; do
    [[ "$(find "$dir" -name '*.blk' -printf '%s\n' | awk '{s += $1} END {print s + 0}')" == "$BYTES" ]] && count=$((count + 1))
  done < <(find "$WORK/data" -type d -name '*#blob')
  echo "$count"
}
check_stored() { # count before the upload: one more whole blob must be there now
  local after
  after="$(full_blobs)"
  if [[ "$after" != $(($1 + 1)) ]]; then
    echo "!! expected $(($1 + 1)) stored blobs of $BYTES bytes, found $after" >&2
    exit 1
  fi
}

run_dd() { # prints seconds
  rm -f "$WORK/dd.out"
  local start end
  start="$(now)"
  dd if="$SRC" of="$WORK/dd.out" bs=4M conv=fdatasync status=none
  end="$(now)"
  rm -f "$WORK/dd.out"
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}

run_curl() {
  local uri start end code before
  uri="$(new_upload_uri)" || exit 1
  before="$(full_blobs)"
  start="$(now)"
  code="$(curl -sS -f -o /dev/null -w '%{http_code}' -T "$SRC" -H 'x-ms-blob-type: BlockBlob' "$uri")"
  end="$(now)"
  [[ "$code" == 201 ]] || { echo "!! curl upload answered $code" >&2; exit 1; }
  check_stored "$before"
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}

run_sdk() { # SdkUpload times the upload call itself (not the JVM start) and prints "bytes seconds MB/s"
  local uri out before
  uri="$(new_upload_uri)" || exit 1
  before="$(full_blobs)"
  out="$(java -cp "$SDK_CP" io.mediaconnector.bench.SdkUpload "$uri" "$SRC" 2>"$WORK/sdk.err")" \
    || { echo "!! SDK upload failed:" >&2; tail -n 20 "$WORK/sdk.err" >&2; exit 1; }
  check_stored "$before"
  awk '{print $2}' <<<"$out"
}

declare -A TOTAL=([dd]=0 [curl]=0 [sdk]=0)
echo "== $ROUNDS rounds of $SIZE_MIB MiB; the order rotates (dd curl sdk, curl sdk dd, sdk dd curl, ...)"
printf '%-6s %-5s %9s %9s   %s\n' round how seconds 'MB/s' 'load average'
for round in $(seq 1 "$ROUNDS"); do
  # Rotating, no method runs twice in a row: on this host a dd right after a dd of the same
  # bytes finished 4x faster than any other, which says more about the host's disk than about dd.
  case $((round % 3)) in
    1) order=(dd curl sdk) ;;
    2) order=(curl sdk dd) ;;
    0) order=(sdk dd curl) ;;
  esac
  for how in "${order[@]}"; do
    sync # what the previous step left for the disk is not this step's to wait for
    secs="$("run_$how")"
    TOTAL[$how]="$(awk -v t="${TOTAL[$how]}" -v s="$secs" 'BEGIN {print t + s}')"
    printf '%-6s %-5s %9s %9s   %s\n' "$round" "$how" "$secs" "$(mbps "$BYTES" "$secs")" "$(load)"
  done
done

verdict() { awk -v v="$1" 'BEGIN {print (v >= 0.8) ? "met" : "MISSED"}'; }
DD_MBPS="$(mbps $((BYTES * ROUNDS)) "${TOTAL[dd]}")"
CURL_MBPS="$(mbps $((BYTES * ROUNDS)) "${TOTAL[curl]}")"
SDK_MBPS="$(mbps $((BYTES * ROUNDS)) "${TOTAL[sdk]}")"
CURL_RATIO="$(awk -v a="$CURL_MBPS" -v b="$DD_MBPS" 'BEGIN {printf "%.2f", a / b}')"
SDK_RATIO="$(awk -v a="$SDK_MBPS" -v b="$DD_MBPS" 'BEGIN {printf "%.2f", a / b}')"
echo "== over $ROUNDS rounds (total bytes / total seconds)"
printf '%-5s %9s\n' how 'MB/s'
printf '%-5s %9s\n' dd "$DD_MBPS" curl "$CURL_MBPS" sdk "$SDK_MBPS"
echo "ratio curl/dd: $CURL_RATIO (goal >= 0.8: $(verdict "$CURL_RATIO"))"
echo "ratio sdk/dd:  $SDK_RATIO (goal >= 0.8: $(verdict "$SDK_RATIO"))"
echo "== load average at the end: $(load)"
