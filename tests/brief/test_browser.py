"""The brief in real Chromium: reached from the overview and an axis page, readable on a desktop and on a
390 px phone without scrolling sideways, printed without navigation or buttons, and its PDF download
answering from the page's own link (shared demo warehouse: one load, so changes are by year)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.support.axe import axe_context, axe_script, serious_findings
from tests.support.dashboard_app import BALIKESIR, IZMIR

pytestmark = pytest.mark.browser


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".brief [data-section='freshness']")
    page.wait_for_load_state("networkidle")


def test_the_overview_and_an_axis_page_link_to_their_brief(page, live_server, screenshot):
    page.goto(f"{live_server}/{IZMIR}")
    page.wait_for_selector(".brief-link")
    screenshot(page, "overview-brief-link")
    page.click(".brief-link")
    page.wait_for_selector(".brief[data-scope='']")
    assert page.url.endswith(f"/{IZMIR}/brief")
    page.wait_for_function("document.title.startsWith('Yönetici özeti: 2014-2023 İzmir Bölge Planı')")
    page.goto(f"{live_server}/{IZMIR}/node/2?lang=en")
    page.click(".brief-link")
    page.wait_for_selector(".brief[data-scope='2']")
    assert page.url.endswith(f"/{IZMIR}/brief?node=2&lang=en")
    assert page.locator("h1").text_content().startswith("Executive brief: Development axis 2")
    page.click(".brief-scopes a:text('Development axis 3')")  # the plan's other briefs, one click away
    page.wait_for_selector(".brief[data-scope='3']")
    assert page.inner_text(".brief-scopes [aria-current='page']") == "Development axis 3"
    page.goto(f"{live_server}/{IZMIR}/node/1.1")  # a priority has no brief of its own
    page.wait_for_selector("[data-page]")
    assert page.locator(".brief-link").count() == 0


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (f"/{IZMIR}/brief", "brief-izmir"),
        (f"/{IZMIR}/brief?node=1&lang=en", "brief-izmir-axis-1-en"),
        (f"/{BALIKESIR}/brief", "brief-balikesir"),
    ],
)
def test_the_brief_fits_a_desktop_and_a_phone(browser, live_server, screenshot, path, name):
    for width in (1280, 390):
        context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            _open(page, f"{live_server}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            for section in ("headline", "counts", "changes", "lagging", "freshness"):
                assert page.locator(f"[data-section='{section}']").is_visible()
            assert page.locator(".brief [data-section='changes']").get_attribute("data-basis") == "year"
            screenshot(page, f"{name}-{width}")
        finally:
            context.close()


def test_printing_leaves_out_navigation_and_buttons(page, live_server, screenshot):
    _open(page, f"{live_server}/{IZMIR}/brief")
    page.emulate_media(media="print")
    for selector in (".app-navbar", "#brief-pdf", ".breadcrumb", ".btn"):
        hidden = page.locator(selector).evaluate_all("items => items.every(item => item.offsetParent === null)")
        assert hidden, f"{selector} is printed"
    assert page.locator(".brief-headline").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    screenshot(page, "brief-izmir-print").with_suffix(".pdf").write_bytes(pdf)  # to look at, beside the PNG
    printed = PdfReader(io.BytesIO(pdf))
    assert len(printed.pages) == 1  # one A4 sheet
    words = " ".join(printed.pages[0].extract_text().split())
    assert " ".join(page.inner_text(".brief-headline").split()) in words
    for control in ("PDF indir", "Veri indir", "İzleme tablosu", "Oturum aç", "Menü"):  # buttons, navigation
        assert control not in words


def test_the_pdf_link_downloads_the_same_brief(page, live_server):
    _open(page, f"{live_server}/{BALIKESIR}/brief?lang=en")
    href = page.get_attribute("#brief-pdf", "href")
    assert href == f"/brief.pdf?plan={BALIKESIR}&lang=en"
    response = page.request.get(f"{live_server}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(item.extract_text() for item in PdfReader(io.BytesIO(response.body())).pages)
    headline = page.inner_text(".brief-headline")
    assert " ".join(headline.split()) in " ".join(text.split())


def test_no_serious_or_critical_accessibility_findings(browser, live_server):
    """The brief pages, like every page type (tests/dashboard/test_accessibility.py), pass axe-core."""
    script = axe_script()
    with axe_context(browser) as context:
        page = context.new_page()
        findings = {}
        for path in (f"/{IZMIR}/brief", f"/{IZMIR}/brief?node=3&lang=en", f"/{BALIKESIR}/brief?lang=en"):
            _open(page, f"{live_server}{path}")
            found = serious_findings(page, script)
            if found:
                findings[path] = found
        assert not findings, findings
