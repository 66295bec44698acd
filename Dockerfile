# The API image; the store is chosen at run time through PUFA_STORE (see docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
# The pinned runtime dependencies (requirements/runtime.lock, see `make lock`) in a layer of their own,
# rebuilt only when the lock changes; then the project itself, without resolving anything again.
COPY requirements/runtime.lock requirements/
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY pufa ./pufa
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY nlp ./nlp
COPY domain ./domain
COPY cli ./cli
COPY data ./data
RUN pip install --no-cache-dir --no-deps . && pip check
ENV PUFA_HOST=0.0.0.0 PUFA_PORT=8000
EXPOSE 8000
CMD ["pufa", "serve"]
