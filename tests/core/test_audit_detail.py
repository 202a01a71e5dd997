import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.audit import log_action
from peduliham.core.models import AuditEntry
from tests.accounts.helpers import LoggedIn


@pytest.fixture
def kota_jambi_entry(db: None) -> AuditEntry:
    return log_action(
        None,
        "peduliham.orgunit.renamed",
        region_code="15.71",
        changes={"name": ["Dinas Kesehatan", "Dinas Kesehatan Kota Jambi"], "short_name": "Dinkes"},
    )


def url(entry: AuditEntry) -> str:
    return reverse("core:audit_detail", args=[entry.pk])


def test_it_shows_what_changed(
    logged_in: LoggedIn, admin_pemkot_jambi: User, kota_jambi_entry: AuditEntry
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url(kota_jambi_entry))
    assert response.status_code == 200
    assert response.context["changes"] == [
        ("name", "Dinas Kesehatan", "Dinas Kesehatan Kota Jambi"),
        ("short_name", None, "Dinkes"),
    ]
    assert "peduliham.orgunit.renamed" in response.text


@pytest.mark.parametrize("persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru"])
def test_an_entry_outside_the_scope_is_not_found(
    logged_in: LoggedIn,
    persona: str,
    kota_jambi_entry: AuditEntry,
    request: pytest.FixtureRequest,
    db: None,
) -> None:
    client: Client = logged_in(request.getfixturevalue(persona))
    assert client.get(url(kota_jambi_entry)).status_code == 404


def test_an_opd_admin_does_not_see_region_level_entries(
    logged_in: LoggedIn, admin_dinkes_jambi: User, kota_jambi_entry: AuditEntry
) -> None:
    client: Client = logged_in(admin_dinkes_jambi)
    assert client.get(url(kota_jambi_entry)).status_code == 404


def test_participants_are_refused(
    logged_in: LoggedIn, peserta_budi: User, kota_jambi_entry: AuditEntry
) -> None:
    client: Client = logged_in(peserta_budi)
    assert client.get(url(kota_jambi_entry)).status_code == 403


def test_an_unknown_entry_is_not_found(logged_in: LoggedIn, admin_pusat: User) -> None:
    client: Client = logged_in(admin_pusat)
    assert client.get(reverse("core:audit_detail", args=[999999])).status_code == 404


def test_it_is_read_only(
    logged_in: LoggedIn, admin_pusat: User, kota_jambi_entry: AuditEntry
) -> None:
    client: Client = logged_in(admin_pusat)
    assert client.post(url(kota_jambi_entry)).status_code == 405
