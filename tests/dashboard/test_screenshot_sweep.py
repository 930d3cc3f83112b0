"""Screenshot sweep (opt-in: GOSTERGE_SWEEP=1, a few minutes): every page type of both plans, Turkish
and English, at 1280 and 390 px, into artifacts/screenshots/sweep/ (git-ignored), for a person to look
at; every page has its heading, no error notice and no sideways scrolling. GOSTERGE_SWEEP_PAGES=goal,districts
takes only the pages of those names."""

from __future__ import annotations

import os

import pytest

from tests.support.dashboard_app import BALIKESIR, IZMIR, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("GOSTERGE_SWEEP"), reason="the screenshot sweep is opt-in (GOSTERGE_SWEEP=1)"
    ),
]

PAGES = {
    "overview": f"/{IZMIR}",
    "priority": f"/{IZMIR}/node/1.1",
    "goal": f"/{IZMIR}/node/1.1.2",
    "indicator": f"/{IZMIR}/indicator/1.1.2.2",
    "indicator-map": f"/{IZMIR}/indicator/1.1.2.2?view=map",
    "indicator-table": f"/{IZMIR}/indicator/1.1.2.2?view=table",
    "districts": f"/{IZMIR}/districts?indicator=1.1.2.2",
    "districts-goal": f"/{IZMIR}/districts?goal=1.1.2",
    "district": f"/{IZMIR}/district/1128",
    "monitoring": f"/{IZMIR}/monitoring",
    "extract": f"/{IZMIR}/extract",
    "search": f"/{IZMIR}/search?q=izmir",
    "quality": f"/{IZMIR}/quality",
    "b-overview": f"/{BALIKESIR}",
    "b-goal": f"/{BALIKESIR}/node/1.1",
    "b-indicator": f"/{BALIKESIR}/indicator/1.1.1",
    "b-regions": f"/{BALIKESIR}/districts?level=region",
    "b-region": f"/{BALIKESIR}/districts?region=korfez",
    "b-district": f"/{BALIKESIR}/district/1161",
    "b-monitoring": f"/{BALIKESIR}/monitoring",
    "not-found": "/no-such-plan",
}
FOLDER = SCREENSHOTS / "sweep"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_screenshot_sweep(browser, live_server, lang, width):
    FOLDER.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    only = os.environ.get("GOSTERGE_SWEEP_PAGES")
    broken: list[str] = []
    try:
        for name, path in PAGES.items():
            if only and name not in only.split(","):
                continue
            separator = "&" if "?" in path else "?"
            page.goto(f"{live_server}{path}{separator}lang={lang}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(FOLDER / f"{name}-{lang}-{width}.png"), full_page=True)
            if page.locator("main h1").count() != 1 or page.locator(".error-toast.show").count():
                broken.append(name)
            if page.evaluate("document.documentElement.scrollWidth") > width:
                broken.append(f"{name} (wider than {width} px)")
        assert not broken, broken
    finally:
        context.close()
