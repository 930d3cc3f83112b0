"""The Word document of a report (python-docx): pure, a :class:`ReportContent` in, the .docx bytes out.

Layout (A4 landscape, as monitoring tables are printed):

1. cover: the organisation, the plan, the report's title and period, its scope and area, the date;
2. summary: the scope's weighted realization, how many indicators have data and how many are behind,
   and a table of the goals' weighted realizations with their responsible units;
3. the data's vintage: data version, publication and last load (and a demo notice);
4. per aim (axis, priority …) a heading, per goal a heading with its weighted realization and
   responsible units, a table of its indicators (code, indicator, hedefe etkisi, plan start value,
   target of the year, realized value, realization rate, responsible unit), then the units' reasons for
   deviations and measures to be taken, with who entered and approved them;
5. the formula.

Every text (the plan file's titles, the units' explanations) goes in as a text run: python-docx escapes
it, and the characters XML cannot hold are dropped (:func:`clean`). Numbers are written as the pages
write them (:mod:`dashboard.i18n`: %77,6 and 1.234,5 in Turkish).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from dashboard.downloads.monitoring_request import area_label
from dashboard.explanation_texts import provenance_text, written
from dashboard.i18n import format_date, format_number, format_percent, format_value, t, title, upper_case
from dashboard.reports.content import MONITORING, ReportContent
from dashboard.reports.tables import TABLE_TEXT, TableTemplate, clean, styled
from gosterge.progress.monitoring import MonitoringRow

#: the indicator table's columns: (message key, width in cm)
COLUMNS = (
    ("monitoring_code", 1.6),
    ("monitoring_indicator", 7.4),
    ("monitoring_weight", 1.9),
    ("monitoring_base", 2.4),
    ("monitoring_target", 2.4),
    ("monitoring_realized", 2.4),
    ("monitoring_realization", 2.3),
    ("responsible_unit", 4.6),
)
SUMMARY_WIDTHS = [1.6, 13.0, 3.4, 7.0]
#: style ids set straight on the XML (python-docx looks a style up by name at every use)
BULLET = "ListBullet"
CAPTION = "Caption"
DARK = RGBColor(0x1F, 0x3B, 0x57)


def value_text(value: float | None, row: MonitoringRow, lang: str) -> str:
    """An indicator's value as the monitoring table shows it: to its precision, 0 as '0'."""
    return "0" if value == 0 else format_value(value, lang, 2 if row.precision is None else row.precision)


def report_title(content: ReportContent, lang: str) -> str:
    """ "2024 Yılı 1. Altı Aylık Dönem İzleme Raporu", "2024 Yılı Değerlendirme Raporu"."""
    request = content.request
    if request.kind == MONITORING:
        return (
            f"{t(f'report.monitoring_period_{request.half}', lang, year=request.year)} {t('report.monitoring', lang)}"
        )
    return f"{t('report.evaluation_period', lang, year=request.year)} {t('report.evaluation', lang)}"


def scope_text(content: ReportContent, lang: str) -> str:
    """The whole plan, an aim (its level, code and title), a unit, or an aim and a unit."""
    plan, request = content.plan, content.request
    parts = []
    if request.node is not None:
        node = plan.nodes[request.node]
        level = plan.level_of(node).text(lang, "name")
        parts.append(t("report.scope_node", lang, level=level, code=node.code, title=title(node, lang)))
    if request.unit is not None:
        parts.append(t("report.scope_unit", lang, unit=request.unit))
    return " · ".join(parts) or t("report.scope_plan", lang)


def report_document(content: ReportContent, lang: str) -> bytes:
    """The report as a .docx file's bytes."""
    document = Document()
    _page_setup(document)
    table_text = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = document.styles["Normal"]
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_after = Pt(0)
    _cover(document, content, lang)
    _summary(document, content, lang)
    _vintage(document, content, lang)
    _body(document, content, lang)
    styled(document.add_paragraph(clean(t("report.formula", lang))), CAPTION)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: DocumentType) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)


def _heading(document: DocumentType, text: str, level: int) -> None:
    styled(document.add_paragraph(), f"Heading{level}").add_run(clean(text))


def _paragraph(document: DocumentType, text: str, *, size: float | None = None, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(clean(text))
    run.bold = bold
    if size is not None:
        run.font.size = Pt(size)


def _cover(document: DocumentType, content: ReportContent, lang: str) -> None:
    plan = content.plan
    for _ in range(4):
        document.add_paragraph()
    for text, size, bold in (
        (upper_case(plan.text(lang, "organisation"), lang), 14, True),
        (title(plan, lang), 16, True),
        (report_title(content, lang), 24, True),
        (scope_text(content, lang), 13, False),
        (
            t("report.area", lang, area=area_label(plan, content.request.area_level, content.request.area_code, lang)),
            12,
            False,
        ),
        (t("report.prepared", lang, date=format_date(content.generated_at, lang)), 11, False),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(clean(text))
        run.font.size, run.bold = Pt(size), bold
        if bold:
            run.font.color.rgb = DARK
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _summary(document: DocumentType, content: ReportContent, lang: str) -> None:
    request = content.request
    _heading(document, clean(t("report.summary", lang)), 1)
    realization = content.scope_realization
    if realization is not None:
        scope = scope_text(content, lang)
        _paragraph(
            document,
            t("report.summary_overall", lang, scope=scope, year=request.year, rate=format_percent(realization, lang)),
        )
    indicators = content.indicators()
    assessed = [row for row in indicators if row.assessed]
    behind = [row for row in assessed if row.realization_pct is not None and row.realization_pct < 100]
    explained = [row for row in indicators if written((content.explanations.get(row.code) or {}).get("reason"))]
    _paragraph(
        document,
        t(
            "report.summary_counts",
            lang,
            indicators=len(indicators),
            reported=sum(row.realized_value is not None for row in indicators),
            year=request.year,
            below=len(behind),
            explained=len(explained),
        ),
    )
    goals = content.goals()
    if not goals:
        _paragraph(document, t("report.no_indicators", lang))
        return
    _heading(document, clean(t("report.summary_goals", lang)), 2)
    headers = [
        t("monitoring_code", lang),
        title_header(content, lang),
        t("monitoring_goal_realization", lang),
        t("responsible_unit", lang),
    ]
    TableTemplate(document, headers, SUMMARY_WIDTHS, numeric=range(2, 3)).add(
        document,
        [
            [goal.code, title(goal, lang), format_percent(goal.realization_pct, lang), goal.responsible_unit or ""]
            for goal in goals
        ],
    )


def title_header(content: ReportContent, lang: str) -> str:
    return content.plan.levels[content.plan.goal_depth].text(lang, "name")


def _vintage(document: DocumentType, content: ReportContent, lang: str) -> None:
    metadata = content.metadata

    def when(value: Any) -> str:
        return format_date(value, lang, with_time=True) if value else "–"

    _heading(document, clean(t("report.vintage", lang)), 2)
    _paragraph(
        document,
        t(
            "report.vintage_text",
            lang,
            version=format_number(metadata.get("data_version") or 0, lang, 0),
            published=when(metadata.get("published_at")),
            loaded=when(metadata.get("last_loaded_at")),
        ),
    )
    if content.is_demo:
        _paragraph(document, t("report.demo", lang), bold=True)


def _body(document: DocumentType, content: ReportContent, lang: str) -> None:
    plan, rows = content.plan, content.rows
    headers = [t(key, lang, year=content.request.year) for key, _ in COLUMNS]
    template = TableTemplate(document, headers, [width for _, width in COLUMNS], numeric=range(2, 7))
    top_depth = min((row.depth for row in rows if not row.is_indicator), default=0)
    for position, row in enumerate(rows):
        if row.is_indicator:
            continue
        level = plan.levels[row.depth].text(lang, "name")
        heading = f"{level} {row.code}: {title(row, lang)}"
        _heading(document, clean(heading), min(row.depth - top_depth + 1, 3))
        if row.depth != plan.goal_depth:
            if row.realization_pct is not None:
                _paragraph(document, t("report.node_realization", lang, rate=format_percent(row.realization_pct, lang)))
            continue
        _paragraph(
            document, t("report.goal_realization", lang, rate=format_percent(row.realization_pct, lang)), bold=True
        )
        if row.responsible_unit:
            _paragraph(document, t("report.responsible", lang, unit=row.responsible_unit))
        below = []
        for item in rows[position + 1 :]:
            if not item.is_indicator:
                break
            below.append(item)
        template.add(document, [indicator_cells(row, lang) for row in below])
        _explanations(document, content, below, lang)


def indicator_cells(row: MonitoringRow, lang: str) -> list[str]:
    """An indicator's row of its goal's table, written as the monitoring table writes it."""
    return [
        row.code,
        title(row, lang),
        format_number(row.weight, lang, 1),
        value_text(row.base_value, row, lang),
        value_text(row.year_target, row, lang),
        value_text(row.realized_value, row, lang),
        format_percent(row.realization_pct, lang) if row.assessed else "–",
        row.responsible_unit or "",
    ]


def _explanations(document: DocumentType, content: ReportContent, rows: list[MonitoringRow], lang: str) -> None:
    explained = [(row, content.explanations[row.code]) for row in rows if row.code in content.explanations]
    explained = [(row, item) for row, item in explained if written(item.get("reason")) or written(item.get("measures"))]
    if not explained:
        return
    document.add_paragraph().add_run(clean(t("report.explanations", lang))).bold = True
    for row, item in explained:
        paragraph = styled(document.add_paragraph(), BULLET)
        paragraph.add_run(clean(f"{row.code} {title(row, lang)}")).bold = True
        for key in ("reason", "measures", "source_note"):
            text = written(item.get(key))
            if text:
                paragraph.add_run(clean(f"\n{t(f'explanation.{key}', lang)}: ")).italic = True
                paragraph.add_run(clean(text))
        note = paragraph.add_run(clean(f"\n{provenance_text(item, lang)}"))
        note.font.size = Pt(8)
