"""Alembic migrations of the operational database (``versions/``, one module per change).

A new change is a new module in ``versions/`` whose ``down_revision`` is the newest one; never edit an
applied one. ``env.py`` runs each migration in one transaction with its version row
(``transaction_per_migration``), on the engine :func:`operations.database.migrate` hands it.
"""
