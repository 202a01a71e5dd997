import json
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import HEADERS, person, write_csv

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_asn", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_prints_the_json_summary_as_its_last_line(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1), [*person(2)[:10], "Dinas Antah"]])
    errors = tmp_path / "errors.csv"

    output = run(str(path), "--region", "15.71", "--json", "--errors", str(errors))

    assert json.loads(output.strip().splitlines()[-1]) == {
        "rows": 2,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
        "errors_file": str(errors),
    }
    assert errors.exists()


def test_it_prints_an_indonesian_summary_without_json(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1)])

    output = run(str(path), "--region", "15.71", "--dry-run")

    assert "Uji coba" in output
    assert "Baru         : 1" in output
    assert ASN.objects.count() == 0


def test_an_unreadable_file_exits_non_zero_with_its_reason(
    tmp_path: Path, kota_jambi: Region
) -> None:
    path = tmp_path / "asn.xlsx"
    path.write_bytes(b"this is not a spreadsheet")

    with pytest.raises(CommandError) as error:
        run(str(path), "--region", "15.71")

    assert error.value.returncode == 2
    assert "file_unreadable" in str(error.value)


def test_an_unknown_region_exits_non_zero(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "asn.csv"), "--region", "99.99")

    assert error.value.returncode == 2


def test_the_json_summary_counts_the_lines_that_hold_no_asn(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1), ["JUMLAH", "1 orang"]])

    output = run(str(path), "--region", "15.71", "--json")

    summary = json.loads(output.strip().splitlines()[-1])
    assert (summary["rows"], summary["created"], summary["skipped"]) == (1, 1, 1)


def test_the_human_summary_says_how_many_lines_were_skipped(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1), ["Halaman 1 dari 1"]])

    output = run(str(path), "--region", "15.71")

    assert "Dilewati     : 1" in output


def test_the_summaries_name_the_sheets_of_a_workbook_read_from_several(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "PNS"
    second = workbook.create_sheet("PPPK")
    for sheet, number in ((first, 1), (second, 2)):
        sheet.append(list(HEADERS))
        sheet.append(person(number))
    workbook.save(tmp_path / "asn.xlsx")
    path = str(tmp_path / "asn.xlsx")

    last = run(path, "--region", "15.71", "--json", "--dry-run").strip().splitlines()[-1]
    human = run(path, "--region", "15.71", "--dry-run")

    assert json.loads(last)["sheets"] == ["PNS", "PPPK"]
    assert "Lembar dibaca: PNS, PPPK" in human
