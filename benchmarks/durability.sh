#!/usr/bin/env bash
# What writing each commit to the store before answering costs the laptop default (docs/RELIABILITY.md): posts a
# second through the command service's API on an H2 file, with WRITE_DELAY=0 (each commit written before it
# returns, as the service runs) and H2's default WRITE_DELAY=500 (the store written out twice a second, which lost
# acknowledged posts in a crash), alternating, each on a fresh store, with a real KRaft broker.
# Tunables: EDITORS (8), TIMELINES (50), MEASURE_SECONDS (20: measured, after as many of warm-up), ROUNDS (2),
#           KEEP_WORK (0).
set -euo pipefail
cd "$(dirname "$0")/.."

EDITORS="${EDITORS:-8}"; TIMELINES="${TIMELINES:-50}"; MEASURE_SECONDS="${MEASURE_SECONDS:-20}"; ROUNDS="${ROUNDS:-2}"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
WORK="$(mktemp -d /tmp/timeline-durability.XXXXXX)"
cleanup() { if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

log "building"
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
printf 'machine.cpus=%s\n' "$(nproc)"
SETTINGS=()
for _ in $(seq 1 "$ROUNDS"); do
  SETTINGS+=("WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE" "WRITE_DELAY=500;DB_CLOSE_ON_EXIT=FALSE")
done
log "posting: $EDITORS editors, $TIMELINES timelines, ${MEASURE_SECONDS} s a run"
AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xms1g -Xmx2g \
  -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.CommandThroughput \
  "$WORK" "$EDITORS" "$TIMELINES" "$MEASURE_SECONDS" "${SETTINGS[@]}"
