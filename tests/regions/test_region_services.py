"""Pemekaran and the validity period of regions: nothing is deleted, history stays."""

import datetime

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions import selectors
from peduliham.regions.models import OrgUnit, Region, RegionKind, TimeZone, UnitKind
from peduliham.regions.services import close_region, create_org_unit, open_region, split_region

pytestmark = pytest.mark.django_db

EFFECTIVE = datetime.date(2026, 1, 1)
BASIS = "UU 1/2026 tentang Pembentukan Kabupaten Muaro Sebo"
SPLIT_MUARO_JAMBI = [
    ("15.05", "Kabupaten Muaro Jambi", RegionKind.KABUPATEN),
    ("15.10", "Kabupaten Muaro Sebo", RegionKind.KABUPATEN),
]


@pytest.fixture
def muaro_jambi(db: None) -> Region:
    return Region.objects.current().get(code="15.05")


def split(actor: User | None, region: Region, **overrides: object) -> list[Region]:
    arguments: dict[str, object] = {
        "region": region,
        "into": SPLIT_MUARO_JAMBI,
        "effective": EFFECTIVE,
        "legal_basis": BASIS,
    }
    arguments.update(overrides)
    return split_region(actor, **arguments)  # type: ignore[arg-type]


def test_split_closes_the_old_region_and_opens_its_successors(
    admin_pusat: User, muaro_jambi: Region, jambi: Region
) -> None:
    rump, new = split(admin_pusat, muaro_jambi)
    muaro_jambi.refresh_from_db()
    assert muaro_jambi.valid_until == EFFECTIVE
    assert muaro_jambi.legal_basis == BASIS
    assert set(muaro_jambi.successors.all()) == {rump, new}
    assert (new.code, new.name, new.parent, new.valid_from) == (
        "15.10",
        "Kabupaten Muaro Sebo",
        jambi,
        EFFECTIVE,
    )
    assert new.time_zone == muaro_jambi.time_zone


def test_split_keeps_the_old_code_for_the_rump_on_a_new_row(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    rump, _new = split(admin_pusat, muaro_jambi)
    assert rump.pk != muaro_jambi.pk
    rows = Region.objects.filter(code="15.05").order_by("valid_from")
    assert list(rows) == [muaro_jambi, rump]
    assert Region.objects.current().get(code="15.05") == rump


def test_split_never_deletes_and_records_stay_on_the_old_region(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    opd = create_org_unit(None, region=muaro_jambi, name="Dinas Kesehatan", kind=UnitKind.OPD)
    before = Region.objects.count()
    split(admin_pusat, muaro_jambi)
    assert Region.objects.count() == before + 2
    opd.refresh_from_db()
    assert opd.region == muaro_jambi


def test_active_on_answers_for_the_day_before_and_the_day_of_the_split(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    rump, new = split(admin_pusat, muaro_jambi)
    in_jambi = Region.objects.filter(parent__code="15")
    day_before = in_jambi.active_on(EFFECTIVE - datetime.timedelta(days=1))
    assert muaro_jambi in day_before
    assert rump not in day_before
    assert set(in_jambi.active_on(EFFECTIVE).filter(code__in=["15.05", "15.10"])) == {rump, new}
    assert in_jambi.current().count() == 12


def test_split_writes_a_split_entry_and_one_opened_entry_per_new_region(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    rump, new = split(admin_pusat, muaro_jambi)
    entry = AuditEntry.objects.get(action="peduliham.region.split")
    assert (entry.actor, entry.object_id, entry.region_code) == (
        admin_pusat,
        str(muaro_jambi.pk),
        "15.05",
    )
    assert [part["code"] for part in entry.changes["into"]] == ["15.05", "15.10"]
    opened = AuditEntry.objects.filter(action="peduliham.region.opened")
    assert set(opened.values_list("object_id", "region_code")) == {
        (str(rump.pk), "15.05"),
        (str(new.pk), "15.10"),
    }


def test_selectors_show_only_the_regions_in_force(
    admin_pusat: User, muaro_jambi: Region, operator_kanwil_jambi: User
) -> None:
    rump, _new = split(admin_pusat, muaro_jambi)
    visible = selectors.regions_for(operator_kanwil_jambi).filter(code="15.05")
    assert list(visible) == [rump]
    assert selectors.region_detail_for(operator_kanwil_jambi, "15.05") == rump
    history = selectors.region_history_for(operator_kanwil_jambi, rump)
    assert history["predecessors"] == [muaro_jambi]
    assert history["earlier"] == [muaro_jambi]


def test_a_closed_region_cannot_be_split_again(admin_pusat: User, muaro_jambi: Region) -> None:
    split(admin_pusat, muaro_jambi)
    with pytest.raises(DomainError) as raised:
        split(admin_pusat, muaro_jambi, effective=datetime.date(2027, 1, 1))
    assert raised.value.code == "region_already_closed"


def test_a_split_may_not_take_a_code_another_region_uses(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    into = [*SPLIT_MUARO_JAMBI[:1], ("15.71", "Kota Baru", RegionKind.KOTA)]
    with pytest.raises(DomainError) as raised:
        split(admin_pusat, muaro_jambi, into=into)
    assert raised.value.code == "code_in_use"
    assert Region.objects.current().get(code="15.05") == muaro_jambi


@pytest.mark.parametrize(
    "part",
    [
        ("16.10", "Kabupaten Salah Provinsi", RegionKind.KABUPATEN),
        ("15.1", "Kabupaten Kode Pendek", RegionKind.KABUPATEN),
        ("15.10", "Provinsi Salah Jenis", RegionKind.PROVINCE),
    ],
)
def test_a_split_checks_each_code_against_the_parent_and_kind(
    admin_pusat: User, muaro_jambi: Region, part: tuple[str, str, RegionKind]
) -> None:
    with pytest.raises(DomainError) as raised:
        split(admin_pusat, muaro_jambi, into=[SPLIT_MUARO_JAMBI[0], part])
    assert raised.value.code == "invalid_code"


def test_a_split_needs_two_regions(admin_pusat: User, muaro_jambi: Region) -> None:
    with pytest.raises(DomainError) as raised:
        split(admin_pusat, muaro_jambi, into=SPLIT_MUARO_JAMBI[:1])
    assert raised.value.code == "split_needs_two_regions"


def test_a_split_cannot_take_effect_before_the_region_began(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    with pytest.raises(DomainError) as raised:
        split(admin_pusat, muaro_jambi, effective=datetime.date(1945, 8, 17))
    assert raised.value.code == "invalid_effective_date"


@pytest.mark.parametrize("persona", ["operator_kanwil_jambi", "admin_pemkot_jambi"])
def test_only_the_national_admin_splits_regions(
    request: pytest.FixtureRequest, persona: str, muaro_jambi: Region
) -> None:
    with pytest.raises(DomainError) as raised:
        split(request.getfixturevalue(persona), muaro_jambi)
    assert raised.value.code == "permission_denied"
    assert not AuditEntry.objects.filter(action__startswith="peduliham.region.").exists()


def test_a_province_split_hands_its_kabupaten_kota_to_the_rump(admin_pusat: User) -> None:
    papua = Region.objects.current().get(code="91")
    rump, new = split(
        admin_pusat,
        papua,
        into=[("91", "Papua", RegionKind.PROVINCE), ("97", "Papua Utara", RegionKind.PROVINCE)],
    )
    jayapura = Region.objects.current().get(code="91.71")
    assert jayapura.parent == rump
    assert (new.parent, new.time_zone) == (None, papua.time_zone)


def test_a_province_split_without_a_rump_refuses_while_kabupaten_kota_are_open(
    admin_pusat: User,
) -> None:
    papua = Region.objects.current().get(code="91")
    into = [("97", "Papua Utara", RegionKind.PROVINCE), ("98", "Papua Timur", RegionKind.PROVINCE)]
    with pytest.raises(DomainError) as raised:
        split(admin_pusat, papua, into=into)
    assert raised.value.code == "region_has_open_children"


def test_close_region_ends_validity_and_links_successors(
    admin_pusat: User, muaro_jambi: Region
) -> None:
    merged = open_region(
        admin_pusat,
        code="15.10",
        name="Kabupaten Gabungan",
        kind=RegionKind.KABUPATEN,
        parent=muaro_jambi.parent,
        effective=EFFECTIVE,
        legal_basis=BASIS,
        predecessors=[muaro_jambi],
    )
    close_region(
        admin_pusat, region=muaro_jambi, effective=EFFECTIVE, legal_basis=BASIS, successors=[merged]
    )
    muaro_jambi.refresh_from_db()
    assert muaro_jambi.valid_until == EFFECTIVE
    assert list(muaro_jambi.successors.all()) == [merged]
    entry = AuditEntry.objects.get(action="peduliham.region.closed")
    assert (entry.region_code, entry.changes["successors"]) == ("15.05", ["15.10"])
    assert AuditEntry.objects.filter(action="peduliham.region.opened", region_code="15.10").exists()


def test_a_province_with_open_kabupaten_kota_cannot_be_closed(
    admin_pusat: User, jambi: Region
) -> None:
    with pytest.raises(DomainError) as raised:
        close_region(admin_pusat, region=jambi, effective=EFFECTIVE, legal_basis=BASIS)
    assert raised.value.code == "region_has_open_children"


def test_open_region_refuses_a_code_in_force(admin_pusat: User, jambi: Region) -> None:
    with pytest.raises(DomainError) as raised:
        open_region(
            admin_pusat,
            code="15.71",
            name="Kota Jambi Baru",
            kind=RegionKind.KOTA,
            parent=jambi,
            effective=EFFECTIVE,
            legal_basis=BASIS,
        )
    assert raised.value.code == "code_in_use"


def test_open_region_refuses_a_closed_parent(admin_pusat: User, muaro_jambi: Region) -> None:
    split(admin_pusat, muaro_jambi)
    with pytest.raises(DomainError) as raised:
        open_region(
            admin_pusat,
            code="15.05.01",
            name="Kecamatan Lama",
            kind=RegionKind.KABUPATEN,
            parent=muaro_jambi,
            effective=EFFECTIVE,
            legal_basis=BASIS,
        )
    assert raised.value.code == "region_already_closed"


def test_units_cannot_be_added_to_a_closed_region(admin_pusat: User, muaro_jambi: Region) -> None:
    split(admin_pusat, muaro_jambi)
    with pytest.raises(DomainError) as raised:
        create_org_unit(None, region=muaro_jambi, name="Dinas Baru", kind=UnitKind.OPD)
    assert raised.value.code == "region_already_closed"
    assert not OrgUnit.objects.filter(name="Dinas Baru").exists()


def test_a_new_province_needs_a_known_time_zone(admin_pusat: User) -> None:
    with pytest.raises(DomainError) as raised:
        open_region(
            admin_pusat,
            code="97",
            name="Papua Utara",
            kind=RegionKind.PROVINCE,
            parent=None,
            effective=EFFECTIVE,
            legal_basis=BASIS,
        )
    assert raised.value.code == "invalid_time_zone"


def test_a_new_province_opens_with_its_own_time_zone(admin_pusat: User) -> None:
    province = open_region(
        admin_pusat,
        code="97",
        name="Papua Utara",
        kind=RegionKind.PROVINCE,
        parent=None,
        effective=EFFECTIVE,
        legal_basis=BASIS,
        time_zone=TimeZone.WIT,
    )
    assert (province.time_zone, province.valid_from, province.is_open) == (
        TimeZone.WIT,
        EFFECTIVE,
        True,
    )
    assert (
        Region.objects.active_on(EFFECTIVE - datetime.timedelta(days=1)).filter(code="97").count()
        == 0
    )
