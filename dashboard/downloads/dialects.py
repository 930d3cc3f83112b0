"""The two CSV dialects and how each writes a number, a date and a yes/no.

``excel-tr`` — "Excel (Türkçe)": what Excel set to Turkish opens by double
click with every column right. UTF-8 with a byte-order mark (without it
Excel reads the file as Windows-1254 and breaks ğ, ş, ı, İ); ';' between
fields (Turkish Windows' list separator, because ',' is the decimal mark);
decimal comma with no thousands separator and never an exponent (1234,5;
-0,25), which Turkish Excel reads as numbers; dates as 21.11.2026 and times
as 21.11.2026 14:05:09, which it reads as dates; yes/no as Evet/Hayır (or
Yes/No in English). Text that Excel or Calc would read as something else (a
code such as 1.1, which Turkish Excel makes 1 January; 0123; "Mart 2020";
DOĞRU) is written as a text formula ``="1.1"`` (see
:func:`dashboard.downloads.cells.protect`).

``standard`` — for programs: UTF-8 without a byte-order mark, ',' between
fields, decimal point (1234.5), ISO 8601 dates (2026-11-21) and times
(2026-11-21T14:05:09), true/false.

Both: CRLF line ends (RFC 4180), fields quoted only when they hold the
separator, a quote or a line break; an empty field for a missing value.
"""

from __future__ import annotations

from dataclasses import dataclass

from gosterge.language import in_language


@dataclass(frozen=True)
class Dialect:
    name: str
    label_tr: str
    label_en: str
    delimiter: str
    decimal: str
    byte_order_mark: bool
    date_format: str
    datetime_format: str
    language_booleans: bool  # Evet/Hayır (Yes/No) rather than true/false
    line_end: str = "\r\n"
    #: text a spreadsheet would read as a number, date or truth value is written as ="…"
    text_formulas: bool = False

    @property
    def encoding(self) -> str:
        """The encoding to read the file back with (``utf-8-sig`` skips the byte-order mark)."""
        return "utf-8-sig" if self.byte_order_mark else "utf-8"

    def label(self, language: str) -> str:
        return in_language(self.label_tr, self.label_en, language)


EXCEL_TR = Dialect(
    "excel-tr",
    "Excel (Türkçe)",
    "Excel (Turkish)",
    ";",
    ",",
    True,
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M:%S",
    True,
    text_formulas=True,
)
STANDARD = Dialect("standard", "Standart CSV", "Standard CSV", ",", ".", False, "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", False)
DIALECTS = {dialect.name: dialect for dialect in (EXCEL_TR, STANDARD)}
DEFAULT_DIALECT = EXCEL_TR.name
