"""The subcommands of ``skillgraph``: one module each, with ``register(subparsers)``."""
