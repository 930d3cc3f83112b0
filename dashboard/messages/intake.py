"""The units' explanations on the pages and in the files (``"explanation.<key>"``), and the Word
monitoring and evaluation reports (``"report.<key>"``)."""

from __future__ import annotations

#: key → (Turkish, English)
EXPLANATIONS: dict[str, tuple[str, str]] = {
    "heading": ("Sapma nedenleri ve alınacak tedbirler", "Reasons for deviations and measures to be taken"),
    "reason": ("Sapma nedeni", "Reason for the deviation"),
    "measures": ("Alınacak tedbirler", "Measures to be taken"),
    "source_note": ("Kaynak notu", "Source note"),
    "entered_by": ("Giren", "Entered by"),
    "approved_by": ("Onaylayan", "Approved by"),
    "entry": ("Birim girişi", "Unit's entry"),
    "provenance": (
        "{who} ({unit}) girdi; {approver} {date} tarihinde onayladı",
        "entered by {who} ({unit}); approved by {approver} on {date}",
    ),
    "half_1": ("{year} yılı 1. altı ay", "{year}, first half"),
    "half_2": ("{year} yılı 2. altı ay", "{year}, second half"),
    "year": ("{year} yılı", "year {year}"),
    "provisional": ("yıl sonu değeriyle güncellenecek geçici değer", "provisional: the year-end value revises it"),
    "none": ("Birimlerin onaylı bir açıklaması yok.", "The units have entered no approved explanation."),
    "column": ("Sapma nedeni / tedbirler", "Deviation reason / measures"),
    "column_reason": ("Sapma nedenleri", "Reasons for the deviation"),
    "column_measures": ("Alınacak tedbirler", "Measures to be taken"),
    "column_entry": ("Veriyi giren / onaylayan", "Entered / approved by"),
}

REPORTS: dict[str, tuple[str, str]] = {
    "monitoring": ("İzleme Raporu", "Monitoring Report"),
    "evaluation": ("Değerlendirme Raporu", "Evaluation Report"),
    "monitoring_period_1": ("{year} Yılı 1. Altı Aylık Dönem", "{year}, first six months"),
    "monitoring_period_2": ("{year} Yılı 2. Altı Aylık Dönem", "{year}, second six months"),
    "evaluation_period": ("{year} Yılı", "Year {year}"),
    "scope_plan": ("Planın tamamı", "The whole plan"),
    "scope_node": ("{level} {code}: {title}", "{level} {code}: {title}"),
    "scope_unit": ("Sorumlu birim: {unit}", "Responsible unit: {unit}"),
    "area": ("Alan: {area}", "Area: {area}"),
    "prepared": ("Hazırlanma tarihi: {date}", "Prepared on {date}"),
    "vintage": ("Verinin durumu", "Data vintage"),
    "vintage_text": (
        "Veri sürümü {version}, yayımlanma {published}, son yükleme {loaded}. Altı aylık girişler yılın geçici değeridir; yıl sonu girişi onları günceller.",
        "Data version {version}, published {published}, last load {loaded}. Six-monthly entries are the year's provisional values; the year-end entry revises them.",
    ),
    "demo": (
        "Bu rapordaki veriler gösterim amaçlıdır (demo verisi).",
        "The data in this report are for demonstration (demo data).",
    ),
    "summary": ("Özet", "Summary"),
    "summary_overall": (
        "{scope} için {year} yılı ağırlıklı gerçekleşme oranı: {rate}.",
        "Weighted realization of {scope} in {year}: {rate}.",
    ),
    "summary_counts": (
        "{indicators} göstergenin {reported} tanesi için {year} yılı verisi var; {below} gösterge yılın hedefinin gerisinde, {explained} gösterge için sapma nedeni bildirildi.",
        "{reported} of {indicators} indicators have data for {year}; {below} are behind the year's target, and a reason for the deviation was given for {explained}.",
    ),
    "summary_goals": ("Hedef bazında gerçekleşme", "Realization by goal"),
    "goal_realization": ("Hedefin ağırlıklı gerçekleşmesi: {rate}", "Weighted realization of the goal: {rate}"),
    "node_realization": ("Ağırlıklı gerçekleşme: {rate}", "Weighted realization: {rate}"),
    "responsible": ("Sorumlu birim: {unit}", "Responsible unit: {unit}"),
    "no_indicators": ("Bu kapsamda gösterge yok.", "No indicators in this scope."),
    "formula": (
        "Gerçekleşme oranı = (gerçekleşen − plan başlangıç değeri) ÷ (yıl hedefi − plan başlangıç değeri) × 100; hedefin gerçekleşmesi = Σ hedefe etkisi × gerçekleşme oranı ÷ 100.",
        "Realization = (realized − plan start value) ÷ (target of the year − plan start value) × 100; a goal's realization = Σ weight × realization ÷ 100.",
    ),
    "explanations": ("Sapma nedenleri ve alınacak tedbirler", "Reasons for deviations and measures to be taken"),
    "no_explanation": ("Açıklama girilmedi.", "No explanation entered."),
    "download": ("Word raporu", "Word report"),
    "download_monitoring": ("{period} izleme raporu (Word)", "Monitoring report {period} (Word)"),
    "download_evaluation": ("{year} değerlendirme raporu (Word)", "Evaluation report {year} (Word)"),
    "unit_reports": ("Birimlerin değerlendirme raporları (Word)", "The units' evaluation reports (Word)"),
}
