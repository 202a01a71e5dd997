"""Workbooks saved with Excel's 1904 date system (Excel for Mac before 2011): their date
serial numbers count from 1 January 1904, four years and a day after the usual 1900 ones."""

import datetime
from pathlib import Path

import openpyxl
import pytest
import xlwt
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from peduliham.people.importing import import_asn
from peduliham.people.importing.readers import open_table
from peduliham.people.importing.values import EXCEL_1904_EPOCH, EXCEL_EPOCH, parse_date
from peduliham.people.models import ASN, ImportRejection
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import HEADERS, person

BIRTH = datetime.date(1986, 9, 26)
SERIAL_1900 = 31681  # 26-09-1986 counted from 30-12-1899
SERIAL_1904 = 30219  # the same day counted from 01-01-1904
BIRTH_AT = HEADERS.index("TGL LAHIR")


def test_a_serial_number_counts_from_the_epoch_of_its_workbook() -> None:
    assert parse_date(SERIAL_1900) == BIRTH
    assert parse_date(SERIAL_1904, epoch=EXCEL_1904_EPOCH) == BIRTH
    assert parse_date(str(SERIAL_1904), epoch=EXCEL_1904_EPOCH) == BIRTH
    assert parse_date(float(SERIAL_1904), epoch=EXCEL_1904_EPOCH) == BIRTH
    assert parse_date(SERIAL_1904) == datetime.date(1982, 9, 25)  # what 1900 would make of it
    assert parse_date(BIRTH, epoch=EXCEL_1904_EPOCH) == BIRTH  # a date cell is a date


def birth_cells() -> list[object]:
    """The birth date as a date cell, a serial number and a serial typed as text."""
    return [BIRTH, SERIAL_1904, str(SERIAL_1904)]


def write_xlsx(path: Path, *, epoch: datetime.datetime | None) -> Path:
    workbook = openpyxl.Workbook()
    if epoch is not None:
        workbook.epoch = epoch
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DAFTAR NOMINATIF ASN"])
    sheet.append(list(HEADERS))
    for number, birth in enumerate(birth_cells(), start=1):
        row: list[object] = list(person(number))
        row[BIRTH_AT] = birth
        sheet.append(row)
    for cell in sheet.iter_rows(min_row=3, min_col=BIRTH_AT + 1, max_col=BIRTH_AT + 1):
        if isinstance(cell[0].value, datetime.date):
            cell[0].number_format = "DD-MM-YYYY"
    workbook.save(path)
    workbook.close()
    return path


def write_xls(path: Path, *, dates_1904: bool) -> Path:
    workbook = xlwt.Workbook(encoding="utf-8")
    workbook.dates_1904 = dates_1904
    sheet = workbook.add_sheet("Data ASN")
    date_style = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    for column, header in enumerate(HEADERS):
        sheet.write(0, column, header)
    for number, birth in enumerate(birth_cells(), start=1):
        for column, value in enumerate(person(number)):
            if column != BIRTH_AT:
                sheet.write(number, column, value)
            elif isinstance(birth, datetime.date):
                sheet.write(number, column, birth, date_style)
            else:
                sheet.write(number, column, birth)
    workbook.save(str(path))
    return path


def write_workbook(path: Path, *, dates_1904: bool) -> Path:
    if path.suffix == ".xls":
        return write_xls(path, dates_1904=dates_1904)
    return write_xlsx(path, epoch=CALENDAR_MAC_1904 if dates_1904 else None)


@pytest.mark.parametrize("name", ["asn.xlsx", "asn.xls"])
def test_the_epoch_of_a_workbook_is_read_from_the_file(name: str, tmp_path: Path) -> None:
    mac, windows = tmp_path / "mac", tmp_path / "windows"
    mac.mkdir()
    windows.mkdir()

    assert open_table(write_workbook(mac / name, dates_1904=True)).date_epoch == EXCEL_1904_EPOCH
    assert open_table(write_workbook(windows / name, dates_1904=False)).date_epoch == EXCEL_EPOCH


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["asn.xlsx", "asn.xls"])
def test_a_1904_workbook_imports_its_date_cells_and_serial_numbers_as_the_right_days(
    name: str, tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    path = write_workbook(tmp_path / name, dates_1904=True)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (3, 3, 0)
    assert set(ASN.objects.values_list("birth_date", flat=True)) == {BIRTH}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["asn.xlsx", "asn.xls"])
def test_the_same_serial_numbers_in_a_1900_workbook_are_other_days(
    name: str, tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    path = write_workbook(tmp_path / name, dates_1904=False)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 2)  # the date cell is still right
    assert set(ImportRejection.objects.values_list("code", "message")) == {
        ("birth_date_mismatch", "Tanggal lahir 25-09-1982 tidak sesuai dengan NIP (26-09-1986)")
    }
