#!/usr/bin/env bash
# What each kind of request costs as one timeline grows (docs/PERFORMANCE.md): the embedded stack (its own KRaft
# broker, both services on H2 files) on ports 9092/8081/8082, one timeline filled through the command API up to each
# of SIZES updates, then each request timed SAMPLES times: a post, the first page right after a write, an edit, a
# page halfway down, the Atom feed, an update's public history. Then, the stack stopped, the largest timeline
# snapshots in the command service's store: their size should not follow the timeline's.
# Tunables: SIZES (100,1000,10000,100000), SAMPLES (30), CLIENTS (16: the posts that fill the timeline),
#           PLOT (docs/growth.svg: the figures drawn),
#           STACK_JAVA_OPTS, KEEP_WORK (0).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-100,1000,10000,100000}"; SAMPLES="${SAMPLES:-30}"; CLIENTS="${CLIENTS:-16}"
PLOT="${PLOT:-docs/growth.svg}"
WORK_PREFIX=timeline-growth
. benchmarks/embedded-stack.sh
require_free_ports
build
printf 'machine.cpus=%s\n' "$(nproc)"
# the editors' per-user budget (200 requests/s) would pace the filling: lifted here
start_stack --timeline.limits.requests-per-second=100000 --timeline.limits.burst=100000

log "growing one timeline to $SIZES updates, $SAMPLES samples of each request at each size"
java -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.TimelineGrowth \
  "$COMMAND" "$QUERY" "$SIZES" "$SAMPLES" "$CLIENTS" | tee "$WORK/growth.txt"
java -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.GrowthPlot "$WORK/growth.txt" "$PLOT"
log "plotted in $PLOT"

log "the stack stopped: the snapshots of the longest timelines in the command service's store (bytes of JSON)"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
java -cp "$(cat "$WORK/stack-cp.txt")" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/command-service" -user sa \
  -sql "SELECT aggregate_identifier, sequence_number + 1 AS events, OCTET_LENGTH(payload) AS snapshot_bytes
        FROM snapshot_event_entry ORDER BY sequence_number DESC LIMIT 3"
