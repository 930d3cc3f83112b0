"""``python -m operations``: migrate, users add / set-role / disable / list / first-admin, and its exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gosterge.settings import PROJECT_ROOT
from operations.database import head_revision


def run(arguments: list[str], environment: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "operations", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **environment},
        timeout=120,
    )


def test_users_from_the_command_line(database_url: str, tmp_path: Path):
    environment = {"GOSTERGE_DATA_DIR": str(tmp_path / "data"), "GOSTERGE_DATABASE_URL": database_url}
    assert run(["migrate"], environment).stdout == f"operational database at revision {head_revision()}\n"
    added = run(["users", "add", "ayse", "--name", "Ayşe Kaya", "--password-stdin"], environment, "doğru-parola-42\n")
    assert added.returncode == 0, added.stderr
    assert run(["users", "set-role", "ayse", "reviewer", "--plan", "izmir-2014-2023"], environment).returncode == 0
    assert run(["users", "disable", "ayse"], environment).returncode == 0
    listed = run(["users", "list"], environment)
    assert listed.stdout == "ayse\tdisabled\tAyşe Kaya\treviewer in izmir-2014-2023\n"
    refused = run(["users", "add", "ayse", "--password-stdin"], environment, "doğru-parola-42\n")
    assert (refused.returncode, refused.stderr) == (1, "user 'ayse' exists already\n")
    assert run(["users", "first-admin"], environment).returncode == 1  # accounts exist


def test_the_first_admin_and_a_bad_setting(tmp_path: Path):
    environment = {"GOSTERGE_DATA_DIR": str(tmp_path / "data")}
    created = run(["users", "first-admin"], environment)
    assert created.returncode == 0 and created.stdout.startswith("first admin: user 'admin', password '")
    assert (tmp_path / "data" / "operations.sqlite").is_file()
    bad = run(["migrate"], {"GOSTERGE_DATABASE_URL": "mysql://x/y"})
    assert bad.returncode == 2
    assert bad.stderr.startswith("GOSTERGE_DATABASE_URL: got a URL of scheme 'mysql'")


def test_python_app_makes_the_first_admin_once(tmp_path: Path, capsys):
    import app
    from gosterge.settings import load_settings

    settings = load_settings({"GOSTERGE_DATA_DIR": str(tmp_path / "data")})
    app.prepare_accounts(settings)
    app.prepare_accounts(settings)
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 1 and printed[0].startswith("first admin created: user 'admin', password '")
