"""Plain, accessible HTML tables (caption, scoped headers) built from records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.common import provenance_mark
from dashboard.components.elements import element
from dashboard.components.markup import Markup, markup
from dashboard.components.status import status_badge, trend_mark
from dashboard.i18n import format_number, format_percent, format_value, is_missing, t, title
from gosterge.rounding import PERCENT_DECIMALS
from warehouse.frames import records_of

Column = tuple[str, Callable[[dict[str, Any]], Any], str]  # (header, cell builder, css class)


def table(
    columns: Sequence[Column],
    records: list[dict[str, Any]],
    *,
    caption: str | None = None,
    row_key: str | None = None,
    class_name: str = "",
) -> Markup:
    """The table of ``records`` (a row each, a cell per column), written as HTML (:mod:`.markup`)."""
    head = html.Thead(html.Tr([html.Th(header, scope="col", className=css) for header, _, css in columns]))
    rows = []
    for record in records:
        key = attributes(data_key=str(record[row_key])) if row_key else {}
        rows.append(
            element(html.Tr, [element(html.Td, build(record), className=css) for _, build, css in columns], **key)
        )
    return markup(
        html.Div(
            html.Table(
                [html.Caption(caption) if caption else None, head, html.Tbody(rows)],
                className=f"table table-sm table-hover {class_name}",
            ),
            className="table-responsive",
            tabIndex="0",  # a table that scrolls sideways can be scrolled from the keyboard
            role="region",
            **attributes(aria_label=caption or "table"),
        )
    )


#: decimals of a value whose record does not say (an indicator's precision travels as ``precision``)
DEFAULT_VALUE_DECIMALS = 2


def value_decimals(record: dict[str, Any], default: int = DEFAULT_VALUE_DECIMALS) -> int:
    """The decimals of the indicator values in ``record``: its ``precision`` (the plan file's, else the
    unit's; see gosterge.rounding), else ``default``."""
    precision = record.get("precision")
    return default if is_missing(precision) else int(precision)


#: a league longer than this shows its best and worst halves of it (national plans have ~1,000 districts)
LEAGUE_ROWS = 40


def league_table(
    league: pd.DataFrame,
    plan_code: str,
    lang: str,
    *,
    unit: str = "",
    show_value: bool = True,
    caption: str | None = None,
    max_rows: int = LEAGUE_ROWS,
    year: int | None = None,
    past: bool = False,
    link_query: dict[str, Any] | None = None,
) -> Markup:
    """Districts ranked best first: rank, name (a link, with ``link_query``), value, realization,
    status, trend, gap to best. Past ``max_rows`` the middle is left out (a row says how many; the
    exports have them all). ``year`` is the year shown: a latest value from another year carries
    its year. A ``past`` league (one past year) has the year's expected realization instead of
    status and trend, which are assessed for the latest data only."""
    link_query = link_query or {}
    columns: list[Column] = [
        (t("rank", lang), lambda r: "–" if is_missing(r["rank"]) else int(r["rank"]), "num"),
        (
            t("district", lang),
            lambda r: (
                element(
                    dcc.Link, title(r, lang, "name"), href=urls.district(plan_code, r["area_code"], lang, **link_query)
                )
                if r["area_code"]
                else element(html.Em, title(r, lang, "name"))
            ),
            "",
        ),
    ]
    if show_value:
        header = t("value_in_year", lang, year=year) if past and year else t("latest_value", lang)
        columns.append(
            (f"{header}{(' (' + unit + ')') if unit else ''}", lambda r: value_of_year(r, year, lang), "num")
        )
    columns.append((t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"))
    if past:
        columns.append((t("expected", lang), lambda r: format_percent(r.get("expected_pct"), lang), "num"))
    else:
        columns += [
            (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm") if r["area_code"] else "", ""),
            (t("trend", lang), lambda r: trend_mark(r["trend"], lang, with_text=True) if r["area_code"] else "", ""),
        ]
    columns.append(
        (
            t("gap_to_best", lang),
            lambda r: format_value(r["gap_to_best"], lang, value_decimals(r, PERCENT_DECIMALS)),
            "num",
        )
    )
    left_out = len(league) - max_rows
    if left_out > 0:  # only the rows shown are read: of a league of 973 districts, 40
        half = max_rows // 2
        head, tail = league.iloc[:half], league.iloc[len(league) - half :]
        records = records_of(head) + [_gap_row(left_out, lang)] + records_of(tail)
    else:
        records = records_of(league)
    return table(columns, records, caption=caption, row_key="area_code", class_name="league-table")


def value_of_year(record: dict[str, Any], year: int | None, lang: str, *, column: str = "value", unit: str = "") -> Any:
    """``record[column]`` (with ``unit``), and its year (``latest_year``) when that is not ``year``,
    the year shown (an area's latest value can be older than the newest data)."""
    value = record[column]
    text = f"{format_value(value, lang, value_decimals(record))} {unit}".strip() if not is_missing(value) else "–"
    other = record.get("latest_year")
    if year is None or is_missing(value) or is_missing(other) or int(other) == year:
        return text
    return element(
        html.Span,
        [text, element(html.Small, f" ({int(other)})", className="text-muted")],
        title=t("value_year_differs", lang, year=int(other)),
    )


def _gap_row(count: int, lang: str) -> dict[str, Any]:
    """A stand-in row for the districts a long league leaves out."""
    return {
        "rank": None,
        "area_code": "",
        "name_tr": f"… {count} ilçe daha",
        "name_en": f"… {count} more",
        "value": None,
        "realization_pct": None,
        "status": "not_available",
        "trend": "none",
        "gap_to_best": None,
    }


def indicator_rows(
    indicators: pd.DataFrame, plan_code: str, lang: str, unit_names: dict[str, str], **link_query: Any
) -> Markup:
    """Indicators with weight, latest value, target, realization, status and trend."""
    columns: list[Column] = [
        (
            t("indicator", lang),
            lambda r: [
                element(
                    dcc.Link,
                    f"{r['indicator_code']} {title(r, lang, 'name')}",
                    href=urls.indicator(plan_code, r["indicator_code"], lang, **link_query),
                ),
                provenance_mark(r.get("provenance"), lang),
            ],
            "",
        ),
        (t("weight", lang), lambda r: format_number(r["weight"], lang, 1), "num"),
        (
            t("latest_value", lang),
            lambda r: _with_year(
                r["latest_value"], r["latest_year"], lang, unit_names.get(r["unit"]) or r["unit"], value_decimals(r)
            ),
            "num",
        ),
        (
            t("target", lang),
            lambda r: _with_year(
                r["target_value"] if not is_missing(r["target_value"]) else r["plan_target_value"],
                r["target_year"] if not is_missing(r["target_year"]) else r["plan_target_year"],
                lang,
                "",
                value_decimals(r),
            ),
            "num",
        ),
        (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
        (t("status", lang), lambda r: status_badge(r["status"], lang, size="sm"), ""),
        (t("trend", lang), lambda r: trend_mark(r["trend"], lang, with_text=True), ""),
    ]
    return table(columns, records_of(indicators), row_key="indicator_code", class_name="indicator-table")


def _with_year(value: Any, year: Any, lang: str, unit: str, decimals: int) -> str:
    if is_missing(value):
        return "–"
    suffix = f" {unit}" if unit else ""
    return f"{format_value(value, lang, decimals)}{suffix}" + ("" if is_missing(year) else f" ({int(year)})")
