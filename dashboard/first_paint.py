"""The page written into the document: what a full load shows before Dash has booted (issue 16).

A full load (a new tab, a bookmark, a typed address) waited for Dash's boot before anything showed: 1.5 MiB
of JavaScript evaluated, then React drawing the layout, then plotly.js asked for by the first chart. The
not-found view alone took 334 ms against 62 ms for a static page of the same heading. Chromium paints what
the document holds before it runs the scripts at its end (measured: docs/architecture.md, "Full loads").

So the document carries the page itself: the layout Dash's ``_dash-layout`` answer carries for this address
(:mod:`dashboard.initial_page`), encoded once (its page body comes from the page cache) and written as HTML
by :func:`page_html`, with plotly.js (when it has a chart) and ``assets/first-paint.js`` after it. The script
draws the charts in view from their figures; Dash's scripts are held in the document (:func:`held`) and run by
it once the written page has had its frame, and Dash draws its page hidden in the same place; once that page
and its charts in view are drawn, the written page is removed and Dash's shown. The written page has no ids,
and the script makes it ``inert`` and ``aria-hidden`` as it starts: the keyboard, screen readers and every
script of the app only ever meet Dash's page. Where no script runs, it is a plain page whose links work. Such a document is answered ``Cache-Control: no-store, private``, as the layout is: it holds this
user's page at this data version.

Written as :mod:`dashboard.components.markup` writes (every text and attribute escaped, addresses checked),
from the layout's JSON: html components, ``dcc.Link``, the ``gosterge.Markup`` parts (already written by the
server), the dash-bootstrap-components the shell and pages use (rows, columns, selects, inputs, tables), and
charts (a chart place's graph, or a graph): the figure as JSON in a ``<script type="application/json">``
(not run: the Content-Security-Policy stays as it is), ``<`` written as ``\\u003c`` so no text can close it.
Stores, locations, intervals and closed toasts draw nothing. A component this module does not know (a
dropdown) makes it write no page: that document is the one Dash alone draws, never a guess.
"""

from __future__ import annotations

import html as escaping
import logging
import re
from collections.abc import Callable
from typing import Any

import flask
import orjson

from dashboard import delivery, ids, initial_page
from dashboard.components.markup import attributes, number_text
from dashboard.live import encode

log = logging.getLogger(__name__)

#: the class of the written page's outer element (assets/first-paint.js finds it by it)
PAGE_CLASS = "first-paint-page"
#: the type of Dash's scripts held until the written page is drawn (:func:`held`)
HELD = "application/x-gosterge-held"
_JAVASCRIPT = "application/javascript"
#: a script of Dash's: a file (``src``, nothing inside) or inline (no attributes)
_SCRIPT = re.compile(r'<script(?: src="([^"<>]+)")?>(.*?)</script>', re.DOTALL)
_HELD_FILE = re.compile(rf'<script type="{re.escape(HELD)}" data-src="([^"<>]+)"></script>')
SCRIPT = delivery.FIRST_PAINT_SCRIPT
#: flask.g's mark of a document that carries its page (answered ``no-store``, as the layout is)
_PAGE_WRITTEN = "gosterge_page_written"

_HTML = "dash_html_components"
_DCC = "dash_core_components"
_DBC = "dash_bootstrap_components"
_NOTHING = {(_DCC, "Location"), (_DCC, "Interval")}
_BREAKPOINTS = (("width", ""), ("xs", ""), ("sm", "-sm"), ("md", "-md"), ("lg", "-lg"), ("xl", "-xl"), ("xxl", "-xxl"))


class Unwritable(ValueError):
    """A part of the layout this module does not write (the document is then Dash's alone)."""


def install(app: Any) -> None:
    """Every document Dash serves carries its page, written (:func:`for_document`); where it does, Dash's
    scripts are held (:func:`held`) and started by assets/first-paint.js once the written page is drawn."""
    interpolate = app.interpolate_index

    def with_page(**parts: str) -> str:
        written = for_document(app.layout)
        if not written:
            return interpolate(**parts)  # type: ignore[no-any-return]
        parts["app_entry"] = written + parts.get("app_entry", "")
        parts["scripts"], parts["renderer"] = held(parts.get("scripts", ""), parts.get("renderer", ""))
        document: str = interpolate(**parts)
        # held, Dash's files are not found by the browser's look-ahead: asked for from the head instead, so that
        # a first visit fetches them while the written page comes (a later one has them in its cache)
        preloads = "".join(
            f'<link rel="preload" as="script" href="{source}">' for source in _HELD_FILE.findall(parts["scripts"])
        )
        return document.replace("</head>", f"{preloads}</head>", 1)

    app.interpolate_index = with_page

    @app.server.after_request
    def not_kept(response: flask.Response) -> flask.Response:
        # the document carries the page, as the layout's answer does: this user's, at this data version
        if flask.g.get(_PAGE_WRITTEN):
            response.headers["Cache-Control"] = "no-store, private"
        return response


def held(scripts: str, renderer: str) -> tuple[str, str]:
    """Dash's scripts and its renderer's start, as scripts the browser does not run (type :data:`HELD`; a
    file's address in ``data-src``): run as they were, Chromium evaluated their 1.5 MiB before it drew a frame
    of the written page. assets/first-paint.js runs them in the same order after that frame, the inline ones
    (the clientside callbacks, then the renderer's start) once the files have run, each with its text
    unchanged (the Content-Security-Policy's hashes of them still hold). As they are when they are not
    files followed by inline scripts."""
    tags = _SCRIPT.findall(scripts)
    files = [source for source, _ in tags if source]
    inline = [text for source, text in tags if not source]
    in_order = all(source for source, _ in tags[: len(files)])
    if not files or not in_order or _SCRIPT.sub("", scripts).strip() or f'type="{_JAVASCRIPT}"' not in renderer:
        return scripts, renderer
    written = [f'<script type="{HELD}" data-src="{source}"></script>' for source in files]
    written += [f'<script type="{HELD}">{text}</script>' for text in inline]
    return "\n".join(written), renderer.replace(f'type="{_JAVASCRIPT}"', f'type="{HELD}"', 1)


def for_document(layout: Callable[[], Any]) -> str:
    """What goes before Dash's entry point in the document this request asks for: the page ``layout()``
    gives at the request's own address, written, and the scripts that draw its charts and hand it over to
    Dash; "" when it cannot be written (the document is then Dash's alone)."""
    request = flask.request
    if request.method != "GET":
        return ""
    query = request.query_string.decode("utf-8", "replace")
    at = (request.path, f"?{query}" if query else "")
    try:
        with initial_page.written_for(at):
            tree = orjson.loads(encode(layout()))
        written, charts = page_html(tree)
    except Unwritable as reason:
        log.debug("the page of %s%s is not written into its document: %s", *at, reason)
        return ""
    except Exception:  # noqa: BLE001 - Dash draws the page as before; the log has why this one could not
        log.exception("the page of %s%s could not be written into its document", *at)
        return ""
    setattr(flask.g, _PAGE_WRITTEN, True)
    scripts = [f'<script src="{escaping.escape(delivery.plotly_url())}"></script>'] if charts else []
    scripts.append(f'<script src="{escaping.escape(delivery.asset_url(SCRIPT))}"></script>')
    # inert and hidden from screen readers by the script (at once): without it, a plain page that works
    return f'<div class="{PAGE_CLASS}">{written}</div>' + "".join(scripts)


def page_html(tree: Any) -> tuple[str, int]:
    """(the HTML of a layout's JSON ``tree``, the number of charts in it).

    Raises:
        Unwritable: a component this module does not write, or a property it does not know.
    """
    writer = _Writer()
    try:
        writer.write(tree)
    except ValueError as error:  # markup.attributes: a property that is not an attribute
        raise Unwritable(str(error)) from error
    return "".join(writer.parts), writer.charts


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.charts = 0

    def write(self, node: Any) -> None:
        if node is None or isinstance(node, bool):
            return
        if isinstance(node, str):
            self.parts.append(escaping.escape(node, quote=False))
        elif isinstance(node, list):
            for child in node:
                self.write(child)
        elif isinstance(node, (int, float)):
            self.parts.append(number_text(node))
        elif isinstance(node, dict) and "namespace" in node and "type" in node:
            self.component(node["namespace"], node["type"], node.get("props") or {})
        else:
            raise Unwritable(f"{type(node).__name__} in a layout")

    def element(self, tag: str, owner: str, props: dict[str, Any], classes: str = "") -> None:
        """``<tag>`` with the component's attributes (its ``className`` after ``classes``), its children, and
        its end tag."""
        self.parts.append(_opening(tag, owner, props, classes))
        self.write(props.get("children"))
        self.parts.append(f"</{tag}>")

    def component(self, namespace: str, kind: str, props: dict[str, Any]) -> None:
        owner = f"{namespace}.{kind}"
        if namespace == _HTML:
            self.element(kind.lower(), owner, props)
        elif (namespace, kind) in _NOTHING:
            return
        elif namespace == _DCC and kind == "Link":
            if not props.get("refresh"):
                attributes(owner, [("href", props.get("href"))], in_app_link=True)  # checked as an in-app link
            self.element("a", owner, {name: value for name, value in props.items() if name != "refresh"})
        elif namespace == _DCC and kind == "Store":
            identity = props.get("id")
            if isinstance(identity, dict) and identity.get("type") == ids.CHART_GRAPH:
                graph = props.get("data") or {}
                self.chart(graph.get("props") or {})
        elif namespace == _DCC and kind == "Graph":
            self.chart(props)
        elif namespace == "gosterge" and kind == "Markup":
            self.parts.append(f'<div class="{escaping.escape(str(props.get("className") or ""), quote=True)}">')
            self.parts.append(str(props.get("html") or ""))  # written and escaped by markup.html_of
            self.parts.append("</div>")
        elif namespace == _DBC:
            self.bootstrap(owner, kind, props)
        else:
            raise Unwritable(f"{owner} is not written into the document")

    def bootstrap(self, owner: str, kind: str, props: dict[str, Any]) -> None:
        """The dash-bootstrap-components the pages use, as they draw them (Bootstrap's classes)."""
        if kind == "Row":
            self.element("div", owner, props, "row")
        elif kind == "Col":
            self.element("div", owner, _without(props, *(name for name, _ in _BREAKPOINTS)), _column(props))
        elif kind == "Table":
            flags = [f"table-{name}" for name in ("bordered", "hover", "striped", "borderless") if props.get(name)]
            if props.get("size"):
                flags.append(f"table-{props['size']}")
            self.element(
                "table",
                owner,
                _without(props, "bordered", "hover", "striped", "borderless", "size"),
                " ".join(["table", *flags]),
            )
        elif kind == "Toast":
            if props.get("is_open", True):
                raise Unwritable(f"{owner} open")
        elif kind == "Input":
            size = props.get("size")
            classes = f"form-control form-control-{size}" if size else "form-control"
            self.parts.append(_opening("input", owner, _without(props, "size", "debounce"), classes))
        elif kind == "Select":
            self.select(owner, props)
        else:
            raise Unwritable(f"{owner} is not written into the document")

    def select(self, owner: str, props: dict[str, Any]) -> None:
        """dbc.Select: a select of its options, the one of its value selected."""
        size = props.get("size")
        classes = f"form-select form-select-{size}" if size else "form-select"
        self.parts.append(
            _opening("select", owner, _without(props, "size", "options", "value", "placeholder"), classes)
        )
        value = props.get("value")
        if props.get("placeholder"):
            self.parts.append(
                f'<option value="" disabled hidden>{escaping.escape(str(props["placeholder"]), quote=False)}</option>'
            )
        for option in props.get("options") or []:
            if not isinstance(option, dict):
                option = {"label": option, "value": option}
            chosen = " selected" if value is not None and option.get("value") == value else ""
            off = " disabled" if option.get("disabled") else ""
            self.parts.append(
                f'<option value="{escaping.escape(str(option.get("value")), quote=True)}"{chosen}{off}>'
                f"{escaping.escape(str(option.get('label')), quote=False)}</option>"
            )
        self.parts.append("</select>")

    def chart(self, graph: dict[str, Any]) -> None:
        """A chart's place: its figure and config as JSON, drawn by assets/first-paint.js when in view."""
        figure = graph.get("figure") or {}
        spec = orjson.dumps({"figure": figure, "config": graph.get("config") or {}}).replace(b"<", b"\\u003c")
        classes = " ".join(filter(None, ["first-paint-chart", graph.get("className")]))
        height = ((figure.get("layout") or {}).get("height")) if isinstance(figure, dict) else None
        style = f' style="min-height:{int(height)}px"' if isinstance(height, (int, float)) else ""
        self.parts.append(
            f'<div class="{escaping.escape(classes, quote=True)}"{style}><div class="first-paint-plot"></div>'
            f'<script type="application/json">{spec.decode()}</script></div>'
        )
        self.charts += 1


def _without(props: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: value for name, value in props.items() if name not in names}


def _column(props: dict[str, Any]) -> str:
    """dbc.Col's classes: ``col-{breakpoint}-{size}`` (a dict also gives ``offset`` and ``order``), ``col``
    when no size is given."""
    classes: list[str] = []
    for name, infix in _BREAKPOINTS:
        value = props.get(name)
        if value is None:
            continue
        size, extra = (value.get("size"), value) if isinstance(value, dict) else (value, {})
        if size is True:
            classes.append(f"col{infix}")
        elif size is not None:
            classes.append(f"col{infix}-{size}")
        for key in ("offset", "order"):
            if extra.get(key) is not None:
                classes.append(f"{key}{infix}-{extra[key]}")
    return " ".join(classes) or "col"


def _opening(tag: str, owner: str, props: dict[str, Any], classes: str = "") -> str:
    """The opening tag of a component: its attributes but its id and children (:func:`markup.attributes`),
    ``classes`` before its own ``className``."""
    given = {name: value for name, value in props.items() if name != "children"}
    if classes:
        given["className"] = " ".join(filter(None, [classes, given.get("className")]))
    written = sorted(attributes(owner, given.items(), with_id=False))
    return f"<{tag}{''.join(' ' + item for item in written)}>"
