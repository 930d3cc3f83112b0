"""Status and trend marks: a colour-blind-safe palette, and always an icon and text as well.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies), ordered
from good to bad: bluish green, blue, yellow, orange, vermillion; reddish purple
for a target not achieved by the end of its period; grey for not enough data,
light grey for not measured in the area, sky blue for informational indicators. Colour never carries the meaning alone: every badge has an icon
and a word, every tile and map hover has the status in text.
"""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.attributes import attributes
from dashboard.components.elements import element
from dashboard.i18n import format_share, is_missing, status_label, t, trend_label
from gosterge.progress.status import NOT_ACHIEVED, STATUSES

#: every status in its listing order (legends, counts, downloads): the engine's own order
STATUS_ORDER = STATUSES

STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#0072B2",
    "acceleration_needed": "#F0E442",
    "limited": "#E69F00",
    "deterioration": "#D55E00",
    "not_achieved": "#CC79A7",
    "not_available": "#BBBBBB",
    "not_measured": "#E4E4E4",
    "informational": "#56B4E9",
}

#: text colour on each status colour (contrast ≥ 4.5:1)
STATUS_TEXT_COLOURS = {
    "achieved": "#000000",
    "on_track": "#FFFFFF",
    "acceleration_needed": "#000000",
    "limited": "#000000",
    "deterioration": "#000000",
    "not_achieved": "#000000",
    "not_available": "#000000",
    "not_measured": "#000000",
    "informational": "#000000",
}

STATUS_ICONS = {
    "achieved": "✔",
    "on_track": "●",
    "acceleration_needed": "◐",
    "limited": "▲",
    "deterioration": "✖",
    "not_achieved": "■",
    "not_available": "?",
    "not_measured": "–",
    "informational": "ℹ",
}

TREND_ICONS = {"up": "↑", "moderate": "↗", "stagnating": "→", "down": "↓", "none": "·"}


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, STATUS_COLOURS["not_available"])


def status_text(status: str, lang: str, realization: Any = None) -> str:
    """The status in words; an end result not reached says how far it got when the realization is
    given: "Hedefe ulaşılamadı · yolun %79'u" / "Target not achieved · 79% of the way"."""
    text = status_label(status, lang)
    if status == NOT_ACHIEVED and not is_missing(realization):
        text += " · " + t("of_the_way", lang, share=format_share(max(0.0, float(realization)), lang))
    return text


def status_badge(
    status: str, lang: str, *, short: bool = False, size: str = "md", realization: Any = None
) -> html.Span:
    """A badge with the status icon and its name (:func:`status_text`). The icon is drawn by the
    stylesheet from the status class (one per status, see STATUS_ICONS); with ``short`` the name is
    kept for screen readers only. One or two small components, so long tables stay light."""
    status = status if status in STATUS_COLOURS else "not_available"
    text = status_text(status, lang, realization)
    return element(
        html.Span,
        element(html.Span, text, className="visually-hidden") if short else text,
        className=f"status-badge status-{status} status-{size}",
        title=text if short else None,
    )


def trend_mark(trend: str, lang: str, *, with_text: bool = False) -> html.Span:
    """The SDSN trend arrow (drawn by the stylesheet from the class) and its meaning as text
    (visible, or for screen readers only)."""
    trend = trend if trend in TREND_ICONS else "none"
    text = trend_label(trend, lang)
    return element(
        html.Span,
        text if with_text else element(html.Span, text, className="visually-hidden"),
        className=f"trend trend-{trend}",
        title=None if with_text else text,
    )


def status_legend(lang: str) -> html.Ul:
    """Every status with its colour, icon and name."""
    return html.Ul(
        [html.Li(status_badge(status, lang, size="sm")) for status in STATUS_ORDER],
        className="status-legend list-inline",
        **attributes(aria_label="legend"),
    )
