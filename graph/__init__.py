"""Graph stores: one interface (GraphStore), LadybugDB embedded and Neo4j for production."""

from graph.registry import open_store
from graph.store import GraphStore, GraphWriteTx, Query

__all__ = ["GraphStore", "GraphWriteTx", "Query", "open_store"]
