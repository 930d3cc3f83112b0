"""The two languages of the product and the one way to pick a text in one of them.

Every bilingual text in the product, from the plan file (``title_tr`` / ``title_en``,
``name_tr`` / ``name_en`` …) or from the interface's message catalogue, is asked for through
:func:`in_language`; plan objects offer it as :meth:`Bilingual.text`. Turkish is the default and
the fallback: an English text that is missing or empty gives the Turkish one.
"""

from __future__ import annotations

from typing import Any, Literal

Language = Literal["tr", "en"]

#: every language the product speaks, the default first
LANGUAGES: tuple[Language, ...] = ("tr", "en")
DEFAULT_LANGUAGE: Language = "tr"

#: the CLDR locale of each language: Turkish as written in Türkiye; English the British way
#: (day before month, 24-hour clock), which Turkish readers of English documents expect
LOCALES: dict[Language, str] = {"tr": "tr_TR", "en": "en_GB"}

#: date pattern of each language (LDML, filled by Babel): 04.12.2026 in Turkish, with the two-digit day of
#: official documents (CLDR's short date is d.MM.y: 4.12.2026); 4 Dec 2026 in English (en_GB's medium date).
#: Used by the dashboard (dashboard/i18n.py) and by the e-mails (operations/notices.py).
DATE_FORMATS: dict[Language, str] = {"tr": "dd.MM.y", "en": "d MMM y"}


def language(value: Any) -> Language:
    """A supported language code from an outside value (a URL, a setting); anything else gives the default."""
    return "en" if value == "en" else DEFAULT_LANGUAGE


def in_language(turkish: Any, english: Any, lang: str) -> str:
    """``english`` in English when it is given, else ``turkish`` (as text; '' for None)."""
    if lang == "en" and english not in (None, ""):
        return str(english)
    return "" if turkish is None else str(turkish)


def field_in_language(item: Any, field: str, lang: str) -> str:
    """``item.<field>_tr`` / ``<field>_en`` (attributes, or keys of a mapping such as a result row) in ``lang``."""
    if isinstance(item, dict):
        return in_language(item.get(f"{field}_tr"), item.get(f"{field}_en"), lang)
    return in_language(getattr(item, f"{field}_tr", None), getattr(item, f"{field}_en", None), lang)


class Bilingual:
    """A plan object with ``<field>_tr`` / ``<field>_en`` pairs: ``node.text("en")`` is its English
    title, ``indicator.text(lang, "name")`` its name in ``lang``."""

    __slots__ = ()

    def text(self, lang: str, field: str = "title") -> str:
        return field_in_language(self, field, lang)
