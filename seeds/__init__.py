"""Organisations to load: the demo, the generator and importers of real data."""
