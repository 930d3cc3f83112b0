"""Why a row was rejected (``"reason.<code>"``): one template per :class:`gosterge.rejections.ReasonCode`,
in Turkish and English, its ``{placeholders}`` the code's values (worded by :mod:`dashboard.reasons`:
numbers in the language's marks, units and frequencies by their names). The ETL's own English lines
(its command line, reports and logs) are its own and are not these."""

from __future__ import annotations

REASONS: dict[str, tuple[str, str]] = {
    # the indicator
    "indicator_missing": ("Gösterge kodu boş.", "The indicator is missing."),
    "unknown_indicator": (
        "Bilinmeyen gösterge “{indicator}”: {plan} planının bir gösterge kodu bekleniyordu.",
        "Unknown indicator “{indicator}”: expected an indicator code of plan {plan}.",
    ),
    # the district
    "unknown_district": (
        "Bilinmeyen ilçe “{district}”: {province} ilinin bir ilçesi ya da ilçe kodu bekleniyordu.",
        "Unknown district “{district}”: expected a district of {province} or its code.",
    ),
    "unknown_district_code": (
        "Bilinmeyen ilçe kodu “{code}”: {province} ilinin bir ilçe kodu bekleniyordu.",
        "Unknown district code “{code}”: expected a district code of {province}.",
    ),
    "ambiguous_district": (
        "Belirsiz ilçe “{district}”: {candidates} ile eşleşiyor; Türkçe harflerle ya da kodla yazın.",
        "Ambiguous district “{district}”: it matches {candidates}; write it with Turkish letters or as a code.",
    ),
    "label_names_other_province": (
        "İlçe “{label}”: {code} kodu {province} ilinin {district} ilçesi, ama etiket “{named}” ilini gösteriyor; "
        "yalnız kodu ya da adı yazın.",
        "District “{label}”: the code {code} is {district} in {province}, but the label names the province "
        "“{named}”; write the code or the name alone.",
    ),
    "label_names_other_district": (
        "İlçe “{label}”: {code} kodu {district} ilçesi, ama etiket “{named}” adını taşıyor; yalnız kodu ya da adı "
        "yazın.",
        "District “{label}”: the code {code} is {district}, but the label names “{named}”; write the code or the "
        "name alone.",
    ),
    "district_for_province_indicator": (
        "{indicator} göstergesi il düzeyinde ölçülür: ilçe yerine il ({province}) yazılmalı ya da ilçe boş "
        "bırakılmalı.",
        "Indicator {indicator} is measured for the province: expected the province ({province}) or an empty district.",
    ),
    "district_not_measured": (
        "{indicator} göstergesi bu ilçede ölçülmüyor (göstergenin ilçe listesine bakın).",
        "Indicator {indicator} is not measured in this district (see its districts list).",
    ),
    # the period
    "period_missing": ("Dönem boş.", "The period is missing."),
    "not_a_period": (
        "Dönem okunamadı (örneğin 2023, 2023-06, 2023-Q2, 2023 2. Çeyrek ya da 30.06.2023 yazılabilir).",
        "Not a period (expected e.g. 2023, 2023-06, 2023-Q2, 2023 2. Çeyrek or 30.06.2023).",
    ),
    "no_such_month": ("{month}. ay diye bir ay yok.", "Month {month} does not exist."),
    "no_such_quarter": ("{quarter}. çeyrek diye bir çeyrek yok.", "Quarter {quarter} does not exist."),
    "no_such_date": ("Böyle bir tarih yok.", "The date does not exist."),
    "not_an_entry_period": (
        "{period} bir izleme dönemi değil (örneğin 2024-H1, 2024-H2 ya da 2024 olmalı).",
        "{period} is not an entry period (expected e.g. 2024-H1, 2024-H2 or 2024).",
    ),
    "period_outside_plan": (
        "{period} dönemi planın yıllarının ({first_year}–{last_year}) dışında.",
        "Period {period} is outside the plan's years ({first_year}–{last_year}).",
    ),
    "period_not_begun": ("{period} dönemi henüz başlamadı.", "Period {period} has not begun yet."),
    "period_too_fine": (
        "{period} dönemi göstergenin dönemlerinden ince (dönem türü: {period_type}; göstergenin sıklığı: "
        "{frequency}; beklenen, örneğin {example}).",
        "Period {period} is finer than the indicator's periods (period type: {period_type}; the indicator's "
        "frequency: {frequency}; expected e.g. {example}).",
    ),
    # the value
    "value_missing": ("Değer boş.", "The value is missing."),
    "not_a_number": ("Sayı değil.", "Not a number."),
    "not_finite": ("Sonlu bir sayı değil.", "Not a finite number."),
    "ambiguous_number": (
        "Belirsiz sayı: binlik ayırıcılı bir tam sayı olarak da ondalık sayı olarak da okunabiliyor; kaynağın "
        'ondalık ayırıcısını belirtin (decimal = "," ya da ".").',
        "Ambiguous number: it reads as a whole number with a thousands separator or as a decimal; declare the "
        'source\'s decimal separator (decimal = "," or ".").',
    ),
    "space_inside_number": (
        "Sayı değil: sayının içindeki boşluk yalnızca üçlü basamak gruplarını ayırabilir (4 367 251).",
        "Not a number: a space inside a number only separates groups of three digits (4 367 251).",
    ),
    "line_break_in_number": (
        "Sayı değil: değerde satır sonu ya da sekme var.",
        "Not a number: the value holds a line break or a tab.",
    ),
    "number_too_large": (
        "Sayı değil: saklanamayacak kadar büyük (±1,8e308'in ötesinde).",
        "Not a number: too large to store (beyond ±1.8e308).",
    ),
    "formula_without_result": (
        "Sayı değil: sonucu saklanmamış bir formül; sonuçların saklanması için çalışma kitabını Excel'de açıp "
        "kaydedin.",
        "Not a number: a formula without a stored result; open the workbook in Excel and save it, so that it "
        "stores the results.",
    ),
    "percent_for_other_unit": (
        "Yüzde olarak yazılmış, ama {indicator} göstergesinin birimi {unit}: değeri yüzde işareti olmadan yazın "
        "(ya da hücreyi sayı biçimine getirin).",
        "Written as a percentage, but indicator {indicator} is measured in {unit}: write the value without a "
        "percent sign (or format the cell as a number).",
    ),
    "value_below_minimum": (
        "Olağan dışı değer {value}: {unit} biriminde en az {minimum} olabilir (gösterge {indicator}).",
        "Implausible value {value}: below the minimum {minimum} for the unit {unit} (indicator {indicator}).",
    ),
    "value_above_maximum": (
        "Olağan dışı değer {value}: {unit} biriminde en çok {maximum} olabilir (gösterge {indicator}).",
        "Implausible value {value}: above the maximum {maximum} for the unit {unit} (indicator {indicator}).",
    ),
    # the row or the file
    "cell_too_long": (
        "Hücrede {length} karakter var, sınır {limit} (GOSTERGE_MAX_CELL_CHARACTERS); burada saklanan değer "
        "kısaltıldı.",
        "The cell holds {length} characters, more than the limit of {limit} (GOSTERGE_MAX_CELL_CHARACTERS); the "
        "value kept here is cut short.",
    ),
    "conflicting_lines": (
        "Aynı gösterge, alan ve dönem başka bir değerle şu satırlarda da var: {lines} (hepsi reddedildi).",
        "The same indicator, area and period with a different value on line {lines} (all of them rejected).",
    ),
    "conflicting_cell": (
        "Aynı gösterge, alan ve dönem başka bir değerle bu satırın bir başka hücresinde de var (ikisi de reddedildi).",
        "The same indicator, area and period with a different value in another cell of this line (both rejected).",
    ),
    "conflicting_lines_and_cell": (
        "Aynı gösterge, alan ve dönem başka bir değerle şu satırlarda ve bu satırın bir başka hücresinde de var: "
        "{lines} (hepsi reddedildi).",
        "The same indicator, area and period with a different value on line {lines} and in another cell of this "
        "line (all of them rejected).",
    ),
    "too_many_fields": (
        "Satırda {fields} alan var, başlıkta {header_fields}.",
        "The row has {fields} fields; the header has {header_fields}.",
    ),
    "unclosed_quote": (
        "{character}. karakterde açılan tırnak ({text}) bu satırda kapanmıyor; satır reddedildi, okuma sonraki "
        "satırla sürdü.",
        "A quote opens at character {character} ({text}) and is never closed on this line; the line is rejected "
        "and reading goes on with the next line.",
    ),
}
