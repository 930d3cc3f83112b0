"""The executive brief's texts (page and PDF alike), under ``"brief.<key>"``.

Sentences are written to be read aloud and repeated: numbers are passed in already formatted
(:mod:`dashboard.i18n`), status names come from the status vocabulary.
"""

from __future__ import annotations

#: key → (Turkish, English)
BRIEF: dict[str, tuple[str, str]] = {
    "title": ("Yönetici özeti", "Executive brief"),
    "link": ("Yönetici özeti", "Executive brief"),
    "link_help": (
        "Tek sayfalık özet: genel durum, değişenler, geride kalan hedefler; yazdırılabilir ve PDF olarak indirilebilir",
        "A one-page summary: overall status, what changed, lagging goals; printable and downloadable as a PDF",
    ),
    "pdf": ("PDF indir", "Download PDF"),
    "print": ("Yazdır", "Print"),
    "whole_plan": ("Planın tamamı", "The whole plan"),
    "other_briefs": ("Planın özetleri", "The plan's briefs"),
    "subject_node": ("{level} {code}: {title}", "{level} {code}: {title}"),
    "headline": (
        "Gerçekleşme {realization}; bu noktada beklenen {expected}. Durum: {status}.",
        "Realization is {realization} against {expected} expected by now. Status: {status}.",
    ),
    "headline_no_expected": (
        "Gerçekleşme {realization}. Durum: {status}.",
        "Realization is {realization}. Status: {status}.",
    ),
    "headline_no_data": (
        "Henüz değerlendirme için yeterli veri yok.",
        "There is not enough data to assess progress yet.",
    ),
    "goals_sentence": (
        "{goals} hedefin {good} tanesi hedefe ulaştı ya da yolunda; {lagging} tanesi geride.",
        "Of {goals} goals, {good} are achieved or on track and {lagging} are lagging.",
    ),
    "status_counts": ("Hedeflerin durumu", "Status of the goals"),
    "goals_total": ("Toplam {goals} hedef, {indicators} gösterge", "{goals} goals, {indicators} indicators in all"),
    "changes": ("Ne değişti", "What changed"),
    "changes_by_load": (
        "Son yüklemede ({loaded}) durumu değişen hedefler, bir önceki yüklemeye ({previous}) göre.",
        "Goals whose status changed in the latest load ({loaded}), compared with the load before it ({previous}).",
    ),
    "changes_by_year": (
        "Önceki yükleme olmadığından {year} verisi {previous_year} ile karşılaştırıldı "
        "(gerçekleşmenin beklenene oranına göre).",
        "There is no earlier load to compare with: {year} is compared with {previous_year} "
        "(realization against expected).",
    ),
    "changes_none_available": (
        "Karşılaştırılacak veri henüz yok.",
        "There is no data to compare yet.",
    ),
    "moved_up": ("İyileşen ({count})", "Moved up ({count})"),
    "moved_down": ("Kötüleşen ({count})", "Moved down ({count})"),
    "no_change": ("Durumu değişen hedef yok.", "No goal changed status."),
    "change": ("{old} → {new}", "{old} → {new}"),
    "lagging": ("Geride kalan hedefler", "Lagging goals"),
    "lagging_more": ("… ve {count} hedef daha", "… and {count} more"),
    "no_lagging": ("Geride kalan hedef yok.", "No goal is lagging."),
    "lagging_figures": (
        "gerçekleşme {realization}, beklenen {expected}",
        "realization {realization}, expected {expected}",
    ),
    "reason": ("Gerekçe", "Reason"),
    "measures": ("Önlemler", "Measures"),
    "reason_of": ("{code} {name} ({period})", "{code} {name} ({period})"),
    "no_reason": ("Gerekçe girilmedi.", "No reason given."),
    "freshness": ("Verinin güncelliği", "How fresh the data is"),
    "freshness_load": (
        "Verileri değiştiren son yükleme: {when}, kaynak {source}.",
        "Newest load that changed data: {when}, source {source}.",
    ),
    "freshness_never": ("Henüz veri yüklenmedi.", "No data has been loaded yet."),
    "latest_year": ("En son veri yılı: {year}.", "Latest year with data: {year}."),
    "demo_note": (
        "DEMO VERİSİ: bu özetteki rakamlar gösterim amaçlıdır, gerçek ölçümler değildir.",
        "DEMO DATA: the figures in this brief are for demonstration, not real measurements.",
    ),
    "generated": ("Oluşturulma: {when}", "Generated: {when}"),
    "page_of": ("Sayfa {page}", "Page {page}"),
    "status_header": ("Durum", "Status"),
    "count_header": ("Hedef", "Goals"),
}
