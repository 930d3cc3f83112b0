"""The parameters of a file of one plan year and area (the monitoring table's Excel file, the Word
reports): read and checked once, every problem a :class:`BadRequest` naming the parameter."""

from __future__ import annotations

from typing import Any

from dashboard import urls
from dashboard.context import AppContext
from dashboard.i18n import t, title
from gosterge.language import DEFAULT_LANGUAGE, LANGUAGES
from gosterge.plan import Plan
from warehouse.monitoring import monitoring_years


class BadRequest(ValueError):
    """A parameter the file cannot be made for; the message names it (the route answers 400)."""


def read_request(
    context: AppContext, query: Any, extra: frozenset[str] = frozenset()
) -> tuple[Plan, int, str, str | None, str]:
    """(plan, year, area level, area code, language) from the query, or :class:`BadRequest` naming the
    problem; ``extra``: the further parameters the file takes (read by its own route)."""
    known = {"plan", "year", "region", "district", "lang", *extra}
    unknown = sorted(set(query) - known)
    if unknown:
        raise BadRequest(f"unknown parameter(s): {', '.join(unknown)}; expected {', '.join(sorted(known))}")
    plan = context.plan(query.get("plan"))
    if plan is None:
        raise BadRequest(f"unknown plan {query.get('plan')!r}; expected one of {', '.join(context.plans)}")
    lang = query.get("lang", DEFAULT_LANGUAGE)
    if lang not in LANGUAGES:
        raise BadRequest(f"unknown lang {lang!r}; expected {' or '.join(LANGUAGES)}")
    with context.reader.connect() as connection:
        years = monitoring_years(connection, plan=plan.code)
    text = query.get("year", "")
    if urls.whole_number(text) not in years:
        raise BadRequest(
            f"unknown year {text!r} for plan {plan.code}; expected one of "
            f"{', '.join(map(str, years)) or 'nothing (the plan is not loaded yet)'}"
        )
    region, district = query.get("region"), query.get("district")
    if region is not None and district is not None:
        raise BadRequest("give region or district, not both")
    if district is not None:
        if district not in plan.districts:
            raise BadRequest(f"unknown district {district!r} for plan {plan.code}")
        return plan, int(text), "district", district, lang
    if region is not None:
        if not plan.regions:
            raise BadRequest(f"unknown region {region!r}: plan {plan.code} has no regions")
        if region not in plan.regions:
            raise BadRequest(
                f"unknown region {region!r} for plan {plan.code}; expected one of {', '.join(plan.regions)}"
            )
        return plan, int(text), "region", region, lang
    return plan, int(text), "province", None, lang


def area_label(plan: Plan, area_level: str, area_code: str | None, lang: str) -> str:
    """ "İzmir (İl geneli)", "İlçe: Aliağa", "Bölge: Kuzey" in ``lang``."""
    if area_level == "district" and area_code:
        return f"{t('district', lang)}: {plan.districts[area_code].name}"
    if area_level == "region" and area_code:
        return f"{t('region', lang)}: {title(plan.regions[area_code], lang, 'name')}"
    return f"{plan.province} ({t('province', lang)})"
