"""Headers and value labels of the exports, in Turkish and English.

Status, trend, direction, method and projection labels are the dashboard's
own (:mod:`dashboard.i18n`), so a file says what the screen says. Headers of
the hierarchy columns use the plan's level names ("Eksen kodu", "Aim name").
"""

from __future__ import annotations

from dashboard.i18n import DIRECTION_LABELS, METHOD_LABELS, PROJECTION_LABELS, STATUS_LABELS, TREND_LABELS
from gosterge.plan.model import UNITS, Plan
from warehouse.downloads.filter import DISTRICTS, INDICATORS, MEASUREMENTS, REJECTED, node_depth, node_parameters

#: column key → (Turkish, English)
HEADERS: dict[str, tuple[str, str]] = {
    "plan_code": ("Plan kodu", "Plan code"),
    "indicator_code": ("Gösterge kodu", "Indicator code"),
    "indicator_name": ("Gösterge adı", "Indicator name"),
    "unit": ("Birim", "Unit"),
    "area_level": ("Alan düzeyi", "Area level"),
    "area_code": ("Alan kodu", "Area code"),
    "area_name": ("Alan adı", "Area name"),
    "region_code": ("Bölge kodu", "Region code"),
    "region_name": ("Bölge adı", "Region name"),
    "period": ("Dönem", "Period"),
    "period_type": ("Dönem türü", "Period type"),
    "year": ("Yıl", "Year"),
    "period_end": ("Dönem sonu", "Period end"),
    "value": ("Değer", "Value"),
    "baseline_year": ("Başlangıç yılı", "Baseline year"),
    "baseline_value": ("Başlangıç değeri", "Baseline value"),
    "year_target": ("Yılın hedefi", "Target for the year"),
    "target_year": ("Hedef yılı", "Target year"),
    "target_value": ("Hedef değer", "Target value"),
    "source_id": ("Kaynak", "Source"),
    "run_id": ("Yükleme no", "Load run"),
    "loaded_at": ("Yükleme zamanı", "Loaded at"),
    "is_demo": ("Demo verisi", "Demo data"),
    "direction": ("Yön", "Direction"),
    "measure": ("Ölçüm türü", "Measure"),
    "weight": ("Ağırlık", "Weight"),
    "base_year": ("Baz yılı", "Base year"),
    "base_value": ("Baz değeri", "Base value"),
    "latest_year": ("Son veri yılı", "Latest year"),
    "latest_value": ("Son değer", "Latest value"),
    "realization_pct": ("Gerçekleşme (%)", "Realization (%)"),
    "expected_pct": ("Beklenen (%)", "Expected (%)"),
    "expected_now_pct": ("Bugün beklenen (%)", "Expected now (%)"),
    "status": ("Durum", "Status"),
    "status_code": ("Durum kodu", "Status code"),
    "pace_ratio": ("Hız oranı", "Pace ratio"),
    "score": ("Puan", "Score"),
    "trend": ("Eğilim", "Trend"),
    "projected_year": ("Öngörülen ulaşma yılı", "Projected year"),
    "projection": ("Öngörü", "Projection"),
    "method": ("Yöntem", "Method"),
    "data_points": ("Veri noktası", "Data points"),
    "actual_pace": ("Gerçekleşen hız (yıllık)", "Actual pace (per year)"),
    "required_pace": ("Gereken hız (yıllık)", "Required pace (per year)"),
    "flags": ("Uyarılar", "Flags"),
    "note": ("Not", "Note"),
    "coverage_pct": ("Veri kapsamı (%)", "Data coverage (%)"),
    "children": ("Alt öğe sayısı", "Children"),
    "children_with_data": ("Verisi olan alt öğe", "Children with data"),
    "withheld": ("Yetersiz veri nedeniyle gösterilmedi", "Withheld (too little data)"),
    "district_code": ("İlçe kodu", "District code"),
    "district_name": ("İlçe adı", "District name"),
    "node_level": ("Düzey", "Level"),
    "node_code": ("Kod", "Code"),
    "node_name": ("Ad", "Name"),
    "rank": ("İlçeler arasında sıra", "Rank among districts"),
    "ranked_districts": ("Sıralanan ilçe sayısı", "Districts ranked"),
    "province_realization_pct": ("İl geneli gerçekleşme (%)", "Province realization (%)"),
    "gap_to_province_pct": ("İl geneline fark (puan)", "Gap to the province (points)"),
    "file_name": ("Dosya", "File"),
    "row_number": ("Satır", "Row"),
    "column_name": ("Sütun", "Column"),
    "reason": ("Ret nedeni", "Reason"),
    "raw_row": ("Ham satır", "Raw row"),
    "run_started_at": ("Yükleme başlangıcı", "Run started at"),
    "run_status": ("Yükleme durumu", "Run status"),
}

AREA_LABELS = {"province": ("İl", "Province"), "region": ("Bölge", "Region"), "district": ("İlçe", "District")}
MEASURE_LABELS = {
    "level": ("Düzey", "Level"),
    "cumulative": ("Kümülatif", "Cumulative"),
    "per_period": ("Dönemlik", "Per period"),
}
PERIOD_TYPE_LABELS = {
    "year": ("Yıl", "Year"),
    "quarter": ("Çeyrek", "Quarter"),
    "month": ("Ay", "Month"),
    "date": ("Gün", "Day"),
}
BOOLEAN_LABELS = {"tr": ("Evet", "Hayır"), "en": ("Yes", "No")}

#: extract level → (Turkish, English); node levels take the plan's plural names
LEVEL_LABELS = {
    MEASUREMENTS: ("Ölçümler", "Measurements"),
    INDICATORS: ("Gösterge ilerlemesi", "Indicator progress"),
    DISTRICTS: ("İlçe karneleri", "District scorecards"),
    REJECTED: ("Reddedilen satırlar", "Rejected rows"),
    "pack": ("Toplantı dosyası", "Meeting pack"),
}


def pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def level_label(plan: Plan, level: str, language: str) -> str:
    """'Ölçümler', 'Hedefler' (node levels use the plan's plural), 'İlçe karneleri' …"""
    depth = node_depth(plan, level)
    if depth is not None:
        plan_level = plan.levels[depth]
        return pick((plan_level.plural_tr, plan_level.plural_en), language)
    return pick(LEVEL_LABELS[level], language)


def header(plan: Plan, key: str, language: str) -> str:
    """The column header of ``key`` in ``language``; hierarchy columns use the plan's level names."""
    if key in HEADERS:
        return pick(HEADERS[key], language)
    for depth, parameter in enumerate(node_parameters(plan)):
        level = plan.levels[depth]
        name = pick((level.name_tr, level.name_en), language)
        if key == f"{parameter}_code":
            return f"{name} kodu" if language == "tr" else f"{name} code"
        if key == f"{parameter}_name":
            return f"{name} adı" if language == "tr" else f"{name} name"
    return key


def vocabulary(plan: Plan, name: str, language: str) -> dict[str, str]:
    """Code → label of one vocabulary (see :class:`warehouse.downloads.columns.ExtractColumn`)."""
    if name == "unit":
        return {code: unit.name_en if language == "en" else unit.name_tr for code, unit in UNITS.items()}
    if name == "depth":
        labels = {"-1": "Plan"}
        for depth, level in enumerate(plan.levels):
            labels[str(depth)] = pick((level.name_tr, level.name_en), language)
        return labels
    tables = {
        "status": STATUS_LABELS,
        "trend": TREND_LABELS,
        "direction": DIRECTION_LABELS,
        "method": METHOD_LABELS,
        "projection": PROJECTION_LABELS,
        "area": AREA_LABELS,
        "measure": MEASURE_LABELS,
        "period_type": PERIOD_TYPE_LABELS,
    }
    return {code: pick(pair, language) for code, pair in tables[name].items()}
