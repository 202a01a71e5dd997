import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import Role, User
from peduliham.core.audit import log_action
from peduliham.core.models import AuditEntry
from peduliham.regions.models import Region
from tests.accounts.helpers import LoggedIn, actions

ADMIN = reverse("admin:index")


@pytest.fixture
def staff_admin_pusat(admin_pusat: User) -> User:
    admin_pusat.is_staff = True
    admin_pusat.save()
    return admin_pusat


def test_a_verified_national_admin_gets_in(logged_in: LoggedIn, staff_admin_pusat: User) -> None:
    response = logged_in(staff_admin_pusat).get(ADMIN)
    assert response.status_code == 200
    assert "Pengguna" in response.text or "pengguna" in response.text


def test_an_unverified_national_admin_is_asked_for_a_code(staff_admin_pusat: User) -> None:
    client = Client()
    client.force_login(staff_admin_pusat)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))


def test_a_national_admin_without_staff_status_is_refused(
    logged_in: LoggedIn, admin_pusat: User
) -> None:
    response = logged_in(admin_pusat).get(ADMIN, follow=True)
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["operator_kanwil_jambi", "admin_pemkot_jambi"])
def test_other_roles_are_refused_even_as_staff(
    logged_in: LoggedIn, persona: str, request: pytest.FixtureRequest, db: None
) -> None:
    user: User = request.getfixturevalue(persona)
    user.is_staff = True
    user.save()
    response = logged_in(user).get(ADMIN, follow=True)
    assert response.status_code == 403


def test_anonymous_users_go_to_the_site_login(client: Client, db: None) -> None:
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next=%2Fadmin%2F"


def test_audit_entries_are_read_only_in_the_admin(
    logged_in: LoggedIn, staff_admin_pusat: User
) -> None:
    entry = log_action(None, "peduliham.test.happened")
    client: Client = logged_in(staff_admin_pusat)
    changelist = reverse("admin:core_auditentry_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    change = reverse("admin:core_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"action": "diubah"}).status_code == 403
    delete = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "peduliham.test.happened"


def test_changing_a_user_in_the_admin_is_audited(
    logged_in: LoggedIn, staff_admin_pusat: User, admin_pemkot_jambi: User, riau: Region
) -> None:
    client: Client = logged_in(staff_admin_pusat)
    url = reverse("admin:accounts_user_change", args=[admin_pemkot_jambi.pk])
    response = client.post(
        url,
        {
            "username": "admin_pemkot_jambi",
            "first_name": "Admin",
            "last_name": "Jambi",
            "email": "",
            "is_active": "on",
            "role": Role.KANWIL_OPERATOR,
            "region": riau.pk,
            "org_unit": "",
            "date_joined_0": "2025-10-27",
            "date_joined_1": "08:00:00",
            "last_login_0": "",
            "last_login_1": "",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    admin_pemkot_jambi.refresh_from_db()
    assert admin_pemkot_jambi.role == Role.KANWIL_OPERATOR
    entry = AuditEntry.objects.get(action="peduliham.user.changed")
    assert entry.changes["role"] == [Role.PEMDA_ADMIN, Role.KANWIL_OPERATOR]
    assert entry.region_code == "14"
    assert entry.actor == staff_admin_pusat


def test_users_cannot_be_deleted_in_the_admin(
    logged_in: LoggedIn, staff_admin_pusat: User, peserta_budi: User
) -> None:
    client: Client = logged_in(staff_admin_pusat)
    url = reverse("admin:accounts_user_delete", args=[peserta_budi.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=peserta_budi.pk).exists()
    assert "peduliham.user.deleted" not in actions()
