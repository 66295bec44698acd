#!/usr/bin/env bash
# The main job: set up (runtime dependencies only), load the shipped catalogue and the sample county into the embedded store, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
# The sample county's jurisdiction: answers cover national laws plus its own local ones.
export PUFA_REGION=${PUFA_REGION:-示例市澄河县}
exec .venv/bin/pufa demo "$@"
