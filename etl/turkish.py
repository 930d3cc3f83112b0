"""Turkish-aware text folding for matching names typed by people.

Python's ``str.lower`` is not Turkish-aware: ``"İ".lower()`` gives ``"i̇"`` (i plus a
combining dot) and ``"I".lower()`` gives ``"i"`` where Turkish wants ``"ı"``.
:func:`turkish_lower` maps ``İ → i`` and ``I → ı`` first. :func:`ascii_fold`
then drops every diacritic (``ç ğ ı ö ş ü â î û → c g i o s u a i u``) so that
``"KARSIYAKA"``, ``"Karsiyaka"`` and ``"KARŞIYAKA"`` meet on one key.
"""

from __future__ import annotations

import re
import unicodedata

_TURKISH_UPPER = str.maketrans({"İ": "i", "I": "ı"})
_ASCII = str.maketrans(
    {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u", "é": "e"}
)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f_]+")


def turkish_lower(text: str) -> str:
    """Lower case the Turkish way: ``"İZMİR" → "izmir"``, ``"ISPARTA" → "ısparta"``."""
    return unicodedata.normalize("NFC", text).translate(_TURKISH_UPPER).lower()


def ascii_fold(text: str) -> str:
    """Turkish lower case without diacritics: ``"Karşıyaka" → "karsiyaka"``, ``"IZMIR" → "izmir"``."""
    folded = turkish_lower(text).translate(_ASCII)
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def squeeze(text: str) -> str:
    """Trim and collapse runs of spaces (also no-break and thin spaces, and underscores) to one space."""
    return _SPACES.sub(" ", text).strip()


def name_key(text: str) -> str:
    """The exact matching key: Turkish lower case, spaces squeezed."""
    return squeeze(turkish_lower(text))


def loose_key(text: str) -> str:
    """The loose matching key: ASCII-folded, spaces squeezed, dots and dashes ignored."""
    return squeeze(ascii_fold(text).replace(".", " ").replace("-", " "))
