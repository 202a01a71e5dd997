"""Messy registry files, written the way HR exports and Excel write them."""

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import openpyxl
import pytest

from peduliham.people.importing import import_asn
from peduliham.people.importing import service as import_service

HEADERS = (
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


def nip(birth: str = "19860926", start: str = "201505", sex: str = "1", sequence: int = 1) -> str:
    return f"{birth}{start}{sex}{sequence:03d}"


def person(
    number: int,
    *,
    unit: str = "Dinas Kesehatan",
    sex: str = "L",
    kind: str = "PNS",
    rank: str = "III/a",
    birth: str = "26-09-1986",
    name: str = "",
) -> list[str]:
    """A valid row in HEADERS order whose NIP agrees with its birth date and sex."""
    day, month, year = birth.split("-")
    return [
        nip(f"{year}{month}{day}", "201505", "1" if sex == "L" else "2", number),
        name or f"Pegawai {number}",
        "",
        "S.Kep.",
        birth,
        sex,
        kind,
        rank,
        "Perawat Ahli Pertama",
        "Fungsional",
        unit,
    ]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    headers: Sequence[str] = HEADERS,
    delimiter: str = ",",
    encoding: str = "utf-8",
    above: Sequence[Sequence[str]] = (),
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows(above)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], *, headers: Sequence[str] = HEADERS
) -> Path:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Data ASN")
    sheet.append(["DAFTAR NOMINATIF ASN"])
    sheet.append([])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def interrupted_import(*, killed_in_batch: int, **arguments: Any) -> None:
    """`import_asn(None, **arguments)` killed while it writes batch number `killed_in_batch`:
    that batch rolls back, the ones before it stay committed."""
    real_apply = import_service._apply_batch
    calls = 0

    def apply_then_die(job: Any, plan: Any) -> None:
        nonlocal calls
        calls += 1
        real_apply(job, plan)
        if calls == killed_in_batch:
            raise RuntimeError("killed")

    with (
        mock.patch.object(import_service, "_apply_batch", apply_then_die),
        pytest.raises(RuntimeError),
    ):
        import_asn(None, **arguments)
