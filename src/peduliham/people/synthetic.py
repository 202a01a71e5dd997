"""Realistic synthetic ASN rows, shaped like a BKPSDM export (SIASN headers).

Used by the demo (about 10,000 ASN for Kota Jambi) and by the import
benchmark (1,000,000 rows). Every NIP is valid and agrees with the row's
birth date and sex; the distribution leans on teachers and health workers as
a real city's registry does. Nothing here touches the database.
"""

import csv
import datetime
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from peduliham.people.importing.headers import SIASN_HEADERS

#: Bumped whenever the rows for a given seed change, so cached files are regenerated.
GENERATOR_VERSION = 2

HEADERS = SIASN_HEADERS


class Workforce(StrEnum):
    """What kind of staff a unit mostly employs."""

    SCHOOL = "school"
    HEALTH = "health"
    HOSPITAL = "hospital"
    OFFICE = "office"
    KECAMATAN = "kecamatan"


@dataclass(frozen=True, slots=True)
class UnitProfile:
    name: str
    workforce: Workforce
    weight: float


MALE_NAMES = (
    "Budi Santoso",
    "Ahmad Fauzi",
    "Muhammad Rizki",
    "Agus Salim",
    "Hendra Gunawan",
    "Dedi Kurniawan",
    "Rahmat Hidayat",
    "Andi Saputra",
    "Joko Susilo",
    "Arif Rahman",
    "Eko Prasetyo",
    "Fajar Ramadhan",
    "Irfan Maulana",
    "Yudi Firmansyah",
    "Syahrial",
    "Zulkifli",
    "Abdul Hamid",
    "Hasan Basri",
    "Ridwan Kamil",
    "Teguh Wibowo",
    "Bambang Supriyadi",
    "Rudi Hartono",
    "Slamet Riyadi",
    "Iwan Setiawan",
    "Dimas Pratama",
    "M. Ikhsan",
    "Taufik Hidayat",
    "Sofyan Hadi",
    "Herman Syah",
    "Nasrul Efendi",
)
FEMALE_NAMES = (
    "Siti Aminah",
    "Nurhayati",
    "Sri Wahyuni",
    "Dewi Lestari",
    "Rina Marlina",
    "Yulia Rahmawati",
    "Fitri Handayani",
    "Nur Aisyah",
    "Ratna Sari",
    "Lisa Anggraini",
    "Maya Sofiana",
    "Desi Ratnasari",
    "Eka Putri",
    "Wulan Dari",
    "Indah Permata",
    "Rahmi Yanti",
    "Ernawati",
    "Yusnidar",
    "Mardiana",
    "Novita Sari",
    "Halimah",
    "Zubaidah",
    "Rosmawati",
    "Kartini",
    "Puspita Dewi",
    "Ayu Lestari",
    "Suryani",
    "Nelly Agustina",
    "Erlina",
    "Hafizah",
)
SURNAMES = (
    "",
    "",
    "",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Pane",
    "Sitompul",
    "Putra",
    "Putri",
    "Wijaya",
    "Hakim",
    "Saleh",
    "Daulay",
    "Tanjung",
    "Rambe",
)

# (position name, position kind, back titles, relative frequency) per workforce: a school
# has one head and many teachers, a puskesmas one head and many nurses and midwives.
POSITIONS: dict[Workforce, Sequence[tuple[str, str, Sequence[str], float]]] = {
    Workforce.SCHOOL: (
        ("Guru Ahli Pertama", "fungsional", ("S.Pd.", "S.Pd.I."), 32),
        ("Guru Ahli Muda", "fungsional", ("S.Pd.", "S.Pd., M.Pd."), 30),
        ("Guru Ahli Madya", "fungsional", ("S.Pd., M.Pd.", "M.Pd."), 20),
        ("Kepala Sekolah", "fungsional", ("S.Pd., M.Pd.",), 3),
        ("Pengadministrasi Umum", "pelaksana", ("", "A.Md."), 8),
    ),
    Workforce.HEALTH: (
        ("Perawat Terampil", "fungsional", ("A.Md.Kep.",), 25),
        ("Perawat Ahli Pertama", "fungsional", ("S.Kep., Ners",), 15),
        ("Bidan Terampil", "fungsional", ("A.Md.Keb.",), 25),
        ("Dokter Ahli Pertama", "fungsional", ("",), 8),
        ("Penyuluh Kesehatan Masyarakat", "fungsional", ("S.K.M.", "S.K.M., M.K.M"), 8),
        ("Kepala Puskesmas", "struktural", ("S.K.M., M.K.M",), 2.5),
        ("Pengadministrasi Umum", "pelaksana", ("", "A.Md."), 10),
    ),
    Workforce.HOSPITAL: (
        ("Perawat Ahli Pertama", "fungsional", ("S.Kep., Ners",), 30),
        ("Perawat Terampil", "fungsional", ("A.Md.Kep.",), 30),
        ("Dokter Ahli Muda", "fungsional", ("",), 8),
        ("Dokter Spesialis", "fungsional", ("Sp.PD", "Sp.A", "Sp.OG"), 6),
        ("Apoteker Ahli Pertama", "fungsional", ("S.Farm., Apt.",), 5),
        ("Pengadministrasi Umum", "pelaksana", ("", "A.Md."), 15),
    ),
    Workforce.OFFICE: (
        ("Analis Kebijakan Ahli Muda", "fungsional", ("S.E.", "S.H.", "S.Sos., M.Si."), 20),
        ("Kepala Bidang", "struktural", ("S.E., M.M.", "S.H., M.H.", "S.T., M.T."), 8),
        ("Kepala Seksi", "struktural", ("S.Sos.", "S.E.", "S.Kom."), 12),
        ("Pengelola Keuangan", "pelaksana", ("S.E.", "A.Md."), 15),
        ("Pengadministrasi Umum", "pelaksana", ("", "A.Md."), 35),
        ("Pranata Komputer Ahli Pertama", "fungsional", ("S.Kom.",), 10),
    ),
    Workforce.KECAMATAN: (
        ("Camat", "struktural", ("S.STP., M.Si.", "S.Sos., M.Si."), 3),
        ("Lurah", "struktural", ("S.Sos.", "S.STP."), 15),
        ("Kepala Seksi Pelayanan", "struktural", ("S.Sos.", "S.E."), 12),
        ("Pengadministrasi Umum", "pelaksana", ("", "A.Md."), 40),
        ("Pengadministrasi Kependudukan", "pelaksana", ("",), 30),
    ),
}
_POSITION_WEIGHTS: dict[Workforce, list[float]] = {
    workforce: list(itertools.accumulate(weight for *_, weight in positions))
    for workforce, positions in POSITIONS.items()
}

PNS_RANKS = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
PPPK_GRADES = ("V", "VII", "IX", "X", "XI")
PPPK_GRADE_WEIGHTS = (15, 20, 45, 15, 5)


@dataclass(frozen=True, slots=True)
class _Person:
    birth: datetime.date
    start: tuple[int, int]
    female: bool
    pppk: bool


def _nip(person: _Person, sequence: int) -> str:
    sex = "2" if person.female else "1"
    year, month = person.start
    return f"{person.birth:%Y%m%d}{year:04d}{month:02d}{sex}{sequence:03d}"


def _person(rng: random.Random, today: datetime.date) -> _Person:
    age_days = rng.randint(23 * 365, 58 * 365)
    birth = today - datetime.timedelta(days=age_days)
    earliest = birth.year + 19
    latest = min(today.year - 1, birth.year + 45)
    start_year = rng.randint(earliest, max(earliest, latest))
    pppk = start_year >= 2021 and rng.random() < 0.85
    return _Person(birth, (start_year, rng.randint(1, 12)), rng.random() < 0.58, pppk)


def _pns_rank(rng: random.Random, person: _Person, back_title: str, today: datetime.date) -> str:
    """Graduates enter at III/a, diplomas at II/c, others at II/a; a step about every 4 years."""
    if "S." in back_title or "M." in back_title or "Sp." in back_title or back_title == "":
        entry = 4 if back_title else 0
    else:
        entry = 2
    years = today.year - person.start[0]
    step = entry + years // 4 + rng.choice((-1, 0, 0, 1))
    return PNS_RANKS[max(entry, min(step, len(PNS_RANKS) - 1))]


def _name(rng: random.Random, female: bool) -> str:
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    surname = rng.choice(SURNAMES)
    return f"{first} {surname}".strip()


def _front_title(rng: random.Random, position: str, female: bool) -> str:
    parts = []
    if position.startswith("Dokter"):
        parts.append("dr.")
    elif rng.random() < 0.03:
        parts.append("Dr.")
    if rng.random() < 0.08:
        parts.append("Hj." if female else "H.")
    return " ".join(parts)


def generate_rows(
    *,
    units: Sequence[UnitProfile],
    count: int,
    seed: int = 2025,
    today: datetime.date = datetime.date(2025, 10, 1),
) -> Iterator[tuple[str, ...]]:
    """Yield `count` rows in HEADERS order; the same seed gives the same rows."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    unit_weights = list(itertools.accumulate(unit.weight for unit in units))
    used: set[int] = set()
    for _ in range(count):
        unit = rng.choices(units, cum_weights=unit_weights)[0]
        person = _person(rng, today)
        sequence = rng.randint(1, 999)
        nip = _nip(person, sequence)
        while int(nip) in used:
            sequence = sequence % 999 + 1
            nip = _nip(person, sequence)
        used.add(int(nip))
        position, kind, back_titles, _weight = rng.choices(
            POSITIONS[unit.workforce], cum_weights=_POSITION_WEIGHTS[unit.workforce]
        )[0]
        back_title = rng.choice(back_titles)
        if person.pppk:
            rank = rng.choices(PPPK_GRADES, PPPK_GRADE_WEIGHTS)[0]
        else:
            rank = _pns_rank(rng, person, back_title, today)
        yield (
            nip,
            _name(rng, person.female),
            _front_title(rng, position, person.female),
            back_title,
            f"{person.birth:%d-%m-%Y}",
            "P" if person.female else "L",
            "PPPK" if person.pppk else "PNS",
            rank,
            position,
            kind,
            unit.name,
        )


def write_csv(path: Path, rows: Iterator[tuple[str, ...]], *, delimiter: str = ";") -> int:
    """Write rows under HEADERS as a BKPSDM-style CSV; returns the number of data rows."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(row)
            written += 1
    return written
