"""``python -m skillgraph`` is the ``skillgraph`` command."""

from skillgraph.cli import main

raise SystemExit(main())
