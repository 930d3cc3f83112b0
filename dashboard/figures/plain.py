"""Figures as plain data: what the builders make on the web, instead of Plotly's graph objects.

A Plotly figure object checks, copies and wraps every property it is given, and copies itself whole when it
is turned into JSON. That was most of the cost of drawing a chart on the server: an indicator's chart took
7.4 ms to build, of which about 6 in Plotly's objects, and a goal page draws one per indicator (issue 16).
The browser receives the same JSON either way, so the builders write it directly: :class:`Figure` keeps the
figure as nested dicts and offers the part of ``go.Figure``'s interface the builders use (``add_trace``,
``update_layout``, ``update_xaxes`` …), with the same merging rules for what they use.

Nothing is lost in checking: when :data:`dashboard.figures.common.CHECKED` is on (the tests set it), every
figure turned into JSON is also built as a checked Plotly figure, so a misspelt property or a wrong value
fails there, and the two JSON texts must be equal (:func:`checked`): a figure here is exactly what Plotly
would have sent.

Values are read back with attributes, as from Plotly's objects (``figure.layout.xaxis.tickformat``,
``figure.data[0].x``): an unset property reads None.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pandas as pd
from _plotly_utils.utils import is_homogeneous_array, is_skipped_key, to_typed_array_spec  # type: ignore[import-untyped]
from plotly.utils import PlotlyJSONEncoder

#: the trace types with cartesian axes, of those the product draws (Plotly: ``"xaxis" in trace``)
CARTESIAN = frozenset({"scatter", "bar"})
#: the trace types with a colour bar of their own (Plotly: ``"colorbar" in trace``)
OWN_COLOUR_BAR = frozenset({"choropleth"})


class Props:
    """A figure's part (a trace, the layout, an axis …): its properties by name, read and set as attributes
    (None when unset) or as items. Not a dict, so that a property named like a dict's method (a sunburst's
    ``values``) reads as the property."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._values.get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = _own(value)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setitem__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Props({self._values!r})"

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def items(self) -> Iterator[tuple[str, Any]]:
        return iter(self._values.items())


def _own(value: Any) -> Any:
    """``value`` as a figure keeps it: mappings as :class:`Props` of their own (never the caller's dict, which
    may be shared, as the template is), lists of mappings likewise; a DataFrame as the 2-D array Plotly makes
    of it; anything else as it is."""
    if isinstance(value, Mapping | Props):
        return Props((key, _own(item)) for key, item in value.items())
    if isinstance(value, list | tuple) and value and isinstance(value[0], Mapping | Props):
        return [_own(item) for item in value]
    if isinstance(value, pd.DataFrame):
        return value.to_numpy()
    return value


def merge(target: Props, updates: Mapping[str, Any] | Props) -> None:
    """Plotly's ``update``: a mapping given for a part that is a mapping updates it key by key; anything else
    (a value, a list, None) replaces it."""
    for key, value in updates.items():
        current = target.get(key)
        if isinstance(value, Mapping | Props) and isinstance(current, Props):
            merge(current, value)
        else:
            target[key] = _own(value)


def trace(kind: str, properties: Mapping[str, Any]) -> Props:
    """A trace of type ``kind`` ('scatter', 'bar' …) with ``properties``."""
    made = _own(properties)
    made["type"] = kind
    return made


class Figure:
    """A Plotly figure as plain data (see the module's docstring)."""

    def __init__(self, data: Props | list[Props] | None = None, layout: Mapping[str, Any] | None = None):
        self.data: list[Props] = [] if data is None else [data] if isinstance(data, Props) else list(data)
        self.layout = Props()
        if layout:
            merge(self.layout, layout)

    def add_trace(self, trace: Props) -> Figure:
        self.data.append(trace)
        return self

    def update_layout(self, properties: Mapping[str, Any] | None = None, **more: Any) -> Figure:
        merge(self.layout, {**(properties or {}), **more})
        return self

    def update_geos(self, **properties: Any) -> Figure:
        merge(self.layout, {"geo": properties})
        return self

    def _axes(self, letter: str, selector: Mapping[str, Any] | None) -> Iterator[Props]:
        """The figure's ``letter`` axes ('xaxis', 'xaxis2' …), the first made when the figure has none yet,
        those matching every key of ``selector``."""
        if not isinstance(self.layout.get(f"{letter}axis"), Props):
            self.layout[f"{letter}axis"] = Props()
        names = sorted(
            (key for key in self.layout if key == f"{letter}axis" or _numbered(key, f"{letter}axis")),
            key=lambda name: int(name[5:] or 1),
        )
        for name in names:
            axis = self.layout[name]
            if all(axis.get(key) == value for key, value in (selector or {}).items()):
                yield axis

    def select_xaxes(self, selector: Mapping[str, Any] | None = None) -> list[Props]:
        return list(self._axes("x", selector))

    def select_yaxes(self, selector: Mapping[str, Any] | None = None) -> list[Props]:
        return list(self._axes("y", selector))

    def update_xaxes(self, *, selector: Any = None, **properties: Any) -> Figure:
        for axis in self._axes("x", selector):
            merge(axis, properties)
        return self

    def update_yaxes(self, *, selector: Any = None, **properties: Any) -> Figure:
        for axis in self._axes("y", selector):
            merge(axis, properties)
        return self

    def add_shape(self, **properties: Any) -> Figure:
        self.layout["shapes"] = [*(self.layout.get("shapes") or []), _own(properties)]
        return self

    def add_annotation(self, **properties: Any) -> Figure:
        self.layout["annotations"] = [*(self.layout.get("annotations") or []), _own(properties)]
        return self

    def to_plotly_json(self) -> dict[str, Any]:
        """The figure as Plotly sends it: data arrays as typed arrays (Plotly's own conversion), on a copy, so
        the figure's values still read as given. Checked against Plotly when :data:`CHECKED` is on."""
        sent = {"data": [_copy(trace) for trace in self.data], "layout": _copy(self.layout)}
        _typed_arrays(sent)
        from dashboard.figures import common  # the switch is read at each call (a test turns it)

        if common.CHECKED:
            checked(self, sent)
        return sent


def _typed_arrays(value: Any) -> None:
    """Plotly's ``convert_to_base64`` (numeric arrays under a dict key as typed arrays, in place), without
    calling itself on each scalar of a list: the tile map's 973 hover texts, labels and values were 4,000
    calls a render, each to find a string is not an array."""
    if isinstance(value, dict):
        for key, item in value.items():
            if is_skipped_key(key):
                continue
            if is_homogeneous_array(item):
                value[key] = to_typed_array_spec(item)
            elif isinstance(item, (dict, list, tuple)):
                _typed_arrays(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, (dict, list, tuple)):
                _typed_arrays(item)


def _numbered(key: str, base: str) -> bool:
    return key.startswith(base) and key[len(base) :].isdigit()


def _copy(value: Any) -> Any:
    """The parts and lists of a figure as plain dicts and lists (its arrays shared: they are not changed)."""
    if isinstance(value, Props | dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def checked(figure: Figure, sent: dict[str, Any]) -> None:
    """Build ``figure`` as a checked Plotly figure (a misspelt property or a wrong value raises) and require
    the JSON Plotly makes of it to be ``sent``."""
    import plotly.graph_objects as go

    plotly = go.Figure({"data": [_copy(trace) for trace in figure.data], "layout": _copy(figure.layout)})
    expected = _json(plotly.to_plotly_json())
    if "template" not in sent["layout"]:  # Plotly adds its default template to a figure without one
        expected["layout"].pop("template", None)
    difference = _difference(_json(sent), expected)
    if difference is not None:
        raise ValueError(f"a plain figure differs from Plotly's at {difference}")


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def _difference(ours: Any, plotly: Any, path: str = "") -> str | None:
    """Where ``ours`` and ``plotly`` first differ (a path and both values, shortened), None when equal."""
    if isinstance(ours, dict) and isinstance(plotly, dict):
        for key in sorted(set(ours) | set(plotly)):
            found = _difference(ours.get(key, "<unset>"), plotly.get(key, "<unset>"), f"{path}.{key}")
            if found is not None:
                return found
        return None
    if isinstance(ours, list) and isinstance(plotly, list) and len(ours) == len(plotly):
        for index, (mine, theirs) in enumerate(zip(ours, plotly, strict=True)):
            found = _difference(mine, theirs, f"{path}[{index}]")
            if found is not None:
                return found
        return None
    return None if ours == plotly else f"{path}: {str(ours)[:200]} (Plotly: {str(plotly)[:200]})"
