#!/usr/bin/env bash
# Encoding benchmark: for a 1280x720 H.264/AAC clip and a 1280x720 MPEG-4/MP3 AVI clip, one run
# measures (a) the service path (in-process service, one worker: upload untimed, then
# MarkComplete -> first Playable and -> Completed, Status polled every 100 ms), (b) the
# EncodingPipeline in-process with every ffmpeg invocation captured and (c) the same ffmpeg
# command lines run directly, the baseline. Odd rounds run a, b, c; even rounds b, c, a.
#
#   bench/encode-bench.sh            build if needed, then run (60 s clips, 1 round)
#
# Settings (environment): SECONDS (60, clip length; CLIP_SECONDS works too), ROUNDS (1),
# BUILD=always|never|auto (auto), MAVEN_OPTS (heap of the JVM that runs everything).
# Goals (from the issue, 2 cores): first playable <= 0.1 x duration (H.264/AAC) and <= 0.25 x
# (other); the whole ladder <= 0.5 x; service MarkComplete->Completed / direct <= 1.15.
# The clips are generated once into impl/target/bench-clips (ffmpeg, a minute or so).
set -euo pipefail

# SECONDS is bash's own counter; set in the environment it starts at that value, so read it now.
CLIP_SECONDS="${CLIP_SECONDS:-$(printenv SECONDS || echo 60)}"
ROUNDS="${ROUNDS:-1}"
BUILD="${BUILD:-auto}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_CLASS="$ROOT/impl/target/test-classes/io/mediaconnector/encoding/EncodingBenchmark.class"
JAR="$ROOT/impl/target/media-connector.jar"

command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

needs_build() {
  [[ "$BUILD" == always ]] && return 0
  [[ "$BUILD" == never ]] && return 1
  [[ -f "$JAR" && -f "$BENCH_CLASS" ]] || return 0
  modules_not_installed "$JAR" && return 0
  [[ -n "$(find "$ROOT"/{api-spec,generated-server,generated-client,impl}/{src,pom.xml} "$ROOT/pom.xml" \
      -newer "$BENCH_CLASS" -type f -print -quit 2>/dev/null)" ]]
}
if needs_build; then
  echo "== building (./mvnw -B -o install -DskipTests -pl impl -am)"
  (cd "$ROOT" && ./mvnw -B -q -o install -DskipTests -pl impl -am) \
    || (cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl impl -am)
fi

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, uptime:$(uptime | sed 's/.*up[^,]*,[^,]*,//')"
echo "== clips of ${CLIP_SECONDS} s, ${ROUNDS} round(s)"
# Runs from impl/ so target/ (clips, ffmpeg cache, work dirs) is impl/target.
cd "$ROOT/impl"
../mvnw -B -q -o exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.mediaconnector.encoding.EncodingBenchmark \
  -Dbench.seconds="$CLIP_SECONDS" -Dbench.rounds="$ROUNDS"
echo "== done, uptime:$(uptime | sed 's/.*up[^,]*,[^,]*,//')"
