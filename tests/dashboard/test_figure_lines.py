"""figures.common.vertical_line draws what Plotly's add_vline draws (the shape and its label), at a
fraction of its cost (issue 16)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.figures.common import LINE_LABELS, vertical_line


def _figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[2015, 2030], y=[1.0, 2.0]))


@pytest.mark.parametrize("position", sorted(LINE_LABELS))
@pytest.mark.parametrize("font", [None, {"size": 10, "color": "#D55E00"}])
def test_a_vertical_line_is_the_shape_and_label_add_vline_makes(position: str, font):
    line = {"color": "#555", "dash": "dot", "width": 1.5}
    expected = _figure()
    annotation = {"font": font} if font else {}
    expected.add_vline(x=2023, line=line, annotation_text="2023", annotation_position=position, annotation=annotation)
    drawn = _figure()
    vertical_line(drawn, 2023, line=line, label="2023", position=position, font=font)
    assert drawn.to_plotly_json()["layout"] == expected.to_plotly_json()["layout"]


def test_a_vertical_line_without_a_label_has_no_annotation():
    expected = _figure()
    expected.add_vline(x=2023, line={"color": "#000"})
    drawn = _figure()
    vertical_line(drawn, 2023, line={"color": "#000"})
    assert drawn.to_plotly_json()["layout"] == expected.to_plotly_json()["layout"]
