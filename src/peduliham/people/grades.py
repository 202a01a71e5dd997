"""Ranks (golongan/ruang) of PNS and grades of PPPK, as HR exports write them.

PNS: `I/a` … `I/d`, `II/a` … `II/d`, `III/a` … `III/d`, `IV/a` … `IV/e`.
PPPK: `I` … `XVII`. Exports add the rank's name ("Penata Muda, III/a"), drop
the slash ("IIIa"), use dashes or arabic numerals ("3/a", "IX", "9").
"""

import functools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ROMAN: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
ROMAN += ("XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")
PNS_RANKS: tuple[str, ...] = tuple(
    f"{group}/{letter}"
    for group, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for letter in letters
)
PPPK_GRADES: tuple[str, ...] = ROMAN

_ROMAN_NUMBER = {roman: number for number, roman in enumerate(ROMAN, start=1)}
_PNS_PATTERN = re.compile(r"(?<![A-Z])(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])(?![A-Z])")
_GRADE_PATTERN = re.compile(r"(?<![A-Z/\d])(1[0-7]|[1-9]|X?(?:IX|IV|V?I{0,3}))(?![A-Z/\d])")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")
_ARABIC_TO_PNS_GROUP = {"1": "I", "2": "II", "3": "III", "4": "IV"}
# The names of the PNS ranks (pangkat), for exports that give only the name.
_RANK_NAMES = {
    "juru muda": "I/a",
    "juru muda tingkat i": "I/b",
    "juru": "I/c",
    "juru tingkat i": "I/d",
    "pengatur muda": "II/a",
    "pengatur muda tingkat i": "II/b",
    "pengatur": "II/c",
    "pengatur tingkat i": "II/d",
    "penata muda": "III/a",
    "penata muda tingkat i": "III/b",
    "penata": "III/c",
    "penata tingkat i": "III/d",
    "pembina": "IV/a",
    "pembina tingkat i": "IV/b",
    "pembina utama muda": "IV/c",
    "pembina utama madya": "IV/d",
    "pembina utama": "IV/e",
}


def _rank_name_key(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    words = ["tingkat" if word in {"tk", "tkt"} else word for word in words]
    # `Penata Tk.1`: the grade of the tingkat in an arabic numeral.
    return " ".join(
        "i" if word == "1" and at and words[at - 1] == "tingkat" else word
        for at, word in enumerate(words)
    )


@functools.lru_cache(maxsize=1024)
def normalise_pns_rank(text: str) -> str | None:
    """`III/a` for any common writing of a PNS rank; None when there is none."""
    match = _PNS_PATTERN.search(text.upper())
    if match is None:
        return _RANK_NAMES.get(_rank_name_key(text))
    group = _ARABIC_TO_PNS_GROUP.get(match.group(1), match.group(1))
    rank = f"{group}/{match.group(2).lower()}"
    return rank if rank in PNS_RANKS else None


@functools.lru_cache(maxsize=1024)
def normalise_pppk_grade(text: str) -> str | None:
    """`IX` for `IX`, `Golongan IX`, `9`; None when there is no grade I to XVII."""
    cleaned = re.sub(r"\b(GOLONGAN|GOL|GRADE|PPPK)\b\.?", " ", text.upper()).strip()
    cleaned = _LEADING_ZEROS.sub(r"\1", cleaned)  # `09`, `Gol. 05`
    for match in _GRADE_PATTERN.finditer(cleaned):
        value = match.group(1)
        if not value:
            continue
        if value.isdigit():
            return ROMAN[int(value) - 1] if 1 <= int(value) <= len(ROMAN) else None
        if value in _ROMAN_NUMBER:
            return value
    return None


def validate_rank(value: str) -> None:
    """A model validator: a PNS rank or a PPPK grade in its normal form, or blank."""
    if value and value not in PNS_RANKS and value not in PPPK_GRADES:
        raise ValidationError(
            _("%(value)s bukan golongan PNS (I/a sampai IV/e) atau PPPK (I sampai XVII)"),
            code="bad_rank",
            params={"value": value},
        )
