"""The executive brief as a PDF, made on the server without a browser: :func:`brief_pdf`.

Takes data (the plan and a :class:`warehouse.queries.brief.Brief`), not Dash components, so anything
that can open a reader can make one: the download route (:mod:`dashboard.downloads.brief_download`)
and a scheduled e-mail alike. Every sentence comes from :mod:`dashboard.components.brief_text`, the
page's own words.

ReportLab draws it (A4 portrait) with the Bitstream Vera Sans fonts ReportLab itself ships: TrueType
fonts with the Turkish letters (ğ ş ı İ ç ö ü), embedded as subsets with their Unicode map, so the
text can be searched and copied, and read back by the tests.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dashboard.components import brief_text as text
from dashboard.components.status import STATUS_COLOURS, STATUS_TEXT_COLOURS, status_text
from dashboard.i18n import format_date, format_percent, title, upper_case
from gosterge.plan import Plan
from warehouse.frames import records_of
from warehouse.queries.brief import Brief

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT, BOLD = "GostergeSans", "GostergeSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
INK, MUTED, RULE = colors.HexColor("#1F2933"), colors.HexColor("#52606D"), colors.HexColor("#CBD2D9")
ACCENT = colors.HexColor("#0B3C5D")
DEMO_FILL = colors.HexColor("#FFF4CC")
FIGURE_WIDTH = 62 * mm
CHIP_WIDTH = 46 * mm  # the status column of the lagging goals
#: characters Vera Sans lacks, drawn from the PDF standard Symbol font (every reader has it)
SYMBOLS = ("→",)


def register_fonts() -> None:
    """Vera Sans (regular and bold) under our names, once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _style(
    name: str, size: float, *, bold: bool = False, colour: Any = INK, leading: float | None = None
) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=BOLD if bold else FONT, fontSize=size, leading=leading or size * 1.3, textColor=colour
    )


STYLES = {
    "kicker": _style("kicker", 8, bold=True, colour=ACCENT),
    "title": _style("title", 17, bold=True, leading=21),
    "meta": _style("meta", 8.5, colour=MUTED),
    "figure": _style("figure", 26, bold=True, leading=30),
    "headline": _style("headline", 11, bold=True, leading=14.5),
    "body": _style("body", 9),
    "small": _style("small", 8, colour=MUTED),
    "heading": _style("heading", 10.5, bold=True, colour=ACCENT, leading=14),
    "subheading": _style("subheading", 9, bold=True),
    "goal": _style("goal", 9, bold=True),
    "reason": _style("reason", 8, leading=10.4),
    "chip": _style("chip", 7.5, bold=True, leading=9),
}


def markup(content: str) -> str:
    """Plain text as paragraph markup: escaped, with :data:`SYMBOLS` in the Symbol font."""
    escaped = escape(content)
    for symbol in SYMBOLS:
        escaped = escaped.replace(symbol, f'<font name="Symbol">{symbol}</font>')
    return escaped


def paragraph(content: str, style: str) -> Paragraph:
    """``content`` (plain text) as a paragraph in one of :data:`STYLES`."""
    return Paragraph(markup(content), STYLES[style])


def chip(status: str, lang: str, realization: Any = None, *, max_width: float = 60 * mm) -> Table:
    """A status in words on its colour (the page's badge), at most ``max_width`` wide (wrapped)."""
    words = status_text(status, lang, realization)
    style = ParagraphStyle(
        "chip-" + status, parent=STYLES["chip"], textColor=colors.HexColor(STATUS_TEXT_COLOURS[status])
    )
    width = pdfmetrics.stringWidth(words, BOLD, STYLES["chip"].fontSize) + 8
    cell = Table([[Paragraph(markup(words), style)]], colWidths=[min(width, max_width)])
    cell.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(STATUS_COLOURS[status])),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    cell.hAlign = "LEFT"
    return cell


def status_bar(brief: Brief, width: float, height: float = 9) -> Drawing:
    """The goals' statuses as one stacked bar, good to bad."""
    drawing = Drawing(width, height)
    left, total = 0.0, max(brief.goals, 1)
    for status, count in brief.goal_counts.items():
        part = width * count / total
        rectangle = Rect(left, 0, part, height)
        rectangle.fillColor, rectangle.strokeColor = colors.HexColor(STATUS_COLOURS[status]), None
        drawing.add(rectangle)
        left += part
    return drawing


def _grid(rows: list[list[Any]], widths: list[float], commands: list[tuple[Any, ...]] | None = None) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *(commands or []),
            ]
        )
    )
    table.hAlign = "LEFT"
    return table


def heading_block(plan: Plan, brief: Brief, lang: str) -> list[Flowable]:
    meta = f"{plan.period_start}–{plan.period_end} · {title(plan, lang, 'organisation')}"
    if brief.scope:
        meta = f"{title(plan, lang)} · {meta}"
    story: list[Flowable] = [
        paragraph(upper_case(f"Gösterge · {text.brief_text('title', lang)}", lang), "kicker"),
        Spacer(0, 2),
        paragraph(text.subject(plan, brief.scope, lang), "title"),
        paragraph(meta, "meta"),
        Spacer(0, 6),
    ]
    if brief.is_demo:
        story += [
            _grid(
                [[paragraph(text.brief_text("demo_note", lang), "subheading")]],
                [WIDTH],
                [
                    ("BACKGROUND", (0, 0), (-1, -1), DEMO_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#B7791F")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ],
            ),
            Spacer(0, 6),
        ]
    return story


def headline_block(brief: Brief, lang: str) -> Table:
    summary = brief.summary
    status = str(summary.get("status") or "not_available")
    figure = [
        paragraph(format_percent(summary.get("realization_pct"), lang), "figure"),
        chip(status, lang, summary.get("realization_pct"), max_width=FIGURE_WIDTH - 12),
    ]
    sentences = [
        paragraph(text.headline(brief, lang), "headline"),
        Spacer(0, 4),
        paragraph(text.goals_sentence(brief, lang), "body"),
    ]
    return _grid(
        [[figure, sentences]],
        [FIGURE_WIDTH, WIDTH - FIGURE_WIDTH],
        [
            ("LINEBEFORE", (0, 0), (0, 0), 4, colors.HexColor(STATUS_COLOURS[status])),
            ("LEFTPADDING", (0, 0), (0, 0), 8),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F5F7FA")),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (1, 0), (1, 0), 8),
        ],
    )


def counts_block(brief: Brief, lang: str, width: float) -> list[Flowable]:
    rows = [
        [Spacer(0, 0), paragraph(name, "body"), paragraph(text.whole(count, lang), "body")]
        for _, name, count in text.counts(brief, lang)
    ]
    swatches = [
        ("BACKGROUND", (0, row), (0, row), colors.HexColor(STATUS_COLOURS[status]))
        for row, (status, _, _) in enumerate(text.counts(brief, lang))
    ]
    table = _grid(
        rows,
        [4 * mm, width - 18 * mm, 14 * mm],
        [
            *swatches,
            ("LEFTPADDING", (1, 0), (1, -1), 5),
            ("ALIGN", (2, 0), (2, -1), "RIGHT"),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LINEBELOW", (1, 0), (-1, -1), 0.3, RULE),
        ],
    )
    return [
        paragraph(text.brief_text("status_counts", lang), "heading"),
        Spacer(0, 3),
        status_bar(brief, width),
        Spacer(0, 5),
        table,
        Spacer(0, 3),
        paragraph(text.totals(brief, lang), "small"),
    ]


def changes_block(brief: Brief, lang: str) -> list[Flowable]:
    comparison = brief.comparison
    story: list[Flowable] = [
        paragraph(text.brief_text("changes", lang), "heading"),
        paragraph(text.comparison_note(comparison, lang), "small"),
        Spacer(0, 3),
    ]
    listed = False
    for direction, key in (("up", "moved_up"), ("down", "moved_down")):
        moved, hidden = text.shown_changes(comparison, direction)
        if not moved:
            continue
        listed = True
        story.append(paragraph(text.brief_text(key, lang, count=len(moved) + hidden), "subheading"))
        for row in moved:
            story.append(
                Paragraph(
                    f"<b>{markup(text.goal_label(row, lang))}</b> {markup(text.change_line(row, lang))}",
                    STYLES["reason"],
                )
            )
        if hidden:
            story.append(paragraph(text.more(hidden, lang), "small"))
        story.append(Spacer(0, 3))
    if not listed and comparison.basis != "none":
        story.append(paragraph(text.brief_text("no_change", lang), "body"))
    return story


def lagging_block(brief: Brief, lang: str) -> list[Flowable]:
    story: list[Flowable] = [paragraph(text.brief_text("lagging", lang), "heading"), Spacer(0, 3)]
    rows = records_of(brief.lagging)
    if not rows:
        return [*story, paragraph(text.brief_text("no_lagging", lang), "body")]
    for row in rows:
        cell: list[Flowable] = [
            paragraph(text.goal_label(row, lang), "goal"),
            paragraph(text.lagging_figures(row, lang), "small"),
        ]
        for reason in brief.reasons_of(row["node_code"]):
            cell.append(paragraph(text.reason_heading(reason, lang), "reason"))
            for label, value in text.reason_parts(reason, lang):
                cell.append(Paragraph(f"<b>{markup(label)}:</b> {markup(value)}", STYLES["reason"]))
        story.append(
            KeepTogether(
                _grid(
                    [[cell, chip(str(row["status"]), lang, max_width=CHIP_WIDTH - 6)]],
                    [WIDTH - CHIP_WIDTH, CHIP_WIDTH],
                    [
                        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("LEFTPADDING", (1, 0), (1, 0), 6),
                    ],
                )
            )
        )
    more = brief.lagging_total - len(rows)
    if more > 0:
        story.append(paragraph(text.more(more, lang), "small"))
    return story


def freshness_block(brief: Brief, lang: str) -> list[Flowable]:
    return [
        Spacer(0, 8),
        paragraph(text.brief_text("freshness", lang), "heading"),
        *[paragraph(line, "body") for line in text.freshness(brief, lang)],
    ]


def brief_pdf(plan: Plan, brief: Brief, lang: str, *, generated_at: datetime | None = None) -> bytes:
    """The brief of ``plan`` as PDF bytes (A4), in ``lang``; ``generated_at`` (now) is printed in the footer."""
    register_fonts()
    buffer = io.BytesIO()
    generated = text.brief_text(
        "generated", lang, when=format_date(generated_at or datetime.now(), lang, with_time=True)
    )
    subject = text.subject(plan, brief.scope, lang)

    def footer(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, 12 * mm, PAGE_WIDTH - MARGIN, 12 * mm)
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 8 * mm, f"Gösterge · {generated}")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, text.brief_text("page_of", lang, page=document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=18 * mm,
        title=f"{text.brief_text('title', lang)}: {subject}",
        author="Gösterge",
        subject=title(plan, lang),
        lang=lang,
    )
    half = (WIDTH - 8 * mm) / 2
    columns = _grid(
        [[counts_block(brief, lang, half), changes_block(brief, lang)]],
        [half + 8 * mm, half],
        [("RIGHTPADDING", (0, 0), (0, 0), 8 * mm)],
    )
    story = [
        *heading_block(plan, brief, lang),
        headline_block(brief, lang),
        Spacer(0, 10),
        columns,
        Spacer(0, 10),
        *lagging_block(brief, lang),
        *freshness_block(brief, lang),
    ]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
