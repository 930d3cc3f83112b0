"""The strings of signing in and out, the refusals, and the data-quality page.

``ACCOUNT`` keys are read as ``"account.<key>"``, ``QUALITY`` keys as ``"quality.<key>"``.
"""

from __future__ import annotations

#: key → (Turkish, English)
ACCOUNT: dict[str, tuple[str, str]] = {
    "sign_in": ("Oturum aç", "Sign in"),
    "sign_out": ("Oturumu kapat", "Sign out"),
    "sign_out_question": ("Oturumunuz kapatılsın mı?", "Sign out now?"),
    "username": ("Kullanıcı adı", "User name"),
    "password": ("Parola", "Password"),
    "signed_in_as": ("{name} olarak oturum açık", "Signed in as {name}"),
    "signed_out": ("Oturumunuz kapatıldı.", "You are signed out."),
    "wrong": ("Kullanıcı adı ya da parola yanlış.", "Wrong user name or password."),
    "throttled": (
        "Çok sayıda başarısız deneme: {minutes} dakika sonra yeniden deneyin.",
        "Too many failed attempts: try again in {minutes} minutes.",
    ),
    "expired_form": (
        "Form süresi doldu ya da başka bir siteden gönderildi; yeniden deneyin.",
        "The form expired or came from another site; try again.",
    ),
    "private_notice": (
        "Bu Gösterge kurulumu yalnızca oturum açan kullanıcılara açıktır.",
        "This Gösterge installation is open to signed-in users only.",
    ),
    "refused_title": ("Bu sayfa için yetkiniz yok", "You may not see this page"),
    "refused_text": (
        "Bu sayfa {role} rolü gerektirir. Yetkili bir hesapla oturum açın.",
        "This page needs the {role} role. Sign in with an account that has it.",
    ),
    "role.viewer": ("izleyici", "viewer"),
    "role.unit_staff": ("birim personeli", "unit staff"),
    "role.reviewer": ("gözden geçiren", "reviewer"),
    "role.admin": ("yönetici", "admin"),
    "back": ("Panoya dön", "Back to the dashboard"),
    "admin_title": ("Kullanıcılar ve roller", "Users and roles"),
    "display_name": ("Görünen ad", "Name shown"),
    "roles": ("Roller", "Roles"),
    "state": ("Durum", "State"),
    "active": ("etkin", "active"),
    "disabled": ("devre dışı", "disabled"),
    "add_user": ("Kullanıcı ekle", "Add a user"),
    "set_role": ("Rol ver", "Set a role"),
    "role": ("Rol", "Role"),
    "plan": ("Plan", "Plan"),
    "no_role": ("rol yok (kaldır)", "no role (remove)"),
    "every_plan": ("tüm planlar", "every plan"),
    "unit": ("Birim (birim personeli)", "Unit (unit staff)"),
    "district_codes": ("İlçe kodları, virgülle (birim personeli)", "District codes, by commas (unit staff)"),
    "disable": ("Devre dışı bırak", "Disable"),
    "enable": ("Etkinleştir", "Enable"),
    "done": ("Kaydedildi.", "Saved."),
    "audit": ("Son olaylar", "Recent events"),
}

QUALITY: dict[str, tuple[str, str]] = {
    "title": ("Veri kalitesi", "Data quality"),
    "history": ("Yükleme geçmişi", "Load history"),
    "sources": ("Kaynaklar", "Sources"),
    "source": ("Kaynak", "Source"),
    "file": ("Dosya", "File"),
    "run": ("Çalıştırma", "Run"),
    "started": ("Başladı", "Started"),
    "finished": ("Bitti", "Finished"),
    "status": ("Durum", "Status"),
    "rows_read": ("Okunan", "Read"),
    "rows_loaded": ("Yüklenen", "Loaded"),
    "rows_unchanged": ("Değişmeyen", "Unchanged"),
    "rows_rejected": ("Reddedilen", "Rejected"),
    "duration": ("Süre (sn)", "Duration (s)"),
    "all_sources": ("Tüm kaynaklar", "All sources"),
    "all_statuses": ("Tüm durumlar", "All statuses"),
    "status.loaded": ("yüklendi", "loaded"),
    "status.failed": ("başarısız", "failed"),
    "status.interrupted": ("yarıda kaldı", "interrupted"),
    "status.loaded_not_published": ("yüklendi, yayımlanmadı", "loaded, not published"),
    "not_published": (
        "Bu çalıştırmanın satırları ambara yazıldı, ama panonun okuduğu yayımlanmış kopyada henüz yok: pano onları "
        "yayımlandıklarında gösterir (bir sonraki yükleme ya da zamanlayıcının açılışı yayımlar). Reddedilen "
        "satırları da o zaman burada görünür.",
        "This run's rows were written to the warehouse, but the published copy the dashboard reads does not "
        "hold them yet: the dashboard shows them once they are published (the next load or the scheduler's "
        "start publishes them). Its rejected rows appear here then too.",
    ),
    "not_published_problem": ("Yayımlanamama nedeni", "Why it was not published"),
    "no_runs": ("Bu süzgeçle yükleme yok.", "No loads match these filters."),
    "rejected_rows": ("Reddedilen satırlar", "Rejected rows"),
    "line": ("Satır", "Line"),
    "column": ("Sütun", "Column"),
    "value": ("Değer", "Value"),
    "reason": ("Neden", "Reason"),
    "no_rejected": ("Bu çalıştırmada reddedilen satır yok.", "This run rejected no rows."),
    "more_rejected": (
        "İlk {shown} satır gösteriliyor ({count} satırın tamamı indirilebilir).",
        "The first {shown} rows are shown (download all {count}).",
    ),
    "download_rejected": ("Reddedilen satırları indir (CSV)", "Download the rejected rows (CSV)"),
    "report": ("Dosyanın raporu", "The file's report"),
    "message": ("İleti", "Message"),
    "reprocess": ("Düzeltilen dosyayı yeniden yükle", "Run the fixed file again"),
    "reprocess_help": (
        "Dosyayı failed/ klasöründe düzelttikten sonra yeniden yüklenmesini isteyin; istek tek yazara gider.",
        "Fix the file in the failed/ folder, then ask for it to be run again; the request goes to the single writer.",
    ),
    "reprocess_pending": (
        "{when} tarihinde {user} tarafından istendi; yazarın çalıştırması bekleniyor.",
        "Requested by {user} at {when}; waiting for the writer.",
    ),
    "reprocess_done": (
        "Yeniden yükleme sonucu: {status} (çalıştırma {run}). {message}",
        "Run again: {status} (run {run}). {message}",
    ),
    "unknown_run": ("{run} numaralı çalıştırma yok.", "There is no run {run}."),
    "schedule": ("Zamanlama", "Schedule"),
    "last_success": ("Son başarılı yükleme", "Last successful load"),
    "next_run": ("Sonraki çalıştırma", "Next run"),
    "stale": ("Güncel değil", "Out of date"),
    "fresh": ("Güncel", "Up to date"),
    "no_schedule": ("zamanlanmamış", "not scheduled"),
    "never": ("hiç", "never"),
}
