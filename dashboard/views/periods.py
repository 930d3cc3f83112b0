"""The period of a view (``?year=YYYY``) on the districts, region and district pages.

Without ``year`` a view shows the latest data: each area's latest value with its
status and trend (the progress tables). With ``year`` it shows that year; the
year must be one with data for the view's subject, otherwise the page is the
not-found view. The latest year with data is shown exactly as the default view
(status and trend were assessed on it); an older year is a *past* view: each
area's value that year and its realization against that year's expected
realization (the yearly tables), with no status, since status and trend (and
the "why this status" panels) are assessed for the latest data only.

Links between the districts page and a district's page carry ``year``, so the
period is kept when moving between them; a view without ``year`` links without
it (and so follows new data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.downloads.links import download_button, export_link, language_filter
from dashboard.i18n import t
from dashboard.state import NotFound, Query
from gosterge.plan import Plan


@dataclass(frozen=True)
class Period:
    """The years with data for a view's subject (oldest first) and the one shown."""

    years: tuple[int, ...]
    requested: int | None  # ?year= (None: the default, the latest data)

    @property
    def latest(self) -> int | None:
        return self.years[-1] if self.years else None

    @property
    def year(self) -> int | None:
        """The year shown: the requested one, else the latest with data (None without any data)."""
        return self.requested if self.requested is not None else self.latest

    @property
    def past(self) -> bool:
        """True for a year older than the latest with data: values from the yearly tables, no status."""
        return self.requested is not None and (self.latest is None or self.requested < self.latest)


class YearView(Protocol):
    """A view with a period: its ``year`` (None: the latest data) and its URL with changes."""

    @property
    def year(self) -> int | None: ...

    def href(self, **changes: Any) -> str: ...


def read_year(query: Query, years: list[int], plan: Plan, lang: str) -> int | None:
    """``?year=`` as an int (None when absent); a year without data for the view is not found."""
    if "year" not in query:
        return None
    year = query.whole_number("year")
    if year is None or year not in years:
        raise NotFound(t("unknown_year", lang, year=query.text("year")), plan.code)
    return year


def year_query(view: YearView) -> dict[str, Any]:
    """The query parameter that keeps a view's period in links (nothing for the default view)."""
    return {"year": view.year} if view.year is not None else {}


def year_href(view: YearView, value: str | None, options: list[dict[str, Any]] | None) -> str:
    """The view for the year chosen in the select. No navigation when the year is the one shown
    already: the view's ``year``, or for a view without one the select's newest option (Dash fires
    when it draws the select)."""
    year = urls.whole_number(value)
    shown = view.year if view.year is not None else (urls.whole_number(str(options[0]["value"])) if options else None)
    if year is None or year == shown:
        raise PreventUpdate
    return view.href(year=year)


def period_select(select_id: str, period: Period, lang: str) -> html.Div | None:
    """The year select, newest first, the latest marked; nothing when the subject has no data."""
    if not period.years:
        return None
    options = [
        {"label": t("period_latest", lang, year=year) if year == period.latest else str(year), "value": str(year)}
        for year in reversed(period.years)
    ]
    return html.Div(
        [
            html.Label(t("period", lang), htmlFor=select_id, className="form-label small mb-0"),
            dbc.Select(id=select_id, options=options, value=str(period.year), size="sm"),
        ],
        className="filter-control period-select",
    )


def past_note(period: Period, lang: str, latest_href: str) -> html.Div | None:
    """For a past view: what its numbers are and that statuses belong to the latest year."""
    if not period.past:
        return None
    return html.Div(
        [
            html.Strong(t("year_values", lang, year=period.year)),
            ": ",
            t("past_year_note", lang, year=period.year, latest=period.latest),
            " ",
            dcc.Link(t("back_to_latest", lang), href=latest_href, className="alert-link"),
        ],
        className="alert alert-info py-2 small past-note",
        role="note",
        **attributes(data_year=str(period.year)),
    )


def heading_suffix(period: Period, lang: str) -> str:
    """' · 2019 values' after a past view's title (nothing for the latest)."""
    return f" · {t('year_values', lang, year=period.year)}" if period.past else ""


def row_in_year(frame: pd.DataFrame, year: int | None) -> dict[str, Any]:
    """The row of ``year`` in a per-year frame (``year`` column) as a dict; empty when it has none."""
    if year is None or frame.empty:
        return {}
    rows = frame[frame["year"] == year]
    return rows.iloc[0].to_dict() if not rows.empty else {}


def measurements_download(plan: Plan, lang: str, year: int, **filters: Any) -> html.A:
    """ "CSV indir" of a past view: the measurements of ``year`` (the export's from/to) behind it."""
    href = export_link(plan, "measurements", **filters, from_=year, to=year, **language_filter(lang))
    return download_button(href, t("file.view_csv", lang), title=t("download_year", lang, year=year))


def latest_only(download: Any, period: Period, lang: str) -> Any:
    """A progress-level download beside a past view: that export has no year filter, so the file
    holds the latest values; say so beside the button."""
    if not period.past:
        return download
    return html.Div(
        [download, html.Span(t("download_latest_only", lang), className="small text-muted")],
        className="d-flex flex-wrap align-items-center gap-2 latest-only-download",
    )
