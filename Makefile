# The two commands a new machine needs: `make demo` (the service on sample data) and `make test`.
# `make demo` installs only the runtime dependencies; `make test` adds the test tools, Chromium and a CJK font.
.PHONY: setup setup-test demo test lock bench catalogue sample

setup:
	scripts/setup.sh demo

setup-test:
	scripts/setup.sh test

demo:
	scripts/demo.sh

test:
	scripts/test.sh

# Figures, not pass/fail: stores, full-corpus ingest, extractors, queries (Neo4j when PUFA_NEO4J_TEST_URI is set),
# and requests per second of the served endpoints (wrk, Debian's package `wrk`).
bench: setup
	.venv/bin/python -m bench.bench_stores
	.venv/bin/python -m bench.bench_ingest
	.venv/bin/python -m bench.bench_nlp
	.venv/bin/python -m bench.bench_queries
	.venv/bin/python -m bench.bench_serve

# Regenerate data/catalogue from ../shared/corpus/lawrefbook, and data/sample.
catalogue: setup
	.venv/bin/python scripts/build_catalogue.py --today $(shell date +%F)

sample: setup
	.venv/bin/python scripts/make_sample.py

# Dependencies. pyproject.toml lists the direct ones as ranges (`dependencies`, and the `test`
# extra); requirements/test.lock and requirements/runtime.lock pin every package with hashes for
# Python 3.11 on Linux x86_64, and scripts/setup.sh (and the Dockerfile) install only from them.
# To add or change a dependency: edit pyproject.toml, run `make lock`, commit the three files.
# `make lock` keeps the pins it can and moves only what the change needs; to move pins on purpose:
# `make lock LOCK_FLAGS=--upgrade` (all) or `make lock LOCK_FLAGS='--upgrade-package NAME'`.
# test.lock is solved first and runtime.lock is constrained to it, so the demo and the image run
# the versions CI tested. uv is installed from PyPI into a temporary folder for the run only.
UV_VERSION = 0.13.9
LOCK_FLAGS =
UV_COMPILE = pip compile -q pyproject.toml --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	--generate-hashes --annotation-style line --custom-compile-command 'make lock' $(LOCK_FLAGS)
lock:
	@set -e; uv=$$(mktemp -d); trap 'rm -rf "$$uv"' EXIT; \
	python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --target "$$uv" uv==$(UV_VERSION); \
	mkdir -p requirements; \
	"$$uv/bin/uv" $(UV_COMPILE) --extra test -o requirements/test.lock; \
	"$$uv/bin/uv" $(UV_COMPILE) -c requirements/test.lock -o requirements/runtime.lock
