"""Exports: CSV (two dialects), ZIP with metadata, Excel files and the meeting pack (docs/exports.md).

Public pieces: :func:`dashboard.downloads.links.export_link`, ``download_button``,
``view_download`` and ``pack_download`` for the pages;
:func:`dashboard.downloads.routes.register_export_routes` for the Flask server
(``GET /export.csv``, ``/export.zip``, ``/export.xlsx``); the extract builder
page's logic in :mod:`dashboard.views.downloads`. The queries live in
:mod:`warehouse.downloads` (columns, extracts, spill, provenance).
"""
