"""An indicator: chart, table and map views, the district breakdown, and its definition, unit,
source, frequency, responsible unit and last load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import urls
from dashboard.attributes import attributes
from dashboard.components.common import demo_badge, facts, headline, plan_crumbs, provenance_mark, section
from dashboard.components.explanations import explanation_list
from dashboard.components.tables import Column, league_table, table, value_decimals
from dashboard.components.why import indicator_why
from dashboard.context import get_context
from dashboard.downloads.links import area_filters, league_table_download, view_download
from dashboard.explanation_texts import provenance_text
from dashboard.figures.alternative import chart_graph
from dashboard.figures.progress import indicator_chart
from dashboard.geography.district_map import MAP_KINDS, district_map, map_kind, map_switch
from dashboard.i18n import (
    format_date,
    format_number,
    format_percent,
    format_value,
    is_missing,
    label,
    t,
    title,
)
from dashboard.state import AreaState, Query, known_code, path_code, read_plan
from dashboard.views.common import area_name, area_select, nothing_yet
from dashboard.views.node import unit_name
from gosterge.language import DEFAULT_LANGUAGE
from warehouse.frames import records_of
from warehouse.queries.districts import area_results, league_of, values_of
from warehouse.queries.explanations import indicator_explanations
from warehouse.queries.standing import standing_of

VIEWS = ("chart", "table", "map")
MEASURES = ("value", "realization")


@dataclass(frozen=True, kw_only=True)
class IndicatorView(AreaState):
    """/<plan>/indicator/<code>: ``?view=`` chart, table or map (``display``), ``?map=`` geo or tiles,
    ``?show=`` value or realization on the map, ``?year=`` the map's year (None: the latest values)."""

    indicator: str
    display: str = "chart"
    map: str | None = None
    show: str = "value"
    year: int | None = None

    @classmethod
    def from_query(
        cls,
        plan_code: str | None = None,
        indicator_code: str | None = None,
        lang: str = DEFAULT_LANGUAGE,
        **query: Any,
    ) -> IndicatorView:
        plan = read_plan(plan_code, lang)
        code = known_code(plan, path_code(indicator_code), plan.indicators, lang)
        values = Query(query)
        return cls(
            plan=plan.code,
            lang=lang,
            indicator=code,
            display=values.choice("view", VIEWS, "chart"),
            map=values.choice("map", MAP_KINDS, None),
            show=values.choice("show", MEASURES, "value"),
            year=values.whole_number("year"),
            **cls.read_area(plan, values, lang),
        )

    def path(self) -> str:
        return urls.plan_path(self.plan, "indicator", self.indicator)

    def to_query(self) -> dict[str, Any]:
        return {
            "view": self.display if self.display != "chart" else None,
            "map": self.map,
            "show": self.show if self.show != "value" else None,
            "year": self.year,
            **self.area_query(),
        }


read = IndicatorView.from_query


def render(view: IndicatorView) -> html.Div:
    context = get_context()
    plan = context.plans[view.plan]
    lang, code = view.lang, view.indicator
    indicator = plan.indicators[code]
    area = view.area_arguments()
    by_district = indicator.level == "district"
    with context.reader.connect() as connection:
        standing = standing_of(context.reader, connection, plan=plan.code, **area)
        progress = standing.indicator_rows(code)
        if progress.empty:
            return nothing_yet(
                plan_crumbs(plan, lang, indicator=code, district=view.district),
                f"{t('indicator', lang)} {code}",
                [title(indicator, lang, "name"), provenance_mark(indicator.provenance, lang)],
                area_name(plan, view.area_level, view.area_code, lang),
                lang,
                view="indicator",
            )
        row = progress.iloc[0].to_dict()
        yearly = standing.indicator_yearly(code)
        asked = context.reader.asked
        explanations = records_of(asked(connection, indicator_explanations, plan=plan.code, indicator=code, **area))
        latest = asked(connection, area_results, plan=plan.code, indicator=code) if by_district else None
        league = league_of(latest) if latest is not None else None
        values = None
        if latest is not None and view.display == "map":  # the league's rows, unless the map shows a past year
            shown = (
                asked(connection, area_results, plan=plan.code, indicator=code, year=view.year) if view.year else latest
            )
            values = values_of(shown)
    unit = unit_name(indicator.unit, lang)
    views = [name for name in VIEWS if by_district or name != "map"]
    names = {"chart": t("chart", lang), "table": t("table", lang), "map": t("map", lang)}
    current = view.display if view.display in views else "chart"
    return html.Div(
        [
            plan_crumbs(plan, lang, indicator=code, district=view.district),
            html.Div(
                [
                    html.Div(f"{t('indicator', lang)} {code}", className="card-kicker"),
                    html.H1(
                        [title(indicator, lang, "name"), provenance_mark(indicator.provenance, lang)], className="h3"
                    ),
                    html.P(
                        [
                            area_name(plan, view.area_level, view.area_code, lang),
                            " ",
                            demo_badge(lang) if row.get("is_demo") else None,
                        ],
                        className="plan-meta",
                    ),
                ],
                className="page-heading",
            ),
            area_select(plan, view) if by_district else None,
            dbc.Row(
                [
                    dbc.Col(
                        [
                            headline(
                                row["realization_pct"],
                                row["expected_pct"],
                                row["status"],
                                row["trend"],
                                lang,
                                caption=t("realization", lang),
                            ),
                            indicator_why(
                                row, lang, unit_name=unit, explanation=explanations[0] if explanations else None
                            ),
                        ],
                        lg=4,
                    ),
                    dbc.Col(
                        section(
                            t("definition", lang),
                            definition(row, indicator, lang, unit, explanations[0] if explanations else None),
                        ),
                        lg=8,
                    ),
                ],
                className="g-3 mt-1",
            ),
            section(
                t("explanation.heading", lang),
                explanation_list(explanations, lang),
                **attributes(data_section="explanations"),
            )
            if explanations
            else None,
            section(
                t("yearly_values", lang),
                view_download(plan, "yearly", lang, indicator=code, **area_filters(view.area_level, view.area_code)),
                html.Ul(
                    [
                        html.Li(
                            dcc.Link(
                                names[name],
                                href=view.href(display=name),
                                className="nav-link" + (" active" if name == current else ""),
                            ),
                            className="nav-item",
                            **(attributes(aria_current="true") if name == current else {}),
                        )
                        for name in views
                    ],
                    className="nav nav-pills view-switch mb-2",
                ),
                view_body(current, view, plan, row, yearly, values, lang, unit),
                **attributes(data_view=current),
            ),
            section(
                t("district_breakdown", lang),
                league_table_download(plan, lang, indicator=code),
                league_table(league, plan.code, lang, unit=unit, caption=t("league_table", lang)),
                dcc.Link(
                    t("equity", lang),
                    href=urls.districts(plan.code, lang, indicator=code),
                    className="btn btn-outline-primary btn-sm",
                ),
                **attributes(data_section="breakdown"),
            )
            if league is not None
            else html.P(t("province_only", lang), className="text-muted"),
        ],
        className="indicator-page",
        **attributes(data_indicator=code),
    )


def view_body(
    current: str, view: IndicatorView, plan: Any, row: dict[str, Any], yearly: Any, values: Any, lang: str, unit: str
) -> Any:
    if current == "table":
        columns: list[Column] = [
            (t("year", lang), lambda r: int(r["year"]), "num"),
            (f"{t('value', lang)} ({unit})", lambda r: format_value(r["value"], lang, value_decimals(row)), "num"),
            (t("expected_path", lang), lambda r: format_value(r["path_value"], lang, value_decimals(row)), "num"),
            (t("realization", lang), lambda r: format_percent(r["realization_pct"], lang), "num"),
            (t("expected", lang), lambda r: format_percent(r["expected_pct"], lang), "num"),
        ]
        return table(columns, records_of(yearly), row_key="year", class_name="yearly-table")
    if current == "map" and values is not None:
        kind = map_kind(view.map, plan)
        measure_links = html.Ul(
            [
                html.Li(
                    dcc.Link(
                        t("show_value", lang) if measure == "value" else t("show_realization", lang),
                        href=view.href(show=measure),
                        className="nav-link" + (" active" if measure == view.show else ""),
                    ),
                    className="nav-item",
                )
                for measure in MEASURES
            ],
            className="nav nav-pills view-switch",
        )
        measured = yearly.dropna(subset=["value"])["year"]
        years = list(range(int(measured.min()), int(measured.max()) + 1)) if not measured.empty else []
        year_links = html.Ul(
            [
                html.Li(
                    dcc.Link(
                        t("latest_value", lang),
                        href=view.href(year=None),
                        className="nav-link" + ("" if view.year else " active"),
                    ),
                    className="nav-item",
                )
            ]
            + [
                html.Li(
                    dcc.Link(
                        str(year),
                        href=view.href(year=year),
                        className="nav-link" + (" active" if view.year == year else ""),
                    ),
                    className="nav-item",
                )
                for year in years
            ],
            className="nav nav-pills view-switch period-switch",
            **attributes(aria_label=t("period", lang)),
        )
        return html.Div(
            [
                html.Div(
                    [map_switch(plan, lang, kind, lambda k: view.href(map=k)), measure_links],
                    className="d-flex flex-wrap gap-3 mb-2",
                ),
                year_links,
                district_map(plan, values, lang, kind=kind, measure=view.show, unit=unit, decimals=value_decimals(row)),
            ]
        )
    return chart_graph(indicator_chart(yearly, row, lang, unit=unit, height=360), lang, name="indicator")


def definition(
    row: dict[str, Any], indicator: Any, lang: str, unit: str, entry: dict[str, Any] | None = None
) -> html.Dl:
    """The indicator's facts; ``entry``: the unit's newest explanation, whose provenance (who entered and
    approved, the period) joins the last load when that load brought it."""
    source_name = (
        title({"title_tr": row.get("source_name_tr"), "title_en": row.get("source_name_en")}, lang)
        or indicator.data_source
    )
    source = (
        html.A(source_name, href=row["source_url"], rel="noopener noreferrer", target="_blank")
        if row.get("source_url")
        else source_name
    )
    loaded: Any = "–"
    if row.get("last_source_id"):
        loaded = html.Span(
            [
                format_date(row.get("last_loaded_at"), lang, with_time=True),
                f" · {row['last_source_id']}",
                " ",
                demo_badge(lang) if row.get("is_demo") else None,
            ]
        )
        if entry is not None and not is_missing(row.get("last_run_id")) and entry["run_id"] == row["last_run_id"]:
            loaded.children += [html.Br(), provenance_text(entry, lang)]
    return facts(
        [
            (t("definition", lang), title(indicator, lang, "definition") or "–"),
            (t("unit", lang), unit),
            (t("source", lang), source),
            (t("frequency", lang), label("frequency", indicator.frequency, lang)),
            (t("responsible_unit", lang), indicator.responsible_unit or "–"),
            (t("measured_in", lang), t("district", lang) if indicator.level == "district" else t("province", lang)),
            (t("weight", lang), format_number(indicator.weight, lang, 1)),
            (t("last_load", lang), loaded),
        ]
    )
