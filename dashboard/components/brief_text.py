"""The executive brief in words: every sentence and line of the brief, as plain text.

The page (:mod:`dashboard.components.brief`) and the PDF (:mod:`dashboard.downloads.brief_pdf`) both
write what these functions return, so the two say the same thing in the same words; the tests read
the PDF back and find the page's lines in it.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n import format_date, format_number, format_percent, is_missing, status_label, t, title
from gosterge.plan import Plan
from warehouse.queries.brief import BY_LOAD, BY_YEAR, GOOD_STATUSES, Brief, Comparison


def whole(count: int, lang: str) -> str:
    """A count as the language writes it: 1.234 in Turkish, 1,234 in English, 0 as 0."""
    return format_number(count, lang, 0)


def brief_text(key: str, lang: str, **values: Any) -> str:
    """The brief's own catalogue text ``key`` (``brief.<key>``)."""
    return t(f"brief.{key}", lang, **values)


def subject(plan: Plan, scope: str | None, lang: str) -> str:
    """What the brief is about: the plan's title, or "Eksen 1: Güçlü Ekonomi"."""
    if scope is None:
        return title(plan, lang)
    node = plan.nodes[scope]
    return brief_text(
        "subject_node", lang, level=plan.level_of(node).text(lang, "name"), code=node.code, title=title(node, lang)
    )


def headline(brief: Brief, lang: str) -> str:
    """The sentence an executive repeats: realization, expected, status."""
    summary = brief.summary
    realization, expected = summary.get("realization_pct"), summary.get("expected_pct")
    if is_missing(realization):
        return brief_text("headline_no_data", lang)
    status = status_label(str(summary.get("status") or "not_available"), lang).lower()
    values = {"realization": format_percent(realization, lang), "status": status}
    if is_missing(expected):
        return brief_text("headline_no_expected", lang, **values)
    return brief_text("headline", lang, expected=format_percent(expected, lang), **values)


def goals_sentence(brief: Brief, lang: str) -> str:
    """ "73 hedefin 36 tanesi hedefe ulaştı ya da yolunda; 37 tanesi geride."""
    return brief_text(
        "goals_sentence",
        lang,
        goals=whole(brief.goals, lang),
        good=whole(brief.count(GOOD_STATUSES), lang),
        lagging=whole(brief.lagging_total, lang),
    )


def totals(brief: Brief, lang: str) -> str:
    return brief_text("goals_total", lang, goals=whole(brief.goals, lang), indicators=whole(brief.indicators, lang))


def counts(brief: Brief, lang: str) -> list[tuple[str, str, int]]:
    """(status, its name, number of goals) for every status some goal has, good to bad."""
    return [(status, status_label(status, lang), count) for status, count in brief.goal_counts.items()]


def comparison_note(comparison: Comparison, lang: str) -> str:
    """What the changes were compared with (the previous load, or the previous year)."""
    if comparison.basis == BY_LOAD:
        return brief_text(
            "changes_by_load",
            lang,
            loaded=format_date(comparison.loaded_at, lang, with_time=True),
            previous=format_date(comparison.previous_loaded_at, lang, with_time=True),
        )
    if comparison.basis == BY_YEAR and comparison.year is not None:
        return brief_text("changes_by_year", lang, year=comparison.year, previous_year=comparison.year - 1)
    return brief_text("changes_none_available", lang)


#: changes listed per direction (the rest are counted: "… and 12 more goals")
CHANGES_SHOWN = 5


def shown_changes(comparison: Comparison, direction: str) -> tuple[list[dict[str, Any]], int]:
    """The first :data:`CHANGES_SHOWN` goals that moved ``direction`` (in plan order), and how many more did."""
    moved = comparison.moved(direction)
    return moved[:CHANGES_SHOWN], max(0, len(moved) - CHANGES_SHOWN)


def more(count: int, lang: str) -> str:
    """ "… ve 12 hedef daha" / "… and 12 more goals"."""
    return brief_text("lagging_more", lang, count=whole(count, lang))


def goal_label(row: dict[str, Any], lang: str) -> str:
    """ "1.3.4 Title" of a goal row (node_code, title_tr, title_en)."""
    return f"{row['node_code']} {title(row, lang)}"


def change_line(row: dict[str, Any], lang: str) -> str:
    """ "Sınırlı ilerleme → Yolunda" of one change."""
    return brief_text(
        "change", lang, old=status_label(row["old_status"], lang), new=status_label(row["new_status"], lang)
    )


def lagging_figures(row: dict[str, Any], lang: str) -> str:
    """ "gerçekleşme %41,2, beklenen %80,0" of a lagging goal."""
    return brief_text(
        "lagging_figures",
        lang,
        realization=format_percent(row.get("realization_pct"), lang),
        expected=format_percent(row.get("expected_pct"), lang),
    )


def lagging_status(row: dict[str, Any], lang: str) -> str:
    return status_label(str(row["status"]), lang)


def reason_heading(row: dict[str, Any], lang: str) -> str:
    """ "1.1.2.1 Indicator name (2024)" of an explanation."""
    return brief_text(
        "reason_of", lang, code=row["indicator_code"], name=title(row, lang, "name"), period=row["period"]
    )


def reason_parts(row: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, text) of an explanation's reason and measures, each when given."""
    parts = []
    for key in ("reason", "measures"):
        value = row.get(key)
        if not is_missing(value) and str(value).strip():
            parts.append((brief_text(key, lang), str(value).strip()))
    return parts


def freshness(brief: Brief, lang: str) -> list[str]:
    """The newest load that changed data (in the shown time zone, named) and the latest data year."""
    lines = []
    last = brief.last_load
    if last is None:
        lines.append(brief_text("freshness_never", lang))
    else:
        when = format_date(last["finished_at"], lang, with_time=True)
        lines.append(brief_text("freshness_load", lang, when=when, source=last["source_id"]))
    if brief.latest_year is not None:
        lines.append(brief_text("latest_year", lang, year=brief.latest_year))
    return lines
