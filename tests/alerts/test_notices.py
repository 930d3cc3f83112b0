"""What each kind of notification says, in both languages, in a message: every kind composes, with the
plan's own names, and a plan no longer configured shows its codes."""

from __future__ import annotations

from datetime import datetime

import pytest

from gosterge.plan import Plan
from operations import notices
from operations.mail import compose
from operations.notifications import Notification

BALIKESIR = "balikesir-2020-2024"
DETAILS = {
    notices.FAILED_LOAD: {"run": 4, "source": "tuik", "file": None, "read": 0, "rejected": 0},
    notices.REJECTED_ROWS: {"run": 5, "source": "tuik", "file": "a.csv", "read": 10, "rejected": 2},
    notices.ENTRY_SUBMITTED: {"entry": 3, "indicator": "1.1.1", "area_level": "district", "area": "1161", "period": "2024-H1", "unit": "Fen İşleri Dairesi Başkanlığı", "comment": None},
    notices.ENTRY_RETURNED: {"entry": 3, "indicator": "1.1.2", "area_level": "province", "area": "10", "period": "2024", "unit": "Fen İşleri Dairesi Başkanlığı", "comment": None},
    notices.PERIOD_CLOSING: {"period": "2024-H2", "closes": "2025-02-14", "unit": None},
    notices.GOAL_WORSENED: {"node": "1.1", "old": "on_track", "new": "limited", "run": 9},
}  # fmt: skip
EXPECTED = {
    "tr": [
        "- Yükleme başarısız: tuik, dosya – (çalıştırma 4)",
        "- tuik, dosya a.csv: 10 satırdan 2 satır reddedildi (çalıştırma 5)",
        "- İncelemeyi bekliyor: 1.1.1 Asfalt kaplama yapılan yol uzunluğu · Ayvalık · 2024-H1 (Fen İşleri Dairesi Başkanlığı)",
        "- Geri gönderildi: 1.1.2 Kilitli parke taşı döşenen alan · il geneli · 2024. Açıklama: yok",
        "- 2024-H2 dönemi girişi 14.02.2025 tarihinde kapanıyor; birimden (tüm birimler) henüz gönderilen değer yok",
    ],
    "en": [
        "- Load failed: tuik, file – (run 4)",
        "- tuik, file a.csv: 2 of 10 rows rejected (run 5)",
        "- Waiting for review: 1.1.1 Length of road surfaced with asphalt · Ayvalık · 2024-H1 (Fen İşleri Dairesi Başkanlığı)",
        "- Returned: 1.1.2 Area paved with interlocking paving stones · province · 2024. Comment: none",
        "- Entry for the period 2024-H2 closes on 14 Feb 2025; nothing submitted yet by the unit (every unit)",
    ],
}


def notification(number: int, kind: str, plan_code: str = BALIKESIR) -> Notification:
    return Notification(number, 1, kind, plan_code, DETAILS[kind], datetime(2025, 2, 8, 6), None)


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_kind_in_a_message(balikesir_plan: Plan, lang: str):
    items = [notification(number, kind) for number, kind in enumerate(notices.KINDS, start=1)]
    mail = compose(items, {BALIKESIR: balikesir_plan}, name="Ali", lang=lang, base_url="https://g.example", digest=True)
    lines = mail.body.splitlines()
    for line in EXPECTED[lang]:
        assert line in lines
    goal = {
        "tr": "- Hedef 1.1 (Kentsel ve kırsal yol ağını standartlara uygun, güvenli ve konforlu hale getirmek) "
        "durumu son yüklemeden sonra kötüleşti",
        "en": "- The status of Goal 1.1 (Bring the urban and rural road network up to standard, safe and comfortable) "
        "worsened after the latest load",
    }
    assert goal[lang] in lines
    suffix = "&lang=en" if lang == "en" else ""
    assert f"  https://g.example/{BALIKESIR}/node/1.1{'?lang=en' if lang == 'en' else ''}" in lines
    assert f"  https://g.example/{BALIKESIR}/quality?run=4{suffix}" in lines
    assert f"  https://g.example/{BALIKESIR}/entry/3{'?lang=en' if lang == 'en' else ''}" in lines


def test_a_plan_no_longer_configured_shows_its_codes():
    mail = compose(
        [notification(1, notices.GOAL_WORSENED, "eski-plan"), notification(2, notices.ENTRY_SUBMITTED, "eski-plan")],
        {},
        name="Ali",
        lang="tr",
        base_url="https://g.example",
        digest=False,
    )
    assert mail.subject == "Gösterge: 2 yeni bildirim"
    assert "eski-plan" in mail.body.splitlines()
    assert "- 1.1 durumu son yüklemeden sonra kötüleşti" in mail.body.splitlines()
    assert "- İncelemeyi bekliyor: 1.1.1 · 1161 · 2024-H1 (Fen İşleri Dairesi Başkanlığı)" in mail.body.splitlines()
