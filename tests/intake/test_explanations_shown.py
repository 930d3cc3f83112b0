"""The units' explanations on the pages: the why panel, the indicator page, the goal and aim pages and
the yearly monitoring table, in Turkish and English (views rendered from a real warehouse)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard.context import AppContext, get_context, set_context
from dashboard.views import indicator, monitoring, node
from tests.intake.conftest import FIRST_HALF_REASON, MEASURES, REASON, SOURCE_NOTE, LoadedEntries
from tests.intake.helpers import APPROVED_BY, ENTERED_BY
from tests.support.components import find, text_of
from warehouse import Reader


@pytest.fixture
def context(loaded_entries: LoadedEntries, app_context: AppContext) -> Iterator[AppContext]:
    """The views' context for the entries' warehouse, then the session's back (one app per session)."""
    reader = Reader(loaded_entries.settings.published_file)
    previous = get_context()
    set_context(AppContext(loaded_entries.settings, loaded_entries.plans, reader))
    try:
        yield get_context()
    finally:
        set_context(previous)
        reader.close()


def test_the_indicator_page_explains_its_value(context: AppContext) -> None:
    page = indicator.render(indicator.read("mini", "1.1.1.1"))
    [why] = find(page, attribute=("data-why", "1.1.1.1"))
    assert REASON in text_of(why) and MEASURES in text_of(why)
    assert "Kaynak notu" in text_of(why) and SOURCE_NOTE in text_of(why)
    assert f"{ENTERED_BY} (Strateji Geliştirme Dairesi) girdi; {APPROVED_BY} 20.07.2026 tarihinde onayladı" in (
        text_of(why)
    )
    [listed] = find(page, attribute=("data-section", "explanations"))
    periods = [item.to_plotly_json()["props"]["data-period"] for item in find(listed, class_name="explanation")]
    assert periods == ["2020-H2", "2020-H1"]  # the year-end entry first, the provisional one kept below
    assert FIRST_HALF_REASON in text_of(listed) and "yıl sonu değeriyle güncellenecek geçici değer" in text_of(listed)
    assert SOURCE_NOTE in text_of(listed) and "Kaynak notu" in text_of(listed)  # as written: text, not markup
    english = text_of(indicator.render(indicator.read("mini", "1.1.1.1", lang="en")))
    assert "Reason for the deviation" in english and f"approved by {APPROVED_BY} on 20 Jul 2026" in english


def test_the_goal_and_aim_pages_list_their_indicators_explanations(context: AppContext) -> None:
    goal = node.render(node.read("mini", "1.1.1"))
    [listed] = find(goal, attribute=("data-section", "explanations"))
    assert [item.to_plotly_json()["props"]["data-explanation"] for item in find(listed, class_name="explanation")] == [
        "1.1.1.1"
    ]  # 1.1.1.2's entry has no reason: not listed
    [card] = find(goal, attribute=("data-indicator", "1.1.1.1"))
    assert REASON in text_of(card)  # in its why panel
    assert len(find(goal, attribute=("data-report", None))) == 3  # H1, H2 and evaluation reports of the goal
    axis = node.render(node.read("mini", "1", lang="en"))
    assert "Reasons for deviations and measures to be taken" in text_of(axis) and MEASURES in text_of(axis)
    other = node.render(node.read("mini", "1.2"))
    assert not find(other, attribute=("data-section", "explanations"))


def test_the_monitoring_table_has_the_explanation_column(context: AppContext) -> None:
    page = monitoring.render(monitoring.read("mini", year="2020"))
    [cell] = find(page, attribute=("data-explanation", "1.1.1.1"))
    assert REASON in text_of(cell) and MEASURES in text_of(cell)
    assert "Sapma nedeni / tedbirler" in text_of(find(page, class_name="monitoring-table")[0])
    links = [item.href for item in find(page, attribute=("data-report", None))]
    assert links == [
        "/report.docx?plan=mini&year=2020&kind=monitoring&half=1",
        "/report.docx?plan=mini&year=2020&kind=monitoring&half=2",
        "/report.docx?plan=mini&year=2020&kind=evaluation",
    ]
    assert "Fen İşleri Dairesi Başkanlığı" in text_of(find(page, attribute=("data-section", "unit-reports"))[0])
    english = monitoring.render(monitoring.read("mini", year="2020", lang="en"))
    assert "Deviation reason / measures" in text_of(english)
