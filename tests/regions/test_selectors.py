"""Every selector stays inside the user's scope; each persona sees its own and nothing more."""

import pytest
from django.http import Http404

from peduliham.accounts.models import User
from peduliham.regions import selectors
from peduliham.regions.models import OrgUnit, RegionKind, UnitKind
from peduliham.regions.services import deactivate_org_unit

pytestmark = pytest.mark.django_db


def codes(user: User, search: str = "") -> list[str]:
    return list(selectors.regions_for(user, search=search).values_list("code", flat=True))


def test_national_admin_browses_the_38_provinces(admin_pusat: User) -> None:
    regions = selectors.regions_for(admin_pusat)
    assert regions.count() == 38
    assert set(regions.values_list("kind", flat=True)) == {RegionKind.PROVINCE}


def test_national_admin_searches_every_region(admin_pusat: User) -> None:
    assert codes(admin_pusat, "jambi") == ["15", "15.05", "15.71"]
    assert codes(admin_pusat, "15.7") == ["15.71", "15.72"]


def test_kanwil_operator_sees_its_province_and_its_kab_kota(operator_kanwil_jambi: User) -> None:
    assert codes(operator_kanwil_jambi) == [
        "15",
        *[f"15.0{n}" for n in range(1, 10)],
        "15.71",
        "15.72",
    ]


def test_kanwil_operator_of_riau_finds_nothing_of_jambi(operator_kanwil_riau: User) -> None:
    assert codes(operator_kanwil_riau, "jambi") == []
    with pytest.raises(Http404):
        selectors.region_detail_for(operator_kanwil_riau, "15.71")


def test_pemda_admin_sees_only_its_kab_kota(admin_pemkot_jambi: User) -> None:
    assert codes(admin_pemkot_jambi) == ["15.71"]
    with pytest.raises(Http404):
        selectors.region_detail_for(admin_pemkot_jambi, "15")


def test_pemkot_pekanbaru_gets_not_found_for_kota_jambi(admin_pemkot_pekanbaru: User) -> None:
    assert codes(admin_pemkot_pekanbaru) == ["14.71"]
    with pytest.raises(Http404):
        selectors.region_detail_for(admin_pemkot_pekanbaru, "15.71")


def test_opd_admin_sees_the_region_of_its_opd(admin_dinkes_jambi: User) -> None:
    assert codes(admin_dinkes_jambi) == ["15.71"]


def test_a_participant_sees_no_regions(peserta_budi: User) -> None:
    assert codes(peserta_budi) == []
    with pytest.raises(Http404):
        selectors.region_detail_for(peserta_budi, "15.71")


def test_an_unknown_code_is_not_found(admin_pusat: User) -> None:
    with pytest.raises(Http404):
        selectors.region_detail_for(admin_pusat, "99.99")


def test_subregions_of_jambi_are_its_eleven_kab_kota(admin_pusat: User) -> None:
    jambi = selectors.region_detail_for(admin_pusat, "15")
    assert selectors.subregions_for(admin_pusat, jambi).count() == 11


def test_kanwil_operator_sees_its_kanwil_and_the_kab_kota_units(
    operator_kanwil_jambi: User, dinkes_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit
) -> None:
    units = selectors.units_for(operator_kanwil_jambi)
    assert set(units.values_list("name", flat=True)) == {
        "Kantor Wilayah Kementerian HAM Jambi",
        "Dinas Kesehatan",
    }
    assert dinkes_pekanbaru not in units


def test_pemkot_pekanbaru_cannot_open_a_kota_jambi_unit(
    admin_pemkot_pekanbaru: User, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(Http404):
        selectors.unit_detail_for(admin_pemkot_pekanbaru, dinkes_jambi.pk)


def test_opd_admin_sees_only_its_own_subtree(
    admin_dinkes_jambi: User, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    units = selectors.units_for(admin_dinkes_jambi)
    assert list(units.values_list("name", flat=True)) == [
        "Dinas Kesehatan",
        "Puskesmas Simpang Kawat",
    ]
    with pytest.raises(Http404):
        selectors.unit_detail_for(admin_dinkes_jambi, disdik_jambi.pk)


def test_unit_tree_nests_service_units_under_their_opd(
    admin_pemkot_jambi: User, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    tree = selectors.unit_tree_for(admin_pemkot_jambi, puskesmas_simpang_kawat.region)
    assert [node.unit.name for node in tree] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert [child.unit for child in tree[0].children] == [puskesmas_simpang_kawat]
    assert tree[1].children == []


def test_unit_tree_leaves_out_inactive_units_unless_asked(
    admin_pemkot_jambi: User, puskesmas_simpang_kawat: OrgUnit
) -> None:
    deactivate_org_unit(admin_pemkot_jambi, unit=puskesmas_simpang_kawat)
    region = puskesmas_simpang_kawat.region
    assert selectors.unit_tree_for(admin_pemkot_jambi, region)[0].children == []
    tree = selectors.unit_tree_for(admin_pemkot_jambi, region, include_inactive=True)
    assert tree[0].children[0].unit == puskesmas_simpang_kawat


def test_kanwil_sits_at_the_top_of_the_province_tree(operator_kanwil_jambi: User) -> None:
    jambi = selectors.region_detail_for(operator_kanwil_jambi, "15")
    tree = selectors.unit_tree_for(operator_kanwil_jambi, jambi)
    assert [(node.unit.kind, node.unit.name) for node in tree] == [
        (UnitKind.KANWIL, "Kantor Wilayah Kementerian HAM Jambi")
    ]
