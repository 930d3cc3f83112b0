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
from dashboard.downloads.labels import AREA_LABELS, BOOLEAN_LABELS, header, level_label, pick
from dashboard.i18n import METHOD_LABELS
from gosterge.plan.model import Plan
from gosterge.progress.status import DIRECTION_THRESHOLDS, MAINTAIN_TOLERANCE, TARGET_THRESHOLDS
from warehouse.downloads.extracts import area_levels_of
from warehouse.downloads.filter import ExtractFilter
from warehouse.downloads.provenance import Provenance

FIELDS: dict[str, tuple[str, str]] = {
    "title": ("Gösterge veri dosyası", "Gösterge data file"),
    "plan": ("Plan", "Plan"),
    "level": ("İçerik", "Content"),
    "filters": ("Süzgeçler", "Filters"),
    "no_filters": ("yok (planın tamamı)", "none (the whole plan)"),
    "area_levels": ("Alan düzeyleri", "Area levels"),
    "indicator": ("Gösterge", "Indicator"),
    "district": ("İlçe", "District"),
    "region": ("Bölge", "Region"),
    "period": ("Dönem (yıl)", "Period (years)"),
    "run": ("Yükleme no", "Load run"),
    "source": ("Kaynak", "Source"),
    "columns": ("Sütunlar", "Columns"),
    "rows": ("Satır sayısı", "Rows"),
    "format": ("Biçim", "Format"),
    "language": ("Dil", "Language"),
    "generated_at": ("Oluşturulma zamanı", "Generated at"),
    "data_version": ("Veri sürümü", "Data version"),
    "published_at": ("Yayın zamanı", "Published at"),
    "last_load": ("Son yükleme", "Last load"),
    "never_loaded": ("henüz yükleme yok", "nothing loaded yet"),
    "demo": ("Demo verisi", "Demo data"),
    "demo_yes": (
        "Evet: değerler gösterim için üretilmiştir, gerçek ölçüm değildir",
        "Yes: the values are generated for demonstration, not real measurements",
    ),
    "method": ("Durum yöntemi", "Status method"),
    "link": ("Bağlantı", "Link"),
    "all_columns": ("tümü", "all"),
}
LANGUAGE_NAMES = {"tr": ("Türkçe", "Turkish"), "en": ("İngilizce", "English")}


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
    return pick(FIELDS[key], language)


def _number(value: float, language: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language == "tr" else text


def status_method_text(methods: Sequence[str], cap_realization: bool, coverage_floor: float, language: str) -> str:
    """How statuses were decided, with the thresholds in force (see docs/progress.md)."""
    on_track, acceleration, limited = (_number(value, language) for value in TARGET_THRESHOLDS)
    high, low = (_number(value * 100, language) for value in DIRECTION_THRESHOLDS[:2])
    tolerance = _number(MAINTAIN_TOLERANCE * 100, language)
    floor = _number(coverage_floor * 100, language)
    used = "; ".join(pick(METHOD_LABELS[m], language) for m in methods if m in METHOD_LABELS) or "–"
    if language == "en":
        capped = "realization capped to 0–100 %" if cap_realization else "realization not capped"
        return (
            f"Indicators: {used}. Pace ratio R: R ≥ {on_track} on track, ≥ {acceleration} acceleration "
            f"needed, ≥ {limited} limited progress, below deterioration; maintain targets: held within "
            f"{tolerance} %, else direction-only growth thresholds {high} % / {low} % a year. Higher levels: "
            f"weighted mean of the children's scores (≥ 2.5 on track, 0–2.5 acceleration needed, −2.5–0 "
            f"limited, below deterioration); withheld below {floor} % data coverage; {capped}."
        )
    capped = "gerçekleşme %0–100 ile sınırlı" if cap_realization else "gerçekleşme sınırlanmadı"
    return (
        f"Göstergeler: {used}. Hız oranı R: R ≥ {on_track} yolunda, ≥ {acceleration} hızlanma gerekli, "
        f"≥ {limited} sınırlı ilerleme, altı kötüleşme; koruma hedefleri: %{tolerance} içinde korunuyorsa "
        f"ulaşıldı, değilse yalnız yöne göre yıllık büyüme eşikleri %{high} / %{low}. Üst düzeyler: alt "
        f"öğelerin puanlarının ağırlıklı ortalaması (≥ 2,5 yolunda, 0–2,5 hızlanma gerekli, −2,5–0 sınırlı, "
        f"altı kötüleşme); veri kapsamı %{floor}'nin altındaysa gösterilmez; {capped}."
    )


def _filters(plan: Plan, extract: ExtractFilter, language: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for depth, code in extract.nodes:
        node = plan.nodes[code]
        level = plan.levels[depth]
        rows.append(
            (
                pick((level.name_tr, level.name_en), language),
                f"{code} — {node.title_en if language == 'en' else node.title_tr}",
            )
        )
    if extract.indicators:
        rows.append(
            (
                field("indicator", language),
                "; ".join(
                    f"{code} — {plan.indicators[code].name_en if language == 'en' else plan.indicators[code].name_tr}"
                    for code in extract.indicators
                ),
            )
        )
    if extract.regions:
        rows.append(
            (
                field("region", language),
                "; ".join(
                    f"{code} — {plan.regions[code].name_en if language == 'en' else plan.regions[code].name_tr}"
                    for code in extract.regions
                ),
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
    title = plan.title_en if language == "en" else plan.title_tr
    rows: list[tuple[str, str]] = [
        (field("title", language), "Gösterge"),
        (field("plan", language), f"{plan.code} — {title}"),
        (field("level", language), level_label(plan, description.level, language)),
    ]
    filters = _filters(plan, extract, language)
    rows.append((field("filters", language), "" if filters else field("no_filters", language)))
    rows += [(f"  {name}", value) for name, value in filters]
    if description.level != "rejected":
        areas = ", ".join(pick(AREA_LABELS[area], language) for area in area_levels_of(extract))
        rows.append((field("area_levels", language), areas))
    if extract.columns:
        rows.append((field("columns", language), ", ".join(header(plan, key, language) for key in extract.columns)))
    elif description.level != "pack":
        rows.append((field("columns", language), field("all_columns", language)))
    if description.row_count is not None:
        rows.append((field("rows", language), str(description.row_count)))
    rows += [
        (field("format", language), description.format_label),
        (field("language", language), pick(LANGUAGE_NAMES[extract.language], language)),
        (field("generated_at", language), description.generated_at.isoformat(timespec="seconds")),
        (field("data_version", language), str(data.data_version)),
        (field("published_at", language), data.published_at or "–"),
        (field("last_load", language), _last_load(data, language)),
        (field("demo", language), field("demo_yes", language) if data.has_demo else BOOLEAN_LABELS[language][1]),
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
    run = pick(("yükleme", "run"), language)
    return f"{data.last_loaded_at} · {data.last_source_id} · {run} {data.last_run_id}"


def readme_text(description: ExportDescription, data_file: str, dialect: Dialect, language: str) -> str:
    """README.txt of the ZIP: what the files are, how to open them, then the metadata."""
    if language == "en":
        intro = [
            f"{data_file}: the table (one header row, then the data).",
            "metadata.csv: the same facts as below, as a two-column table.",
            "",
            f"Format: {dialect.label('en')} — separator '{dialect.delimiter}', decimal mark "
            f"'{dialect.decimal}', encoding UTF-8{' with BOM' if dialect.byte_order_mark else ''}.",
            "Text cells starting with = + - @ or a tab get a leading apostrophe so that spreadsheets never "
            "run them as formulas.",
            "Codes such as 1.1 may be read as dates when a CSV file is opened by double click in Excel; "
            "the Excel (.xlsx) export keeps them as text.",
            "",
        ]
    else:
        intro = [
            f"{data_file}: tablo (bir başlık satırı, ardından veriler).",
            "metadata.csv: aşağıdaki bilgilerin iki sütunlu tablo hâli.",
            "",
            f"Biçim: {dialect.label('tr')} — ayraç '{dialect.delimiter}', ondalık işareti '{dialect.decimal}', "
            f"kodlama UTF-8{' (BOM ile)' if dialect.byte_order_mark else ''}.",
            "= + - @ ya da sekmeyle başlayan metin hücrelerinin başına kesme işareti (') eklenir; böylece "
            "tablolama programları bunları formül olarak çalıştırmaz.",
            "1.1 gibi kodlar CSV dosyası Excel'de çift tıklanarak açıldığında tarih sanılabilir; Excel (.xlsx) "
            "dışa aktarımı bunları metin olarak saklar.",
            "",
        ]
    width = max(len(name) for name, _ in metadata_rows(description, language))
    lines = [f"{name.ljust(width)}  {value}" for name, value in metadata_rows(description, language)]
    return "\r\n".join(intro + lines) + "\r\n"
