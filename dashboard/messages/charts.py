"""The charts' text alternatives: the sentence that says what a chart shows and the headers of its
table (``"chart.<key>"``; built by the figure builders, placed by
:func:`dashboard.figures.alternative.chart_graph`). Numbers are passed in already formatted."""

from __future__ import annotations

#: key → (Turkish, English)
CHARTS: dict[str, tuple[str, str]] = {
    "show_table": ("Tablo olarak göster", "Show as table"),
    "table_left_out": (
        "Bu grafiğin {count} satırlık tablosu sayfada gösterilmiyor: tüm değerler sayfanın indirme dosyalarında.",
        "This chart's table of {count} rows is not shown on the page: the page's downloads give every value.",
    ),
    "lowest": ("En düşük", "Lowest"),
    "highest": ("En yüksek", "Highest"),
    "mean": ("Ortalama", "Mean"),
    "code": ("Kod", "Code"),
    "name": ("Ad", "Name"),
    "realization": (
        "Yıllara göre gerçekleşme ({first}–{last}): {year} yılında {realization}, beklenen {expected}.",
        "Realization by year ({first}–{last}): {realization} in {year}, expected {expected}.",
    ),
    "indicator": (
        "Gerçekleşen değerler ({first}–{last}): {year} yılında {latest}.",
        "Actual values ({first}–{last}): {latest} in {year}.",
    ),
    "baseline": ("Başlangıç {value} ({year}).", "Baseline {value} ({year})."),
    "target": ("Hedef {value} ({year}).", "Target {value} ({year})."),
    "projection": (
        "Mevcut hızla {year} yılında {value} öngörülüyor.",
        "At the current pace, {value} is projected for {year}.",
    ),
    "league": (
        "{count} sıra: ilk {first_name} ({first}), son {last_name} ({last}).",
        "{count} ranked: first {first_name} ({first}), last {last_name} ({last}).",
    ),
    "league_cut": (
        "Grafik {total} sıranın ilk ve son {half} tanesini gösteriyor.",
        "The chart shows the first and last {half} of {total}.",
    ),
    "province_line": ("Kesikli çizgi il geneli: {value}.", "The dashed line is the province: {value}."),
    "spread": (
        "Yayılım ({first}–{last}): {year} yılında en düşük {lowest}, en yüksek {highest}, "
        "ortalama {mean}; değişim katsayısı {first_variation} iken {last_variation}.",
        "Spread ({first}–{last}): in {year} lowest {lowest}, highest {highest}, mean {mean}; "
        "coefficient of variation from {first_variation} to {last_variation}.",
    ),
    "hierarchy": ("{root}: {count} hedef; {statuses}.", "{root}: {count} goals; {statuses}."),
    "regions_count": ("{count} bölge", "{count} regions"),
    "map": (
        "Haritada {areas}, {with_data} tanesinin verisi var: en yüksek {high_name} ({high}), en düşük {low_name} ({low}).",
        "The map shows {areas}, {with_data} with data: highest {high_name} ({high}), lowest {low_name} ({low}).",
    ),
    "map_empty": ("Haritada {areas}; hiçbirinin verisi yok.", "The map shows {areas}; none has data."),
}
