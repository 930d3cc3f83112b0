"""The 'why this status' sentences: one or two plain sentences built from the numbers.

Asked for as ``"why.<key>"`` by :mod:`dashboard.components.sentences`; each placeholder is filled
with a number already formatted for the page's language (CLDR through Babel), and ``{share}``
with :func:`dashboard.i18n.format_share` ("%79'u" / "79%").
"""

from __future__ import annotations

#: key → (Turkish, English)
EXPLANATIONS: dict[str, tuple[str, str]] = {
    # ---- an indicator with a target
    "measured": (
        "{year} yılında {latest} ölçüldü ({base_year}: {base}); hedef {target_year} yılında {target}.",
        "Measured {latest} in {year} ({base_year}: {base}); the target is {target} in {target_year}.",
    ),
    "rose": ("Yılda ortalama {pace} arttı", "It rose by {pace} a year"),
    "fell": ("Yılda ortalama {pace} azaldı", "It fell by {pace} a year"),
    "still": ("Değişmedi", "It did not move"),
    "needs_rise": (
        "; hedefe ulaşmak için bundan sonra yılda {pace} artması gerekiyor.",
        "; it must rise by {pace} a year from now on to reach the target.",
    ),
    "needs_fall": (
        "; hedefe ulaşmak için bundan sonra yılda {pace} azalması gerekiyor.",
        "; it must fall by {pace} a year from now on to reach the target.",
    ),
    "arrives": ("Bu hızla hedefe {year} yılında ulaşır.", "At this pace it reaches the target in {year}."),
    "never": ("Bu hızla hedefe ulaşamaz.", "At this pace it does not reach the target."),
    "realized": (
        "Gerçekleşme {realization}; şimdiye kadar beklenen {expected}.",
        "Realization {realization}, against {expected} expected by now.",
    ),
    "achieved": ("Hedefe ulaşıldı.", "The target is reached."),
    "not_achieved": (
        "Hedef yılı ({target_year}) geride kaldı ve hedefe ulaşılamadı: yolun {share} alındı.",
        "The target year {target_year} has passed without reaching the target: {share} of the way.",
    ),
    "inversion_better": (
        "Gerçekleşmesi ({realization}) beklenenin ({expected}) gerisinde olsa da bileşik yıllık büyüme hızına "
        "göre durumu “{status}”.",
        "“{status}” by its compound annual growth rate, although its realization ({realization}) is behind the "
        "{expected} expected by now.",
    ),
    "inversion_worse": (
        "Gerçekleşmesi ({realization}) beklenenin ({expected}) önünde olsa da bileşik yıllık büyüme hızına göre "
        "durumu “{status}”.",
        "“{status}” by its compound annual growth rate, although its realization ({realization}) is ahead of the "
        "{expected} expected by now.",
    ),
    # ---- maintain
    "maintain": (
        "{year} yılında {latest} ölçüldü; {base_year} yılındaki {base} düzeyinin korunması hedefleniyor.",
        "Measured {latest} in {year}; the level of {base} in {base_year} is to be kept.",
    ),
    "held": ("Düzey korunuyor ({tolerance} tolerans).", "The level is held (tolerance {tolerance})."),
    "not_held": (
        "Düzey korunamıyor: yılda {growth} değişim, düzeyin {share} korunuyor.",
        "The level is not held: {growth} a year, {share} of it kept.",
    ),
    # ---- no target, informational, no data
    "direction_only": (
        "{year} yılında {latest} ölçüldü ({base_year}: {base}). Sayısal hedef yok: istenen yönde yılda {growth} "
        "değişim; “yolunda” için yılda {threshold} gerekiyor.",
        "Measured {latest} in {year} ({base_year}: {base}). No numeric target: {growth} a year in the planned "
        "direction, where {threshold} a year counts as on track.",
    ),
    "informational": (
        "Bilgi amaçlı gösterge: {year} yılında {latest} ölçüldü ({base_year}: {base}); durum verilmez.",
        "For information: measured {latest} in {year} ({base_year}: {base}); no status is given.",
    ),
    "not_available": (
        "İlerlemeyi değerlendirmek için en az iki yıllık veri gerekiyor; {count} yıl ölçüldü.",
        "Two years of data are needed to judge the progress; {count} measured.",
    ),
    # ---- a roll-up (goal, priority, axis, aim, plan)
    "node_pace": (
        "Gerçekleşme {realization}; şimdiye kadar beklenen {expected}, yani beklenenin {share}: “{status}”.",
        "Realization {realization}, against {expected} expected by now: {share} of the expected, so “{status}”.",
    ),
    "node_achieved": (
        "Altındaki her hedefe ulaşıldı: gerçekleşme {realization}.",
        "Every target below it is reached: realization {realization}.",
    ),
    "reached_count": (
        "{count} alt öğeden {achieved} tanesi hedefine ulaştı.",
        "{achieved} of the {count} parts below it reached their targets.",
    ),
    "node_by_score": (
        "Altındakilerin sayısal hedefi yok: durum, puanlarının ortalamasına ({score}) göre.",
        "Nothing below it has a numeric target: the status follows their mean score ({score}).",
    ),
    "node_not_measured": (
        "İlçe düzeyinde ölçülmüyor: göstergelerinin hepsi yalnızca il düzeyinde ölçülüyor.",
        "Not measured per district: all its indicators are measured for the province only.",
    ),
    "node_not_available": (
        "Değerlendirmek için yeterli veri yok: {count} alt öğeden {with_data} tanesinin verisi var.",
        "Not enough data to judge it: {with_data} of the {count} parts below it have data.",
    ),
    "pulled_down": ("En çok {names} aşağı çekiyor.", "Pulled down by {names}."),
    "and": ("{first} ve {second}", "{first} and {second}"),
    "details": ("Ayrıntılar: girdiler, eşikler, puan ve kaynak", "Details: inputs, thresholds, score and source"),
}
