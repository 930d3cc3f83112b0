"""Turkish (default) and English: interface strings, plan titles, numbers and dates.

Turkish formats: 1.234,5 for numbers, %77,6 for percentages, 21.11.2026 for
dates. English: 1,234.5, 77.6 %, 2026-11-21.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from gosterge.language import DEFAULT_LANGUAGE, LANGUAGES, field_in_language, in_language, language  # noqa: F401

#: key → (Turkish, English)
STRINGS: dict[str, tuple[str, str]] = {
    "app_name": ("Gösterge", "Gösterge"),
    "tagline": ("Kalkınma planı izleme", "Development plan monitoring"),
    "plan": ("Plan", "Plan"),
    "overview": ("Genel bakış", "Overview"),
    "districts": ("İlçeler", "Districts"),
    "district": ("İlçe", "District"),
    "region": ("Bölge", "Region"),
    "regions": ("Bölgeler", "Regions"),
    "province": ("İl geneli", "Province"),
    "indicator": ("Gösterge", "Indicator"),
    "indicators": ("Göstergeler", "Indicators"),
    "search": ("Ara", "Search"),
    "search_placeholder": ("Hedef veya gösterge ara (kod ya da ad)", "Search goals or indicators (code or name)"),
    "search_results": ("Arama sonuçları", "Search results"),
    "search_none": ("Sonuç bulunamadı.", "No results."),
    "search_hint": ("Aramak için bir kod ya da ad yazın.", "Type a code or a name to search."),
    "language_switch": ("English", "Türkçe"),
    "language_switch_label": ("Switch to English", "Türkçeye geç"),
    "skip_to_content": ("İçeriğe geç", "Skip to content"),
    "all": ("Tümü", "All"),
    "filter": ("Süzgeç", "Filter"),
    "clear_filters": ("Süzgeçleri temizle", "Clear filters"),
    "realization": ("Gerçekleşme", "Realization"),
    "expected": ("Beklenen", "Expected"),
    "status": ("Durum", "Status"),
    "trend": ("Eğilim", "Trend"),
    "score": ("Puan", "Score"),
    "weight": ("Ağırlık", "Weight"),
    "latest_value": ("Son değer", "Latest value"),
    "base_value": ("Başlangıç değeri", "Base value"),
    "target": ("Hedef değer", "Target"),
    "unit": ("Birim", "Unit"),
    "source": ("Kaynak", "Source"),
    "frequency": ("Sıklık", "Frequency"),
    "responsible_unit": ("Sorumlu birim", "Responsible unit"),
    "definition": ("Tanım", "Definition"),
    "last_load": ("Son yükleme", "Last load"),
    "direction": ("Yön", "Direction"),
    "method": ("Yöntem", "Method"),
    "thresholds": ("Eşikler", "Thresholds"),
    "pace_ratio": ("Hız oranı", "Pace ratio"),
    "required_pace": ("Gereken hız (yıllık)", "Required pace (per year)"),
    "actual_pace": ("Gerçekleşen hız (yıllık)", "Actual pace (per year)"),
    "projected_year": ("Öngörülen ulaşma yılı", "Projected year"),
    "projection": ("Öngörü", "Projection"),
    "coverage": ("Veri kapsamı", "Data coverage"),
    "children_with_data": ("Verisi olan alt öğeler", "Children with data"),
    "worst_children": ("En zayıf iki alt öğe", "Two weakest children"),
    "alarm_score": ("Alarm puanı (en zayıf ikisi)", "Alarm score (weakest two)"),
    "status_bands": ("Durum bantları (puan)", "Status bands (score)"),
    "status_bands_text": (
        "≥2,5 yolunda · 0–2,5 hızlanma gerekli · −2,5–0 sınırlı · <−2,5 kötüleşme",
        "≥2.5 on track · 0–2.5 acceleration needed · −2.5–0 limited · <−2.5 deterioration",
    ),
    "data_from": ("Veri", "Data"),
    "why_status": ("Bu durum neden?", "Why this status?"),
    "year": ("Yıl", "Year"),
    "value": ("Değer", "Value"),
    "actual": ("Gerçekleşen", "Actual"),
    "expected_path": ("Beklenen yol", "Expected path"),
    "baseline": ("Başlangıç", "Baseline"),
    "projection_line": ("Mevcut hızla öngörü", "Projection at current pace"),
    "realization_vs_expected": ("Gerçekleşme ve beklenen yol", "Realization against the expected path"),
    "overall": ("Planın geneli", "Whole plan"),
    "goal_tiles": ("Tüm hedefler bir bakışta", "Every goal at a glance"),
    "hierarchy": ("Plan yapısı", "Plan structure"),
    "hierarchy_help": (
        "Halkalar: plan, üst düzeyler ve hedefler; renk durumu gösterir.",
        "Rings: the plan, its upper levels and goals; colour shows status.",
    ),
    "status_counts": ("Duruma göre hedef ve gösterge sayıları", "Goals and indicators per status"),
    "status_counts_cell": ("hedef / gösterge", "goals / indicators"),
    "lagging_goals": ("Geride kalan hedefler", "Lagging goals"),
    "no_lagging": ("Geride kalan hedef yok.", "No lagging goals."),
    "total": ("Toplam", "Total"),
    "chart": ("Grafik", "Chart"),
    "table": ("Tablo", "Table"),
    "map": ("Harita", "Map"),
    "map_geographic": ("Coğrafi harita", "Geographic map"),
    "map_tiles": ("Kare harita", "Tile map"),
    "map_tiles_help": (
        "Her kare bir ilçe; konumlar coğrafyayı kabaca izler.",
        "One square per district; positions roughly follow geography.",
    ),
    "map_colour_by": ("Haritada gösterilen", "Shown on the map"),
    "map_click_help": (
        "İlçe sayfasını açmak için haritada bir ilçeye tıklayın ya da listeden seçin.",
        "Click a district on the map, or pick it from the list, to open its page.",
    ),
    "attribution": (
        "© OpenStreetMap katkıcıları; geoBoundaries (Runfola vd. 2020), ODbL",
        "© OpenStreetMap contributors; geoBoundaries (Runfola et al. 2020), ODbL",
    ),
    "district_breakdown": ("İlçelere göre", "By district"),
    "district_list": ("İlçe listesi", "District list"),
    "equity": ("Eşitlik görünümü", "Equity view"),
    "league_table": ("İlçe sıralaması", "District league table"),
    "rank": ("Sıra", "Rank"),
    "gap_to_best": ("En iyiye fark", "Gap to best"),
    "spread_over_time": ("İlçeler arası fark zaman içinde", "Spread across districts over time"),
    "spread_range": ("En yüksek − en düşük", "Highest − lowest"),
    "variation": ("Değişim katsayısı", "Coefficient of variation"),
    "narrowing": ("İlçeler arası fark daralıyor.", "The gap between districts is narrowing."),
    "widening": ("İlçeler arası fark açılıyor.", "The gap between districts is widening."),
    "steady": ("İlçeler arası fark aşağı yukarı aynı.", "The gap between districts is about the same."),
    "spread_unknown": ("Fark eğilimi için yeterli veri yok.", "Not enough data for the spread's trend."),
    "scorecard": ("Karne", "Scorecard"),
    "rank_among": ("{count} ilçe içinde {rank}. sırada", "ranked {rank} of {count} districts"),
    "compare_province": ("İl geneliyle karşılaştırma", "Compared with the province"),
    "district_value": ("İlçe", "District"),
    "province_value": ("İl", "Province"),
    "select_indicator": ("Gösterge seçin", "Choose an indicator"),
    "select_goal": ("Hedef seçin", "Choose a goal"),
    "show": ("Göster", "Show"),
    "show_realization": ("Gerçekleşme (%)", "Realization (%)"),
    "show_value": ("Son değer", "Latest value"),
    "province_only": (
        "Bu gösterge yalnızca il düzeyinde ölçülüyor.",
        "This indicator is measured for the province only.",
    ),
    "no_data": ("Henüz veri yok.", "No data yet."),
    "demo_data": ("Demo verisi", "Demo data"),
    "demo_data_help": (
        "Bu değerler gösterim için üretilmiştir; gerçek ölçüm değildir.",
        "These values are generated for demonstration; they are not real measurements.",
    ),
    "working_title": ("Çalışma içeriği: resmî metin değil", "Working content: not the official text"),
    "stale": ("Güncel değil", "Out of date"),
    "stale_help": ("Son yükleme kaynağın takviminden eski.", "The last load is older than the source's schedule."),
    "never_loaded": ("Henüz yükleme yok", "Nothing loaded yet"),
    "loaded_from": ("{when} · {source}", "{when} · {source}"),
    "not_found": ("Bulunamadı", "Not found"),
    "not_found_text": ("Bu adreste bir sayfa yok: {what}", "There is no page at this address: {what}"),
    "unknown_plan": ("bilinmeyen plan kodu “{code}”", "unknown plan code “{code}”"),
    "unknown_code": ("bilinmeyen kod “{code}”", "unknown code “{code}”"),
    "back_to_overview": ("Genel bakışa dön", "Back to the overview"),
    "error": ("Bir hata oluştu", "Something went wrong"),
    "error_text": (
        "Bu görünüm oluşturulamadı; hata kaydedildi.",
        "This view could not be built; the error was logged.",
    ),
    "period": ("Dönem", "Period"),
    "goals_count": ("hedef", "goals"),
    "indicators_count": ("gösterge", "indicators"),
    "open": ("Aç", "Open"),
    "children": ("Alt öğeler", "Children"),
    "measured_in": ("Ölçüldüğü alan", "Measured in"),
    "area": ("Alan", "Area"),
    "run": ("Yükleme", "Load run"),
    "file": ("Dosya", "File"),
    "flags": ("Notlar", "Notes"),
    "for_district": ("{name} ilçesi için", "for {name} district"),
    "yearly_values": ("Yıllık değerler", "Yearly values"),
    "equity_for": ("Eşitlik: {name}", "Equity: {name}"),
    "goal_realization_map": ("Hedef gerçekleşmesi", "Goal realization"),
    "region_summary": ("Bölgelere göre", "By region"),
    "region_league": ("Bölge sıralaması", "Region league table"),
    "region_spread_over_time": ("Bölgeler arası fark zaman içinde", "Spread across regions over time"),
    "region_narrowing": ("Bölgeler arası fark daralıyor.", "The gap between regions is narrowing."),
    "region_widening": ("Bölgeler arası fark açılıyor.", "The gap between regions is widening."),
    "region_steady": ("Bölgeler arası fark aşağı yukarı aynı.", "The gap between regions is about the same."),
    "region_districts_count": ("{regions} bölge, {districts} ilçe", "{regions} regions, {districts} districts"),
    "region_members_count": ("{count} ilçe", "{count} districts"),
    "region_click_help": (
        "Bölgenin ilçelerini görmek için haritada bir bölgeye tıklayın ya da listeden seçin.",
        "Click a region on the map, or pick it from the list, to see its districts.",
    ),
    # ---- the period of the districts, region and district views (?year=…)
    "period_latest": ("{year} · son durum", "{year} · latest"),
    "year_values": ("{year} değerleri", "{year} values"),
    "past_year_note": (
        "her alanın {year} yılındaki değeri ve {year} yılında beklenen gerçekleşmeye göre "
        "gerçekleşmesi. Durum ve eğilim yalnızca son veri yılı ({latest}) için değerlendirilir; "
        "“Bu durum neden?” panelleri de son durumu açıklar.",
        "each area's value in {year} and its realization against the realization expected in "
        "{year}. Status and trend are assessed for the latest data year ({latest}) only; the "
        "“Why this status?” panels explain the latest status too.",
    ),
    "back_to_latest": ("Son duruma dön", "Back to the latest"),
    "value_in_year": ("{year} değeri", "Value {year}"),
    "status_latest_only": (
        "Durum yalnızca son veri yılı için değerlendirilir.",
        "Status is assessed for the latest data year only.",
    ),
    "rank_among_in_year": (
        "{year} yılında {count} ilçe içinde {rank}. sırada",
        "ranked {rank} of {count} districts in {year}",
    ),
    "unknown_year": ("bu görünüm için verisi olmayan yıl “{year}”", "a year without data for this view: “{year}”"),
    "download_year": (
        "Bu görünümün {year} ölçümlerini CSV olarak indir (Excel Türkçe biçimi)",
        "Download this view's {year} measurements as CSV (Excel Turkish format)",
    ),
    "download_latest_only": (
        "CSV son değerleri içerir (bu dışa aktarımda yıl süzgeci yok).",
        "The CSV holds the latest values (this export has no year filter).",
    ),
    "value_year_differs": ("{year} yılının değeri", "value of {year}"),
    # ---- the yearly monitoring table (Stratejik Plan İzleme Tablosu)
    "monitoring": ("İzleme tablosu", "Monitoring table"),
    "monitoring_title": ("Stratejik Plan İzleme Tablosu", "Strategic Plan Monitoring Table"),
    "monitoring_intro": (
        "{year} yılı için her göstergenin o yılın hedefi, gerçekleşen değeri ve gerçekleşme "
        "oranı; hedeflerin ağırlıklı gerçekleşmesi.",
        "For {year}: each indicator's target for that year, the value realized and the "
        "realization rate; each goal's weighted realization.",
    ),
    "monitoring_year": ("İzleme yılı", "Monitoring year"),
    "monitoring_download": ("Excel olarak indir", "Download as Excel"),
    "monitoring_overall": ("Planın {year} yılı gerçekleşmesi", "Plan realization in {year}"),
    "monitoring_code": ("Kod", "Code"),
    "monitoring_indicator": ("Performans göstergesi", "Performance indicator"),
    "monitoring_weight": ("Hedefe etkisi (%)", "Weight in goal (%)"),
    "monitoring_base": ("Plan başlangıç değeri", "Plan start value"),
    "monitoring_target": ("{year} hedefi", "Target {year}"),
    "monitoring_target_kind": ("Hedef türü", "Target type"),
    "monitoring_realized": ("{year} gerçekleşme", "Realized {year}"),
    "monitoring_added": ("Yıl içinde eklenen", "Added in the year"),
    "monitoring_realization": ("Gerçekleşme oranı (%)", "Realization (%)"),
    "monitoring_goal_realization": ("Hedef gerçekleşme oranı (%)", "Goal realization (%)"),
    "monitoring_content": ("İçerik", "Content"),
    "monitoring_note": ("Not", "Note"),
    "monitoring_coverage": ("veri kapsamı {share}", "data coverage {share}"),
    "monitoring_withheld": ("yetersiz veri (kapsam {share})", "too little data (coverage {share})"),
    "monitoring_cumulative": ("kümülatif toplam", "running total"),
    "monitoring_per_period": ("yılın değeri, yılın hedefiyle", "the year's value against the year's target"),
    "monitoring_target_interim": ("Ara hedef", "Interim target"),
    "monitoring_target_final": ("Plan sonu hedefi", "Final target"),
    "monitoring_target_path": ("Doğrusal yol", "Linear path"),
    "monitoring_official": ("Resmî", "Official"),
    "monitoring_working": ("Çalışma", "Working"),
    "monitoring_formula": (
        "Gerçekleşme oranı = (X − A) / (Y − A) × 100; A: plan başlangıç değeri, Y: yılın "
        "hedefi, X: yılın gerçekleşmesi (kümülatif göstergelerde toplam). Dönemlik göstergelerde "
        "X ÷ Y × 100. Hedef gerçekleşmesi = Σ hedefe etkisi × gerçekleşme / Σ hedefe etkisi "
        "(verisi olan göstergeler).",
        "Realization = (X − A) / (Y − A) × 100; A: plan start value, Y: the year's target, X: "
        "the year's value (the running total for cumulative indicators). Per-period "
        "indicators: X ÷ Y × 100. Goal realization = Σ weight × realization / Σ weight "
        "(indicators with data).",
    ),
    "monitoring_capped": (
        "Hedef gerçekleşmesinde gösterge oranları %0–100 aralığına sınırlanır.",
        "In goal realizations indicator rates are capped to 0–100 %.",
    ),
    "monitoring_uncapped": (
        "Hedef gerçekleşmesinde gösterge oranları sınırlanmaz.",
        "In goal realizations indicator rates are not capped.",
    ),
    "monitoring_no_year": ("bilinmeyen izleme yılı “{year}”", "unknown monitoring year “{year}”"),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("Hedefe ulaşıldı", "Target achieved"),
    "on_track": ("Yolunda", "On track"),
    "acceleration_needed": ("Hızlanma gerekli", "Acceleration needed"),
    "limited": ("Sınırlı ilerleme", "Limited progress"),
    "deterioration": ("Kötüleşme", "Deterioration"),
    "not_available": ("Veri yetersiz", "Not enough data"),
}

TREND_LABELS: dict[str, tuple[str, str]] = {
    "up": ("Hedef hızında", "On pace"),
    "moderate": ("Orta düzeyde iyileşme", "Moderately improving"),
    "stagnating": ("Duraklama", "Stagnating"),
    "down": ("Geriye gidiş", "Moving away"),
    "none": ("Eğilim yok", "No trend"),
}

DIRECTION_LABELS: dict[str, tuple[str, str]] = {
    "increase": ("Artması hedefleniyor", "Higher is better"),
    "decrease": ("Azalması hedefleniyor", "Lower is better"),
    "maintain": ("Korunması hedefleniyor", "Keep the level"),
}

FREQUENCY_LABELS: dict[str, tuple[str, str]] = {
    "yearly": ("Yıllık", "Yearly"),
    "quarterly": ("Üç aylık", "Quarterly"),
    "monthly": ("Aylık", "Monthly"),
}

METHOD_LABELS: dict[str, tuple[str, str]] = {
    "open_sdg_target": (
        "Hedefe göre hız (Open SDG, bileşik yıllık büyüme)",
        "Pace against the target (Open SDG, compound annual growth)",
    ),
    "linear_ratio": ("Gerçekleşme ÷ beklenen (doğrusal)", "Realization ÷ expected (linear)"),
    "maintain": ("Düzeyin korunması", "Level maintained"),
}

PROJECTION_LABELS: dict[str, tuple[str, str]] = {
    "reached": ("Hedefe ulaşıldı", "Target reached"),
    "by_target_year": ("Hedef yılına kadar ulaşılıyor", "Reached by the target year"),
    "after_target_year": ("Hedef yılından sonra ulaşılıyor", "Reached after the target year"),
    "not_at_this_pace": ("Bu hızla ulaşılamıyor", "Not reached at this pace"),
    "insufficient_data": ("Yetersiz veri", "Insufficient data"),
    "held": ("Düzey korunuyor", "Level held"),
    "not_held": ("Düzey korunamıyor", "Level not held"),
}

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return in_language(pair[0], pair[1], lang)


def t(key: str, lang: str, **values: Any) -> str:
    """The interface string ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    text = _pick(STRINGS[key], lang)
    return text.format(**values) if values else text


def status_label(status: str, lang: str) -> str:
    return _pick(STATUS_LABELS.get(status, STATUS_LABELS["not_available"]), lang)


def trend_label(trend: str, lang: str) -> str:
    return _pick(TREND_LABELS.get(trend, TREND_LABELS["none"]), lang)


def label(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    """A label from one of the tables above; the key itself when it is not in the table."""
    if key is None:
        return "–"
    return _pick(table[key], lang) if key in table else key


def title(item: Any, lang: str, prefix: str = "title") -> str:
    """``item``'s ``<prefix>_tr`` / ``<prefix>_en`` in ``lang`` (an object or a result row; 'name' for indicators)."""
    return field_in_language(item, prefix, lang)


def is_missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value: Any, lang: str, decimals: int = 1) -> str:
    """1.234,5 in Turkish, 1,234.5 in English; '–' for a missing value. Trailing zeros of
    whole numbers are dropped (1.234 not 1.234,0)."""
    if is_missing(value):
        return "–"
    number = float(value)
    if abs(number - round(number)) < 1e-9 and abs(number) >= 1:
        decimals = 0
    text = f"{number:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def format_percent(value: Any, lang: str, decimals: int = 1) -> str:
    """%77,6 in Turkish (the sign first, as Turkish writes it), 77.6% in English."""
    if is_missing(value):
        return "–"
    number = f"{float(value):,.{decimals}f}"
    if lang == "en":
        return f"{number}%"
    return "%" + number.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def format_date(value: Any, lang: str, with_time: bool = False) -> str:
    """21.11.2026 (14:05) in Turkish, 21 Nov 2026 (14:05) in English; '–' when missing."""
    if is_missing(value) or value == "":
        return "–"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if not isinstance(value, datetime) and isinstance(value, date):
        value = datetime(value.year, value.month, value.day)
    if lang == "en":
        text = f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    else:
        text = f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{text} {value.hour:02d}:{value.minute:02d}" if with_time else text


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark then thousands mark."""
    return ".," if lang == "en" else ",."
