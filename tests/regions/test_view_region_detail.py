"""GET /wilayah/<code>/: a region with its kab/kota and its units as a nested tree."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region, RegionKind
from peduliham.regions.services import split_region

pytestmark = pytest.mark.django_db

type LoggedIn = Callable[[User], Client]


def url(code: str) -> str:
    return reverse("regions:detail", kwargs={"code": code})


def test_pemkot_jambi_sees_kota_jambi_and_its_unit_tree(
    admin_pemkot_jambi: User, puskesmas_simpang_kawat: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url("15.71"))
    assert response.status_code == 200
    assert response.context["region"].code == "15.71"
    tree = response.context["tree"]
    assert [child.unit for child in tree[0].children] == [puskesmas_simpang_kawat]
    assert "<h1>Kota Jambi</h1>" in response.text
    assert "Puskesmas Simpang Kawat" in response.text
    assert "Melayani publik" in response.text
    assert reverse("regions:unit_create", kwargs={"code": "15.71"}) in response.text


def test_kanwil_jambi_sees_the_province_with_its_kanwil_and_kab_kota(
    operator_kanwil_jambi: User, logged_in: LoggedIn
) -> None:
    response = logged_in(operator_kanwil_jambi).get(url("15"))
    assert response.status_code == 200
    assert len(response.context["subregions"]) == 11
    assert "Kantor Wilayah Kementerian HAM Jambi" in response.text
    assert "Kantor Wilayah Kementerian HAM Riau" not in response.text


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("operator_kanwil_riau", "15"),
        ("operator_kanwil_riau", "15.71"),
        ("admin_pemkot_pekanbaru", "15.71"),
        ("admin_pemkot_jambi", "14.71"),
        ("admin_pemkot_jambi", "15"),
        ("admin_dinkes_jambi", "15.72"),
        ("peserta_budi", "15.71"),
    ],
)
def test_regions_outside_the_scope_are_not_found(
    request: pytest.FixtureRequest, persona: str, code: str, logged_in: LoggedIn
) -> None:
    response = logged_in(request.getfixturevalue(persona)).get(url(code))
    assert response.status_code == 404


def test_opd_admin_sees_only_its_subtree_in_the_tree(
    admin_dinkes_jambi: User, disdik_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_dinkes_jambi).get(url("15.71"))
    assert [node.unit.name for node in response.context["tree"]] == ["Dinas Kesehatan"]
    assert "Dinas Pendidikan" not in response.text


def test_a_split_region_shows_its_history(
    admin_pusat: User, kota_jambi: Region, jambi: Region, logged_in: LoggedIn
) -> None:
    muaro_jambi = Region.objects.current().get(code="15.05")
    split_region(
        admin_pusat,
        region=muaro_jambi,
        into=[
            ("15.05", "Kabupaten Muaro Jambi", RegionKind.KABUPATEN),
            ("15.10", "Kabupaten Muaro Sebo", RegionKind.KABUPATEN),
        ],
        effective=datetime.date(2026, 1, 1),
        legal_basis="UU 1/2026",
    )
    response = logged_in(admin_pusat).get(url("15.10"))
    assert response.context["history"]["predecessors"] == [muaro_jambi]
    assert "Berasal dari" in response.text


def test_the_page_speaks_english_when_asked(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url("15.71"), headers={"accept-language": "en"})
    assert "Organisation units" in response.text
    assert "Regional agency (OPD)" in response.text
