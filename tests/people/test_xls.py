"""Old Excel 97-2003 (.xls) registries, as many regional HR systems still export them."""

import datetime
from pathlib import Path

import pytest
import xlwt

from peduliham.accounts.models import User
from peduliham.people.importing import import_asn
from peduliham.people.importing.readers import open_table
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import HEADERS, person


def write_xls(path: Path, rows: list[list[str]], *, birth_as_date: bool = True) -> Path:
    """An .xls with a title row, the headers, and birth dates as real Excel date cells."""
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Data ASN")
    date_style = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    sheet.write(0, 0, "DAFTAR NOMINATIF ASN")
    for column, header in enumerate(HEADERS):
        sheet.write(2, column, header)
    birth_column = HEADERS.index("TGL LAHIR")
    for offset, row in enumerate(rows, start=3):
        for column, value in enumerate(row):
            if column == birth_column and birth_as_date:
                day, month, year = (int(part) for part in value.split("-"))
                sheet.write(offset, column, datetime.date(year, month, day), date_style)
            else:
                sheet.write(offset, column, value)
    workbook.save(str(path))
    return path


def test_an_xls_file_is_read_with_its_header_below_the_title(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "asn.xls", [person(1), person(2, sex="P")])

    table = open_table(path)
    rows = list(table.rows())

    assert table.header_row == 3
    assert [number for number, _ in rows] == [4, 5]
    assert rows[0][1][0] == person(1)[0]


@pytest.mark.django_db
def test_an_xls_registry_imports_with_excel_date_cells(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit, admin_pemkot_jambi: User
) -> None:
    path = write_xls(tmp_path / "asn.xls", [person(1), person(2, sex="P", birth="01-02-1990")])

    summary = import_asn(admin_pemkot_jambi, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (2, 0)
    second = ASN.objects.get(nip=person(2, sex="P", birth="01-02-1990")[0])
    assert second.birth_date == datetime.date(1990, 2, 1)
    assert second.sex == "P"
