from typing import Any

from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.accounts.scoping import ScopeLevel
from peduliham.regions.models import OrgUnit
from peduliham.regions.selectors import UnitNode
from tests.accounts.helpers import LoggedIn

HOME = reverse("accounts:home")


def get_home(logged_in: LoggedIn, user: User) -> Any:
    response = logged_in(user).get(HOME)
    assert response.status_code == 200
    return response


def unit_names(nodes: list[UnitNode]) -> list[str]:
    names: list[str] = []
    for node in nodes:
        names.append(node.unit.name)
        names.extend(unit_names(node.children))
    return names


def test_the_national_admin_sees_all_38_provinces(logged_in: LoggedIn, admin_pusat: User) -> None:
    response = get_home(logged_in, admin_pusat)
    overview = response.context["overview"]
    assert overview.level is ScopeLevel.NATIONAL
    assert len(overview.regions) == 38
    assert overview.kabupaten_kota_count == 514
    jambi = next(region for region in overview.regions if region.code == "15")
    assert jambi.kabupaten_kota_count == 11
    assert "Provinsi: 38. Kabupaten/kota: 514." in response.text


def test_kanwil_jambi_sees_jambi_and_its_11_kabupaten_kota(
    logged_in: LoggedIn, operator_kanwil_jambi: User
) -> None:
    overview = get_home(logged_in, operator_kanwil_jambi).context["overview"]
    assert overview.anchor_region.code == "15"
    codes = [region.code for region in overview.regions]
    assert codes == [
        "15.01", "15.02", "15.03", "15.04", "15.05", "15.06",
        "15.07", "15.08", "15.09", "15.71", "15.72",
    ]  # fmt: skip


def test_kanwil_riau_sees_nothing_of_jambi(logged_in: LoggedIn, operator_kanwil_riau: User) -> None:
    response = get_home(logged_in, operator_kanwil_riau)
    overview = response.context["overview"]
    assert overview.anchor_region.code == "14"
    assert all(region.code.startswith("14.") for region in overview.regions)
    assert "15.71" not in response.text


def test_pemkot_jambi_sees_kota_jambi_and_its_opds(
    logged_in: LoggedIn,
    admin_pemkot_jambi: User,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
) -> None:
    response = get_home(logged_in, admin_pemkot_jambi)
    overview = response.context["overview"]
    assert overview.anchor_region.code == "15.71"
    names = unit_names(overview.units)
    assert sorted(names) == ["Dinas Kesehatan", "Dinas Pendidikan", "Puskesmas Simpang Kawat"]
    assert all(node.unit.region.code == "15.71" for node in overview.units)
    dinkes = next(node for node in overview.units if node.unit.name == "Dinas Kesehatan")
    assert [child.unit.name for child in dinkes.children] == ["Puskesmas Simpang Kawat"]
    assert "Puskesmas Simpang Kawat" in response.text


def test_pemkot_pekanbaru_sees_none_of_kota_jambis_units(
    logged_in: LoggedIn,
    admin_pemkot_pekanbaru: User,
    puskesmas_simpang_kawat: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
) -> None:
    response = get_home(logged_in, admin_pemkot_pekanbaru)
    overview = response.context["overview"]
    assert [node.unit.pk for node in overview.units] == [dinkes_pekanbaru.pk]
    assert "Puskesmas Simpang Kawat" not in response.text


def test_an_opd_admin_sees_their_opd_and_its_service_units(
    logged_in: LoggedIn,
    admin_dinkes_jambi: User,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    response = get_home(logged_in, admin_dinkes_jambi)
    overview = response.context["overview"]
    assert overview.level is ScopeLevel.UNIT
    assert overview.anchor_unit.name == "Dinas Kesehatan"
    assert unit_names(overview.units) == ["Dinas Kesehatan", "Puskesmas Simpang Kawat"]
    assert "Dinas Pendidikan" not in response.text


def test_a_participant_sees_their_own_account(logged_in: LoggedIn, peserta_budi: User) -> None:
    response = get_home(logged_in, peserta_budi)
    overview = response.context["overview"]
    assert overview.level is ScopeLevel.SELF
    assert overview.regions == []
    assert overview.units == []
    assert "peserta_budi" in response.text
    assert "Budi Santoso" in response.text


def test_the_home_page_needs_a_login(client: Client, db: None) -> None:
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={HOME}"
