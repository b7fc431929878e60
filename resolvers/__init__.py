"""Resolvers and per-request DataLoaders: the bridge from the schema to ``graph/``.

Resolvers hold no Cypher; they call ``graph/`` functions and the loaders of the request.
"""
