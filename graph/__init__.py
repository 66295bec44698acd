"""Graph stores: one interface (GraphStore), LadybugDB embedded and Neo4j for production; I/O only."""
