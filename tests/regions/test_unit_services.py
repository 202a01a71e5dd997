"""Organisation-unit services: who may change which unit, path rewrites, audit entries."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region, ServiceKind, UnitKind
from peduliham.regions.services import (
    create_org_unit,
    deactivate_org_unit,
    move_org_unit,
    update_org_unit,
)

pytestmark = pytest.mark.django_db


def code_of(call: object, *args: object, **kwargs: object) -> str:
    """Run a service that must refuse, and return the error code it gave."""
    with pytest.raises(DomainError) as raised:
        call(*args, **kwargs)  # type: ignore[operator]
    return raised.value.code


@pytest.fixture
def pustu(puskesmas_simpang_kawat: OrgUnit) -> OrgUnit:
    return create_org_unit(
        None,
        region=puskesmas_simpang_kawat.region,
        parent=puskesmas_simpang_kawat,
        name="Pustu Kenali Asam",
        kind=UnitKind.SERVICE_UNIT,
        service_kind=ServiceKind.PUSKESMAS,
    )


# --- create --------------------------------------------------------------------------------


def test_pemda_admin_adds_an_opd_with_an_audit_entry(
    admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    unit = create_org_unit(
        admin_pemkot_jambi, region=kota_jambi, name="  Dinas  Sosial ", kind=UnitKind.OPD
    )
    assert (unit.name, unit.path, unit.parent) == ("Dinas Sosial", f"{unit.pk:010d}/", None)
    entry = AuditEntry.objects.get(action="peduliham.orgunit.created", object_id=str(unit.pk))
    assert (entry.actor, entry.region_code, entry.unit_path) == (
        admin_pemkot_jambi,
        "15.71",
        unit.path,
    )


def test_a_child_path_extends_its_parents_path(puskesmas_simpang_kawat: OrgUnit) -> None:
    parent = puskesmas_simpang_kawat.parent
    assert parent is not None
    assert puskesmas_simpang_kawat.path == parent.path + f"{puskesmas_simpang_kawat.pk:010d}/"


def test_kanwil_operator_adds_units_in_the_kab_kota_of_its_province(
    operator_kanwil_jambi: User, kota_jambi: Region
) -> None:
    unit = create_org_unit(
        operator_kanwil_jambi, region=kota_jambi, name="Bappeda", kind=UnitKind.OPD
    )
    assert unit.region == kota_jambi


@pytest.mark.parametrize(
    "persona",
    ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "peserta_budi", "admin_dinkes_jambi"],
)
def test_others_may_not_add_an_opd_to_kota_jambi(
    request: pytest.FixtureRequest, persona: str, kota_jambi: Region
) -> None:
    actor = request.getfixturevalue(persona)
    code = code_of(create_org_unit, actor, region=kota_jambi, name="Bappeda", kind=UnitKind.OPD)
    assert code == "permission_denied"
    assert not OrgUnit.objects.filter(name="Bappeda").exists()


def test_opd_admin_adds_service_units_under_its_own_opd_only(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    unit = create_org_unit(
        admin_dinkes_jambi,
        region=dinkes_jambi.region,
        parent=dinkes_jambi,
        name="Puskesmas Paal V",
        kind=UnitKind.SERVICE_UNIT,
    )
    assert unit.path.startswith(dinkes_jambi.path)
    code = code_of(
        create_org_unit,
        admin_dinkes_jambi,
        region=disdik_jambi.region,
        parent=disdik_jambi,
        name="SD Negeri 1",
        kind=UnitKind.SERVICE_UNIT,
    )
    assert code == "permission_denied"


def test_names_are_unique_among_siblings_ignoring_case(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    code = code_of(
        create_org_unit,
        admin_pemkot_jambi,
        region=dinkes_jambi.region,
        name="dinas kesehatan",
        kind=UnitKind.OPD,
    )
    assert code == "name_taken"


def test_a_blank_name_is_refused(admin_pemkot_jambi: User, kota_jambi: Region) -> None:
    code = code_of(
        create_org_unit, admin_pemkot_jambi, region=kota_jambi, name="  ", kind=UnitKind.OPD
    )
    assert code == "name_required"


def test_a_parent_must_be_in_the_same_region(
    admin_pusat: User, dinkes_pekanbaru: OrgUnit, kota_jambi: Region
) -> None:
    code = code_of(
        create_org_unit,
        admin_pusat,
        region=kota_jambi,
        parent=dinkes_pekanbaru,
        name="Puskesmas Salah Tempat",
        kind=UnitKind.SERVICE_UNIT,
    )
    assert code == "invalid_parent"


def test_a_kanwil_belongs_to_a_province(admin_pusat: User, kota_jambi: Region) -> None:
    code = code_of(
        create_org_unit, admin_pusat, region=kota_jambi, name="Kanwil", kind=UnitKind.KANWIL
    )
    assert code == "kanwil_misplaced"


def test_a_province_has_one_kanwil(admin_pusat: User, jambi: Region) -> None:
    code = code_of(
        create_org_unit, admin_pusat, region=jambi, name="Kanwil Kedua", kind=UnitKind.KANWIL
    )
    assert code == "kanwil_exists"


def test_only_the_national_admin_adds_a_kanwil(operator_kanwil_jambi: User, jambi: Region) -> None:
    code = code_of(
        create_org_unit, operator_kanwil_jambi, region=jambi, name="Kanwil", kind=UnitKind.KANWIL
    )
    assert code == "permission_denied"


# --- update --------------------------------------------------------------------------------


def test_update_records_only_what_changed(admin_pemkot_jambi: User, dinkes_jambi: OrgUnit) -> None:
    update_org_unit(
        admin_pemkot_jambi,
        unit=dinkes_jambi,
        name="Dinas Kesehatan",
        short_name="DINKES",
        is_public_facing=True,
    )
    dinkes_jambi.refresh_from_db()
    assert (dinkes_jambi.short_name, dinkes_jambi.is_public_facing) == ("DINKES", True)
    entry = AuditEntry.objects.get(action="peduliham.orgunit.updated")
    assert entry.changes == {"short_name": ["Dinkes", "DINKES"], "is_public_facing": [False, True]}
    assert entry.unit_path == dinkes_jambi.path


def test_an_update_that_changes_nothing_writes_no_entry(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    update_org_unit(admin_pemkot_jambi, unit=dinkes_jambi, name="Dinas Kesehatan")
    assert not AuditEntry.objects.filter(action="peduliham.orgunit.updated").exists()


def test_a_rename_may_not_clash_with_a_sibling(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    code = code_of(update_org_unit, admin_pemkot_jambi, unit=disdik_jambi, name="Dinas Kesehatan")
    assert code == "name_taken"


def test_opd_admin_edits_its_service_units_but_not_its_opd(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit
) -> None:
    update_org_unit(admin_dinkes_jambi, unit=puskesmas_simpang_kawat, short_name="PKM SK")
    code = code_of(update_org_unit, admin_dinkes_jambi, unit=dinkes_jambi, short_name="X")
    assert code == "permission_denied"


@pytest.mark.parametrize("persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru"])
def test_another_province_may_not_edit_kota_jambi_units(
    request: pytest.FixtureRequest, persona: str, dinkes_jambi: OrgUnit
) -> None:
    actor = request.getfixturevalue(persona)
    assert code_of(update_org_unit, actor, unit=dinkes_jambi, name="Diubah") == "permission_denied"


# --- move ----------------------------------------------------------------------------------


def test_move_rewrites_the_paths_of_the_whole_subtree(
    admin_pemkot_jambi: User,
    puskesmas_simpang_kawat: OrgUnit,
    pustu: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    move_org_unit(admin_pemkot_jambi, unit=puskesmas_simpang_kawat, new_parent=disdik_jambi)
    puskesmas_simpang_kawat.refresh_from_db()
    pustu.refresh_from_db()
    assert puskesmas_simpang_kawat.parent == disdik_jambi
    assert puskesmas_simpang_kawat.path == disdik_jambi.path + f"{puskesmas_simpang_kawat.pk:010d}/"
    assert pustu.path == puskesmas_simpang_kawat.path + f"{pustu.pk:010d}/"
    assert list(OrgUnit.objects.subtree(disdik_jambi.path)) == [
        disdik_jambi,
        puskesmas_simpang_kawat,
        pustu,
    ]


def test_move_to_the_top_level_and_the_audit_entry(
    admin_pemkot_jambi: User, puskesmas_simpang_kawat: OrgUnit, pustu: OrgUnit
) -> None:
    old_path = puskesmas_simpang_kawat.path
    move_org_unit(admin_pemkot_jambi, unit=puskesmas_simpang_kawat, new_parent=None)
    puskesmas_simpang_kawat.refresh_from_db()
    assert puskesmas_simpang_kawat.path == f"{puskesmas_simpang_kawat.pk:010d}/"
    entry = AuditEntry.objects.get(action="peduliham.orgunit.moved")
    assert entry.changes["path"] == [old_path, puskesmas_simpang_kawat.path]
    assert entry.changes["units_moved"] == 2


def test_a_unit_cannot_move_under_itself(
    admin_pemkot_jambi: User, puskesmas_simpang_kawat: OrgUnit, pustu: OrgUnit
) -> None:
    code = code_of(
        move_org_unit, admin_pemkot_jambi, unit=puskesmas_simpang_kawat, new_parent=pustu
    )
    assert code == "invalid_parent"


def test_a_unit_cannot_move_to_another_region(
    admin_pusat: User, dinkes_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit
) -> None:
    code = code_of(move_org_unit, admin_pusat, unit=dinkes_jambi, new_parent=dinkes_pekanbaru)
    assert code == "invalid_parent"


def test_opd_admin_may_not_move_a_unit_out_of_its_subtree(
    admin_dinkes_jambi: User, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    code = code_of(
        move_org_unit, admin_dinkes_jambi, unit=puskesmas_simpang_kawat, new_parent=disdik_jambi
    )
    assert code == "permission_denied"
    puskesmas_simpang_kawat.refresh_from_db()
    assert puskesmas_simpang_kawat.path.startswith(
        puskesmas_simpang_kawat.region.units.get(name="Dinas Kesehatan").path
    )


# --- deactivate ----------------------------------------------------------------------------


def test_deactivate_covers_the_subtree_and_deletes_nothing(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit
) -> None:
    count = deactivate_org_unit(admin_pemkot_jambi, unit=dinkes_jambi)
    assert count == 2
    assert set(OrgUnit.objects.subtree(dinkes_jambi.path).values_list("is_active", flat=True)) == {
        False
    }
    entry = AuditEntry.objects.get(action="peduliham.orgunit.deactivated")
    assert (entry.object_id, entry.changes["units_deactivated"]) == (str(dinkes_jambi.pk), 2)


def test_an_inactive_unit_cannot_be_deactivated_again(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    deactivate_org_unit(admin_pemkot_jambi, unit=dinkes_jambi)
    assert code_of(deactivate_org_unit, admin_pemkot_jambi, unit=dinkes_jambi) == "unit_inactive"


def test_no_unit_goes_under_an_inactive_parent(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    deactivate_org_unit(admin_pemkot_jambi, unit=dinkes_jambi)
    code = code_of(
        create_org_unit,
        admin_pemkot_jambi,
        region=dinkes_jambi.region,
        parent=dinkes_jambi,
        name="Puskesmas Baru",
        kind=UnitKind.SERVICE_UNIT,
    )
    assert code == "unit_inactive"


def test_opd_admin_deactivates_its_service_unit(
    admin_dinkes_jambi: User, puskesmas_simpang_kawat: OrgUnit
) -> None:
    assert deactivate_org_unit(admin_dinkes_jambi, unit=puskesmas_simpang_kawat) == 1
    entry = AuditEntry.objects.get(action="peduliham.orgunit.deactivated")
    assert entry.actor == admin_dinkes_jambi
