"""'Why this status' panels: one or two plain sentences from the numbers, then every input that explains
the status and where the data came from, under a "details" fold."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.attributes import attributes
from dashboard.components.common import demo_badge, facts
from dashboard.components.explanations import explanation_rows
from dashboard.components.sentences import indicator_sentences, node_sentences
from dashboard.components.status import status_badge
from dashboard.components.tables import value_decimals
from dashboard.i18n import (
    format_date,
    format_number,
    format_percent,
    format_value,
    is_missing,
    label,
    t,
)
from gosterge.progress.status import (
    DIRECTION_THRESHOLDS,
    MAINTAIN_TOLERANCE,
    TARGET_THRESHOLDS,
    natural_limit_factor,
)
from gosterge.rounding import PACE_DECIMALS, RATIO_DECIMALS


def _value_year(value: Any, year: Any, lang: str, decimals: int, unit: str = "") -> str:
    """An indicator's value to its precision (``decimals``), with its unit and year."""
    if is_missing(value):
        return "–"
    year_text = "" if is_missing(year) else f" ({int(year)})"
    return f"{format_value(value, lang, decimals)}{(' ' + unit) if unit else ''}{year_text}"


def _pace(value: Any, lang: str, unit: str) -> str:
    """A pace (the indicator's unit per year) to :data:`~gosterge.rounding.PACE_DECIMALS`, with the unit."""
    return "–" if is_missing(value) else f"{format_value(value, lang, PACE_DECIMALS)} {unit}".strip()


def _ratio_threshold(value: float, lang: str) -> str:
    return format_number(value, lang, 2) if value else "0"


def thresholds_text(row: dict[str, Any], lang: str) -> str:
    """The thresholds the indicator's method compares with, in ``lang`` (0,95 / 0,60 / 0 on a Turkish
    page); the stored text when the method is not known."""
    method = row.get("method")
    ratios = " / ".join(_ratio_threshold(value, lang) for value in TARGET_THRESHOLDS)
    if method == "open_sdg_target":
        return ratios
    if method == "linear_ratio":
        return t("thresholds_linear", lang, thresholds=ratios)
    if method == "maintain" and row.get("projection") == "held":
        return t("thresholds_tolerance", lang, tolerance=format_percent(MAINTAIN_TOLERANCE * 100, lang, 0))
    if method == "maintain":
        high, low = (format_percent(value * 100, lang) for value in DIRECTION_THRESHOLDS[:2])
        return t("thresholds_direction", lang, high=high, low=low)
    if method == "open_sdg_direction":  # each positive threshold × C near a natural limit
        limit = row.get("natural_limit")
        factor = natural_limit_factor(row.get("base_value") or 0.0, None if is_missing(limit) else limit)
        decimals = 1 if factor == 1.0 else 2
        high, low = (format_percent(value * 100 * factor, lang, decimals) for value in DIRECTION_THRESHOLDS[:2])
        return t("thresholds_direction", lang, high=high, low=low)
    if method == "informational":
        return label("method", method, lang)
    return row.get("thresholds") or "–"


def indicator_why(
    row: dict[str, Any], lang: str, *, unit_name: str = "", explanation: dict[str, Any] | None = None
) -> html.Div:
    """The panel beside an indicator's status: base, latest, target, direction, method, thresholds,
    pace ratio, score, required and actual pace, projected year, and the load behind the data. Values
    to the indicator's precision (``row['precision']``), paces, ratios and scores as the files round them
    (:mod:`gosterge.rounding`); ``explanation``: the unit's newest explanation
    (:mod:`warehouse.queries.explanations`), if any."""
    decimals = value_decimals(row)
    projected = row.get("projected_year")
    projection = label("projection", row.get("projection"), lang)
    projected_text = projection if is_missing(projected) else f"{int(projected)} · {projection}"
    source = row.get("last_source_id")
    load: Any = "–"
    if not is_missing(source):
        load = html.Span(
            [
                f"{t('run', lang)} #{int(row['last_run_id'])} · {source}"
                if not is_missing(row.get("last_run_id"))
                else str(source),
                f" · {row['last_file_name']}" if not is_missing(row.get("last_file_name")) else "",
                f" · {format_date(row.get('last_loaded_at'), lang, with_time=True)}",
                " ",
                demo_badge(lang) if row.get("is_demo") else None,
            ]
        )
    rows = [
        (t("status", lang), status_badge(row.get("status", "not_available"), lang, size="sm")),
        (t("base_value", lang), _value_year(row.get("base_value"), row.get("base_year"), lang, decimals, unit_name)),
        (
            t("latest_value", lang),
            _value_year(row.get("latest_value"), row.get("latest_year"), lang, decimals, unit_name),
        ),
        (t("target", lang), _value_year(row.get("target_value"), row.get("target_year"), lang, decimals, unit_name)),
        (t("direction", lang), label("direction", row.get("planned_direction") or row.get("direction"), lang)),
        (t("method", lang), label("method", row.get("method"), lang)),
        (t("thresholds", lang), thresholds_text(row, lang)),
        (
            t("realization", lang),
            f"{format_percent(row.get('realization_pct'), lang)} · {t('expected', lang)} "
            f"{format_percent(row.get('expected_pct'), lang)}",
        ),
        (t("pace_ratio", lang), format_value(row.get("pace_ratio"), lang, RATIO_DECIMALS)),
        (t("score", lang), format_value(row.get("score"), lang, RATIO_DECIMALS)),
        (t("required_pace", lang), _pace(row.get("required_pace"), lang, unit_name)),
        (t("actual_pace", lang), _pace(row.get("actual_pace"), lang, unit_name)),
        (t("projected_year", lang), projected_text),
        (t("data_from", lang), load),
    ]
    if row.get("flags"):
        rows.append((t("flags", lang), str(row["flags"]).replace(";", ", ")))
    if explanation is not None:  # the responsible unit's reason, measures, who entered and approved
        rows += explanation_rows(explanation, lang)
    return explained(indicator_sentences(row, lang, unit=unit_name), rows, lang, row.get("indicator_code", ""))


def explained(sentences: list[str], rows: list[tuple[str, Any]], lang: str, code: str) -> html.Div:
    """The sentences first, in plain words; the raw inputs below them under a "details" fold."""
    return html.Div(
        [
            html.P(" ".join(sentences), className="why-sentences", **attributes(data_why_sentences=code)),
            html.Details(
                [html.Summary(t("why.details", lang)), facts(rows)],
                className="why-panel",
                **attributes(data_why=code),
            ),
        ],
        className="why",
    )


def _ratio(row: dict[str, Any]) -> float | None:
    realization, expected = row.get("realization_pct"), row.get("expected_pct")
    if is_missing(realization) or is_missing(expected) or not expected:
        return None
    return float(realization) / float(expected)


def node_why(
    row: dict[str, Any],
    lang: str,
    *,
    child_links: dict[str, tuple[str, str]],
    target_year: int | None = None,
    reached: tuple[int, int] | None = None,
) -> html.Div:
    """The panel beside a node's status: sentences from its numbers, then realization, expected,
    coverage, score, the status bands, the two weakest children (``child_links``: code → (title,
    href)) and the alarm score. ``target_year`` and ``reached`` as :func:`node_sentences` takes them."""
    worst = [code for code in str(row.get("worst_children") or "").split(",") if code]
    worst_links: list = []
    for code in worst:
        child_title, target = child_links.get(code, ("", None))
        text = f"{code} {child_title}".strip()
        worst_links.append(html.Div(dcc.Link(text, href=target) if target else text))
    children = row.get("children")
    with_data = row.get("children_with_data")
    rows = [
        (t("status", lang), status_badge(row.get("status", "not_available"), lang, size="sm")),
        (t("realization", lang), format_percent(row.get("realization_pct"), lang)),
        (t("expected", lang), format_percent(row.get("expected_pct"), lang)),
        (t("coverage", lang), format_percent((row.get("coverage") or 0) * 100, lang, 0)),
        (t("children_with_data", lang), f"{format_number(with_data, lang, 0)} / {format_number(children, lang, 0)}"),
        (t("realization_ratio", lang), format_value(_ratio(row), lang, RATIO_DECIMALS)),
        (t("status_bands", lang), t("status_bands_text", lang)),
        (t("score_detail", lang), format_value(row.get("score"), lang, RATIO_DECIMALS)),
        (t("worst_children", lang), worst_links or "–"),
        (t("alarm_score", lang), format_value(row.get("alarm_score"), lang, RATIO_DECIMALS)),
    ]
    if row.get("note"):
        rows.append((t("flags", lang), str(row["note"])))
    names = {code: f"{code} {child_title}".strip() for code, (child_title, _) in child_links.items()}
    sentences = node_sentences(row, lang, names=names, target_year=target_year, reached=reached)
    return explained(sentences, rows, lang, row.get("node_code", ""))
