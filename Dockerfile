# The API image; the store is chosen at run time through PUFA_STORE (see docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY pufa ./pufa
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY nlp ./nlp
COPY data ./data
RUN pip install --no-cache-dir .
ENV PUFA_HOST=0.0.0.0 PUFA_PORT=8000
EXPOSE 8000
CMD ["pufa", "serve"]
