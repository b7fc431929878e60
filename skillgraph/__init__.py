"""skillgraph: the learning ecosystem of an organisation as one graph, with a GraphQL API."""

__version__ = "0.1.0"
