#!/usr/bin/env bash
# What each kind of request costs as one timeline grows (docs/PERFORMANCE.md): the embedded stack (its own KRaft
# broker, both services on H2 files) on ports 9092/8081/8082, one timeline filled through the command API up to each
# of SIZES updates, then each request timed SAMPLES times: a post, the first page right after a write, an edit, a
# page halfway down, the Atom feed, an update's public history.
# Tunables: SIZES (100,1000,10000), SAMPLES (30), CLIENTS (8: the posts that fill the timeline),
#           STACK_JAVA_OPTS, KEEP_WORK (0).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-100,1000,10000}"; SAMPLES="${SAMPLES:-30}"; CLIENTS="${CLIENTS:-8}"
COMMAND=http://127.0.0.1:8081; QUERY=http://127.0.0.1:8082
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
WORK="$(mktemp -d /tmp/timeline-growth.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null || break; sleep 0.1; done
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
for port in 9092 8081 8082; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "port $port is taken; stop what runs there"; exit 1; fi
done

log "building"
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
./mvnw -q -B -pl embedded-stack dependency:build-classpath -Dmdep.outputFile="$WORK/stack-cp.txt" >/dev/null
printf 'machine.cpus=%s\n' "$(nproc)"

log "starting the embedded stack"
# the editors' per-user budget (200 requests/s) would pace the filling: lifted here
AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xms1g -Xmx2g ${STACK_JAVA_OPTS:-} \
  -cp "embedded-stack/target/classes:$(cat "$WORK/stack-cp.txt")" news.timeline.embedded.EmbeddedStack \
  "$WORK/data" --timeline.limits.requests-per-second=100000 --timeline.limits.burst=100000 \
  >"$WORK/stack.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do curl -sf "$QUERY/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "$QUERY/actuator/health" >/dev/null || { log "the stack did not start"; tail -50 "$WORK/stack.log" >&2; exit 1; }

log "growing one timeline to $SIZES updates, $SAMPLES samples of each request at each size"
java -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.TimelineGrowth \
  "$COMMAND" "$QUERY" "$SIZES" "$SAMPLES" "$CLIENTS"
