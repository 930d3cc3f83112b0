"""A rejected row's reason in a language: the catalogue's template of its code (``reason.<code>``, in
:mod:`dashboard.messages.reasons`) filled with its stored values, each worded for that language.

Numbers keep every digit they were stored with, in the language's marks (100,0001 in Turkish, 100.0001
in English); units, frequencies and period types are named in the language; lists are joined. A row
stored before reason codes existed (no code), or whose values do not fit its template, shows the
ETL's own English line, so no stored row is ever unreadable.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from dashboard.i18n import is_missing, label, locale_of, t
from dashboard.messages import CATALOGUE
from gosterge.plan.model import UNITS
from gosterge.rejections import read_values

#: values that are quantities, written with the language's decimal and thousands marks
QUANTITIES = ("value", "minimum", "maximum", "length", "limit", "fields", "header_fields")
#: values that are stored codes, named by their vocabulary's label
VOCABULARY_OF = {"frequency": "frequency", "period_type": "period_type"}


def _quantity(value: Any, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return format_decimal(exact, locale=locale_of(lang), decimal_quantization=False)


def worded(name: str, value: Any, lang: str) -> str:
    """One stored value of a reason as its message shows it in ``lang``."""
    if isinstance(value, list):
        return ", ".join(worded(name, item, lang) for item in value)
    if name in QUANTITIES:
        return _quantity(value, lang)
    if name == "unit" and value in UNITS:
        return UNITS[value].text(lang, "name")
    if name in VOCABULARY_OF:
        return label(VOCABULARY_OF[name], str(value), lang)
    return str(value)


def reason_text(code: Any, values: Any, stored: Any, lang: str) -> str:
    """The reason of a rejected row in ``lang``: ``code`` (``rejected_rows.reason_code``) with ``values``
    (``reason_values``: JSON text or a dict), or the stored English line ``stored`` when the row has no
    code or its values do not fit the code's template."""
    fallback = "" if is_missing(stored) else str(stored)
    if is_missing(code) or f"reason.{code}" not in CATALOGUE:
        return fallback
    try:
        given = values if isinstance(values, dict) else read_values(None if is_missing(values) else str(values))
        return t(f"reason.{code}", lang, **{name: worded(name, value, lang) for name, value in given.items()})
    except (KeyError, IndexError, ValueError):  # a row's values from another version: its English line
        return fallback


def reason_from_json(document: str | None, lang: str) -> str:
    """:func:`reason_text` of a download cell holding ``{"code": …, "values": {…}, "text": …}``."""
    if document is None:
        return ""
    reason = json.loads(document)
    return reason_text(reason.get("code"), reason.get("values") or {}, reason.get("text"), lang)
