#!/usr/bin/env bash
# Create .venv and install what a mode needs, pinned by a lock file (idempotent, quiet when current).
#   scripts/setup.sh [demo]   the runtime dependencies: requirements/runtime.lock (what `make demo` needs)
#   scripts/setup.sh test     runtime + test tools: requirements/test.lock, and Chromium with a CJK font
# The locks are generated from pyproject.toml by `make lock` (see the Makefile); pip installs them as is.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}
case $mode in
  demo) lock=requirements/runtime.lock ;;
  test) lock=requirements/test.lock ;;
  *) echo "usage: $0 [demo|test]" >&2; exit 2 ;;
esac
pip() { .venv/bin/python -m pip -q --disable-pip-version-check "$@"; }
if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
  pip install --upgrade pip
fi

# One stamp per mode, older than neither the lock nor pyproject.toml. test.lock has every pin of
# runtime.lock (it is solved first and runtime.lock is constrained to it), so a current test
# install also counts for demo.
current() { [ -f "$1" ] && [ ! "$lock" -nt "$1" ] && [ ! pyproject.toml -nt "$1" ]; }
if ! current ".venv/.pufa-$mode" && ! { [ "$mode" = demo ] && current .venv/.pufa-test; }; then
  pip install --require-hashes -r "$lock"
  PYTHONWARNINGS=ignore pip install --no-deps -e .  # without setuptools' editable-install banner
  # The lock must cover what pyproject.toml asks for (a dependency added without `make lock`).
  .venv/bin/python - "$mode" "$lock" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, requires, version
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
mode, lock = sys.argv[1:]
bad = []
for line in requires("pufa-graph") or []:
    req = Requirement(line)
    if req.marker and not req.marker.evaluate({"extra": "test" if mode == "test" else ""}):
        continue
    try:
        if not req.specifier.contains(version(req.name), prereleases=True):
            bad.append(f"{req} (installed {version(req.name)})")
    except PackageNotFoundError:
        bad.append(f"{req} (not installed)")
if bad:
    sys.exit(f"setup.sh: {lock} does not satisfy pyproject.toml: {', '.join(bad)}; run `make lock`")
PY
  touch ".venv/.pufa-$mode"
fi

# tests/test_web_browser.py drives the system Chromium; its screenshots need a CJK font.
if [ "$mode" = test ]; then
  debs=()
  command -v chromium >/dev/null || debs+=(chromium)
  fc-list :lang=zh 2>/dev/null | grep -q . || debs+=(fonts-wqy-zenhei)
  if [ ${#debs[@]} -gt 0 ]; then
    as_root=$([ "$(id -u)" = 0 ] || echo sudo)
    $as_root apt-get update -q && $as_root apt-get install -y -q "${debs[@]}"
  fi
fi
