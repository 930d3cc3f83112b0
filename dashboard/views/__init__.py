"""Page content: read a view's state from its URL, query the warehouse, call the builders.

Each module has ``read(...)`` (URL values → a view dict, raising NotFound for an
unknown code) and ``render(view)`` (the page body). Page modules in
``dashboard/pages`` only register the page and wire callbacks to these.
"""
