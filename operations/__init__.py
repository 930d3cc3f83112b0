"""The operational database: what the web itself writes, beside the warehouse it only reads.

The warehouse (DuckDB) keeps its single writer and its read-only published snapshot. Accounts, roles,
sign-in failures, the audit log and the requests the web sends to the warehouse's writer (re-process a
failed file) live here instead, in a database every web worker may write to at once:

- SQLite in WAL mode, ``operations.sqlite`` in GOSTERGE_DATA_DIR, by default (``./dev run`` needs
  nothing else), or PostgreSQL when GOSTERGE_DATABASE_URL names one (several web servers);
- reached through SQLAlchemy Core only (:mod:`operations.tables` declares the tables; each module
  answers one concern with named functions taking an ``Engine``), values always as parameters;
- its schema changed only by Alembic migrations (:mod:`operations.migrations`), each applied in one
  transaction with the version row, so a failed migration leaves the schema as it was
  (:func:`operations.database.migrate`, run at start by ``python app.py`` and by
  ``python -m operations migrate``).

Layering: ``dashboard`` and ``etl`` import this package; it imports ``gosterge`` only. The web asks the
ETL's writer for work by writing a row (:mod:`operations.reprocess`); the writer picks it up.
"""
