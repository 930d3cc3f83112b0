"""What an export says about itself: plan, filters, time, data version, last load, method, demo flag.

The same (field, value) rows go into ``metadata.csv`` and ``README.txt`` in
the ZIP and into the metadata sheet of the Excel files; the bare ``.csv``
stays a clean table for programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from dashboard.downloads.dialects import Dialect
from dashboard.downloads.labels import header, level_label
from dashboard.i18n import format_number, label, labels, t
from gosterge.plan.model import Plan
from gosterge.progress.status import DIRECTION_THRESHOLDS, MAINTAIN_TOLERANCE, TARGET_THRESHOLDS
from warehouse.downloads.extracts import area_levels_of
from warehouse.downloads.filter import ExtractFilter
from warehouse.downloads.provenance import Provenance


@dataclass(frozen=True)
class ExportDescription:
    """Everything an export's metadata reports."""

    plan: Plan
    extract: ExtractFilter
    level: str  # the extract level, or "pack" for the meeting pack
    format_label: str  # "CSV — Excel (Türkçe)", "Excel (.xlsx)" …
    provenance: Provenance
    generated_at: datetime
    link: str
    cap_realization: bool
    coverage_floor: float
    row_count: int | None = None


def field(key: str, language: str) -> str:
    """The name of a metadata field (``metadata.<key>`` in the catalogue)."""
    return t(f"metadata.{key}", language)


def status_method_text(methods: Sequence[str], cap_realization: bool, coverage_floor: float, language: str) -> str:
    """How statuses were decided, with the thresholds in force (see docs/progress.md)."""
    on_track, acceleration, limited = (format_number(value, language, None) for value in TARGET_THRESHOLDS)
    high, low = (format_number(value * 100, language, None) for value in DIRECTION_THRESHOLDS[:2])
    known = labels("method", language)
    used = "; ".join(known[method] for method in methods if method in known) or "–"
    return t(
        "metadata.status_method",
        language,
        used=used,
        on_track=on_track,
        acceleration=acceleration,
        limited=limited,
        tolerance=format_number(MAINTAIN_TOLERANCE * 100, language, None),
        high=high,
        low=low,
        floor=format_number(coverage_floor * 100, language, None),
        capped=field("capped" if cap_realization else "not_capped", language),
    )


def _filters(plan: Plan, extract: ExtractFilter, language: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for depth, code in extract.nodes:
        node = plan.nodes[code]
        level = plan.levels[depth]
        rows.append(
            (
                level.text(language, "name"),
                f"{code} — {node.text(language)}",
            )
        )
    if extract.indicators:
        rows.append(
            (
                field("indicator", language),
                "; ".join(f"{code} — {plan.indicators[code].text(language, 'name')}" for code in extract.indicators),
            )
        )
    if extract.regions:
        rows.append(
            (
                field("region", language),
                "; ".join(f"{code} — {plan.regions[code].text(language, 'name')}" for code in extract.regions),
            )
        )
    if extract.districts:
        rows.append(
            (
                field("district", language),
                "; ".join(f"{code} — {plan.districts[code].name}" for code in extract.districts),
            )
        )
    if extract.period_from is not None or extract.period_to is not None:
        first = "" if extract.period_from is None else str(extract.period_from)
        last = "" if extract.period_to is None else str(extract.period_to)
        rows.append((field("period", language), f"{first}–{last}"))
    if extract.run_id is not None:
        rows.append((field("run", language), str(extract.run_id)))
    if extract.source_id is not None:
        rows.append((field("source", language), extract.source_id))
    return rows


def metadata_rows(description: ExportDescription, language: str) -> list[tuple[str, str]]:
    """(field, value) rows describing the export, in ``language``."""
    plan, extract, data = description.plan, description.extract, description.provenance
    title = plan.text(language)
    rows: list[tuple[str, str]] = [
        (field("title", language), "Gösterge"),
        (field("plan", language), f"{plan.code} — {title}"),
        (field("level", language), level_label(plan, description.level, language)),
    ]
    filters = _filters(plan, extract, language)
    rows.append((field("filters", language), "" if filters else field("no_filters", language)))
    rows += [(f"  {name}", value) for name, value in filters]
    if description.level != "rejected":
        areas = ", ".join(label("area", area, language) for area in area_levels_of(extract))
        rows.append((field("area_levels", language), areas))
    if extract.columns:
        rows.append((field("columns", language), ", ".join(header(plan, key, language) for key in extract.columns)))
    elif description.level != "pack":
        rows.append((field("columns", language), field("all_columns", language)))
    if description.row_count is not None:
        rows.append((field("rows", language), str(description.row_count)))
    rows += [
        (field("format", language), description.format_label),
        (field("language", language), label("language", extract.language, language)),
        (field("generated_at", language), description.generated_at.isoformat(timespec="seconds")),
        (field("data_version", language), str(data.data_version)),
        (field("published_at", language), data.published_at or "–"),
        (field("last_load", language), _last_load(data, language)),
        (field("demo", language), field("demo_yes", language) if data.has_demo else label("boolean", "no", language)),
        (
            field("method", language),
            status_method_text(data.methods, description.cap_realization, description.coverage_floor, language),
        ),
        (field("link", language), description.link),
    ]
    return rows


def _last_load(data: Provenance, language: str) -> str:
    if data.last_loaded_at is None:
        return field("never_loaded", language)
    return field("last_load_value", language).format(
        when=data.last_loaded_at, source=data.last_source_id, run=data.last_run_id
    )


def readme_text(description: ExportDescription, data_file: str, dialect: Dialect, language: str) -> str:
    """README.txt of the ZIP: what the files are, how to open them, then the metadata."""
    bom = t("file.readme_bom", language) if dialect.byte_order_mark else ""
    intro = [
        t("file.readme_table", language, data_file=data_file),
        t("file.readme_metadata", language),
        "",
        t(
            "file.readme_format",
            language,
            dialect=dialect.label(language),
            delimiter=dialect.delimiter,
            decimal=dialect.decimal,
            bom=bom,
        ),
        t("file.readme_formulas", language),
        t("file.readme_codes", language),
        "",
    ]
    width = max(len(name) for name, _ in metadata_rows(description, language))
    lines = [f"{name.ljust(width)}  {value}" for name, value in metadata_rows(description, language)]
    return "\r\n".join(intro + lines) + "\r\n"
