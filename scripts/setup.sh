#!/usr/bin/env bash
# Create .venv and install the project with its test dependencies (idempotent, quiet when current).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.pufa-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
if ! command -v chromium >/dev/null; then  # tests/test_web_browser.py drives the system Chromium; CJK fonts for its screenshots
  as_root=$([ "$(id -u)" = 0 ] || echo sudo)
  $as_root apt-get update -q && $as_root apt-get install -y -q chromium fonts-wqy-zenhei
fi
