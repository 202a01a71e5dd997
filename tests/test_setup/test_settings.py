"""Settings come from the environment through small typed helpers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peduliham.settings import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("no", False)],
)
def test_env_bool_reads_common_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("PEDULIHAM_FLAG", raw)

    assert env_bool("PEDULIHAM_FLAG") is expected


def test_env_bool_falls_back_to_the_default_when_unset_or_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PEDULIHAM_FLAG", raising=False)
    assert env_bool("PEDULIHAM_FLAG", default=True) is True
    monkeypatch.setenv("PEDULIHAM_FLAG", "")
    assert env_bool("PEDULIHAM_FLAG", default=True) is True


def test_env_int_parses_or_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEDULIHAM_NUMBER", "42")
    assert env_int("PEDULIHAM_NUMBER", 7) == 42
    monkeypatch.delenv("PEDULIHAM_NUMBER")
    assert env_int("PEDULIHAM_NUMBER", 7) == 7


def test_env_int_rejects_garbage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEDULIHAM_NUMBER", "banyak")

    with pytest.raises(ValueError, match="banyak"):
        env_int("PEDULIHAM_NUMBER", 7)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEDULIHAM_HOSTS", " a.example , ,b.example,")

    assert env_list("PEDULIHAM_HOSTS") == ["a.example", "b.example"]
    assert env_list("PEDULIHAM_UNSET_LIST", "x,y") == ["x", "y"]


def test_env_str_reads_a_secret_from_the_file_named_by_name_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("dari-berkas\n", encoding="utf-8")
    monkeypatch.setenv("PEDULIHAM_SECRET", "dari-env")
    monkeypatch.setenv("PEDULIHAM_SECRET_FILE", str(secret))

    assert env_str("PEDULIHAM_SECRET") == "dari-berkas"


PRINT_SETTINGS = """
import json
from peduliham import settings as s
print(json.dumps({
    "engine": s.DATABASES["default"]["ENGINE"],
    "name": str(s.DATABASES["default"]["NAME"]),
    "journal": s.DATABASES["default"].get("OPTIONS", {}).get("init_command", ""),
    "time_zone": s.TIME_ZONE,
    "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS,
    "secret_key_file": (s.VAR_DIR / "secret_key").exists(),
}))
"""


def settings_with(env: dict[str, str], tmp_path: Path) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "TIME_ZONE"}}
    result = subprocess.run(  # noqa: S603 - a fixed script
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**clean, "PEDULIHAM_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_by_default_it_uses_sqlite_in_wal_mode_under_var_and_asia_jakarta(tmp_path: Path) -> None:
    loaded = settings_with({}, tmp_path)

    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["name"] == str(tmp_path / "peduliham.sqlite3")
    assert "journal_mode=WAL" in str(loaded["journal"])
    assert loaded["time_zone"] == "Asia/Jakarta"
    assert loaded["debug"] is False
    assert loaded["secret_key_file"] is True


def test_it_reads_database_url_time_zone_debug_and_allowed_hosts(tmp_path: Path) -> None:
    loaded = settings_with(
        {
            "DATABASE_URL": "postgres://peduliham@db.example:5432/peduliham",
            "TIME_ZONE": "Asia/Makassar",
            "DEBUG": "1",
            "ALLOWED_HOSTS": "peduliham.example.go.id,localhost",
            "SECRET_KEY": "bukan-rahasia",
        },
        tmp_path,
    )

    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["name"] == "peduliham"
    assert loaded["time_zone"] == "Asia/Makassar"
    assert loaded["debug"] is True
    assert loaded["hosts"] == ["peduliham.example.go.id", "localhost"]
    assert loaded["secret_key_file"] is False
