# The two commands a new machine needs: `make demo` (the service on sample data) and `make test`.
.PHONY: setup demo test bench catalogue sample

setup:
	scripts/setup.sh

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench: setup
	.venv/bin/python -m bench.bench_stores
