"""Figures as plain data (dashboard/figures/plain.py): Plotly's merging rules for what the builders use,
attribute reads, and the check against Plotly that the tests run on every figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.figures import common, plain
from dashboard.figures.common import new_figure, trace


def test_updates_merge_mappings_and_replace_the_rest():
    figure = new_figure(trace("scatter", x=[1, 2], y=[3, 4], line={"color": "#000"}))
    figure.update_layout(margin={"l": 1, "r": 2}, legend={"font": {"size": 11}})
    figure.update_layout(margin={"b": 3}, legend={"font": {"color": "#111"}}, annotations=[{"text": "a"}])
    figure.add_annotation(text="b")
    layout = figure.to_plotly_json()["layout"]
    assert layout["margin"] == {"l": 1, "r": 2, "b": 3}
    assert layout["legend"] == {"font": {"size": 11, "color": "#111"}}
    assert [note["text"] for note in layout["annotations"]] == ["a", "b"]


def test_axes_are_selected_as_plotly_selects_them():
    figure = new_figure(trace("scatter", x=[1], y=[2]))
    figure.update_layout(yaxis2={"side": "right", "overlaying": "y"})
    figure.update_yaxes(title={"text": "kişi"}, selector={"side": None})
    figure.update_xaxes(tickformat="d")
    layout = figure.to_plotly_json()["layout"]
    assert layout["yaxis"] == {"title": {"text": "kişi"}}
    assert "title" not in layout["yaxis2"]
    assert [axis.side for axis in figure.select_yaxes()] == [None, "right"]
    assert layout["xaxis"] == {"tickformat": "d"}


def test_properties_read_as_attributes_and_unset_ones_as_none():
    sunburst = trace("sunburst", ids=["a", "b"], values=[0, 1], marker={"colors": ["#fff", "#000"]})
    figure = new_figure(sunburst, layout={"height": 300})
    assert figure.data[0].values == [0, 1]  # a property named like a dict's method
    assert figure.data[0].marker.colors == ["#fff", "#000"]
    assert figure.data[0].hovertext is None and figure.layout.shapes is None
    assert figure.layout.height == 300
    figure.data[0].customdata = [["a"], ["b"]]
    assert figure.to_plotly_json()["data"][0]["customdata"] == [["a"], ["b"]]


def test_arrays_are_sent_as_plotly_sends_them_and_the_figure_keeps_its_own():
    years = pd.Series([2019, 2020, 2021], dtype="int64")
    figure = new_figure(
        trace("scatter", x=years, y=np.array([1.5, 2.5, 3.5]), customdata=pd.DataFrame({"c": ["a", "b", "c"]}))
    )
    sent = figure.to_plotly_json()["data"][0]
    assert sent["x"]["dtype"] == "i2" and "bdata" in sent["x"]  # Plotly's typed arrays, ints narrowed
    assert sent["y"]["dtype"] == "f8"
    assert list(figure.data[0].x) == [2019, 2020, 2021]  # the figure itself is not converted
    assert figure.data[0].customdata.tolist() == [["a"], ["b"], ["c"]]


def test_a_shared_mapping_is_never_changed_by_a_figure():
    shared = {"layout": {"font": {"size": 13}}}
    figure = new_figure(layout={"template": shared})
    figure.update_layout(template={"layout": {"font": {"size": 99}}})
    assert shared == {"layout": {"font": {"size": 13}}}


def test_the_check_fails_on_a_misspelt_property_and_on_a_difference(monkeypatch):
    monkeypatch.setattr(common, "CHECKED", True)
    with pytest.raises(ValueError, match="colour"):
        new_figure(trace("scatter", x=[1], colour="#000")).to_plotly_json()
    # a named colour scale: Plotly sends its steps, so a figure sending the name differs from Plotly's
    with pytest.raises(ValueError, match=r"differs from Plotly's at \.data\[0\]\.colorscale"):
        new_figure(trace("choropleth", locations=["a"], z=[1], colorscale="Cividis")).to_plotly_json()
    monkeypatch.setattr(common, "CHECKED", False)
    assert new_figure(trace("scatter", x=[1], colour="#000")).to_plotly_json()["data"][0]["colour"] == "#000"


def test_every_builder_makes_plain_figures():
    assert isinstance(common.empty_figure("yok", "tr"), plain.Figure)
