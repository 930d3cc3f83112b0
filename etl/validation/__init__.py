"""Pieces of :mod:`etl.validate`: encoded rows, the problem collector, duplicate detection, resolution."""
