"""Turkish (default) and English: interface texts from the catalogue, numbers and dates by CLDR.

Texts: :func:`t` for a string of the message catalogue (:mod:`dashboard.messages`), :func:`label`
for the label of a stored code (a status, a trend, a frequency …), :func:`title` and
:func:`column_in_language` for the plan's own texts in result rows and frames (plan objects have
``item.text(lang, field)``). All of them pick the language through
:func:`gosterge.language.in_language`, the one place that branches on it.

Formats come from the Unicode CLDR through Babel, in the locale of each language
(:data:`LOCALES`): Turkish 1.234,5 and %77,6 and 21.11.2026; English (British) 1,234.5 and 77.6%
and 21 Nov 2026. Figures take the same marks through :func:`plotly_separators` and
:func:`percent_affixes`, applied by :func:`dashboard.figures.common.localise`.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.numbers import format_percent as babel_percent
from typing_extensions import TypeIs  # a dependency of pydantic; typing.TypeIs arrives in Python 3.13

from dashboard.messages import CATALOGUE
from gosterge.language import (  # noqa: F401
    DATE_FORMATS,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES,
    Language,
    field_in_language,
    in_language,
    language,
)
from gosterge.rounding import round_to

MISSING = "–"

#: letters a language capitalises its own way (Turkish: i → İ, ı → I), before str.upper
CAPITALS: dict[str, dict[int, str]] = {"tr": str.maketrans({"i": "İ", "ı": "I"})}


def t(key: str, lang: str, **values: Any) -> str:
    """The catalogue's text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    turkish, english = CATALOGUE[key]
    text = in_language(turkish, english, lang)
    return text.format(**values) if values else text


def label(vocabulary: str, code: str | None, lang: str) -> str:
    """The label of ``code`` in ``vocabulary`` ("status", "trend", "direction", "frequency", "method",
    "projection", "area" …); '–' for no code, the code itself when the vocabulary does not know it."""
    if code is None:
        return MISSING
    key = f"{vocabulary}.{code}"
    return t(key, lang) if key in CATALOGUE else str(code)


def labels(vocabulary: str, lang: str) -> dict[str, str]:
    """Every code of ``vocabulary`` → its label in ``lang``."""
    prefix = f"{vocabulary}."
    return {key[len(prefix) :]: t(key, lang) for key in CATALOGUE if key.startswith(prefix)}


def status_label(status: str, lang: str) -> str:
    return t(f"status.{status}" if f"status.{status}" in CATALOGUE else "status.not_available", lang)


def trend_label(trend: str, lang: str) -> str:
    return t(f"trend.{trend}" if f"trend.{trend}" in CATALOGUE else "trend.none", lang)


def title(item: Any, lang: str, prefix: str = "title") -> str:
    """``item``'s ``<prefix>_tr`` / ``<prefix>_en`` in ``lang`` (an object or a result row; 'name' for indicators)."""
    return field_in_language(item, prefix, lang)


def column_in_language(frame: pd.DataFrame, field: str, lang: str) -> list[str]:
    """The ``<field>_tr`` / ``<field>_en`` columns of ``frame`` as one column of texts in ``lang``."""
    return [
        in_language(turkish, None if is_missing(english) else english, lang)
        for turkish, english in zip(frame[f"{field}_tr"].tolist(), frame[f"{field}_en"].tolist(), strict=True)
    ]


def upper_case(text: str, lang: str) -> str:
    """``text`` in capitals the way ``lang`` writes them: 'Demo verisi' → 'DEMO VERİSİ' in Turkish."""
    return text.translate(CAPITALS.get(language(lang), {})).upper()


def is_missing(value: Any) -> TypeIs[None]:
    """None, NaN, NaT or pandas' NA (for the type checker: a value that is not missing is not None). Text and
    Python numbers are answered without pandas (a districts page asks this about 7,000 times a render)."""
    if value is None:
        return True
    kind = type(value)
    if kind is float:
        return value != value  # NaN is the one float unequal to itself
    if kind is str or kind is int or kind is bool:
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def locale_of(lang: str) -> str:
    """The CLDR locale of ``lang`` (the default language's for anything else)."""
    return LOCALES[language(lang)]


def _decimals(decimals: int) -> str:
    return "." + "0" * decimals if decimals > 0 else ""


def format_number(value: Any, lang: str, decimals: int | None = 1) -> str:
    """1.234,5 in Turkish, 1,234.5 in English; '–' for a missing value. Trailing zeros of
    whole numbers are dropped (1.234 not 1.234,0); ``decimals=None`` gives as many as the value
    has, up to three (CLDR's decimal pattern: 0,95, 1,5, 2)."""
    if is_missing(value):
        return MISSING
    number = float(value)
    if decimals is None:
        return _decimal_text(number, None, locale_of(lang))
    if abs(number - round(number)) < 1e-9 and abs(number) >= 1:
        decimals = 0
    return _decimal_text(number, f"#,##0{_decimals(decimals)}", locale_of(lang))


#: formatted numbers kept: Babel parses its locale and pattern on every call (about 70 µs), and a page
#: of 973 districts writes each rounded value several times (its hover text, its table cell …)
FORMATTED = 65_536


def _decimal_text(number: float, pattern: str | None, locale: str) -> str:
    if number == 0:  # 0.0 and -0.0 are one key of a cache, but not one text
        return format_decimal(number, pattern, locale=babel_locale(locale))
    return _cached_decimal_text(number, pattern, locale)


@lru_cache(maxsize=FORMATTED)
def _cached_decimal_text(number: float, pattern: str | None, locale: str) -> str:
    return format_decimal(number, pattern, locale=babel_locale(locale))


@cache
def babel_locale(locale: str) -> Locale:
    """Babel's locale object, parsed once (Babel parses a locale given by name on every call)."""
    return Locale.parse(locale)


def format_value(value: Any, lang: str, decimals: int) -> str:
    """An indicator's value rounded to its precision (``decimals``) the way every file rounds it
    (:func:`gosterge.rounding.round_to`), then written as :func:`format_number` writes it."""
    if is_missing(value):
        return MISSING
    return format_number(round_to(float(value), decimals), lang, decimals)


@cache
def _percent_pattern(lang: str, decimals: int) -> str:
    """The locale's percent pattern (%#,##0 in Turkish, #,##0% in English) with ``decimals`` decimals."""
    pattern = Locale.parse(locale_of(lang)).percent_formats[None].pattern.split(";")[0]
    whole = pattern.rindex("0")
    return pattern[: whole + 1] + _decimals(decimals) + pattern[whole + 1 :]


def format_percent(value: Any, lang: str, decimals: int = 1) -> str:
    """``value`` (a percentage: 77.56 for 77.56 %) as %77,6 in Turkish (the sign first, as CLDR writes
    Turkish), 77.6% in English; '–' when missing."""
    if is_missing(value):
        return MISSING
    rounded = round_to(float(value), decimals)  # half away from zero, as the files round (Babel: half even)
    if rounded == 0:
        return babel_percent(rounded / 100, _percent_pattern(lang, decimals), locale=babel_locale(locale_of(lang)))
    return _percent_text(rounded, lang, decimals)


@lru_cache(maxsize=FORMATTED)
def _percent_text(rounded: float, lang: str, decimals: int) -> str:
    return babel_percent(rounded / 100, _percent_pattern(lang, decimals), locale=babel_locale(locale_of(lang)))


#: the Turkish third-person possessive after a whole number, by how the number is read ("yetmiş
#: dokuz" → 'u): its last digit, else its tens, else yüz ('ü) or bin ('i)
TURKISH_ONES = {1: "i", 2: "si", 3: "ü", 4: "ü", 5: "i", 6: "sı", 7: "si", 8: "i", 9: "u"}
TURKISH_TENS = {1: "u", 2: "si", 3: "u", 4: "ı", 5: "si", 6: "ı", 7: "i", 8: "i", 9: "ı"}


def turkish_possessive(number: int) -> str:
    """The possessive suffix of a whole number read in Turkish: 79 → 'u', 80 → 'i', 100 → 'ü', 0 → 'ı'."""
    number = abs(number)
    if number == 0:
        return "ı"
    if number % 10:
        return TURKISH_ONES[number % 10]
    if number % 100:
        return TURKISH_TENS[number // 10 % 10]
    return "ü" if number % 1000 else "i"


def format_share(value: Any, lang: str) -> str:
    """A whole percentage as the share of something: "%79'u" in Turkish (yolun %79'u: the suffix the
    number takes when read aloud), "79%" in English; '–' when missing."""
    if is_missing(value):
        return MISSING
    text = format_percent(round(float(value)), lang, 0)
    suffix = SHARE_SUFFIXES.get(language(lang))
    return f"{text}'{suffix(round(float(value)))}" if suffix else text


#: languages whose share of something takes a suffix after the number
SHARE_SUFFIXES = {"tr": turkish_possessive}


def percent_affixes(lang: str) -> tuple[str, str]:
    """What comes before and after a number to make it a percentage: ('%', '') in Turkish, ('', '%') in English."""
    pattern = _percent_pattern(lang, 0)
    return pattern[: pattern.index("#")], pattern[pattern.rindex("0") + 1 :]


_shown_zone: list[ZoneInfo] = [ZoneInfo("Europe/Istanbul")]


def show_times_in(zone: str) -> None:
    """The time zone :func:`format_date` shows times in (the setting GOSTERGE_TIME_ZONE, installed by
    :func:`dashboard.app.create_app`)."""
    _shown_zone[0] = ZoneInfo(zone)


def format_date(value: Any, lang: str, with_time: bool = False) -> str:
    """21.11.2026 (14:05 TSİ) in Turkish, 21 Nov 2026 (14:05 Istanbul time) in English; '–' when
    missing. A time is shown in the zone of :func:`show_times_in` and says which: the warehouse's
    times are the writer's wall-clock time, naive, which this machine's zone interprets."""
    if is_missing(value) or value == "":
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if not isinstance(value, datetime) and isinstance(value, date):
        value = datetime(value.year, value.month, value.day)
    locale = locale_of(lang)
    if not with_time:
        return babel_date(value, DATE_FORMATS[language(lang)], locale=babel_locale(locale))
    zone = _shown_zone[0]
    moment = value.astimezone(zone)  # a naive time is taken as this machine's local time
    label = t("time_zone_istanbul", lang) if zone.key == "Europe/Istanbul" else zone.key
    text = babel_date(moment, DATE_FORMATS[language(lang)], locale=babel_locale(locale))
    return f"{text} {babel_time(moment, 'short', locale=locale)} {label}"


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` from the locale: decimal mark then thousands mark (',.' in Turkish)."""
    locale = locale_of(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)
