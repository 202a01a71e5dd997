"""Headcounts: active ASN per top-level OPD, the denominators of coverage."""

from pathlib import Path

import pytest

from peduliham.people.headcounts import refresh_headcounts
from peduliham.people.importing import import_asn
from peduliham.people.models import Headcount
from peduliham.regions.models import OrgUnit, Region
from tests.people.asn_factory import make_asn
from tests.people.helpers import person, write_csv

pytestmark = pytest.mark.django_db


def test_it_counts_active_asn_under_each_top_level_opd(
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    make_asn(dinkes_jambi, 1)
    make_asn(puskesmas_simpang_kawat, 2, is_frontline=True)
    make_asn(puskesmas_simpang_kawat, 3, is_active=False)
    make_asn(disdik_jambi, 4)

    assert refresh_headcounts([kota_jambi.pk]) == 2

    assert dict(Headcount.objects.values_list("opd_id", "active")) == {
        dinkes_jambi.pk: 2,
        disdik_jambi.pk: 1,
    }
    assert Headcount.objects.get(opd=dinkes_jambi).frontline == 1


def test_a_refresh_replaces_the_old_numbers(kota_jambi: Region, disdik_jambi: OrgUnit) -> None:
    make_asn(disdik_jambi, 1)
    refresh_headcounts([kota_jambi.pk])
    make_asn(disdik_jambi, 2)

    refresh_headcounts([kota_jambi.pk])

    assert Headcount.objects.get(opd=disdik_jambi).active == 2


def test_an_import_refreshes_the_region_headcounts(
    tmp_path: Path,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    rows = [person(1), person(2, unit="Puskesmas Simpang Kawat", sex="P"), person(3)]
    import_asn(None, path=write_csv(tmp_path / "asn.csv", rows), region=kota_jambi)

    assert Headcount.objects.get(opd=dinkes_jambi).active == 3
