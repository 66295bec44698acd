"""Ingest adapters: each reads one kind of source and yields typed records for the graph writer."""
