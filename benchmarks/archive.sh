#!/usr/bin/env bash
# A search engine crawling the archive (docs/PERFORMANCE.md): the embedded stack, COUNT timelines opened through the
# command API, then each one's latest page read once, while a live timeline is read as readers read it. Printed: the
# live timeline's latest page (wrk, requests/s and p99) and the list of timelines (the 50 most recently changed) before
# and after the crawl, the query service's first pages
# in memory (hits, misses, evictions, bytes held against timeline.first-pages.max-bytes), heap used after a full
# collection and the stack's resident memory, before and after.
# Tunables: COUNT (100000), CONNECTIONS (16), STACK_JAVA_OPTS, KEEP_WORK (0).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${COUNT:-100000}"; CONNECTIONS="${CONNECTIONS:-16}"
WORK_PREFIX=timeline-archive
. benchmarks/embedded-stack.sh
emit() { printf '%s=%s\n' "$1" "$2"; }
require_free_ports
build
emit machine.cpus "$(nproc)"
start_stack --timeline.limits.requests-per-second=1000000 --timeline.limits.burst=1000000
STACK=${PIDS[-1]}

metric() { curl -sf -u admin:admin "$QUERY/actuator/metrics/$1" | sed -nE 's/.*"statistic":"(VALUE|COUNT)","value":([0-9.E]+).*/\2/p'; }
memory() { # memory WHEN: heap after a full collection, resident memory, first pages in memory
  jcmd "$STACK" GC.run >/dev/null
  emit "$1.heap_used_mb" "$(jcmd "$STACK" GC.heap_info | sed -nE 's/.* used ([0-9]+)K.*/\1/p' | head -1 | awk '{ print int($1 / 1024) }')"
  emit "$1.rss_mb" "$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$STACK/status")"
  emit "$1.first_pages.bytes" "$(metric timeline.first-pages.bytes)"
  emit "$1.first_pages.hits" "$(metric 'timeline.first-pages.reads?tag=result:hit')"
  emit "$1.first_pages.misses" "$(metric 'timeline.first-pages.reads?tag=result:miss')"
  emit "$1.first_pages.evicted" "$(metric timeline.first-pages.evicted)"
}
live_page() { # live_page WHEN: the live timeline's latest page under wrk, after a warm-up run
  wrk -t2 -c50 -d10s "$QUERY/api/timelines/live" >/dev/null
  wrk -t2 -c50 -d10s --latency "$QUERY/api/timelines/live" >"$WORK/wrk-$1.log"
  emit "$1.live_page.requests_per_s" "$(sed -nE 's/^Requests\/sec:[[:space:]]+([0-9.]+).*/\1/p' "$WORK/wrk-$1.log")"
  emit "$1.live_page.p99" "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$1.log")"
}

timeline_list() { # timeline_list WHEN: the list of the 50 most recently changed timelines, one reader at a time
  wrk -t1 -c1 -d5s "$QUERY/api/timelines?limit=50" >/dev/null
  wrk -t1 -c1 -d10s --latency "$QUERY/api/timelines?limit=50" >"$WORK/wrk-list-$1.log"
  emit "$1.timeline_list.requests_per_s" "$(sed -nE 's/^Requests\/sec:[[:space:]]+([0-9.]+).*/\1/p' "$WORK/wrk-list-$1.log")"
  emit "$1.timeline_list.p50" "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-list-$1.log")"
}

curl -sf -u editor:editor -H 'Content-Type: application/json' -d '{"id":"live","title":"Election night"}' \
  "$COMMAND/api/timelines" >/dev/null
for n in $(seq 1 20); do
  curl -sf -u editor:editor -H 'Content-Type: application/json' \
    -d "{\"headline\":\"Update $n\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"The count goes on.\"}]}" \
    "$COMMAND/api/timelines/live/updates" >/dev/null
done
live_page before
timeline_list before
memory before

touch_all() { # touch_all MODE URL: every archived timeline once, through wrk, stopped once both its threads are done
  mkdir -p "$WORK/done-$1"
  MODE="$1" COUNT="$COUNT" DONE_DIR="$WORK/done-$1" wrk -t2 -c"$CONNECTIONS" -d1h -s benchmarks/archive.lua "$2" \
    >"$WORK/wrk-$1.log" &
  local wrk_pid=$!
  until [ "$(ls "$WORK/done-$1" | wc -l)" -ge 2 ]; do sleep 0.2; done
  kill -INT "$wrk_pid"; wait "$wrk_pid" || true
}

log "opening $COUNT timelines"
started=$(date +%s)
touch_all open "$COMMAND"
emit archive.opened_per_s "$(awk -v n="$COUNT" -v s=$(($(date +%s) - started)) 'BEGIN { printf "%.0f", n / (s > 0 ? s : 1) }')"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$QUERY/api/timelines/archive-$((COUNT - 1))")" = 200 ]; do sleep 0.5; done

log "reading each once"
started=$(date +%s)
touch_all read "$QUERY"
emit archive.read_per_s "$(awk -v n="$COUNT" -v s=$(($(date +%s) - started)) 'BEGIN { printf "%.0f", n / (s > 0 ? s : 1) }')"
grep -q "Non-2xx" "$WORK/wrk-read.log" && { log "some reads were not answered 200:"; grep "Non-2xx" "$WORK/wrk-read.log" >&2; }

live_page after
timeline_list after
memory after
