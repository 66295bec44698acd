"""The HTTP API and web pages over the graph store."""
