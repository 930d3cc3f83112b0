"""The strings of the notifications page, its e-mail preference form and the header's indicator.

``ALERTS`` keys are read as ``"alerts.<key>"``. What a notification itself says is
:data:`operations.notices.NOTICES` (shared with the e-mails), read as ``"notice.<key>"``.
"""

from __future__ import annotations

#: key → (Turkish, English)
ALERTS: dict[str, tuple[str, str]] = {
    "title": ("Bildirimler", "Notifications"),
    "indicator": ("Bildirimler ({count})", "Notifications ({count})"),
    "indicator_label": ("{count} okunmamış bildirim", "{count} unread notifications"),
    "empty": ("Henüz bildiriminiz yok.", "You have no notifications yet."),
    "unread": ("okunmadı", "unread"),
    "mark_read": ("Okundu", "Mark read"),
    "mark_all_read": ("Tümünü okundu say", "Mark all read"),
    "marked": ("{count} bildirim okundu olarak işaretlendi.", "{count} notifications marked read."),
    "intro": (
        "Rolünüzü ilgilendiren olaylar: gözden geçirenlere bekleyen girişler, başarısız yüklemeler ve "
        "reddedilen satırlar; birimlere geri gönderilen girişler ve kapanmak üzere olan dönemler; herkese "
        "durumu kötüleşen hedefler.",
        "Events that concern your role: entries waiting, failed loads and rejected rows for reviewers; "
        "returned entries and periods about to close for units; goals whose status worsened for everyone.",
    ),
    "status_change": ("{old} → {new}", "{old} → {new}"),
    "preferences": ("E-posta tercihleri", "E-mail preferences"),
    "email": ("E-posta adresi", "E-mail address"),
    "language": ("E-postaların dili", "Language of the e-mails"),
    "delivery": ("Gönderim", "Delivery"),
    "delivery.off": ("E-posta gönderilmesin", "No e-mail"),
    "delivery.immediate": ("Hemen (bir dakika içinde)", "At once (within a minute)"),
    "delivery.digest": ("Günlük özet (her sabah 08.00)", "Daily digest (every morning at 08:00)"),
    "language.tr": ("Türkçe", "Turkish"),
    "language.en": ("İngilizce", "English"),
    "save": ("Kaydet", "Save"),
    "saved": ("Tercihleriniz kaydedildi.", "Your preferences are saved."),
    "invalid": ("Kaydedilmedi: {reason}", "Not saved: {reason}"),
    "reason.address": (
        "geçerli bir e-posta adresi girin (ör. ayse.kaya@ornek.gov.tr)",
        "enter a valid e-mail address (e.g. ayse.kaya@example.org)",
    ),
    "reason.needs_address": ("e-posta gönderimi için bir adres girin", "enter an address to receive e-mails"),
    "reason.choice": ("listedeki seçeneklerden birini seçin", "choose one of the options listed"),
    "mail_not_configured": (
        "Bu kurulumda e-posta gönderimi ayarlanmamış; tercihleriniz kaydedilir, e-postalar ayarlandığında başlar.",
        "E-mail is not configured on this installation; your preferences are kept and e-mails start once it is.",
    ),
}
