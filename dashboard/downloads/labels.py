"""Headers and value labels of the exports, in Turkish and English.

The texts are the message catalogue's (:mod:`dashboard.messages.downloads` and the vocabularies),
so a file says what the screen says. Headers of the hierarchy columns use the plan's level names
("Eksen kodu", "Aim name").
"""

from __future__ import annotations

from dashboard.i18n import label, labels, t
from dashboard.messages import CATALOGUE
from gosterge.plan.model import UNITS, Plan
from warehouse.downloads.filter import node_depth, node_parameters

#: the vocabularies a column's values may be labelled with, besides units and node depths
VOCABULARIES = ("status", "trend", "direction", "method", "projection", "area", "measure", "period_type")


def level_label(plan: Plan, level: str, language: str) -> str:
    """'Ölçümler', 'Hedefler' (node levels use the plan's plural), 'İlçe karneleri' …"""
    depth = node_depth(plan, level)
    if depth is not None:
        return plan.levels[depth].text(language, "plural")
    return label("extract_level", level, language)


def header(plan: Plan, key: str, language: str) -> str:
    """The column header of ``key`` in ``language``; hierarchy columns use the plan's level names."""
    if f"header.{key}" in CATALOGUE:
        return t(f"header.{key}", language)
    for depth, parameter in enumerate(node_parameters(plan)):
        name = plan.levels[depth].text(language, "name")
        if key == f"{parameter}_code":
            return t("file.level_code_header", language, level=name)
        if key == f"{parameter}_name":
            return t("file.level_name_header", language, level=name)
    return key


def vocabulary(plan: Plan, name: str, language: str) -> dict[str, str]:
    """Code → label of one vocabulary (see :class:`warehouse.downloads.columns.ExtractColumn`)."""
    if name == "unit":
        return {code: unit.text(language, "name") for code, unit in UNITS.items()}
    if name == "depth":
        return {"-1": "Plan", **{str(depth): level.text(language, "name") for depth, level in enumerate(plan.levels)}}
    if name not in VOCABULARIES:
        raise ValueError(f"unknown vocabulary {name!r} (known: unit, depth, {', '.join(VOCABULARIES)})")
    return labels(name, language)
