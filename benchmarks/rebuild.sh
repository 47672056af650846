#!/usr/bin/env bash
# Projection rebuild rate next to Kafka's own ConsumerPerformance on the same events, in one run
# (docs/PERFORMANCE.md): a real KRaft broker of its own, EVENTS timeline events over TIMELINES timelines, Kafka's
# ConsumerPerformance on them, the query service applying them live, then an admin rebuild of every projection.
# Tunables: EVENTS (1000000), TIMELINES (1000), KEEP_WORK (0).
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${EVENTS:-1000000}"; TIMELINES="${TIMELINES:-1000}"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
WORK="$(mktemp -d /tmp/timeline-rebuild.XXXXXX)"
cleanup() { if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

log "building"
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
printf 'machine.cpus=%s\n' "$(nproc)"
log "loading $EVENTS events, ConsumerPerformance, live apply, rebuild"
AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xms1g -Xmx2g \
  -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.RebuildRate "$WORK" "$EVENTS" "$TIMELINES"
