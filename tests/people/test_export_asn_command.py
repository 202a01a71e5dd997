from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from peduliham.people.exporting import EXPORT_HEADERS
from peduliham.people.importing import import_asn
from peduliham.regions.models import OrgUnit, Region
from tests.people.asn_factory import make_asn

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(dinkes_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit) -> None:
    make_asn(dinkes_jambi, 1, name="Andi Saputra", phone="081234567890")
    make_asn(dinkes_jambi, 2, name="Tono Pensiun", is_active=False)
    make_asn(dinkes_pekanbaru, 3, name="Rina Melati", sex="P")


def test_it_writes_the_active_asn_of_one_region_to_csv(tmp_path: Path, registry: None) -> None:
    target = tmp_path / "jambi.csv"

    call_command("export_asn", str(target), "--region", "15.71")

    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ";".join(EXPORT_HEADERS)
    assert len(lines) == 2
    assert lines[1].startswith("198609262015051001;Andi Saputra;")


def test_its_xlsx_reimports_into_the_region(
    tmp_path: Path, registry: None, kota_jambi: Region
) -> None:
    target = tmp_path / "jambi.xlsx"

    call_command("export_asn", str(target), "--region", "15.71")
    summary = import_asn(None, path=target, region=kota_jambi)

    # Made without the importer, the record has no digest yet: the first import sets it.
    assert (summary.rows, summary.created, summary.rejected) == (1, 0, 0)
    assert import_asn(None, path=target, region=kota_jambi).unchanged == 1


def test_another_file_type_is_refused_clearly(tmp_path: Path, registry: None) -> None:
    with pytest.raises(CommandError, match=r"\.pdf tidak didukung"):
        call_command("export_asn", str(tmp_path / "jambi.pdf"), "--region", "15.71")
    assert not (tmp_path / "jambi.pdf").exists()


def test_an_unknown_region_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Wilayah 99\.99 tidak ditemukan"):
        call_command("export_asn", str(tmp_path / "x.csv"), "--region", "99.99")
