"""The brief's view state: read from its URL once, written back by one method; a node that is not a
top-level one is not found (the page answers 404 like every not-found view)."""

from __future__ import annotations

import pytest
import requests

from dashboard.state import NotFound
from dashboard.views.brief import BriefView, brief_href
from tests.support.dashboard_app import BALIKESIR, IZMIR


def test_the_url_round_trips(app_context):
    view = BriefView.from_query(plan_code=IZMIR, lang="en", node="2")
    assert view == BriefView(plan=IZMIR, lang="en", node="2")
    assert view.href() == f"/{IZMIR}/brief?node=2&lang=en"
    assert view.pdf_href() == f"/brief.pdf?plan={IZMIR}&node=2&lang=en"
    assert BriefView.from_store(view.to_store()) == view
    whole = BriefView.from_query(plan_code=BALIKESIR, lang="tr")
    assert (whole.node, whole.href(), whole.pdf_href()) == (None, f"/{BALIKESIR}/brief", f"/brief.pdf?plan={BALIKESIR}")
    assert brief_href(BALIKESIR, "tr", "A3") == f"/{BALIKESIR}/brief?node=A3"


@pytest.mark.parametrize("node", ["9", "1.1", "1.1.1", "<script>"])
def test_a_node_that_is_not_top_level_is_not_found(app_context, node):
    with pytest.raises(NotFound) as raised:
        BriefView.from_query(plan_code=IZMIR, lang="tr", node=node)
    assert raised.value.plan_code == IZMIR


def test_unknown_plans_and_nodes_answer_404(live_server):
    assert requests.get(f"{live_server}/{IZMIR}/brief", timeout=30).status_code == 200
    for path in (f"/{IZMIR}/brief?node=1.1", "/no-such-plan/brief"):
        assert requests.get(f"{live_server}{path}", timeout=30).status_code == 404, path
