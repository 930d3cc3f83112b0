"""Every page type of both plans, in Turkish and English, has no serious or critical accessibility
finding by axe-core (from the npm registry, installed by ./dev test into node_modules and injected
by the test: the page itself never fetches it)."""

from __future__ import annotations

import pytest

from tests.support.axe import axe_context, axe_script, serious_findings
from tests.support.dashboard_app import BALIKESIR, IZMIR

pytestmark = pytest.mark.browser

PAGES = [
    f"/{IZMIR}",
    f"/{IZMIR}/node/1.1.1",
    f"/{IZMIR}/indicator/1.1.2.2?view=map",
    f"/{IZMIR}/indicator/1.1.2.2?view=table&lang=en",
    f"/{IZMIR}/districts?indicator=1.1.2.2",
    f"/{IZMIR}/district/1128",
    f"/{IZMIR}/monitoring",
    f"/{IZMIR}/extract",
    f"/{IZMIR}/search?q=izmir&lang=en",
    f"/{BALIKESIR}?lang=en",
    f"/{BALIKESIR}/districts?level=region",
    f"/{BALIKESIR}/districts?region=korfez",
    "/no-such-plan",
]


def test_no_serious_or_critical_accessibility_findings(browser, live_server):
    script = axe_script()
    with axe_context(browser) as context:
        page = context.new_page()
        findings = {}
        for path in PAGES:
            page.goto(f"{live_server}{path}")
            page.wait_for_load_state("networkidle")
            found = serious_findings(page, script)
            if found:
                findings[path] = found
        assert not findings, findings
