"""In the system Chromium: the extract builder's buttons download files that parse and match the
warehouse; the controls write the URL; the print view hides navigation and controls.

Uses the session's one dashboard app (İzmir and Balıkesir demo data, tests/support/dashboard_app.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import ids
from dashboard.views import downloads as builder
from gosterge.rounding import PERCENT_DECIMALS, round_to
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.downloads import text_as_written

pytestmark = pytest.mark.browser

TIMEOUT = 20_000


def download(page, selector: str) -> tuple[str, bytes]:
    """Click ``selector`` and return the downloaded file's suggested name and content."""
    with page.expect_download(timeout=TIMEOUT) as info:
        page.click(selector)
    file = info.value
    return file.suggested_filename, Path(file.path()).read_bytes()


def open_extract(page, url: str, ready: str = f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}") -> None:
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    page.wait_for_selector(ready)


def test_every_download_button_gives_a_file_that_parses(page, live_server, app_context, screenshot) -> None:
    open_extract(page, f"{live_server}/{IZMIR}/extract?level=indicators&axis=1")
    page.wait_for_selector(".extract-preview-table")
    screenshot(page, "exports-01-extract-builder")

    name, content = download(page, f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}")
    assert re.fullmatch(r"gosterge_izmir-2014-2023_indicators_axis-1_v\d+\.csv", name)
    frame = text_as_written(  # codes arrive as ="1.1" (the Excel (Türkçe) dialect keeps them text)
        pd.read_csv(
            io.BytesIO(content),
            sep=";",
            decimal=",",
            encoding="utf-8-sig",
            dtype={"Gösterge kodu": str, "Gelişme ekseni kodu": str},
        )
    )
    with app_context.reader.connect() as connection:
        expected = dict(
            connection.execute(
                "select indicator_code, realization_pct from indicator_progress where plan_code = ? "
                "and area_level = 'province' and indicator_code like '1.%'",
                [IZMIR],
            ).fetchall()
        )
    got = dict(zip(frame["Gösterge kodu"], frame["Gerçekleşme (%)"], strict=True))
    assert got.keys() == expected.keys()
    assert all(  # rounded as the pages show them
        (pd.isna(got[code]) and expected[code] is None) or got[code] == round_to(expected[code], PERCENT_DECIMALS)
        for code in got
    )
    assert set(frame["Gelişme ekseni kodu"]) == {"1"}

    name, content = download(page, f"#{ids.EXTRACT_DOWNLOAD_IDS['zip']}")
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.namelist() == [name.replace(".zip", ".csv"), "metadata.csv", "README.txt"]
    metadata = pd.read_csv(io.BytesIO(archive.read("metadata.csv")), sep=";", encoding="utf-8-sig", dtype=str)
    assert "Veri sürümü" in set(metadata["Alan"])

    name, content = download(page, f"#{ids.EXTRACT_DOWNLOAD_IDS['xlsx']}")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Gösterge ilerlemesi", "Üst veri"]
    assert workbook.worksheets[0].max_row == len(frame) + 1

    name, content = download(page, f"#{ids.EXTRACT_DOWNLOAD_IDS['pack']}")
    assert name.startswith("gosterge_izmir-2014-2023_pack_axis-1_")
    pack = openpyxl.load_workbook(io.BytesIO(content))
    assert pack.sheetnames == ["Özet", "Hedefler", "Göstergeler", "İlçeler", "Üst veri"]
    assert pack["Özet"].freeze_panes == "A6"


def test_the_controls_write_the_url(page, live_server) -> None:
    open_extract(page, f"{live_server}/{IZMIR}/extract")
    page.select_option(f"#{ids.EXTRACT_LEVEL}", "goals")
    page.wait_for_url(re.compile(r"level=goals"))
    # the controls drawn for the goals: the URL changes before they come, and the first drawing's preview
    # has a goal-code column too, so a click on the first drawing's controls would be lost with them
    page.wait_for_selector(f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}[href*='level=goals']")
    page.wait_for_selector("th:has-text('Hedef kodu')")
    page.click("label:has-text('Standart CSV')")
    page.wait_for_url(re.compile(r"dialect=standard"))
    page.wait_for_selector(f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}[href*='dialect=standard']")
    href = page.get_attribute(f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}", "href")
    assert href.startswith("/export.csv?plan=izmir-2014-2023&level=goals") and "dialect=standard" in href
    name, content = download(page, f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}")
    frame = pd.read_csv(io.BytesIO(content), dtype={"Hedef kodu": str})
    assert not content.startswith(b"\xef\xbb\xbf") and len(frame) > 70  # every goal of the plan
    copied = page.url
    other = page.context.new_page()
    other.goto(copied)
    other.wait_for_selector("th:has-text('Hedef kodu')")
    assert other.input_value(f"#{ids.EXTRACT_LEVEL}") == "goals"
    other.close()


def test_the_preview_pages(page, live_server) -> None:
    open_extract(page, f"{live_server}/{BALIKESIR}/extract?level=measurements&lang=en")
    page.wait_for_selector("#extract-counts")
    assert page.locator("#extract-counts").inner_text().startswith("rows 1–20 of")
    assert page.locator(".extract-preview-table tbody tr").count() == builder.PAGE_SIZE
    assert page.locator("th:has-text('Aim code')").count() == 1
    page.click("#extract-next")
    page.wait_for_url(re.compile(r"page=2"))
    page.wait_for_function("document.querySelector('#extract-counts').innerText.startsWith('rows 21–40')")


def test_a_bad_address_is_explained(page, live_server) -> None:
    open_extract(page, f"{live_server}/{IZMIR}/extract?level=goals&axis=9&from=2019", f"#{ids.EXTRACT_PROBLEMS}")
    text = page.locator(f"#{ids.EXTRACT_PROBLEMS}").inner_text()
    assert "unknown axis '9'" in text and "'from'" in text
    page.wait_for_timeout(1000)
    assert "axis=9" in page.url  # the address the person typed stays, explained, not silently replaced


def test_the_print_view_hides_navigation_and_controls(page, live_server, screenshot) -> None:
    open_extract(page, f"{live_server}/{IZMIR}/extract?level=axes")
    page.wait_for_selector(".extract-preview-table")
    assert page.locator(".app-navbar").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".app-navbar").is_visible()
    assert not page.locator(".extract-controls").is_visible()
    assert not page.locator(f"#{ids.EXTRACT_DOWNLOAD_IDS['csv']}").is_visible()
    assert page.locator(".extract-preview-table").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")


def test_every_view_download_on_the_dashboard_pages_works(page, live_server, izmir_plan, screenshot) -> None:
    """Every "download this view as CSV" button of the overview, node, indicator, districts and district
    pages is a valid export: 200 and a table that parses; one of them is clicked for real."""
    page.set_default_timeout(TIMEOUT)
    goal = izmir_plan.goals()[0]
    indicator = next(item for item in izmir_plan.indicators.values() if item.level == "district")
    district = next(iter(izmir_plan.districts))
    pages = [
        f"/{IZMIR}?axis=1",
        f"/{IZMIR}/node/1",
        f"/{IZMIR}/node/{goal.code}?district={district}",
        f"/{IZMIR}/indicator/{indicator.code}",
        f"/{IZMIR}/districts?indicator={indicator.code}",
        f"/{IZMIR}/district/{district}",
        f"/{BALIKESIR}",
    ]
    hrefs: set[str] = set()
    for path in pages:
        page.goto(live_server + path)
        page.wait_for_selector(".gosterge-download")
        found = page.eval_on_selector_all(".gosterge-download", "links => links.map(link => link.getAttribute('href'))")
        assert found, path
        hrefs.update(found)
    assert len(hrefs) >= 10
    assert any(href.startswith("/export.xlsx") for href in hrefs)  # the meeting pack of the selection
    for href in sorted(hrefs):
        response = page.request.get(live_server + href)
        assert response.status == 200, (href, response.text()[:300])
        if href.startswith("/export.xlsx"):
            assert openpyxl.load_workbook(io.BytesIO(response.body())).sheetnames[0] == "Özet"
            continue
        frame = pd.read_csv(io.BytesIO(response.body()), sep=";", decimal=",", encoding="utf-8-sig")
        assert len(frame.columns) > 3, href
    page.goto(f"{live_server}/{IZMIR}?axis=1")
    page.wait_for_selector("[data-section=goals] .gosterge-download")
    screenshot(page, "exports-02-overview-with-download")
    name, content = download(page, "[data-section=goals] .gosterge-download")
    assert name.startswith("gosterge_izmir-2014-2023_goals_axis-1_")
    frame = pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Hedef kodu": str})
    assert len(frame) == len([g for g in izmir_plan.goals() if izmir_plan.ancestors(g.code)[0].code == "1"])


def test_a_goal_page_prints_on_a4(page, live_server, izmir_plan, screenshot) -> None:
    """Print view of a goal: no navigation or buttons, charts resized to the A4 width, a PDF comes out."""
    page.set_default_timeout(TIMEOUT)
    goal = izmir_plan.goals()[0]
    page.goto(f"{live_server}/{IZMIR}/node/{goal.code}")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(500)
    widths = page.eval_on_selector_all(
        ".js-plotly-plot .main-svg", "svgs => svgs.map(svg => svg.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= 720  # 190 mm at 96 dpi
    assert not page.locator(".app-navbar").is_visible()
    assert not page.locator(".gosterge-download").first.is_visible()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, for the picture
    screenshot(page, "exports-03-goal-print")
    assert page.pdf(format="A4", print_background=True).startswith(b"%PDF")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
