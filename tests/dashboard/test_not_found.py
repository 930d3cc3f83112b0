"""Unknown addresses: the not-found view, with the list of plans when the plan is unknown, answered
with HTTP 404, and never a silent move to another plan's overview."""

from __future__ import annotations

import pytest

from tests.support.dashboard_app import BALIKESIR, IZMIR

NOT_FOUND = [
    "/no-such-plan",
    "/no-such-plan/anything",
    f"/{IZMIR}/nothing/here",
    f"/{IZMIR}/node/9.9",
    f"/{IZMIR}/indicator/no-such",
    f"/{IZMIR}/district/1161",  # a Balıkesir district in İzmir's address
    f"/{BALIKESIR}/districts?region=ege",
    f"/{IZMIR}/districts?year=1990",
    f"/{IZMIR}/monitoring?year=²",
    "/404",
]
FOUND = ["/", f"/{IZMIR}", f"/{BALIKESIR}/node/A1", f"/{IZMIR}/districts?year=", f"/{IZMIR}/search?q=izmir&lang=en"]


@pytest.mark.parametrize("address", NOT_FOUND)
def test_an_unknown_address_answers_404(dash_app, address):
    response = dash_app.server.test_client().get(address)
    assert response.status_code == 404, address
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("address", FOUND)
def test_a_known_address_answers_200(dash_app, address):
    assert dash_app.server.test_client().get(address).status_code == 200, address


def test_downloads_and_assets_keep_their_own_status(dash_app):
    client = dash_app.server.test_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/export.csv?plan=nowhere").status_code == 400


@pytest.mark.browser
def test_an_unknown_plan_stays_not_found_and_lists_the_plans(page, live_server):
    page.goto(f"{live_server}/no-such-plan/anything")
    page.wait_for_selector(".not-found .not-found-plans")
    page.wait_for_timeout(1500)  # long enough for the plan switcher's callback to have fired
    assert page.url.endswith("/no-such-plan/anything")
    links = page.locator(".not-found-plans a")
    assert links.count() == 2
    assert {links.nth(index).get_attribute("href") for index in range(2)} == {f"/{IZMIR}", f"/{BALIKESIR}"}
