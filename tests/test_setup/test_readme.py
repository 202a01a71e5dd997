"""The README and docs/demo.md document the demo exactly as the loader creates it."""

from pathlib import Path

import pytest

from peduliham.core.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    DEMO_TOTP_SECRET,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("document", ["README.md", "docs/demo.md"])
def test_it_lists_every_demo_account_with_the_password_and_the_2fa_key(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")

    for account in DEMO_ACCOUNTS:
        assert f"`{account.username}`" in text
    assert DEMO_PASSWORD in text
    assert DEMO_TOTP_SECRET in text
    assert "otp_code" in text


def test_docs_give_the_hex_key_the_devices_are_created_with() -> None:
    assert DEMO_TOTP_KEY in (ROOT / "docs" / "demo.md").read_text(encoding="utf-8")


def test_the_readme_names_the_two_commands_and_postgresql() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "make demo" in text
    assert "make test" in text
    assert "DATABASE_URL=postgres://" in text
    assert "db_worker" in text
