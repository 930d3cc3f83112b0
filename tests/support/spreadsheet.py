"""Open CSV files in a real spreadsheet application: LibreOffice Calc, headless, set to Turkish.

``convert_in_calc`` imports each CSV the way a Turkish user opens an Excel (Türkçe) file (';' between
fields, '"' around text, UTF-8, the Turkish locale for numbers and dates, special numbers such as
dates detected, formulas evaluated) and saves it as .xlsx, which openpyxl reads back with the values
Calc computed. LibreOffice comes from Debian's ``libreoffice-calc-nogui`` package (.ci/run and ./dev
test install it); tests skip when ``soffice`` is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

SOFFICE = shutil.which("soffice")
SKIP_REASON = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (./dev test does it)"
#: CSV import options, by position: separator ';' (59), text delimiter '"' (34), UTF-8 (76), from line 1,
#: standard column types, Turkish (1055), quoted fields not forced to text, detect special numbers (dates,
#: times), no cell-as-shown, no formula export, no space trimming, all sheets, evaluate formulas
TURKISH_CSV_IMPORT = "CSV:59,34,76,1,,1055,false,true,false,false,false,-1,true"
TURKISH_LOCALE = "tr_TR.UTF-8"


def convert_in_calc(files: Sequence[Path], folder: Path, *, timeout: float = 300) -> list[Path]:
    """Import ``files`` (CSV) in Calc with Turkish settings and save them as .xlsx in ``folder``.

    One soffice process converts every file; it gets its own profile in ``folder`` so it never meets
    another LibreOffice running on the machine.
    """
    if SOFFICE is None:
        raise RuntimeError(SKIP_REASON)
    profile = folder / "profile"
    environment = {**os.environ, "HOME": str(folder), "LC_ALL": TURKISH_LOCALE, "LANG": TURKISH_LOCALE}
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter={TURKISH_CSV_IMPORT}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
        env=environment,
    )
    converted = [folder / f"{path.stem}.xlsx" for path in files]
    missing = [path.name for path in converted if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return converted
