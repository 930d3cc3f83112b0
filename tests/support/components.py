"""Searching a Dash component tree in tests: every component, those matching a type or properties,
and the visible text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from dash import dcc, html

from dashboard.live import Body


class Decoded:
    """A component of a part encoded once (:func:`dashboard.live.encoded`), read back from its JSON with the
    attributes and JSON the helpers read of a component."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self.type = data["type"]
        for name, value in data.get("props", {}).items():
            setattr(self, name, decoded(value))

    def to_plotly_json(self) -> dict[str, Any]:
        return self._data


def decoded(value: Any) -> Any:
    """Components (and lists of them) in JSON data as :class:`Decoded`; other values as they are."""
    if isinstance(value, dict) and "type" in value and "props" in value:
        return Decoded(value)
    if isinstance(value, list):
        return [decoded(item) for item in value]
    return value


_PROPERTIES = {
    "class": "className",
    "tabindex": "tabIndex",
    "colspan": "colSpan",
    "rowspan": "rowSpan",
    "for": "htmlFor",
}


class _Tree(HTMLParser):
    """HTML the server wrote (:func:`dashboard.components.markup.html_of`) read back as the Dash components
    it was written from: html components by their tag, ``a[data-app-link]`` as dcc.Link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, Any], list[Any]]] = [("", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        props: dict[str, Any] = {}
        for name, value in attrs:
            if name == "style" and value:
                props["style"] = {
                    re.sub(r"-([a-z])", lambda m: m.group(1).upper(), key.strip()): item.strip()
                    for key, item in (rule.split(":", 1) for rule in value.split(";") if rule.strip())
                }
            elif name in ("hidden", "open"):
                props[name] = True
            else:
                props[_PROPERTIES.get(name, name)] = value
        self.stack.append((tag, props, []))
        if tag in ("br", "hr", "img", "wbr", "col", "input"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        name, props, children = self.stack.pop()
        assert name == tag, f"<{name}> closed by </{tag}>"
        if props.pop("data-app-link", "absent") != "absent":
            made: Any = dcc.Link(children, **props)
        else:
            made = getattr(html, tag.capitalize())(children, **props)
        self.stack[-1][2].append(made)

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(data)


def parsed(text: str) -> list[Any]:
    """The components of a :class:`~dashboard.components.markup.Markup`'s HTML."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    assert len(tree.stack) == 1, f"unclosed <{tree.stack[-1][0]}>"
    return tree.stack[0][2]


def _written(component: Any) -> str | None:
    """The HTML of a Markup component (made here or read back from JSON), else None."""
    if getattr(component, "_namespace", None) == "gosterge" or (
        isinstance(component, Decoded) and component.to_plotly_json().get("namespace") == "gosterge"
    ):
        return getattr(component, "html", None) or ""
    return None


def walk(component: Any) -> Iterator[Any]:
    """Every component in a Dash component tree (depth first), into the parts encoded once."""
    if component is None or isinstance(component, (str, int, float)):
        return
    if isinstance(component, Body):
        yield from walk(decoded(component.data()))
        return
    if isinstance(component, (list, tuple)):
        for item in component:
            yield from walk(item)
        return
    yield component
    written = _written(component)
    if written is not None:
        yield from walk(parsed(written))
        return
    yield from walk(getattr(component, "children", None))
    waiting = getattr(component, "data", None)  # a chart drawn on approach waits in a store, as JSON
    if isinstance(waiting, dict) and waiting.get("type") == "Graph" and "props" in waiting:
        yield dcc.Graph(**waiting["props"])


def find(
    component: Any,
    *,
    class_name: str | None = None,
    attribute: tuple[str, str | None] | None = None,
    component_id: str | None = None,
) -> list[Any]:
    """Components with a class (one of the space-separated classes), a data attribute (value None:
    any value) or an id."""
    found = []
    for item in walk(component):
        if class_name is not None and class_name not in (getattr(item, "className", None) or "").split():
            continue
        if attribute is not None:
            name, value = attribute
            present = item.to_plotly_json()["props"].get(name)
            if present is None or (value is not None and present != value):
                continue
        if component_id is not None and getattr(item, "id", None) != component_id:
            continue
        found.append(item)
    return found


def text_of(component: Any) -> str:
    """All text in a component tree, joined by spaces."""
    parts: list[str] = []

    def collect(item: Any) -> None:
        if item is None:
            return
        if isinstance(item, (str, int, float)):
            parts.append(str(item))
            return
        if isinstance(item, (list, tuple)):
            for child in item:
                collect(child)
            return
        if isinstance(item, Body):
            collect(decoded(item.data()))
            return
        written = _written(item)
        collect(parsed(written) if written is not None else getattr(item, "children", None))

    collect(component)
    return " ".join(parts)


def tiny_boundaries(codes: list[str]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with one small triangle per district code, for map builders."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [0, 0]]]},
                "properties": {},
            }
            for code in codes
        ],
    }
