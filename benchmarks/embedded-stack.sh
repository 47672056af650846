# Sourced by the benchmarks that run the embedded stack (its own KRaft broker, both services on H2 files) on ports
# 9092/8081/8082: a work folder (WORK_PREFIX names it), processes stopped and the folder removed on exit
# (KEEP_WORK=1 keeps it), the build, and the stack started as the README's run command starts it (its JVM options
# from embedded-stack/pom.xml), with STACK_JAVA_OPTS and the arguments given.
COMMAND=http://127.0.0.1:8081; QUERY=http://127.0.0.1:8082
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
WORK="$(mktemp -d "/tmp/$WORK_PREFIX.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  # the broker is a child of the stack: it ends with it, give it the time to
  for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null || break; sleep 0.1; done
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

require_free_ports() {
  for port in 9092 8081 8082 "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "port $port is taken; stop what runs there"; exit 1; fi
  done
}

build() {
  log "building"
  ./mvnw -q -B install -DskipTests
  ./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
  ./mvnw -q -B -pl embedded-stack dependency:build-classpath -Dmdep.outputFile="$WORK/stack-cp.txt" >/dev/null
}

start_stack() {
  log "starting the embedded stack"
  # the JVM options the README's run command gives the stack (embedded-stack/pom.xml), then STACK_JAVA_OPTS
  local options; options=$(sed -nE 's:.*<stack.jvm.options>(.*)</stack.jvm.options>.*:\1:p' embedded-stack/pom.xml)
  AXONIQ_UPDATE_CHECKER_DISABLED=true java $options ${STACK_JAVA_OPTS:-} \
    -cp "embedded-stack/target/classes:$(cat "$WORK/stack-cp.txt")" news.timeline.embedded.EmbeddedStack \
    "$WORK/data" "$@" >"$WORK/stack.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "$QUERY/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "$QUERY/actuator/health" >/dev/null || { log "the stack did not start"; tail -50 "$WORK/stack.log" >&2; exit 1; }
}
