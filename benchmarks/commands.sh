#!/usr/bin/env bash
# Editors' figures (docs/PERFORMANCE.md): posts a second end to end (HTTP -> event store -> Kafka -> projection),
# beside this machine's ceilings measured in the same run.
#   1. ceilings: ../shared/bench/physical-limits.sh (Kafka's own producer with acks=all, nginx), and PostgreSQL's own
#      insert rate: pgbench, CLIENTS clients each committing one 400-byte row at a time, as the service commits posts;
#   2. the README's run command timed until both services answer (after a build);
#   3. for each store (STORES: h2, the embedded default, and postgres, a database of each service's own on the local
#      server): the stack started as the README starts it, CLIENTS wrk connections posting 400-byte updates over
#      TIMELINES timelines, then all to one timeline, WARMUP s of warm-up then MEASURE s measured for each shape;
#      posts/s, latency p50/p99, the time from the last post until the readers' pages showed every post, and the
#      largest resident memory of the stack's JVMs (services and broker) while posting.
# Needs wrk (installed with apt-get when missing, as root), and for postgres psql and pgbench on PG_HOST.
# Tunables: CLIENTS (16), TIMELINES (50), WARMUP (180: at 60 s C2 still compiled, posts/s halved), MEASURE (20), STORES ("h2 postgres"),
#           PG_HOST (127.0.0.1), PG_USER (postgres), LIMITS (../shared/bench/physical-limits.sh; empty skips it),
#           KEEP_WORK (0).
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS="${CLIENTS:-16}"; TIMELINES="${TIMELINES:-50}"; WARMUP="${WARMUP:-180}"; MEASURE="${MEASURE:-20}"
STORES="${STORES:-h2 postgres}"; PG_HOST="${PG_HOST:-127.0.0.1}"; PG_USER="${PG_USER:-postgres}"
LIMITS="${LIMITS-../shared/bench/physical-limits.sh}"
WORK_PREFIX=timeline-commands
. benchmarks/embedded-stack.sh
emit() { printf '%s=%s\n' "$1" "$2"; }

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
require_free_ports
build
emit machine.cpus "$(nproc)"
emit java.version "$(java -version 2>&1 | head -n 1 | sed -E 's/.*"(.*)".*/\1/')"

if [ -n "$LIMITS" ] && [ -f "$LIMITS" ]; then
  log "this machine's ceilings: $LIMITS"
  bash "$LIMITS" 2>"$WORK/limits.log" | grep -E '^(kafka\.version|kafka\.produce\.|kafka\.consume\.records_per_s|http\.static_20kb\.requests_per_s)' || log "$LIMITS failed"
fi

psql_() { psql -h "$PG_HOST" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt "$@"; }
fresh_database() { psql_ -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
if [[ " $STORES " == *" postgres "* ]]; then
  log "PostgreSQL's own insert rate: pgbench, $CLIENTS clients, one 400-byte row a transaction, ${MEASURE}s"
  fresh_database bench_pg_inserts
  psql_ -d bench_pg_inserts -c "CREATE TABLE post (id BIGSERIAL PRIMARY KEY, body BYTEA NOT NULL)"
  printf 'INSERT INTO post (body) VALUES (convert_to(repeat(%s, 400), %s));\n' "'x'" "'UTF8'" >"$WORK/insert.sql"
  pgbench -h "$PG_HOST" -U "$PG_USER" -n -c "$CLIENTS" -j 2 -T "$MEASURE" -f "$WORK/insert.sql" bench_pg_inserts \
    >"$WORK/pgbench.log" 2>&1
  emit postgres.inserts_per_s "$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$WORK/pgbench.log" | head -1)"
  emit postgres.insert_latency_ms "$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$WORK/pgbench.log")"
  psql_ -d postgres -c "DROP DATABASE bench_pg_inserts"
fi

log "the README's run command, timed until both services answer"
started=$(date +%s%3N)
./mvnw -q -B -o -pl embedded-stack -am spring-boot:run -Dspring-boot.run.arguments="$WORK/readme-data" \
  >"$WORK/readme-run.log" 2>&1 &
README_RUN=$!
PIDS+=("$README_RUN")
until curl -sf "$COMMAND/actuator/health" >/dev/null && curl -sf "$QUERY/actuator/health" >/dev/null; do
  kill -0 "$README_RUN" 2>/dev/null || { log "the README's run command ended"; tail -30 "$WORK/readme-run.log" >&2; exit 1; }
  sleep 0.1
done
emit startup.readme_run_command_answers_s "$(awk -v ms=$(($(date +%s%3N) - started)) 'BEGIN { printf "%.1f", ms / 1000 }')"
pkill -TERM -f "news.timeline.embedded.EmbeddedStack $WORK/readme-data" || true
wait "$README_RUN" 2>/dev/null || true
for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null || break; sleep 0.1; done

# the resident memory of the stack's JVM and of the broker JVM it started, both in MB, largest seen until stopped
rss_mb() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$1/status" 2>/dev/null || echo 0; }
watch_memory() {
  local broker; broker=$(pgrep -f -P "$1" BrokerProcess)
  while kill -0 "$1" 2>/dev/null; do echo "$(rss_mb "$1") $(rss_mb "$broker")"; sleep 1; done
}

post() { # post NAME TIMELINE_PREFIX TIMELINE_COUNT SECONDS: wrk posting, its figures as NAME.*
  local last="$WORK/last-$1.txt"
  # waiting, already started, for the file wrk writes as it stops: the catch-up counts from then
  java -cp "benchmarks/target/classes:$(cat "$WORK/cp.txt")" news.timeline.bench.ProjectionCatchUp "$QUERY" "$last" \
    >"$WORK/catch-up-$1.txt" &
  local catch_up=$!
  PREFIX="$2" TIMELINES="$3" LAST_FILE="$last" wrk -t2 -c"$CLIENTS" -d"$4s" -s benchmarks/post.lua "$COMMAND" \
    >"$WORK/wrk-$1.log"
  emit "$1.posts_per_s" "$(sed -nE 's/^Requests\/sec:[[:space:]]+([0-9.]+).*/\1/p' "$WORK/wrk-$1.log")"
  sed -nE "s/^(latency\.p50_ms|latency\.p99_ms|non_2xx)=/$1.\1=/p" "$WORK/wrk-$1.log"
  wait "$catch_up"
  sed "s/^/$1./" "$WORK/catch-up-$1.txt"
}

for store in $STORES; do
  settings=(--timeline.limits.requests-per-second=1000000 --timeline.limits.burst=1000000)
  if [ "$store" = postgres ]; then
    fresh_database bench_commands; fresh_database bench_readers
    settings+=(--spring.profiles.active=postgres
      "--command.spring.datasource.url=jdbc:postgresql://$PG_HOST:5432/bench_commands"
      "--query.spring.datasource.url=jdbc:postgresql://$PG_HOST:5432/bench_readers")
  fi
  rm -rf "$WORK/data"
  start_stack "${settings[@]}"
  for id in $(seq -f 'many-%g' 0 $((TIMELINES - 1))) hot-0; do
    curl -sf -u editor:editor -H 'Content-Type: application/json' -d "{\"id\":\"$id\",\"title\":\"The count\"}" \
      "$COMMAND/api/timelines" >/dev/null
  done
  log "$store: warming up ${WARMUP}s, then ${MEASURE}s over $TIMELINES timelines and ${MEASURE}s on one"
  PREFIX=many- TIMELINES="$TIMELINES" LAST_FILE="$WORK/last-warmup.txt" wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" \
    -s benchmarks/post.lua "$COMMAND" >/dev/null
  watch_memory "${PIDS[-1]}" >"$WORK/rss-$store.txt" &
  post "$store.many_timelines" many- "$TIMELINES" "$MEASURE"
  post "$store.one_timeline" hot- 1 "$MEASURE"
  emit "$store.batch_size_mean" "$(curl -sf -u admin:admin "$COMMAND/actuator/metrics/timeline.commands.batch.size" \
    | sed -nE 's/.*"statistic":"COUNT","value":([0-9.E]+).*"statistic":"TOTAL","value":([0-9.E]+).*/\2 \1/p' \
    | awk '{ if ($2 > 0) printf "%.1f", $1 / $2 }')"
  awk -v s="$store" '{ if ($1 > a) a = $1; if ($2 > b) b = $2; if ($1 + $2 > t) t = $1 + $2 }
    END { printf "%s.rss_max_mb.stack=%d\n%s.rss_max_mb.broker=%d\n%s.rss_max_mb.together=%d\n", s, a, s, b, s, t }' \
    "$WORK/rss-$store.txt"
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
  unset 'PIDS[-1]'
  for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null || break; sleep 0.1; done
done
