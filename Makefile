# The two commands a new machine needs: `make demo` (the service on sample data) and `make test`.
.PHONY: setup demo test bench catalogue sample

setup:
	scripts/setup.sh

demo:
	scripts/demo.sh

test:
	scripts/test.sh

# Figures, not pass/fail: stores, full-corpus ingest, extractors, queries (Neo4j when PUFA_NEO4J_TEST_URI is set).
bench: setup
	.venv/bin/python -m bench.bench_stores
	.venv/bin/python -m bench.bench_ingest
	.venv/bin/python -m bench.bench_nlp
	.venv/bin/python -m bench.bench_queries

# Regenerate data/catalogue from ../shared/corpus/lawrefbook, and data/sample.
catalogue: setup
	.venv/bin/python scripts/build_catalogue.py --today $(shell date +%F)

sample: setup
	.venv/bin/python scripts/make_sample.py
