"""Vocabularies: the label of each code the product stores (a status, a trend, a direction …).

A vocabulary is asked for by name and code, ``label("status", "on_track", lang)``; the catalogue
holds each entry as ``"<vocabulary>.<code>"``. The same labels are on the screen and in the files.
"""

from __future__ import annotations

#: vocabulary → code → (Turkish, English)
VOCABULARIES: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "achieved": ("Hedefe ulaşıldı", "Target achieved"),
        "on_track": ("Yolunda", "On track"),
        "acceleration_needed": ("Hızlanma gerekli", "Acceleration needed"),
        "limited": ("Sınırlı ilerleme", "Limited progress"),
        "deterioration": ("Kötüleşme", "Deterioration"),
        "not_achieved": ("Hedefe ulaşılamadı", "Target not achieved"),
        "not_available": ("Veri yetersiz", "Not enough data"),
        "not_measured": ("İlçe düzeyinde ölçülmüyor", "Not measured per district"),
        "informational": ("Bilgi amaçlı", "For information"),
    },
    "trend": {
        "up": ("Hedef hızında", "On pace"),
        "moderate": ("Orta düzeyde iyileşme", "Moderately improving"),
        "stagnating": ("Duraklama", "Stagnating"),
        "down": ("Geriye gidiş", "Moving away"),
        "none": ("Eğilim yok", "No trend"),
    },
    "direction": {
        "increase": ("Artması hedefleniyor", "Higher is better"),
        "decrease": ("Azalması hedefleniyor", "Lower is better"),
        "maintain": ("Korunması hedefleniyor", "Keep the level"),
    },
    "frequency": {
        "yearly": ("Yıllık", "Yearly"),
        "quarterly": ("Üç aylık", "Quarterly"),
        "monthly": ("Aylık", "Monthly"),
    },
    "method": {
        "open_sdg_target": (
            "Hedefe göre hız (Open SDG, bileşik yıllık büyüme)",
            "Pace against the target (Open SDG, compound annual growth)",
        ),
        "linear_ratio": ("Gerçekleşme ÷ beklenen (doğrusal)", "Realization ÷ expected (linear)"),
        "maintain": ("Düzeyin korunması", "Level maintained"),
        "open_sdg_direction": (
            "Yalnızca yön (Open SDG, bileşik yıllık büyüme)",
            "Direction only (Open SDG, compound annual growth)",
        ),
        "informational": ("Bilgi amaçlı: durum verilmez", "For information: no status"),
    },
    "projection": {
        "reached": ("Hedefe ulaşıldı", "Target reached"),
        "by_target_year": ("Hedef yılına kadar ulaşılıyor", "Reached by the target year"),
        "after_target_year": ("Hedef yılından sonra ulaşılıyor", "Reached after the target year"),
        "not_at_this_pace": ("Bu hızla ulaşılamıyor", "Not reached at this pace"),
        "insufficient_data": ("Yetersiz veri", "Insufficient data"),
        "held": ("Düzey korunuyor", "Level held"),
        "not_held": ("Düzey korunamıyor", "Level not held"),
        "no_target": ("Sayısal hedef yok", "No numeric target"),
    },
    "area": {"province": ("İl", "Province"), "region": ("Bölge", "Region"), "district": ("İlçe", "District")},
    "measure": {
        "level": ("Düzey", "Level"),
        "cumulative": ("Kümülatif", "Cumulative"),
        "per_period": ("Dönemlik", "Per period"),
    },
    "period_type": {
        "year": ("Yıl", "Year"),
        "quarter": ("Çeyrek", "Quarter"),
        "month": ("Ay", "Month"),
        "date": ("Gün", "Day"),
    },
    # the extract levels of the downloads; node levels take the plan's plural names
    "extract_level": {
        "measurements": ("Ölçümler", "Measurements"),
        "indicators": ("Gösterge ilerlemesi", "Indicator progress"),
        "districts": ("İlçe karneleri", "District scorecards"),
        "yearly": ("Yıllık değerler", "Yearly values"),
        "league": ("Sıralama", "League table"),
        "status_counts": ("Durum sayıları", "Status counts"),
        "lagging": ("Geride kalan hedefler", "Lagging goals"),
        "rejected": ("Reddedilen satırlar", "Rejected rows"),
        "pack": ("Toplantı dosyası", "Meeting pack"),
    },
    "language": {"tr": ("Türkçe", "Turkish"), "en": ("İngilizce", "English")},
    "boolean": {"yes": ("Evet", "Yes"), "no": ("Hayır", "No")},
}
