"""Recognising the column headers of HR exports (SIASN and regional copies). Pure."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Field(StrEnum):
    NIP = "nip"
    NAME = "name"
    NAME_NIP = "name_nip"  # one column holding both, as printed lists have it
    FRONT_TITLE = "front_title"
    BACK_TITLE = "back_title"
    BIRTH_DATE = "birth_date"
    SEX = "sex"
    EMPLOYMENT_KIND = "employment_kind"
    STATUS = "status"  # active or not: SIASN's KEDUDUKAN HUKUM
    RANK = "rank"
    POSITION_NAME = "position_name"
    POSITION_KIND = "position_kind"
    UNIT = "unit"
    PARENT_UNIT = "parent_unit"
    IS_FRONTLINE = "is_frontline"
    EMAIL = "email"
    PHONE = "phone"


REQUIRED: Final = (Field.NIP, Field.NAME, Field.UNIT)

#: The core columns of a SIASN/BKPSDM export, as the demo data and exports write them.
SIASN_HEADERS: Final = (
    "NIP BARU",
    "NAMA",
    "GELAR DEPAN",
    "GELAR BELAKANG",
    "TGL LAHIR",
    "JENIS KELAMIN",
    "STATUS PEGAWAI",
    "GOL AKHIR",
    "JABATAN NAMA",
    "JENIS JABATAN",
    "UNOR NAMA",
)

# Synonyms in order of preference, written as `header_key` normalises them.
SYNONYMS: Final[dict[Field, tuple[str, ...]]] = {
    Field.NIP: (
        "NIP BARU",
        "NIP",
        "NIP 18",
        "NIP PNS",
        "NIP NI PPPK",
        "NI PPPK",
        "NIPPPK",
        "NOMOR INDUK PEGAWAI",
    ),
    Field.NAME: ("NAMA", "NAMA LENGKAP", "NAMA PEGAWAI", "NAMA ASN", "NAMA DAN GELAR"),
    Field.NAME_NIP: (
        "NAMA NIP",
        "NAMA DAN NIP",
        "NIP NAMA",
        "NIP DAN NAMA",
        "NAMA LENGKAP NIP",
        "NAMA PEGAWAI NIP",
        "NAMA GELAR NIP",
        "NAMA DAN GELAR NIP",
        "NAMA LENGKAP DAN NIP",
    ),
    Field.FRONT_TITLE: ("GELAR DEPAN", "GLR DEPAN"),
    Field.BACK_TITLE: ("GELAR BELAKANG", "GLR BELAKANG", "GELAR BLK"),
    Field.BIRTH_DATE: (
        "TGL LAHIR",
        "TANGGAL LAHIR",
        "TGL LHR",
        "TANGGAL LHR",
        # Place and date in one cell (`Jambi, 26-09-1986`): only when no date column exists.
        "TEMPAT TGL LAHIR",
        "TEMPAT TANGGAL LAHIR",
        "TEMPAT DAN TANGGAL LAHIR",
        "TEMPAT TGL LHR",
        "TTL",
    ),
    Field.SEX: (
        "JENIS KELAMIN",
        "JK",
        "LP",
        "KELAMIN",
        "GENDER",
        "JENIS KELAMIN NAMA",
        "JNS KELAMIN",
        "JENIS KEL",
        "JNS KEL",
        "SEX",
    ),
    # A STATUS column holds the kind (PNS, PPPK) in some exports and the status (Aktif,
    # Pensiun) in others: each value is read for what it is (rows.RowReader).
    Field.EMPLOYMENT_KIND: (
        "JENIS ASN",
        "JENIS PEGAWAI",
        "JENIS PEGAWAI NAMA",
        "JENIS KEPEGAWAIAN",
        "STATUS PEGAWAI",
        "STATUS ASN",
        "STATUS KEPEGAWAIAN",
        "STATUS",
    ),
    Field.STATUS: (
        "KEDUDUKAN HUKUM",
        "KEDUDUKAN HUKUM NAMA",
        "KEDUDUKAN PEGAWAI",
        "STATUS KEDUDUKAN",
        "STATUS KEDUDUKAN HUKUM",
        "KEDUDUKAN",
        "KEDUDUKAN HUKUM PEGAWAI",
        # Left over when a JENIS column holds the kind.
        "STATUS PEGAWAI",
        "STATUS ASN",
        "STATUS KEPEGAWAIAN",
        "STATUS",
    ),
    Field.RANK: (
        "GOL AKHIR",
        "GOL RUANG",
        "PANGKAT GOL",
        "GOLONGAN RUANG",
        "PANGKAT GOLONGAN",
        "GOL AKHIR NAMA",
        "GOLONGAN",
        "GOL",
        "PANGKAT",
        "PANGKAT GOL RUANG",
        "PANGKAT GOLONGAN RUANG",
        "GOLONGAN AKHIR",
        "GOL RUANG AKHIR",
        "PANGKAT GOL AKHIR",
        "GOL PANGKAT",
        "GOLONGAN PANGKAT",
    ),
    Field.POSITION_NAME: ("JABATAN NAMA", "JABATAN", "NAMA JABATAN"),
    Field.POSITION_KIND: ("JENIS JABATAN", "JENIS JABATAN NAMA", "TIPE JABATAN"),
    Field.UNIT: (
        "UNOR NAMA",
        "UNIT KERJA",
        "SATUAN KERJA",
        "UNOR",
        "NAMA UNOR",
        "SATKER",
        "UNIT ORGANISASI",
        "OPD",
        "PERANGKAT DAERAH",
        "NAMA UNIT KERJA",
        "NAMA UNIT",
        "NAMA SATUAN KERJA",
        "NAMA OPD",
        "NAMA PERANGKAT DAERAH",
        "TEMPAT TUGAS",
        "LOKASI KERJA",
        "SKPD",  # Satuan Kerja Perangkat Daerah: what OPDs were called before 2016
        "NAMA SKPD",
    ),
    Field.PARENT_UNIT: (
        "UNOR INDUK NAMA",
        "UNOR INDUK",
        "UNIT INDUK",
        "OPD INDUK",
        "OPD",
        "PERANGKAT DAERAH",
        "SKPD",
    ),
    Field.IS_FRONTLINE: ("PELAYANAN PUBLIK", "GARDA DEPAN", "LAYANAN LANGSUNG", "MELAYANI PUBLIK"),
    Field.EMAIL: ("EMAIL", "E MAIL", "SUREL", "ALAMAT EMAIL"),
    Field.PHONE: (
        "NO HP",
        "NOMOR HP",
        "TELEPON",
        "NO TELEPON",
        "NO TELP",
        "TELP",
        "HP",
        "NOMOR TELEPON",
        "HANDPHONE",
    ),
}

_KNOWN_KEYS: Final = frozenset(key for synonyms in SYNONYMS.values() for key in synonyms)

#: Human names of the required columns, for the "missing column" message.
REQUIRED_LABELS: Final = {
    Field.NIP: "NIP",
    Field.NAME: "NAMA",
    Field.UNIT: "UNOR NAMA / UNIT KERJA",
}

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Letters spaced or dotted out (`N I P`, `N.I.P.`, `L/P`, `J/K`) are read as one word.
_SPELLED_OUT = re.compile(r"\b[A-Z](?: [A-Z]\b)+")
# Words that make a column something else than the field its name begins with. TERTULIS:
# the error report's `NIP (TERTULIS)` holds the NIP as first written; a clerk fixes the NIP
# in the file's own column, so a report imported again is read from that one.
_IGNORED: Final = frozenset(
    {"LAMA", "IBU", "AYAH", "ATASAN", "INDUK", "PASANGAN", "SEKOLAH", "TERTULIS"}
)


def header_key(text: str) -> str:
    """`Tgl. Lahir ` -> `TGL LAHIR`, `N.I.P.` -> `NIP`: upper case, punctuation and spacing
    folded."""
    key = " ".join(_NON_ALNUM.sub(" ", text.upper()).split())
    return _SPELLED_OUT.sub(lambda letters: letters.group().replace(" ", ""), key)


def is_known_header(text: str) -> bool:
    """Whether a header names a field exactly (in any case and spacing)."""
    return header_key(text) in _KNOWN_KEYS


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which column (0-based) holds each recognised field."""

    columns: dict[Field, int]

    def has(self, field: Field) -> bool:
        return field in self.columns

    def names_staff(self) -> bool:
        """Whether these are the columns of a list of ASN: it names the NIP and the name."""
        return Field.NIP in self.columns and Field.NAME in self.columns

    def missing_required(self) -> list[Field]:
        return [field for field in REQUIRED if field not in self.columns]

    def _from_name_nip(self, field: Field) -> bool:
        combined = self.columns.get(Field.NAME_NIP)
        return combined is not None and self.columns.get(field) == combined

    @property
    def nip_in_name_nip(self) -> bool:
        """Whether the NIP is read from a NAMA / NIP column (there is no NIP column)."""
        return self._from_name_nip(Field.NIP)

    @property
    def name_in_name_nip(self) -> bool:
        """Whether the name is read from a NAMA / NIP column (there is no NAMA column)."""
        return self._from_name_nip(Field.NAME)


def _field_key(header: str) -> str:
    """`header_key`, without a note in brackets (`TANGGAL LAHIR (DD-MM-YYYY)`, `JK (L/P)`) or
    a closing `TERAKHIR` ("latest": `JABATAN TERAKHIR`) when that leaves a known header;
    never for a column of something else (`NIP (LAMA)`)."""
    key = header_key(header)
    if key in _KNOWN_KEYS or _IGNORED.intersection(key.split()):
        return key
    bare = header_key(_BRACKETED.sub(" ", header))
    if bare in _KNOWN_KEYS:
        return bare
    latest = key.removesuffix(" TERAKHIR")
    return latest if latest in _KNOWN_KEYS else key


def map_headers(headers: Sequence[str]) -> ColumnMap:
    """Assign each field its best-ranked header; a header serves one field only."""
    keys = [_field_key(header) for header in headers]
    taken: set[int] = set()
    columns: dict[Field, int] = {}
    for field, synonyms in SYNONYMS.items():
        best: tuple[int, int] | None = None
        for index, key in enumerate(keys):
            if index in taken or key not in synonyms:
                continue
            rank = synonyms.index(key)
            if best is None or rank < best[0]:
                best = (rank, index)
        if best is not None:
            columns[field] = best[1]
            taken.add(best[1])
    _match_required_by_prefix(keys, taken, columns)
    combined = columns.get(Field.NAME_NIP)
    if combined is not None:
        # NAMA / NIP gives what no column of its own gives: a NIP column is preferred.
        columns.setdefault(Field.NIP, combined)
        columns.setdefault(Field.NAME, combined)
    return ColumnMap(columns)


def _match_required_by_prefix(keys: list[str], taken: set[int], columns: dict[Field, int]) -> None:
    """`NAMA LENGKAP DENGAN GELAR`, `UNIT KERJA TERAKHIR`: required columns with a longer name."""
    for field in REQUIRED:
        if field in columns:
            continue
        for synonym in sorted(SYNONYMS[field], key=len, reverse=True):
            found = next(
                (
                    index
                    for index, key in enumerate(keys)
                    if index not in taken
                    and key.startswith(synonym + " ")
                    and not _IGNORED.intersection(key.split())
                ),
                None,
            )
            if found is not None:
                columns[field] = found
                taken.add(found)
                break
