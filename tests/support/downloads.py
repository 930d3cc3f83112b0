"""What the download tests share: the served export context and the hostile texts every file must
neutralise."""

from __future__ import annotations

from dataclasses import dataclass

from gosterge.plan import Plan
from gosterge.settings import Settings
from warehouse import Reader

HOSTILE_TEXTS = ('=HYPERLINK("http://evil.example";"x")', "+1", "-cmd", "@SUM(1)", "\tx", "\rx")


@dataclass
class ExportContext:
    settings: Settings
    plans: dict[str, Plan]
    reader: Reader
