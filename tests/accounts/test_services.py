import pytest
from django.core.exceptions import ValidationError

from peduliham.accounts import services
from peduliham.accounts.models import Role, User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from tests.conftest import PASSWORD


def test_a_national_admin_creates_a_pemda_admin(admin_pusat: User, kota_jambi: Region) -> None:
    user = services.create_user(
        admin_pusat,
        username="admin_bkpsdm_jambi",
        password=PASSWORD,
        role=Role.PEMDA_ADMIN,
        region=kota_jambi,
    )
    assert user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="peduliham.user.created")
    assert entry.actor == admin_pusat
    assert entry.object_id == str(user.pk)
    assert entry.region_code == "15.71"
    assert entry.changes["role"] == "pemda_admin"
    assert "password" not in entry.changes


def test_only_national_admins_create_users(operator_kanwil_jambi: User) -> None:
    with pytest.raises(DomainError) as error:
        services.create_user(
            operator_kanwil_jambi, username="x", password=PASSWORD, role=Role.PARTICIPANT
        )
    assert error.value.code == "permission_denied"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("role", "anchor"),
    [
        (Role.KANWIL_OPERATOR, "kota_jambi"),
        (Role.PEMDA_ADMIN, "jambi"),
        (Role.NATIONAL_ADMIN, "jambi"),
        (Role.KANWIL_OPERATOR, None),
        (Role.OPD_ADMIN, None),
    ],
)
def test_the_anchor_must_fit_the_role(
    admin_pusat: User, role: Role, anchor: str | None, request: pytest.FixtureRequest, db: None
) -> None:
    region = request.getfixturevalue(anchor) if anchor else None
    with pytest.raises(DomainError) as error:
        services.create_user(
            admin_pusat, username="baru", password=PASSWORD, role=role, region=region
        )
    assert error.value.code == "invalid_anchor"


def test_usernames_are_unique_ignoring_case(admin_pusat: User, peserta_budi: User) -> None:
    with pytest.raises(DomainError) as error:
        services.create_user(
            admin_pusat, username="Peserta_Budi", password=PASSWORD, role=Role.PARTICIPANT
        )
    assert error.value.code == "username_taken"


def test_weak_passwords_are_refused(admin_pusat: User) -> None:
    with pytest.raises(DomainError) as error:
        services.create_user(
            admin_pusat, username="baru", password="12345678", role=Role.PARTICIPANT
        )
    assert error.value.code == "weak_password"
    assert not User.objects.filter(username="baru").exists()


def test_change_role_records_what_changed(
    admin_pusat: User, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    services.change_role(
        admin_pusat, user=admin_pemkot_jambi, role=Role.OPD_ADMIN, org_unit=dinkes_jambi
    )
    admin_pemkot_jambi.refresh_from_db()
    assert admin_pemkot_jambi.role == Role.OPD_ADMIN
    entry = AuditEntry.objects.get(action="peduliham.user.role_changed")
    assert entry.changes["role"] == ["pemda_admin", "opd_admin"]
    assert entry.changes["org_unit"] == [None, dinkes_jambi.pk]
    assert entry.unit_path == dinkes_jambi.path


def test_change_role_is_for_national_admins(
    admin_pemkot_jambi: User, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(DomainError) as error:
        services.change_role(
            admin_pemkot_jambi, user=peserta_budi, role=Role.OPD_ADMIN, org_unit=dinkes_jambi
        )
    assert error.value.code == "permission_denied"


def test_deactivate_user_keeps_the_account(admin_pusat: User, peserta_budi: User) -> None:
    services.deactivate_user(admin_pusat, user=peserta_budi)
    peserta_budi.refresh_from_db()
    assert not peserta_budi.is_active
    assert AuditEntry.objects.filter(action="peduliham.user.deactivated").count() == 1


def test_nobody_deactivates_themselves(admin_pusat: User) -> None:
    with pytest.raises(DomainError) as error:
        services.deactivate_user(admin_pusat, user=admin_pusat)
    assert error.value.code == "self_deactivation"


def test_unlock_user_lifts_a_lock_out(admin_pusat: User, peserta_budi: User) -> None:
    for _ in range(5):
        services.record_failed_login(username="peserta_budi")
    peserta_budi.refresh_from_db()
    assert services.is_locked(peserta_budi)
    services.unlock_user(admin_pusat, user=peserta_budi)
    peserta_budi.refresh_from_db()
    assert not services.is_locked(peserta_budi)
    assert AuditEntry.objects.filter(action="peduliham.user.unlocked").count() == 1


def test_reset_two_factor_removes_devices(admin_pusat: User, operator_kanwil_jambi: User) -> None:
    device = services.start_totp_enrolment(operator_kanwil_jambi)
    assert services.reset_two_factor(admin_pusat, user=operator_kanwil_jambi) == 1
    assert not type(device).objects.filter(pk=device.pk).exists()
    entry = AuditEntry.objects.get(action="peduliham.user.two_factor_reset")
    assert entry.region_code == "15"


def test_unknown_usernames_are_not_recorded(db: None) -> None:
    assert services.record_failed_login(username="tidak_ada") is None
    assert not AuditEntry.objects.exists()


def test_the_system_may_create_users_without_an_actor(kota_jambi: Region) -> None:
    user = services.create_user(
        None, username="admin_demo", password=PASSWORD, role=Role.PEMDA_ADMIN, region=kota_jambi
    )
    entry = AuditEntry.objects.get(action="peduliham.user.created")
    assert entry.actor is None
    assert entry.object_id == str(user.pk)


def test_a_participant_may_be_filed_under_an_opd(admin_pusat: User, dinkes_jambi: OrgUnit) -> None:
    user = services.create_user(
        admin_pusat,
        username="peserta_siti",
        password=PASSWORD,
        role=Role.PARTICIPANT,
        org_unit=dinkes_jambi,
    )
    assert AuditEntry.objects.get(action="peduliham.user.created").unit_path == dinkes_jambi.path
    assert user.role == Role.PARTICIPANT


def test_register_totp_device_uses_the_given_key(operator_kanwil_jambi: User) -> None:
    key = "3132333435363738393031323334353637383930"
    device = services.register_totp_device(None, user=operator_kanwil_jambi, name="demo", key=key)
    assert device.confirmed
    assert device.key == key
    assert services.confirmed_totp_device(operator_kanwil_jambi) == device
    assert AuditEntry.objects.filter(action="peduliham.user.two_factor_enrolled").count() == 1


def test_register_totp_device_rejects_a_bad_key(operator_kanwil_jambi: User) -> None:
    with pytest.raises(ValidationError):
        services.register_totp_device(None, user=operator_kanwil_jambi, name="demo", key="xyz")
