#!/usr/bin/env bash
# Readers' figures, measured against this machine's own ceiling in the same run (docs/PERFORMANCE.md):
#   1. latest-page requests/s: wrk on the reader API's first page, then on nginx serving the same JSON bytes;
#   2. live-push freshness: STREAMS readers on a timeline's SSE stream while an editor posts RATE updates a second.
# Starts the embedded stack (its own KRaft broker, H2) in a temp folder on the usual ports 9092/8081/8082, and
# stops everything it started. Needs nginx and wrk (installed with apt-get when missing, as root).
# Tunables: STREAMS (1000), RATE (100), WARMUP (180 s: at this load C2 still compiles after 60, 0.5 to 0.9 s a method),
#           MEASURE (30 s), WRK_THREADS (2), WRK_CONNECTIONS (50),
#           STACK_JAVA_OPTS and CLIENT_JAVA_OPTS (extra JVM options for the stack and the freshness client),
#           WRK_DURATION (10s), NGINX_PORT (18080).
set -euo pipefail
cd "$(dirname "$0")/.."

STREAMS="${STREAMS:-1000}"; RATE="${RATE:-100}"; WARMUP="${WARMUP:-180}"; MEASURE="${MEASURE:-30}"
WRK_THREADS="${WRK_THREADS:-2}"; WRK_CONNECTIONS="${WRK_CONNECTIONS:-50}"; WRK_DURATION="${WRK_DURATION:-10s}"
NGINX_PORT="${NGINX_PORT:-18080}"
TIMELINE=bench
WORK_PREFIX=timeline-bench
. benchmarks/embedded-stack.sh

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  log "installing nginx and wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi
require_free_ports "$NGINX_PORT"
build
emit() { printf '%s=%s\n' "$1" "$2"; }
emit machine.cpus "$(nproc)"
emit java.version "$(java -version 2>&1 | head -n 1 | sed -E 's/.*"(.*)".*/\1/')"

start_stack --timeline.live.streams-per-address=100000
curl -sf -u editor:editor -H 'Content-Type: application/json' \
  -d "{\"id\":\"$TIMELINE\",\"title\":\"Benchmark story\",\"summary\":\"Load\"}" "$COMMAND/api/timelines" >/dev/null

requests_per_s() { sed -nE 's/^Requests\/sec:[[:space:]]+([0-9.]+).*/\1/p' "$1"; }

log "posting a first page of 20 updates"
for n in $(seq 1 20); do
  curl -sf -u editor:editor -H 'Content-Type: application/json' -d "{\"headline\":\"Update $n of the story so far\",\"keyEvent\":false,\"blocks\":[{\"type\":\"paragraph\",\"text\":\"A paragraph of a live update, as long as one usually is: a sentence or two that tell what happened, who said it and where.\"},{\"type\":\"image\",\"url\":\"https://images.example.org/$n.jpg\",\"caption\":\"A caption for the picture.\",\"credit\":\"Photographer/Agency\",\"alt\":\"What the picture shows\"}]}" \
    "$COMMAND/api/timelines/$TIMELINE/updates" >/dev/null
done
curl -sf "$QUERY/api/timelines/$TIMELINE?minSequence=20" >/dev/null

log "latest page: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION on the reader API"
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
curl -sf "$QUERY/api/timelines/$TIMELINE" -o "$WORK/nginx/html/timeline.json"
emit page.bytes "$(stat -c %s "$WORK/nginx/html/timeline.json")"
# a first run warms the JIT up; the second is measured
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" "$QUERY/api/timelines/$TIMELINE" >/dev/null
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "$QUERY/api/timelines/$TIMELINE" >"$WORK/wrk-api.log"
emit page.api.requests_per_s "$(requests_per_s "$WORK/wrk-api.log")"
emit page.api.p99 "$(awk '$1=="99%"{print $2}' "$WORK/wrk-api.log")"
grep -q "Non-2xx" "$WORK/wrk-api.log" && { log "the API answered errors:"; cat "$WORK/wrk-api.log" >&2; }

log "the same bytes from nginx"
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/html"; chmod 644 "$WORK/nginx/html/timeline.json"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $WORK/nginx/tmp_body; proxy_temp_path $WORK/nginx/tmp_proxy;
  fastcgi_temp_path $WORK/nginx/tmp_fastcgi; uwsgi_temp_path $WORK/nginx/tmp_uwsgi; scgi_temp_path $WORK/nginx/tmp_scgi;
  types { application/json json; }
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/html; }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/timeline.json" >/dev/null && break; sleep 0.1; done
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "http://127.0.0.1:$NGINX_PORT/timeline.json" \
  >"$WORK/wrk-nginx.log"
emit page.nginx.requests_per_s "$(requests_per_s "$WORK/wrk-nginx.log")"
emit page.nginx.p99 "$(awk '$1=="99%"{print $2}' "$WORK/wrk-nginx.log")"
emit page.api_vs_nginx "$(awk -v a="$(requests_per_s "$WORK/wrk-api.log")" -v n="$(requests_per_s "$WORK/wrk-nginx.log")" \
  'BEGIN { printf "%.2f", a / n }')"

[ "$STREAMS" -gt 0 ] || exit 0
log "freshness: $STREAMS streams, $RATE posts/s, ${WARMUP}s warm-up, ${MEASURE}s measured"
# where the two cores went while the posts were measured: the stack (services and broker) and the whole machine
# (the freshness client is most of the rest); at 100% busy the figures below are mostly waiting for a core
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
(
  sleep "$WARMUP"
  stack0=$(cpu_ticks "${PIDS[0]}"); broker0=$(cpu_ticks "$(pgrep -f -P "${PIDS[0]}" BrokerProcess)"); busy0=$(busy_ticks)
  sleep "$MEASURE"
  stack1=$(cpu_ticks "${PIDS[0]}"); broker1=$(cpu_ticks "$(pgrep -f -P "${PIDS[0]}" BrokerProcess)"); busy1=$(busy_ticks)
  hz=$(getconf CLK_TCK)
  awk -v s=$((stack1 - stack0 + broker1 - broker0)) -v b=$((busy1 - busy0)) -v hz="$hz" -v t="$MEASURE" -v cpus="$(nproc)" \
    'BEGIN { printf "freshness.stack_cpu_percent=%.0f\nfreshness.machine_busy_percent=%.0f\n", 100 * s / hz / t, 100 * b / hz / t / cpus }' \
    >"$WORK/cpu.txt"
) &
CPU_SAMPLER=$!
java -Xmx1g ${CLIENT_JAVA_OPTS:-} -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.LiveFreshness \
  "$COMMAND" "$QUERY" "$TIMELINE" "$STREAMS" "$RATE" "$WARMUP" "$MEASURE" | tee "$WORK/freshness.txt"
# the service's own count of the readers it dropped and of where reconnecting readers caught up from
metric() { curl -sf -u admin:admin "$QUERY/actuator/metrics/$1" | sed -nE 's/.*"value":([0-9.E]+).*/\1/p'; }
emit freshness.server.readers_dropped "$(metric timeline.live.readers.dropped)"
emit freshness.server.catch_ups_from_memory "$(metric 'timeline.live.catch-ups?tag=from:memory')"
emit freshness.server.catch_ups_from_database "$(metric 'timeline.live.catch-ups?tag=from:database')"
wait "$CPU_SAMPLER"
cat "$WORK/cpu.txt"
# a post that failed or a stream that was dropped is a finding: keep the stack's log that explains it
if ! grep -q '^freshness.posts_failed=0$' "$WORK/freshness.txt" || ! grep -q '^freshness.streams_dropped=0$' "$WORK/freshness.txt"; then
  KEEP_WORK=1
fi
# so is a pipeline that moved in steps (once, every post 0.5 to 1 s late with the stack idle): keep its log and
# where its threads wait, taken while it still runs
if awk -F= '$1 == "freshness.p50_ms" && $2 > 250 { found = 1 } END { exit !found }' "$WORK/freshness.txt"; then
  jstack "${PIDS[0]}" >"$WORK/stack.threads" 2>&1 || true
  log "freshness p50 over 250 ms: threads in $WORK/stack.threads"
  KEEP_WORK=1
fi
