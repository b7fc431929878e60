"""The graph: the database layer, its model (``graph/MODEL.md``) and every Cypher query."""
