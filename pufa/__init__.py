"""Pufa Graph: law catalogue and knowledge graph for 谁执法谁普法 checklists."""
