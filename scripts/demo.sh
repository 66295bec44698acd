#!/usr/bin/env bash
# The main job: set up, load the shipped catalogue and the sample county into the embedded store, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/pufa demo "$@"
