"""Tables of the Word reports: a header row shaded, text in the table text style, numbers to the right.

python-docx builds every cell through its XML schema helpers (about 20 ms a row of eight cells: 5 s of
İzmir's 73 goal tables); :class:`TableTemplate` builds a table's header and one row once and copies
them for every table and row, writing only the texts (well under a millisecond a row).
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

#: characters an XML 1.0 document cannot hold (control characters other than tab and line ends)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HEADER_SHADE = "DCE6F0"
#: style ids set straight on the XML: python-docx looks a style up by name at every use
TABLE_TEXT = "GostergeTableText"
TABLE_STYLE = "TableGrid"
PLACEHOLDER = "·"


def clean(text: Any) -> str:
    """``text`` as a string a .docx can hold (written as text, never as markup)."""
    return NOT_XML.sub("", str(text))


def styled(paragraph: Paragraph, style_id: str) -> Paragraph:
    paragraph._p.style = style_id
    return paragraph


class TableTemplate:
    """A table with ``headers`` (column ``widths`` in cm, ``numeric`` columns aligned right), built once
    with python-docx and copied by :meth:`add` for each table of the document."""

    def __init__(
        self, document: DocumentType, headers: list[str], widths: list[float] | None = None, numeric: range = range(0)
    ):
        table = _table(document, headers, widths)
        _row(table, [PLACEHOLDER] * len(headers), numeric)
        self.table = table._tbl
        self.row = self.table.tr_lst[-1]
        self.table.remove(self.row)
        self.table.getparent().remove(self.table)  # a template, not part of the document

    def add(self, document: DocumentType, rows: list[list[str]]) -> None:
        """A copy of the table at the end of the document, with one row per list of texts."""
        table = deepcopy(self.table)
        for values in rows:
            row = deepcopy(self.row)
            for cell, value in zip(row.tc_lst, values, strict=True):
                _set_text(cell, value)
            table.append(row)
        document.element.body._insert_tbl(table)


def _set_text(cell: Any, value: str) -> None:
    [text] = cell.xpath("./w:p/w:r/w:t")
    text.text = clean(value)
    if text.text != text.text.strip():
        text.set(qn("xml:space"), "preserve")


def _table(document: DocumentType, headers: list[str], widths: list[float] | None = None) -> Any:
    table = document.add_table(rows=1, cols=len(headers))
    table._tbl.tblStyle_val = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths:  # the grid's column widths (what Word and LibreOffice lay the columns out by)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
    for index, header in enumerate(headers):
        cell = table.rows[0].cells[index]
        paragraph = styled(cell.paragraphs[0], TABLE_TEXT)
        paragraph.add_run(clean(header)).bold = True
        _shade(cell, HEADER_SHADE)
        if widths:
            cell.width = Cm(widths[index])
    return table


def _row(table: Any, values: list[str], numeric: range | None = None) -> None:
    cells = table.add_row().cells
    for index, value in enumerate(values):
        paragraph = styled(cells[index].paragraphs[0], TABLE_TEXT)
        paragraph.add_run(clean(value))
        if numeric is not None and index in numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _shade(cell: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
