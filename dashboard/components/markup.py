"""Parts of a page sent as HTML the server writes, escaped: one component where React would make thousands.

A goal tile is a dozen Dash components; an overview holds a hundred tiles, a district's scorecard and
the monitoring table thousands of cells. The browser's share of such a page was React making and
mounting each of them (issue 16). A part that nothing on the page changes after it is drawn (no
callback reads or writes anything inside it) is built as before, from Dash's html and dcc components
(so its builders, tests and accessibility stay as they were), and then written once as HTML
(:func:`html_of`) into one :class:`Markup` component. In the browser (assets/markup.js) that is one
element whose inner HTML is the server's text, set by React in one step.

What is written, and what is refused:

- every text and attribute value is escaped (``html.escape``), so a title from a plan file or a user
  cannot become markup;
- a ``dcc.Link`` becomes ``<a href=… data-app-link>``; assets/markup.js follows such a link in the app
  (``history.pushState`` and Dash's ``_dashprivate_pushstate`` event, as dcc.Link does), and leaves a
  modified click (new tab, download) to the browser; one with ``refresh=True`` is a plain link;
- an address must stay on this site, or be http(s) or mailto (no ``javascript:``), and an in-app link's
  must stay on this site (no ``//host``);
- a component other than Dash's html ones and dcc.Link, a property this module does not know, or an id
  that is not a plain string raises ``ValueError``: such a part needs Dash's own components.
"""

from __future__ import annotations

import html as escaping
import re
from collections.abc import Iterable
from typing import Any

from dash import dcc
from dash.development.base_component import Component

#: Dash property → HTML attribute, where they differ or where the attribute is allowed as it is
_ATTRIBUTES = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "dateTime": "datetime",
    "id": "id",
    "title": "title",
    "href": "href",
    "role": "role",
    "scope": "scope",
    "lang": "lang",
    "dir": "dir",
    "target": "target",
    "rel": "rel",
    "headers": "headers",
    "abbr": "abbr",
    "width": "width",
    "height": "height",
    "value": "value",
    "max": "max",
    "min": "min",
    "low": "low",
    "high": "high",
    "optimum": "optimum",
    "start": "start",
    "download": "download",
    "action": "action",
    "method": "method",
    "type": "type",
    "name": "name",
    "placeholder": "placeholder",
}
#: attributes holding an address (checked as links are)
_ADDRESSES = {"href", "action"}
#: written as the bare attribute when true, left out when false
_BOOLEAN = {"hidden", "open", "reversed", "disabled"}
#: Dash's own bookkeeping, not attributes (set by some constructors, never written)
_SKIPPED = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state", "refresh"}
_VOID = {"br", "hr", "img", "wbr", "col", "input"}
#: an address on this site (a path, not ``//host`` or ``/\\host``, which browsers take for another host), a
#: query or a fragment; an in-app link must be one of these
_SITE_ADDRESS = re.compile(r"^(?:/(?![/\\])|[?#])")
_SAFE_ADDRESS = re.compile(r"^(?:/(?![/\\])|[?#]|https?://|mailto:)", re.IGNORECASE)
_UPPER = re.compile(r"[A-Z]")


class Markup(Component):
    """HTML written by the server (:func:`markup`), drawn by assets/markup.js as one element.

    Keyword arguments:

    - id (string; optional)
    - html (string; the inner HTML, escaped by :func:`html_of`)
    - className (string; optional)
    """

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "gosterge"
    _type = "Markup"

    def __init__(self, html: str = "", className: str | None = None, id: str | None = None) -> None:  # noqa: A002
        self._prop_names = ["id", "html", "className"]
        self._valid_wildcard_attributes = []
        self.available_properties = ["id", "html", "className"]
        self.available_wildcard_properties = []
        values = {"id": id, "html": html, "className": className}
        super().__init__(**{name: value for name, value in values.items() if value is not None})


def markup(component: Any, *, class_name: str = "markup") -> Markup:
    """One :class:`Markup` holding the HTML of ``component`` (a tree of Dash html components and
    dcc.Links, strings and numbers)."""
    return Markup(html=html_of(component), className=class_name)


def html_of(component: Any) -> str:
    """The HTML of a tree of Dash html components, dcc.Links, strings and numbers, escaped."""
    parts: list[str] = []
    _write(component, parts)
    return "".join(parts)


def _css(style: dict[str, Any]) -> str:
    return ";".join(f"{_UPPER.sub(lambda m: '-' + m.group(0).lower(), name)}:{value}" for name, value in style.items())


#: what each property name becomes: an attribute's name, or one of the markers below (found once a name)
_NAMES: dict[str, str] = {}
_SKIP, _FLAG, _STYLE, _REFUSED = "?skip", "?flag", "?style", "?refused"
#: each component class's tag and what its opening tag adds ("" for a class that cannot be written)
_TAGS: dict[type, tuple[str, str]] = {}


def _kind(name: str) -> str:
    kind = _NAMES.get(name)
    if kind is None:
        if name.startswith(("_", "available_")) or name in _SKIPPED:
            kind = _SKIP
        elif name in _ATTRIBUTES:
            kind = _ATTRIBUTES[name]
        elif name.startswith(("data-", "aria-")):
            kind = name
        elif name in _BOOLEAN:
            kind = _FLAG
        elif name == "style":
            kind = _STYLE
        else:
            kind = _REFUSED
        _NAMES[name] = kind
    return kind


def _tag(kind: type) -> tuple[str, str]:
    found = _TAGS.get(kind)
    if found is None:
        if issubclass(kind, dcc.Link):
            found = ("a", " data-app-link")
        elif issubclass(kind, Component) and kind.__module__.startswith("dash.html."):
            found = (str(kind._type).lower(), "")
        else:
            found = ("", "")
        _TAGS[kind] = found
    return found


def number_text(value: float) -> str:
    """A number as React writes it from Dash's JSON: ``1.0`` as ``1``, NaN (sent as null) as nothing."""
    if value != value:  # noqa: PLR0124 - NaN
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _write(item: Any, parts: list[str]) -> None:
    if item is None or isinstance(item, bool):  # React draws neither None nor a boolean
        return
    if isinstance(item, str):
        parts.append(escaping.escape(item, quote=False))
        return
    if isinstance(item, (list, tuple)):
        for child in item:
            _write(child, parts)
        return
    if isinstance(item, (int, float)):
        parts.append(number_text(item))
        return
    tag, extra = _tag(type(item))
    if not tag:
        raise ValueError(f"{type(item).__name__} cannot be written as HTML: it needs Dash's own component")
    if extra and item.__dict__.get("refresh"):
        extra = ""  # a dcc.Link that loads the page afresh: a plain link
    _open(tag, attributes(type(item).__name__, item.__dict__.items(), in_app_link=bool(extra)), extra, parts)
    if tag in _VOID:
        return
    _write(item.__dict__.get("children"), parts)
    parts.append(f"</{tag}>")


def _open(tag: str, written: list[str], extra: str, parts: list[str]) -> None:
    if written:
        written.sort()  # in one order, whatever order the component was given its properties in
        parts.append(f"<{tag} {' '.join(written)}{extra}>")
    else:
        parts.append(f"<{tag}{extra}>")


def attributes(
    owner: str, properties: Iterable[tuple[str, Any]], *, in_app_link: bool = False, with_id: bool = True
) -> list[str]:
    """The HTML attributes (``name="value"``, escaped) of a component's properties; ``owner`` names it in
    errors. Without ``with_id`` the id is left out (a copy of a part that Dash also draws).

    Raises:
        ValueError: a property that is not an attribute written here, an id that is not a string, or an
            address off the site (only http(s) and mailto besides; an in-app link must stay on the site).
    """
    written: list[str] = []
    for name, value in properties:
        kind = _NAMES.get(name) or _kind(name)
        if kind is _SKIP or value is None:
            continue
        if kind is _FLAG:
            if value:
                written.append(name)
            continue
        if kind is _STYLE:
            written.append(f'style="{escaping.escape(_css(value), quote=True)}"')
            continue
        if kind is _REFUSED:
            raise ValueError(f"{owner}.{name} cannot be written as HTML")
        if name == "id":
            if not with_id:
                continue
            if not isinstance(value, str):
                raise ValueError(f"{owner} with the id {value!r} needs Dash's own component")
        if name in _ADDRESSES and not (_SITE_ADDRESS if in_app_link else _SAFE_ADDRESS).match(str(value)):
            raise ValueError(f"{owner} links to {value!r}: only this site, http(s) and mailto")
        if value is True or value is False:
            value = "true" if value else "false"
        written.append(f'{kind}="{escaping.escape(str(value), quote=True)}"')
    return written
