#!/usr/bin/env bash
# Runs a real Apache Kafka broker (single KRaft node, broker+controller) for dev and tests,
# without Docker: the jars come from Maven Central through scripts/kafka/pom.xml.
#
#   scripts/kafka.sh start|stop|restart|status|reset
#
# Needs Java 17+ and Maven (apt-get install openjdk-17-jre-headless maven).
# Environment:
#   KAFKA_HOME_DIR         data, logs, pid, generated config (default <repo>/.kafka)
#   KAFKA_PORT             client listener on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener on 127.0.0.1 (default 9093)
#   KAFKA_LIBS_DIR         jars, shared by all homes (default <repo>/.kafka/libs)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (default 90)
#   KAFKA_HEAP_OPTS        default "-Xmx512m -Xms256m"
# A second broker for tests: KAFKA_HOME_DIR=/tmp/k2 KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 scripts/kafka.sh start
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
CONF_SRC="$SCRIPT_DIR/kafka"

HOME_DIR="${KAFKA_HOME_DIR:-$REPO_ROOT/.kafka}"
LIBS_DIR="${KAFKA_LIBS_DIR:-$REPO_ROOT/.kafka/libs}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
HOST=127.0.0.1

DATA_DIR="$HOME_DIR/data"
LOGS_DIR="$HOME_DIR/logs"
PID_FILE="$HOME_DIR/kafka.pid"
SERVER_PROPS="$HOME_DIR/server.properties"
STDOUT_LOG="$LOGS_DIR/kafka.out"
MARKER="$LIBS_DIR/.pom.sha256"

log() { printf '[kafka.sh] %s\n' "$*"; }
die() { printf '[kafka.sh] ERROR: %s\n' "$*" >&2; exit 1; }

# --- probes (pure bash, no JVM) ---------------------------------------------

port_open() { # port
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Sends a Kafka ApiVersions (v0) request and checks that the reply carries our correlation id.
# The broker's client listener only processes requests once startup has finished
# (metadata caught up, acceptors enabled), so this is a real readiness check; an open port is not.
broker_answers() { # port
  local reply
  reply="$(timeout 3 bash -c '
    exec 3<>/dev/tcp/'"$HOST"'/'"$1"' || exit 1
    # size=18 | api_key=18 (ApiVersions) | api_version=0 | correlation_id=42 | client_id="kafka.sh"
    printf "\x00\x00\x00\x12\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x08kafka.sh" >&3
    head -c 8 <&3 | od -An -tx1' 2>/dev/null | tr -d ' \n')" || return 1
  [[ ${#reply} -eq 16 && ${reply:8:8} == 0000002a ]]
}

# --- our process -----------------------------------------------------------------

is_our_broker() { # pid -> true when it is kafka.Kafka started with this home's config
  local pid=$1 cmd
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ $cmd == *" kafka.Kafka $SERVER_PROPS"* ]]
}

our_pid() { # prints the pid of the broker started from HOME_DIR, if alive
  local pid="" p
  [[ -f $PID_FILE ]] && pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if is_our_broker "$pid"; then echo "$pid"; return 0; fi
  # pid file lost or stale: look for a java process running exactly our config file.
  for p in $(grep -alsF -- "$SERVER_PROPS" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
    if is_our_broker "$p"; then echo "$p" >"$PID_FILE"; echo "$p"; return 0; fi
  done
  rm -f "$PID_FILE"
  return 1
}

running_port() { # client port in the config the running broker was started with
  sed -n 's|^advertised.listeners=PLAINTEXT://[^:]*:\([0-9]*\).*|\1|p' "$SERVER_PROPS" 2>/dev/null | head -1
}

# --- preparation ---------------------------------------------------------------

check_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found. Kafka 4 needs Java 17+: apt-get install openjdk-17-jre-headless"
  local v
  v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [[ -n $v && $v -ge 17 ]] ||
    die "java $v found, Kafka 4 needs Java 17+: apt-get install openjdk-17-jre-headless"
}

ensure_jars() {
  local hash
  hash="$(sha256sum "$CONF_SRC/pom.xml" | cut -d' ' -f1)"
  mkdir -p "$(dirname "$LIBS_DIR")"
  (
    flock 9 # two starts at once (e.g. two test brokers) download once
    if [[ -f $MARKER && "$(cat "$MARKER")" == "$hash" ]]; then exit 0; fi
    command -v mvn >/dev/null 2>&1 ||
      die "mvn not found; it fetches the Kafka jars from Maven Central: apt-get install maven"
    log "fetching Kafka jars with Maven into $LIBS_DIR (first time: a minute or two) ..."
    local tmp="$LIBS_DIR.tmp.$$" t0=$SECONDS
    rm -rf "$tmp"
    if ! mvn -B -q -f "$CONF_SRC/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
      tail -n 40 "$tmp.mvn.log" >&2
      rm -rf "$tmp" "$tmp.mvn.log"
      die "maven could not fetch the Kafka jars (see above)"
    fi
    rm -f "$tmp.mvn.log"
    echo "$hash" >"$tmp/.pom.sha256"
    rm -rf "$LIBS_DIR"
    mv "$tmp" "$LIBS_DIR"
    log "jars ready ($(ls "$LIBS_DIR"/*.jar | wc -l) jars, $((SECONDS - t0)) s)"
  ) 9>"$LIBS_DIR.lock"
}

write_config() {
  mkdir -p "$DATA_DIR" "$LOGS_DIR"
  local new="$SERVER_PROPS.new"
  sed -e "s|@PORT@|$PORT|g" -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" -e "s|@DATA_DIR@|$DATA_DIR|g" \
    "$CONF_SRC/server.properties.template" >"$new"
  mv "$new" "$SERVER_PROPS"
}

JVM_OPTS=(
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
  -Dkafka.logs.dir="$LOGS_DIR" -Dlog4j2.configurationFile="$CONF_SRC/log4j2.properties"
)

format_storage() {
  [[ -f $DATA_DIR/meta.properties ]] && return 0
  local id
  log "formatting storage in $DATA_DIR ..."
  id="$(java "${JVM_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool random-uuid | tail -1)"
  [[ -n $id ]] || die "kafka.tools.StorageTool random-uuid printed nothing"
  if ! java "${JVM_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool \
    format --standalone -t "$id" -c "$SERVER_PROPS" >"$LOGS_DIR/format.log" 2>&1; then
    cat "$LOGS_DIR/format.log" >&2
    die "formatting storage failed"
  fi
}

show_logs() {
  if [[ -s $STDOUT_LOG ]]; then
    echo "---- last 40 lines of $STDOUT_LOG ----" >&2
    tail -n 40 "$STDOUT_LOG" >&2
  fi
  if [[ -s $LOGS_DIR/server.log ]]; then
    echo "---- last 40 lines of $LOGS_DIR/server.log ----" >&2
    tail -n 40 "$LOGS_DIR/server.log" >&2
  fi
}

wait_ready() { # pid
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_logs
      rm -f "$PID_FILE"
      die "Kafka exited during startup"
    fi
    if port_open "$PORT" && broker_answers "$PORT"; then return 0; fi
    sleep 0.5
  done
  show_logs
  log "Kafka did not answer within ${START_TIMEOUT}s; stopping it"
  do_stop >/dev/null || true
  exit 1
}

# --- commands ------------------------------------------------------------------

do_start() {
  local pid t0=$SECONDS
  if broker_answers "$PORT"; then
    if pid="$(our_pid)"; then
      log "Kafka already running on $HOST:$PORT (pid $pid, $HOME_DIR)"
    else
      log "a Kafka broker already answers on $HOST:$PORT (not started from $HOME_DIR); using it"
    fi
    return 0
  fi
  mkdir -p "$HOME_DIR"
  # One start at a time per home (e.g. parallel test runners); the broker must not inherit fd 8.
  exec 8>"$HOME_DIR/start.lock"
  flock 8
  if broker_answers "$PORT"; then
    log "Kafka already running on $HOST:$PORT (started meanwhile)"
    return 0
  fi
  if pid="$(our_pid)"; then # started but not answering yet
    [[ "$(running_port)" == "$PORT" ]] ||
      die "the broker from $HOME_DIR (pid $pid) runs on port $(running_port), not $PORT; stop it first or use another KAFKA_HOME_DIR"
    log "Kafka (pid $pid) is starting; waiting for it"
    wait_ready "$pid"
    log "Kafka ready on $HOST:$PORT (pid $pid)"
    return 0
  fi
  port_open "$PORT" && die "port $PORT is taken by something that does not answer as Kafka"
  port_open "$CONTROLLER_PORT" && die "controller port $CONTROLLER_PORT is taken (set KAFKA_CONTROLLER_PORT)"

  check_java
  ensure_jars
  write_config
  format_storage

  log "starting Kafka on $HOST:$PORT (controller $CONTROLLER_PORT, home $HOME_DIR)"
  : >"$STDOUT_LOG"
  # setsid+nohup: the broker outlives the calling shell and its Ctrl-C.
  # (setsid does not fork here: a script's background job is not a process-group leader,
  # so $! is the JVM's pid.)
  # shellcheck disable=SC2086
  setsid nohup java $HEAP_OPTS "${JVM_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$SERVER_PROPS" \
    >"$STDOUT_LOG" 2>&1 </dev/null 8>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  wait_ready "$pid"
  log "Kafka ready on $HOST:$PORT (pid $pid, $((SECONDS - t0)) s; logs in $LOGS_DIR)"
}

do_stop() {
  local pid i
  if ! pid="$(our_pid)"; then
    log "Kafka not running (from $HOME_DIR)"
    return 0
  fi
  log "stopping Kafka (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

do_status() {
  local pid
  if pid="$(our_pid)"; then
    if [[ "$(running_port)" != "$PORT" ]]; then
      log "not running on $HOST:$PORT: the broker from $HOME_DIR (pid $pid) runs on port $(running_port)"
      return 1
    fi
    if broker_answers "$PORT"; then
      log "running (pid $pid, $HOST:$PORT, home $HOME_DIR)"
      return 0
    fi
    log "not running: process $pid is alive but does not answer on $HOST:$PORT (starting or stuck)"
    return 1
  fi
  if broker_answers "$PORT"; then
    log "running: a broker answers on $HOST:$PORT (not started from $HOME_DIR)"
    return 0
  fi
  log "not running ($HOST:$PORT, home $HOME_DIR)"
  return 1
}

do_reset() { # stop and delete data and logs (keeps the jars)
  do_stop
  rm -rf "$DATA_DIR" "$LOGS_DIR" "$SERVER_PROPS"
  log "data and logs removed from $HOME_DIR"
}

case "${1:-}" in
  start) do_start ;;
  stop) do_stop ;;
  restart) do_stop && do_start ;;
  status) do_status ;;
  reset) do_reset ;;
  *)
    echo "usage: $0 start|stop|restart|status|reset" >&2
    exit 2
    ;;
esac
