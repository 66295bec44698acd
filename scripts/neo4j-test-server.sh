#!/usr/bin/env bash
# A real Neo4j 5.26 (Community, embedded, Bolt on loopback) for the test suite,
# built from Maven Central artifacts (neo4j-launcher/); needs Java 17+ and Maven.
#
#   eval "$(scripts/neo4j-test-server.sh start)"   # exports PUFA_NEO4J_TEST_URI/_USER/_PASSWORD
#   scripts/neo4j-test-server.sh status            # exit 0 if running and answering
#   scripts/neo4j-test-server.sh stop
#
# Env: NEO4J_TEST_STATE (state folder, default .neo4j-test; one server per folder),
#      PUFA_NEO4J_PASSWORD (default pufa-test-pw, at least 8 characters),
#      NEO4J_TEST_PORT (default: a free port chosen by the OS),
#      NEO4J_TEST_START_TIMEOUT (seconds, default 180), NEO4J_TEST_JAVA_OPTS (extra JVM flags).
# State: .neo4j-test/env (what `start` prints, plus pid and data dir), .neo4j-test/neo4j.log (JVM output).
# Only `export` lines go to stdout; progress and errors go to stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAUNCHER=$ROOT/neo4j-launcher
STATE=${NEO4J_TEST_STATE:-$ROOT/.neo4j-test}
ENV_FILE=$STATE/env
LOG=$STATE/neo4j.log
STAMP=$LAUNCHER/target/.pufa-built
WANT_PASSWORD=${PUFA_NEO4J_PASSWORD:-pufa-test-pw}
TIMEOUT=${NEO4J_TEST_START_TIMEOUT:-180}
DATA_PREFIX=pufa-neo4j-test.

# --add-opens: without them Neo4j on Java 17 falls back to slower page-cache buffers
# and cannot fadvise its log files (the same flags the Neo4j server scripts pass).
JAVA_OPTS=(-Xms512m -Xmx1g -XX:+ExitOnOutOfMemoryError
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)

die() {
  echo "neo4j-test-server: $*" >&2
  # So that `set -e; eval "$(... start)"` fails too: eval of empty output would succeed.
  [[ ${CMD:-} == start ]] && echo false
  exit 1
}

show_log() {
  if [[ -s $LOG ]]; then
    echo "--- last 40 lines of $LOG ---" >&2
    tail -n 40 "$LOG" >&2
    echo "---" >&2
  fi
}

# Loads .neo4j-test/env into PUFA_NEO4J_* variables; fails if there is none.
load_env() {
  [[ -f $ENV_FILE ]] || return 1
  # shellcheck disable=SC1090
  source "$ENV_FILE"
}

# Is PID alive and our launcher (not a recycled pid)?
is_launcher() {
  [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'pufa\.neo4j\.Launcher'
}

# Does the Bolt port of the URI accept a TCP connection?
answers() {
  local hostport=${1#bolt://}
  (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null
}

running() {
  load_env && is_launcher "${PUFA_NEO4J_TEST_PID:-}" && answers "$PUFA_NEO4J_TEST_URI"
}

build() {
  command -v java >/dev/null || die "java not found (Java 17+ needed)"
  if [[ -f $STAMP && -d $LAUNCHER/target/lib ]] &&
    [[ -z $(find "$LAUNCHER/pom.xml" "$LAUNCHER/src" -newer "$STAMP" -print -quit) ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (Maven is needed to build neo4j-launcher)"
  echo "neo4j-test-server: building neo4j-launcher (first time downloads Neo4j into ~/.m2)" >&2
  rm -rf "$LAUNCHER/target/lib" # so a changed Neo4j version leaves no stale jars
  # Maven 3.8 prints stray colour-reset codes even with -q -B; strip them. All to stderr.
  mvn -q -B -f "$LAUNCHER/pom.xml" package -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2 ||
    die "building neo4j-launcher failed (see Maven output above)"
  touch "$STAMP"
}

print_env() {
  cat "$ENV_FILE"
}

cleanup_state() {
  # Remove only a data dir this script made.
  if [[ -n ${PUFA_NEO4J_TEST_DATA:-} && $(basename "$PUFA_NEO4J_TEST_DATA") == "$DATA_PREFIX"* ]]; then
    rm -rf "$PUFA_NEO4J_TEST_DATA"
  fi
  rm -f "$ENV_FILE"
}

start() {
  if running; then
    if [[ $PUFA_NEO4J_PASSWORD != "$WANT_PASSWORD" ]]; then
      echo "neo4j-test-server: warning: reusing running server, whose password differs from PUFA_NEO4J_PASSWORD; use the printed one" >&2
    fi
    echo "neo4j-test-server: reusing server pid $PUFA_NEO4J_TEST_PID at $PUFA_NEO4J_TEST_URI" >&2
    print_env
    return 0
  fi
  # A stale env file (process gone or not answering): clear it up before starting anew.
  if load_env; then
    if is_launcher "${PUFA_NEO4J_TEST_PID:-}"; then stop_pid "$PUFA_NEO4J_TEST_PID"; fi
    cleanup_state
  fi
  unset PUFA_NEO4J_TEST_DATA PUFA_NEO4J_TEST_PID

  build
  local data pid uri="" waited=0
  data=$(mktemp -d "${TMPDIR:-/tmp}/${DATA_PREFIX}XXXXXX")
  PUFA_NEO4J_TEST_DATA=$data
  # Password via env, not argv, so it does not show in `ps`. nohup + redirects: the JVM
  # outlives this script and does not hold the caller's $(...) pipe open (nor, 9>&-,
  # the start/stop lock). (Background
  # jobs of a non-interactive shell ignore SIGINT, so Ctrl-C in the caller's terminal
  # does not kill it either; `stop` does.)
  # The log exists before the JVM's shell opens it: on a busy machine the loop below could
  # otherwise read it first, and sed's "no such file" would end this script (set -e).
  : >"$LOG"
  # shellcheck disable=SC2086
  PUFA_NEO4J_PASSWORD=$WANT_PASSWORD nohup java "${JAVA_OPTS[@]}" ${NEO4J_TEST_JAVA_OPTS:-} \
    -cp "$LAUNCHER/target/classes:$LAUNCHER/target/lib/*" pufa.neo4j.Launcher \
    "$data" "${NEO4J_TEST_PORT:-0}" >"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo -n "neo4j-test-server: starting Neo4j (pid $pid, log $LOG)" >&2
  while :; do
    uri=$(sed -n 's/^PUFA_NEO4J_READY \(bolt:\/\/[^ ]*\)$/\1/p' "$LOG" | head -n 1)
    [[ -n $uri ]] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo >&2
      show_log
      rm -rf "$data"
      die "Neo4j exited before it was ready (see log above)"
    fi
    if ((waited >= TIMEOUT * 2)); then
      echo >&2
      show_log
      stop_pid "$pid"
      rm -rf "$data"
      die "Neo4j not ready after ${TIMEOUT}s (see log above)"
    fi
    ((waited % 2 == 0)) && echo -n . >&2
    sleep 0.5
    waited=$((waited + 1))
  done
  echo " ready at $uri" >&2

  mkdir -p "$STATE"
  {
    echo "export PUFA_NEO4J_TEST_URI=$uri"
    echo "export PUFA_NEO4J_USER=neo4j"
    echo "export PUFA_NEO4J_PASSWORD=$(printf '%q' "$WANT_PASSWORD")"
    echo "export PUFA_NEO4J_TEST_PID=$pid"
    echo "export PUFA_NEO4J_TEST_DATA=$(printf '%q' "$data")"
  } >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  print_env
}

# SIGTERM (the launcher's shutdown hook closes the store cleanly), then SIGKILL after 60 s.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 600; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "neo4j-test-server: pid $pid ignored SIGTERM for 60s, killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
}

stop() {
  if ! load_env; then
    echo "neo4j-test-server: not running (no $ENV_FILE)" >&2
    return 0
  fi
  if is_launcher "${PUFA_NEO4J_TEST_PID:-}"; then
    stop_pid "$PUFA_NEO4J_TEST_PID"
    echo "neo4j-test-server: stopped pid $PUFA_NEO4J_TEST_PID" >&2
  else
    echo "neo4j-test-server: pid ${PUFA_NEO4J_TEST_PID:-?} already gone; cleaning up" >&2
  fi
  cleanup_state
}

status() {
  if running; then
    echo "neo4j-test-server: running, pid $PUFA_NEO4J_TEST_PID at $PUFA_NEO4J_TEST_URI"
  else
    echo "neo4j-test-server: not running"
    return 1
  fi
}

CMD=${1:-}
case $CMD in
  start | stop)
    mkdir -p "$STATE"
    # One start/stop at a time per checkout (e.g. parallel test runs sharing a server).
    exec 9>"$STATE/lock"
    flock -w 600 9 || die "another start/stop still holds $STATE/lock after 600s"
    "$CMD"
    ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
