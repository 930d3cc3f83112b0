"""The strings of the downloads: column headers, metadata fields, the extract builder page, README.txt.

Keys carry their part as a prefix: ``header.<column key>`` (the header of an export column),
``metadata.<field>`` (a row of metadata.csv, README.txt and the metadata sheets), ``extract.<key>``
(the extract builder page), ``file.<key>`` (sheet names, README lines, the download buttons).
"""

from __future__ import annotations

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
    "path_value": ("Beklenen yol", "Expected path"),
    "league_rank": ("Sıra", "Rank"),
    "subject_code": ("Gösterge / öğe kodu", "Indicator or item code"),
    "subject_name": ("Gösterge / öğe adı", "Indicator or item name"),
    "gap_to_best": ("En iyiye fark", "Gap to best"),
    "ranked_areas": ("Sıralanan alan sayısı", "Areas ranked"),
    "goal_count": ("Hedef sayısı", "Goals"),
    "indicator_count": ("Gösterge sayısı", "Indicators"),
    "goals_measured": ("İlçe düzeyinde ölçülen hedef", "Goals measured per district"),
    "goals": ("Hedef sayısı", "Goals"),
    "file_name": ("Dosya", "File"),
    "row_number": ("Satır", "Row"),
    "column_name": ("Sütun", "Column"),
    "reason": ("Ret nedeni", "Reason"),
    "reason_code": ("Ret nedeninin kodu", "Reason code"),
    "raw_row": ("Ham satır", "Raw row"),
    "run_started_at": ("Yükleme başlangıcı", "Run started at"),
    "run_status": ("Yükleme durumu", "Run status"),
}

#: metadata field → (Turkish, English)
METADATA: dict[str, tuple[str, str]] = {
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
    "organisation": ("Kurum", "Organisation"),
    "plan_period": ("Plan dönemi", "Plan period"),
    "formula": ("Formül", "Formula"),
    "capping": ("Sınırlama", "Capping"),
    "coverage_floor": ("Veri kapsamı eşiği", "Coverage floor"),
    "content_kinds": (
        "Resmî: planın kendi metni; Çalışma: projenin yazdığı içerik (README'ye bakınız).",
        "Official: the plan's own text; Working: content the project wrote (see the README).",
    ),
    "field": ("Alan", "Field"),
    "value": ("Değer", "Value"),
    "last_load_value": ("{when} · {source} · yükleme {run}", "{when} · {source} · run {run}"),
    "capped": ("gerçekleşme %0–100 ile sınırlı", "realization capped to 0–100 %"),
    "not_capped": ("gerçekleşme sınırlanmadı", "realization not capped"),
    "status_method": (
        "Göstergeler: {used}. Hız oranı R: R ≥ {on_track} yolunda, ≥ {acceleration} hızlanma gerekli, "
        "≥ {limited} sınırlı ilerleme, altı kötüleşme; koruma hedefleri: %{tolerance} içinde korunuyorsa "
        "ulaşıldı, değilse yalnız yöne göre yıllık büyüme eşikleri %{high} / %{low}; hedef yılından sonra "
        "ulaşıldı ya da ulaşılamadı. Üst düzeyler: gerçekleşme ÷ beklenen gerçekleşme, aynı eşiklerle; "
        "hepsi ulaştıysa ulaşıldı, hedef yılı geçtiyse ulaşılamadı; il düzeyinde ölçülen hedefler ilçede "
        "ölçülmüyor sayılır; veri kapsamı %{floor}'nin altındaysa gösterilmez; {capped}.",
        "Indicators: {used}. Pace ratio R: R ≥ {on_track} on track, ≥ {acceleration} acceleration "
        "needed, ≥ {limited} limited progress, below deterioration; maintain targets: held within "
        "{tolerance} %, else direction-only growth thresholds {high} % / {low} % a year; after the target "
        "year achieved or not achieved. Higher levels: realization ÷ expected realization with the same "
        "thresholds; achieved when every child achieved, not achieved past the target year; goals measured "
        "by province only are not measured per district; withheld below {floor} % data coverage; {capped}.",
    ),
}

#: the extract builder page (/<plan>/extract): key → (Turkish, English)
EXTRACT_PAGE: dict[str, tuple[str, str]] = {
    "title": ("Veri indir", "Download data"),
    "intro": (
        "Bir düzey ve süzgeçler seçin; önizleme indirilecek dosyanın ilk satırlarını gösterir. "
        "Bu sayfanın adresi seçimi saklar: paylaşılabilir, yer imi olarak kaydedilebilir.",
        "Choose a level and filters; the preview shows the first rows of the file you will download. "
        "This page's address keeps the choice: share it or bookmark it.",
    ),
    "level": ("Düzey", "Level"),
    "indicator": ("Gösterge", "Indicator"),
    "district": ("İlçe", "District"),
    "region": ("Bölge", "Region"),
    "area": ("Alan düzeyi", "Area level"),
    "from": ("İlk yıl", "From year"),
    "to": ("Son yıl", "To year"),
    "columns": ("Sütunlar (boş: tümü)", "Columns (empty: all)"),
    "dialect": ("Dosya biçimi", "File format"),
    "all": ("Tümü", "All"),
    "preview": ("Önizleme", "Preview"),
    "rows": ("{first}–{last}. satırlar, toplam {total}", "rows {first}–{last} of {total}"),
    "no_rows": ("Bu seçime uyan satır yok.", "No rows match this choice."),
    "previous": ("‹ Önceki", "‹ Previous"),
    "next": ("Sonraki ›", "Next ›"),
    "csv": ("CSV indir", "Download CSV"),
    "zip": ("CSV + bilgi (ZIP)", "CSV + metadata (ZIP)"),
    "xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "pack": ("Toplantı dosyası (Excel)", "Meeting pack (Excel)"),
    "problems": ("Bu adresteki seçim anlaşılamadı:", "The choice in this address was not understood:"),
    "not_applicable": ("bu düzeyde kullanılmaz", "not used at this level"),
}

#: sheet names, README.txt and the download buttons beside tables: key → (Turkish, English)
FILES: dict[str, tuple[str, str]] = {
    # the headers of the hierarchy columns, with the plan's level name ("Eksen kodu", "Aim name")
    "level_code_header": ("{level} kodu", "{level} code"),
    "level_name_header": ("{level} adı", "{level} name"),
    "metadata_sheet": ("Üst veri", "Metadata"),
    "summary_sheet": ("Özet", "Summary"),
    "indicators_sheet": ("Göstergeler", "Indicators"),
    "districts_sheet": ("İlçeler", "Districts"),
    "monitoring_sheet": ("İzleme {year}", "Monitoring {year}"),
    "level": ("Düzey", "Level"),
    "code": ("Kod", "Code"),
    "name": ("Ad", "Name"),
    "view_csv": ("CSV indir", "Download CSV"),
    "view_csv_help": (
        "Bu görünümün verisini CSV olarak indir (Excel Türkçe biçimi)",
        "Download the data of this view as CSV (Excel Turkish format)",
    ),
    "pack": ("Toplantı dosyası (Excel)", "Meeting pack (Excel)"),
    "pack_help": (
        "Bu seçimin özet, hedef, gösterge ve ilçe tablolarını içeren Excel dosyası",
        "An Excel file with the summary, goals, indicators and districts of this selection",
    ),
    "readme_table": (
        "{data_file}: tablo (bir başlık satırı, ardından veriler).",
        "{data_file}: the table (one header row, then the data).",
    ),
    "readme_metadata": (
        "metadata.csv: aşağıdaki bilgilerin iki sütunlu tablo hâli.",
        "metadata.csv: the same facts as below, as a two-column table.",
    ),
    "readme_format": (
        "Biçim: {dialect} — ayraç '{delimiter}', ondalık işareti '{decimal}', kodlama UTF-8{bom}.",
        "Format: {dialect} — separator '{delimiter}', decimal mark '{decimal}', encoding UTF-8{bom}.",
    ),
    "readme_bom": (" (BOM ile)", " with BOM"),
    "readme_formulas": (
        "= + - @ ya da sekmeyle başlayan metin hücrelerinin başına kesme işareti (') eklenir; böylece "
        "tablolama programları bunları formül olarak çalıştırmaz.",
        "Text cells starting with = + - @ or a tab get a leading apostrophe so that spreadsheets never "
        "run them as formulas.",
    ),
    "readme_codes": (
        "1.1 gibi kodlar CSV dosyası Excel'de çift tıklanarak açıldığında tarih sanılabilir; Excel (.xlsx) "
        "dışa aktarımı bunları metin olarak saklar.",
        "Codes such as 1.1 may be read as dates when a CSV file is opened by double click in Excel; "
        "the Excel (.xlsx) export keeps them as text.",
    ),
}
