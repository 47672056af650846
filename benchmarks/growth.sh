#!/usr/bin/env bash
# What each kind of request costs as one timeline grows (docs/PERFORMANCE.md): the embedded stack (its own KRaft
# broker, both services on H2 files) on ports 9092/8081/8082, one timeline filled through the command API up to each
# of SIZES updates, then each request timed SAMPLES times: a post, the first page right after a write, an edit, a
# page halfway down, the Atom feed, an update's public history.
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
