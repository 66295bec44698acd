#!/usr/bin/env bash
# The test command: set up (test tools, Chromium, CJK font), start a real Neo4j on loopback, run the whole suite on both stores, stop Neo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
eval "$(scripts/neo4j-test-server.sh start)"
trap 'scripts/neo4j-test-server.sh stop >/dev/null' EXIT
export PUFA_REQUIRE_NEO4J=${PUFA_REQUIRE_NEO4J:-1}
.venv/bin/python -m pytest "$@"
