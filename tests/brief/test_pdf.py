"""The brief's PDF, made without a browser or an app from a reader's cursor (as a scheduled e-mail will),
read back with pypdf: the page's sentences, counts, goals, changes and reasons are in it, in Turkish
with its own letters and in English; and GET /brief.pdf over loopback."""

from __future__ import annotations

import io
from typing import Any

import pytest
import requests
from pypdf import PdfReader

from dashboard.components import brief_text as text
from dashboard.components.brief import brief_body
from dashboard.downloads.brief_pdf import FONT_DIR, SYMBOLS, brief_pdf
from dashboard.i18n import status_label
from dashboard.messages import CATALOGUE
from tests.brief.conftest import TwoLoads
from tests.support.dashboard_app import BALIKESIR, IZMIR
from warehouse.queries.brief import executive_brief


def pdf_text(content: bytes) -> str:
    """The PDF's text with every run of white space as one space (lines wrap where the page's do not)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_texts(component: Any) -> list[str]:
    """Every text of a Dash component tree, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [item for child in component for item in page_texts(child)]
    children = getattr(component, "children", None)
    return page_texts(children) if children is not None else []


def flat(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize(("lang", "scope"), [("tr", None), ("en", None), ("tr", "1"), ("en", "3")])
def test_the_pdf_says_what_the_page_says(two_loads: TwoLoads, two_loads_connection, lang, scope):
    plan = two_loads.plan
    brief = executive_brief(two_loads_connection, plan=plan.code, scope=scope)
    written = pdf_text(brief_pdf(plan, brief, lang))
    page = brief_body(plan, brief, lang, pdf_href="/brief.pdf")
    lines = [flat(line) for line in page_texts(page) if line.strip()]
    for sentence in (text.headline(brief, lang), text.goals_sentence(brief, lang), text.subject(plan, scope, lang)):
        assert flat(sentence) in lines and flat(sentence) in written
    for status, count in brief.goal_counts.items():  # the same counts, status by status
        assert f"{status_label(status, lang)} {text.whole(count, lang)}" in written
    assert sum(brief.goal_counts.values()) == brief.goals
    for row in brief.lagging.to_dict("records"):  # the same lagging goals, in the same order
        assert flat(text.goal_label(row, lang)) in lines and flat(text.goal_label(row, lang)) in written
    positions = [written.index(flat(text.goal_label(row, lang))) for row in brief.lagging.to_dict("records")]
    assert positions == sorted(positions)
    for direction in ("up", "down"):  # the same changes
        shown, hidden = text.shown_changes(brief.comparison, direction)
        for row in shown:
            assert flat(f"{text.goal_label(row, lang)} {text.change_line(row, lang)}") in written
        if hidden:
            assert text.more(hidden, lang) in written
    assert flat(text.comparison_note(brief.comparison, lang)) in written
    for line in text.freshness(brief, lang):
        assert flat(line) in lines and flat(line) in written
    assert flat(text.brief_text("demo_note", lang)) in written


def test_turkish_letters_and_reasons_come_back_intact(two_loads: TwoLoads, two_loads_connection):
    brief = executive_brief(two_loads_connection, plan=two_loads.plan.code)
    content = brief_pdf(two_loads.plan, brief, "tr")
    assert len(PdfReader(io.BytesIO(content)).pages) == 1  # one sheet, reasons and all
    written = pdf_text(content)
    for word in ("Geride kalan hedefler", "Verinin güncelliği", "Hedeflerin durumu", "Ne değişti", "İyileşen"):
        assert word in written
    assert set("ğşıİçöüÖ") <= set(written)
    assert "GÖSTERGE · YÖNETİCİ ÖZETİ" in written  # Turkish capitals: i → İ
    assert "Kadın girişimcilere kredi desteği geç başladı; İşkur kursları ertelendi" in written
    assert "Eski gerekçe" not in written  # 2024's reason: the newest year wins
    assert "Önlemler: Yeni hibe çağrısı açıldı" in written
    assert "Deprem sonrası rezervasyonlar düştü <b>&</b> =1+1" in written  # as written, not as markup
    assert "Önlemler: Lojistik merkezi ihalesi yenilendi" in written
    assert "1.1.6.1" in written and "(2025-Q4)" in written


def test_every_letter_of_the_plans_and_the_brief_is_in_the_font(izmir_plan, balikesir_plan):
    """A letter the font lacks prints as an empty box: every character of both plans' titles and of the
    brief's texts is in Vera Sans, or drawn from the Symbol font."""
    from reportlab.pdfbase.ttfonts import TTFont

    for name in ("Vera.ttf", "VeraBd.ttf"):
        font = TTFont(name, str(FONT_DIR / name))
        texts = [pair for key, pair in CATALOGUE.items() if key.startswith(("brief.", "status."))]
        for plan in (izmir_plan, balikesir_plan):
            texts.append((plan.title_tr, plan.title_en))
            texts += [(node.title_tr, node.title_en) for node in plan.nodes.values()]
            texts += [(indicator.name_tr, indicator.name_en) for indicator in plan.indicators.values()]
        letters = {letter for pair in texts for value in pair for letter in value}
        missing = sorted(letter for letter in letters if ord(letter) not in font.face.charToGlyph)
        assert set(missing) <= set(SYMBOLS), f"{name} lacks {missing}"


def test_the_download_route_answers_a_pdf_or_names_what_is_wrong(live_server, izmir_plan, balikesir_plan):
    response = requests.get(f"{live_server}/brief.pdf", params={"plan": IZMIR, "node": "2"}, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith(f'attachment; filename="gosterge_{IZMIR}_brief_2_tr_v')
    assert text.subject(izmir_plan, "2", "tr") in pdf_text(response.content)
    english = requests.get(f"{live_server}/brief.pdf", params={"plan": BALIKESIR, "lang": "en"}, timeout=60)
    assert english.status_code == 200
    assert "GÖSTERGE · EXECUTIVE BRIEF" in pdf_text(english.content)
    assert text.subject(balikesir_plan, None, "en") in pdf_text(english.content)
    for params, named in (
        ({"plan": "no-such-plan"}, "unknown plan 'no-such-plan'"),
        ({"plan": IZMIR, "node": "1.1"}, "unknown top-level node '1.1'"),
        ({"plan": IZMIR, "node": "9"}, "unknown top-level node '9'"),
    ):
        refused = requests.get(f"{live_server}/brief.pdf", params=params, timeout=30)
        assert refused.status_code == 400 and named in refused.text
