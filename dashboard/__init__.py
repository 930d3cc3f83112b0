"""The Gösterge dashboard: a Dash multi-page app on the published warehouse snapshot.

Layers: ``pages/`` (one module per page: layout functions and thin callbacks),
``components/`` and ``figures/`` (pure builders of data), ``maps`` (boundaries
and the tile grid), ``i18n`` (Turkish and English), ``urls`` (every view's state
in its URL), ``context`` (settings, plans and the warehouse reader shared by the
pages and by route hooks such as the exports'). Build the app with
:func:`dashboard.app.create_app`.
"""
