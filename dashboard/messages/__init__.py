"""The message catalogue: every interface text of the dashboard and of its files, in Turkish and English.

One flat table, key → (Turkish, English), asked for through :func:`dashboard.i18n.t` (texts) and
:func:`dashboard.i18n.label` (the label of a stored code). It is assembled from one module per area:

- :mod:`~dashboard.messages.pages`: the pages' strings, under their plain keys (``"overview"``);
- :mod:`~dashboard.messages.vocabularies`: the labels of stored codes, as ``"<vocabulary>.<code>"``
  (``"status.on_track"``, ``"frequency.yearly"``, ``"area.district"``);
- :mod:`~dashboard.messages.explanations`: the 'why this status' sentences (``"why.<key>"``);
- :mod:`~dashboard.messages.charts`: the charts' text alternatives (``"chart.<key>"``);
- :mod:`~dashboard.messages.downloads`: the exports' column headers (``"header.<column>"``), metadata
  fields (``"metadata.<field>"``), the extract builder page (``"extract.<key>"``) and the files'
  sheet names, README lines and buttons (``"file.<key>"``);
- :mod:`~dashboard.messages.accounts`: signing in and out, refusals (``"account.<key>"``) and the
  data-quality page (``"quality.<key>"``);
- :mod:`~dashboard.messages.entries`: the entry, review and entry-history pages and the entry template
  (``"entry.<key>"``);
- :mod:`~dashboard.messages.reasons`: why a row was rejected, one template per stored reason code
  (``"reason.<code>"``, worded by :mod:`dashboard.reasons`).
- :mod:`~dashboard.messages.brief`: the executive brief, page and PDF (``"brief.<key>"``).
- :mod:`~dashboard.messages.intake`: the units' explanations (``"explanation.<key>"``) and the Word
  reports (``"report.<key>"``).
- :mod:`~dashboard.messages.alerts`: the notifications page and its e-mail preferences
  (``"alerts.<key>"``), and what each notification says, shared with the e-mails the writer sends
  (:data:`operations.notices.NOTICES`, ``"notice.<key>"``).

Texts of the plan itself (titles, names, units) are not here: they come from the plan model
(``node.text(lang)``, ``unit.text(lang, "name")``). A key defined twice stops the program at import.
"""

from __future__ import annotations

from dashboard.messages.accounts import ACCOUNT, QUALITY
from dashboard.messages.alerts import ALERTS
from dashboard.messages.brief import BRIEF
from dashboard.messages.charts import CHARTS
from dashboard.messages.downloads import EXTRACT_PAGE, FILES, HEADERS, METADATA
from dashboard.messages.entries import ENTRY
from dashboard.messages.explanations import EXPLANATIONS
from dashboard.messages.intake import EXPLANATIONS as ENTRY_EXPLANATIONS
from dashboard.messages.intake import REPORTS
from dashboard.messages.pages import PAGES
from dashboard.messages.reasons import REASONS
from dashboard.messages.vocabularies import VOCABULARIES
from operations.notices import NOTICES


def _assemble() -> dict[str, tuple[str, str]]:
    parts: list[tuple[str, dict[str, tuple[str, str]]]] = [
        ("", PAGES),
        ("header.", HEADERS),
        ("metadata.", METADATA),
        ("extract.", EXTRACT_PAGE),
        ("file.", FILES),
        ("why.", EXPLANATIONS),
        ("chart.", CHARTS),
        ("account.", ACCOUNT),
        ("quality.", QUALITY),
        ("entry.", ENTRY),
        ("reason.", REASONS),
        ("brief.", BRIEF),
        ("explanation.", ENTRY_EXPLANATIONS),
        ("report.", REPORTS),
        ("alerts.", ALERTS),
        ("notice.", NOTICES),
    ]
    parts += [(f"{name}.", table) for name, table in VOCABULARIES.items()]
    catalogue: dict[str, tuple[str, str]] = {}
    for prefix, table in parts:
        for key, pair in table.items():
            if prefix + key in catalogue:
                raise ValueError(f"dashboard.messages: the key {prefix + key!r} is defined twice")
            catalogue[prefix + key] = pair
    return catalogue


#: key → (Turkish, English)
CATALOGUE: dict[str, tuple[str, str]] = _assemble()
