#!/usr/bin/env bash
# Projection rebuild rate next to Kafka's own ConsumerPerformance on the same events, in one run
# (docs/PERFORMANCE.md): a real KRaft broker of its own, EVENTS timeline events over TIMELINES timelines, Kafka's
# ConsumerPerformance on them, the query service applying them live, then an admin rebuild of every projection.
# DB=postgres (default: the production shape) uses a database of its own on the PostgreSQL at 127.0.0.1:5432
# (created and dropped here); DB=h2 an H2 file, as on a laptop.
# Tunables: EVENTS (1000000), TIMELINES (1000), REBUILDS (1: rebuilds one after another, each reported), DB
#           (postgres), KEEP_WORK (0), BENCH_JAVA_OPTS (extra JVM options for the query service, e.g. a JFR
#           recording).
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${EVENTS:-1000000}"; TIMELINES="${TIMELINES:-1000}"; REBUILDS="${REBUILDS:-1}"; DB="${DB:-postgres}"
PG_DATABASE="timeline_rebuild_bench"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
WORK="$(mktemp -d /tmp/timeline-rebuild.XXXXXX)"
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "$1"; }
cleanup() {
  if [ "$DB" = postgres ]; then psql_admin "DROP DATABASE IF EXISTS $PG_DATABASE" || true; fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "building"
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
printf 'machine.cpus=%s\n' "$(nproc)"
printf 'database=%s\n' "$DB"
DATABASE_ARGS=()
if [ "$DB" = postgres ]; then
  psql_admin "DROP DATABASE IF EXISTS $PG_DATABASE"
  psql_admin "CREATE DATABASE $PG_DATABASE"
  DATABASE_ARGS=(--spring.profiles.active=postgres
    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$PG_DATABASE" --spring.datasource.username=postgres)
fi
log "loading $EVENTS events, ConsumerPerformance, live apply, rebuild"
AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xms1g -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.RebuildRate \
  "$WORK" "$EVENTS" "$TIMELINES" "$REBUILDS" \
  "${DATABASE_ARGS[@]+"${DATABASE_ARGS[@]}"}"
