"""Benchmarks: scripts that measure and print figures (``make bench``); not part of the tests."""
