"""Translations: Indonesian is the source language, English must be complete.

The source messages are extracted the way `makemessages` does it (templates
through Django's templatize, then GNU xgettext with Django's keywords) and
compared with the committed, compiled English catalogue.
"""

import gettext
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import templatize

import peduliham

SOURCE = Path(peduliham.__file__).parent
TEMPLATE_SUFFIXES = {".html", ".txt"}
XGETTEXT_KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]
needs_gettext = pytest.mark.skipif(
    not all(shutil.which(name) for name in ("xgettext", "msgen", "msgfmt")),
    reason="GNU gettext not installed: apt-get install -y gettext",
)


def source_files() -> Iterator[Path]:
    """Python modules and templates of the project, as makemessages sees them."""
    for path in sorted(SOURCE.rglob("*")):
        parts = path.relative_to(SOURCE).parts
        if {"migrations", "locale", "static", "var"} & set(parts):
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in parts):
            continue
        if path.suffix == ".py" or path.suffix in TEMPLATE_SUFFIXES:
            yield path


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} not found"
    return path


def run(*args: str, stdin: bytes | None = None) -> bytes:
    """Runs a GNU gettext tool on files we wrote ourselves."""
    result = subprocess.run(args, input=stdin, capture_output=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def catalogue(mo: bytes) -> dict[Any, str]:
    """The messages of a compiled catalogue, without its header entry.

    Keys are msgids, "context\x04msgid" for msgctxt and (msgid, n) for plurals;
    GNUTranslations has no public way to list them, hence `_catalog`.
    """
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    messages: dict[Any, str] = translations._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in messages.items() if key != ""}


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory: pytest.TempPathFactory) -> set[Any]:
    """Every msgid in the project's source, keyed like a compiled catalogue."""
    work = tmp_path_factory.mktemp("i18n")
    inputs = []
    for index, path in enumerate(source_files()):
        if path.suffix == ".py":
            inputs.append(str(path))
            continue
        content = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        preprocessed = work / f"{index}-{path.name}.py"
        preprocessed.write_text(content, encoding="utf-8")
        inputs.append(str(preprocessed))
    pot = run(
        tool("xgettext"),
        "--language=Python",
        "--from-code=UTF-8",
        *XGETTEXT_KEYWORDS,
        "--output=-",
        *inputs,
    )
    # xgettext leaves placeholders in the header that msgfmt and gettext reject.
    pot = pot.replace(b"charset=CHARSET", b"charset=UTF-8").replace(
        b"nplurals=INTEGER; plural=EXPRESSION;", b"nplurals=2; plural=(n != 1);"
    )
    # msgen copies each msgid into its msgstr, so the compiled result lists them all.
    filled = run(tool("msgen"), "-", stdin=pot)
    return set(catalogue(run(tool("msgfmt"), "--output-file=-", "-", stdin=filled)))


def catalogue_files(language: str, suffix: str) -> list[Path]:
    """The project catalogue and any app catalogue (regions/locale/...) of a language."""
    return sorted(SOURCE.glob(f"**/locale/{language}/LC_MESSAGES/django.{suffix}"))


def relative(path: Path) -> str:
    return str(path.relative_to(SOURCE))


def committed_catalogue(language: str) -> dict[Any, str]:
    """What Django loads for the language from our .mo files, merged."""
    merged: dict[Any, str] = {}
    for mo in catalogue_files(language, "mo"):
        for key, value in catalogue(mo.read_bytes()).items():
            merged.setdefault(key, value)
    return merged


@needs_gettext
def test_every_source_message_has_an_english_translation(source_messages: set[Any]) -> None:
    english = committed_catalogue("en")

    missing = sorted(str(key) for key in source_messages if not english.get(key))

    assert source_messages, "no translatable messages found in the source"
    assert missing == [], (
        f"{len(missing)} message(s) lack an English translation (or it is fuzzy) in the "
        "en catalogues (locale/ or <app>/locale/): run `make messages`, translate, and commit "
        "the .po and .mo:\n" + "\n".join(missing)
    )


@needs_gettext
@pytest.mark.parametrize(
    "po", catalogue_files("en", "po") + catalogue_files("id", "po"), ids=relative
)
def test_the_committed_mo_file_matches_its_po_file(po: Path) -> None:
    mo = po.with_suffix(".mo")

    compiled = catalogue(run(tool("msgfmt"), "--check-format", "--output-file=-", str(po)))

    assert mo.exists(), f"{mo} is missing: run `make messages`"
    assert compiled == catalogue(mo.read_bytes()), f"{mo} is out of date: run `make messages`"


@pytest.mark.parametrize("po", catalogue_files("en", "po"), ids=relative)
def test_the_english_catalogues_have_no_fuzzy_or_empty_entries(po: Path) -> None:
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # [0] is the header

    fuzzy = [entry for entry in entries if re.search(r"^#,.*\bfuzzy\b", entry, re.MULTILINE)]
    empty = [
        entry for entry in entries if re.search(r'^msgstr(\[\d+\])? ""\Z', entry.strip(), re.M)
    ]

    assert fuzzy == []
    assert empty == []


def test_pages_are_in_indonesian_when_the_browser_states_no_language(client: Client) -> None:
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "id"
    assert b'<html lang="id">' in response.content
    assert "Langsung ke isi utama" in response.text


def test_a_browser_asking_for_english_gets_english(client: Client) -> None:
    response = client.get(reverse("accounts:login"), headers={"accept-language": "en"})

    assert b'<html lang="en">' in response.content
    assert "Skip to main content" in response.text


def test_the_language_switch_turns_the_pages_into_english(client: Client) -> None:
    login = reverse("accounts:login")

    response = client.post("/i18n/setlang/", {"language": "en", "next": login})

    assert response.status_code == 302
    assert response["Location"] == login
    page = client.get(login)
    assert b'<html lang="en">' in page.content
    assert "Log in" in page.text
    assert "Langsung ke isi utama" not in page.text


def test_the_language_switch_back_to_indonesian_works(client: Client) -> None:
    login = reverse("accounts:login")
    client.post("/i18n/setlang/", {"language": "en", "next": login})

    client.post("/i18n/setlang/", {"language": "id", "next": login})

    page = client.get(login)
    assert b'<html lang="id">' in page.content
    assert "Langsung ke isi utama" in page.text


def test_the_language_switch_ignores_an_unknown_language(client: Client) -> None:
    login = reverse("accounts:login")

    client.post("/i18n/setlang/", {"language": "xx", "next": login})

    assert b'<html lang="id">' in client.get(login).content
