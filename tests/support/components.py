"""Searching a Dash component tree in tests: every component, those matching a type or properties,
and the visible text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
    yield from walk(getattr(component, "children", None))
    waiting = getattr(component, "data", None)  # a chart drawn on approach waits in a store, as JSON
    if isinstance(waiting, dict) and waiting.get("type") == "Graph" and "props" in waiting:
        from dash import dcc

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
        collect(getattr(item, "children", None))

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
