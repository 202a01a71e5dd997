"""Matching the unit names clerks type to a region's organisation units.

`Dinas Kesehatan`, `DINAS KESEHATAN KOTA JAMBI`, `Dis. Kesehatan` and `Dinkes`
(a short name) are one unit; `SD Negeri 012` is `SDN 12`. Keys ignore case,
punctuation, leading zeros and the region's own name; common abbreviations
are folded to one form on both sides.
"""

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

# Single words that stand for a longer word.
_WORDS: Final = {
    "dis": "dinas",
    "kec": "kecamatan",
    "kel": "kelurahan",
    "pkm": "puskesmas",
    "pusk": "puskesmas",
    "bdn": "badan",
    "ktr": "kantor",
    "kab": "kabupaten",
    "prov": "provinsi",
    "sek": "sekretariat",
    "sekr": "sekretariat",
    "bag": "bagian",
    "neg": "negeri",
    "n": "negeri",
    # Roman numerals in place names (`Paal X`, `Simpang IV Sipin`) as the arabic ones.
    **{
        roman: str(number)
        for number, roman in enumerate(
            ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), start=1
        )
    },
}
# Phrases folded to their usual abbreviation (after the words above are expanded).
_PHRASES: Final = (
    ("sekolah dasar negeri", "sdn"),
    ("sekolah menengah pertama negeri", "smpn"),
    ("sekolah menengah atas negeri", "sman"),
    ("sekolah menengah kejuruan negeri", "smkn"),
    ("sd negeri", "sdn"),
    ("smp negeri", "smpn"),
    ("sma negeri", "sman"),
    ("smk negeri", "smkn"),
    ("taman kanak kanak", "tk"),
    ("sekretariat daerah", "setda"),
    ("sekretariat dprd", "setwan"),
    ("sekretariat dewan perwakilan rakyat daerah", "setwan"),
    ("rumah sakit umum daerah", "rsud"),
    ("unit pelaksana teknis daerah", "uptd"),
    ("unit pelaksana teknis", "upt"),
    ("satuan polisi pamong praja", "satpol pp"),
    ("badan perencanaan pembangunan daerah", "bappeda"),
    ("pusat kesehatan masyarakat", "puskesmas"),
    ("sumber daya manusia", "sdm"),
    ("sat pol pp", "satpol pp"),
    ("kantor camat", "kecamatan"),
    ("kantor kecamatan", "kecamatan"),
)
# Words that do not tell units apart: the UPT/UPTD prefix SIASN puts before a puskesmas or
# school, "Pemerintah" before the region's name, and the Haji in a hospital's namesake.
_NOISE: Final = frozenset({"upt", "uptd", "pemerintah", "pemkot", "pemkab", "h", "hj"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_BRACKET = re.compile(r"(.+?)\s*\((.+)\)")
_PATH_SEPARATOR = re.compile(r"\s+[-/>|]\s+|\s*[>|]\s*")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")
# `SD Negeri No. 47/IV`: the word for "number" before a number tells no units apart.
_NUMBER_WORD = re.compile(r"\b(?:no|nomor|nmr)\s(?=\d)")


def unit_key(text: str, region_name: str = "") -> str:
    """The comparison key of a unit name (see the module docstring)."""
    key = _fold(text)
    region_key = _fold(region_name)
    if region_key and key.startswith(region_key + " "):
        key = key[len(region_key) + 1 :]
    if region_key and key.endswith(" " + region_key):
        key = key[: -len(region_key) - 1]
    if region_key.startswith(("kota ", "kabupaten ", "provinsi ")):
        kind, bare = region_key.split(" ", 1)
        if key.endswith(" " + bare) and len(key) > len(bare) + 1:
            key = key[: -len(bare) - 1]
        # `Dinas Kesehatan Kota`: the city (or regency) the list is from, unnamed.
        if key.endswith(" " + kind) and len(key) > len(kind) + 1:
            key = key[: -len(kind) - 1]
    return key.strip()


def _fold(text: str) -> str:
    words = _NON_ALNUM.sub(" ", text.lower()).split()
    key = " ".join(_WORDS.get(word, word) for word in words)
    key = _LEADING_ZEROS.sub(r"\1", _NUMBER_WORD.sub("", key))
    for phrase, short in _PHRASES:
        key = re.sub(rf"\b{phrase}\b", short, key)
    return " ".join(word for word in key.split() if word not in _NOISE)


_BETWEEN_LETTERS = re.compile(r"(?<=[a-z]) (?=[a-z])")


def _squeezed(key: str) -> str:
    """A unit key with the words run together, but never numbers (`SDN 1 14` is no `SDN 11 4`)."""
    return _BETWEEN_LETTERS.sub("", key)


@dataclass(frozen=True, slots=True)
class KnownUnit:
    id: int
    name: str
    short_name: str
    parent_id: int | None
    is_public_facing: bool


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """The unit a name refers to, or why none: `problem` is "unknown" or "ambiguous"."""

    unit: KnownUnit | None
    problem: str = ""
    suggestions: tuple[str, ...] = ()


class UnitMatcher:
    """Looks names up among a region's units; results are cached per distinct name."""

    def __init__(self, units: Iterable[KnownUnit], region_name: str) -> None:
        self.region_name = region_name
        self.by_id: dict[int, KnownUnit] = {}
        self._by_key: dict[str, list[KnownUnit]] = defaultdict(list)
        self._by_squeezed: dict[str, list[KnownUnit]] = defaultdict(list)
        self._cache: dict[tuple[str, str], UnitMatch] = {}
        for unit in units:
            self.add(unit)

    def add(self, unit: KnownUnit) -> None:
        self.by_id[unit.id] = unit
        for name in {unit.name, unit.short_name} - {""}:
            key = unit_key(name, self.region_name)
            for index, found in ((self._by_key, key), (self._by_squeezed, _squeezed(key))):
                candidates = index[found]
                if unit not in candidates:
                    candidates.append(unit)
        self._cache.clear()

    def match(self, name: str, parent_name: str = "") -> UnitMatch:
        cached = self._cache.get((name, parent_name))
        if cached is None:
            cached = self._cache[(name, parent_name)] = self._match(name, parent_name)
        return cached

    def _match(self, name: str, parent_name: str) -> UnitMatch:
        found = self._match_key(unit_key(name, self.region_name), parent_name)
        if found.unit is not None:
            return found
        bracket = _BRACKET.fullmatch(name.strip())
        # `Dinas Kesehatan (Dinkes)`: a short name in brackets; `Dinas Kesehatan - Puskesmas
        # Simpang Kawat`: the path to the unit. The parts must name one unit, or a unit and
        # the one it belongs to.
        parts = bracket.groups() if bracket else _PATH_SEPARATOR.split(name)
        if len(parts) < 2:
            return self._match_joined(unit_key(name, self.region_name)) or found
        found_units = [self._match_key(self._key(part), parent_name).unit for part in parts]
        units = {unit for unit in found_units if unit is not None}
        innermost = {
            unit for unit in units if not any(other.parent_id == unit.id for other in units)
        }
        if None not in found_units and len(innermost) == 1:
            return UnitMatch(innermost.pop())
        if len(units) > 1:
            names = tuple(sorted(self._label(unit) for unit in units))
            return UnitMatch(None, "ambiguous", names)
        return found

    def _match_joined(self, key: str) -> UnitMatch | None:
        """`Bagian Umum Setda`, `Dinas Kesehatan Puskesmas Putri Ayu`: a unit named next to
        the unit it belongs to, with nothing between; None unless the words split into two
        such names in exactly one way."""
        words = key.split()
        found: set[KnownUnit] = set()
        for at in range(1, len(words)):
            # Each name may carry the region's own (`Dinas Kesehatan Kota Jambi Puskesmas …`).
            first = self._by_key.get(self._key(" ".join(words[:at])), [])
            second = self._by_key.get(self._key(" ".join(words[at:])), [])
            for unit, other in itertools.product(first, second):
                if unit.parent_id == other.id:
                    found.add(unit)
                elif other.parent_id == unit.id:
                    found.add(other)
        if not found:
            return None
        if len(found) == 1:
            return UnitMatch(found.pop())
        return UnitMatch(None, "ambiguous", tuple(sorted(self._label(unit) for unit in found)))

    def _match_key(self, key: str, parent_name: str) -> UnitMatch:
        # `Telanai Pura` for `Telanaipura`: place names written in one word or two.
        candidates = self._by_key.get(key) or self._by_squeezed.get(_squeezed(key), [])
        if len(candidates) > 1 and parent_name:
            parent_ids = {unit.id for unit in self._by_key.get(self._key(parent_name), [])}
            candidates = [unit for unit in candidates if unit.parent_id in parent_ids]
        if len(candidates) == 1:
            return UnitMatch(candidates[0])
        if candidates:
            names = tuple(sorted({self._label(unit) for unit in candidates}))[:3]
            return UnitMatch(None, "ambiguous", names)
        return UnitMatch(None, "unknown", self._closest(key))

    def _key(self, name: str) -> str:
        return unit_key(name, self.region_name)

    def _closest(self, key: str) -> tuple[str, ...]:
        close = difflib.get_close_matches(key, list(self._by_key), n=3, cutoff=0.6)
        names: list[str] = []
        for found in close:
            for unit in self._by_key[found]:
                if unit.name not in names:
                    names.append(unit.name)
        return tuple(names[:3])

    def _label(self, unit: KnownUnit) -> str:
        parent = self.by_id.get(unit.parent_id) if unit.parent_id else None
        return f"{unit.name} ({parent.name})" if parent else unit.name
