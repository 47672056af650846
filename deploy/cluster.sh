#!/usr/bin/env bash
# The production shape on this machine, without Docker (README, "From one machine to a cluster"):
#   deploy/cluster.sh up     3 KRaft brokers (9092, 9093, 9094; the topic with replication 3, min.insync.replicas 2),
#                            the databases on PostgreSQL, command-service instances on 8081 and 8083, query-service
#                            instances on 8082 and 8084; returns once all answer, and prints where everything is
#   deploy/cluster.sh down   stops them all (the services first, each finishing what it has in hand)
# After the build (./mvnw -B install -DskipTests). Data and logs: CLUSTER_DIR (deploy/.cluster). PostgreSQL:
# POSTGRES_URL (jdbc:postgresql://127.0.0.1:5432/), POSTGRES_USER (postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${CLUSTER_DIR:-deploy/.cluster}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

running() { [ -f "$DIR/launcher.pid" ] && kill -0 "$(cat "$DIR/launcher.pid")" 2>/dev/null; }

up() {
  if running; then echo "the cluster runs already (pid $(cat "$DIR/launcher.pid")); deploy/cluster.sh down stops it"; exit 1; fi
  for port in 9092 9093 9094 8081 8082 8083 8084; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken; stop what runs there"; exit 1; fi
  done
  if [ ! -s "$DIR/classpath.txt" ] || [ embedded-stack/pom.xml -nt "$DIR/classpath.txt" ]; then
    ./mvnw -q -B -pl embedded-stack dependency:build-classpath -Dmdep.outputFile="$DIR/classpath.txt" >/dev/null
  fi
  : >"$DIR/launcher.log"
  AXONIQ_UPDATE_CHECKER_DISABLED=true setsid nohup java -Xmx256m \
    -cp "embedded-stack/target/classes:$(cat "$DIR/classpath.txt")" news.timeline.embedded.LocalCluster "$DIR" \
    >>"$DIR/launcher.log" 2>&1 </dev/null &
  echo $! >"$DIR/launcher.pid"
  echo "starting the cluster (log: $DIR/launcher.log)..."
  until grep -q "cluster is running" "$DIR/launcher.log"; do
    if ! running; then echo "the cluster did not start:"; tail -30 "$DIR/launcher.log"; exit 1; fi
    sleep 1
  done
  sed -n '/=====/,/=====/p' "$DIR/launcher.log"
}

down() {
  if ! running; then echo "no cluster runs"; return 0; fi
  local pids; pids="$(sed -nE 's/.* pid ([0-9]+).*/\1/p' "$DIR/launcher.log")"
  kill "$(cat "$DIR/launcher.pid")"
  while running; do sleep 0.5; done
  # an instance or broker killed by hand is gone already; anything the launcher could not stop goes now
  for pid in $pids; do
    if grep -q news.timeline "/proc/$pid/cmdline" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  rm -f "$DIR/launcher.pid"
  echo "the cluster is stopped; its data stays in $DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: deploy/cluster.sh up|down"; exit 2 ;;
esac
