"""GET/POST /wilayah/unit/<pk>/ubah/: 404 outside the scope, 403 for read-only roles."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit

pytestmark = pytest.mark.django_db

type LoggedIn = Callable[[User], Client]


def url(unit: OrgUnit) -> str:
    return reverse("regions:unit_edit", kwargs={"pk": unit.pk})


def test_pemkot_jambi_renames_a_unit(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    client = logged_in(admin_pemkot_jambi)
    assert client.get(url(dinkes_jambi)).context["form"].initial["name"] == "Dinas Kesehatan"
    response = client.post(
        url(dinkes_jambi),
        {"name": "Dinas Kesehatan Kota Jambi", "short_name": "Dinkes", "service_kind": ""},
    )
    assert response.status_code == 302
    dinkes_jambi.refresh_from_db()
    assert dinkes_jambi.name == "Dinas Kesehatan Kota Jambi"
    entry = AuditEntry.objects.get(action="peduliham.orgunit.updated")
    assert entry.changes == {"name": ["Dinas Kesehatan", "Dinas Kesehatan Kota Jambi"]}


def test_opd_admin_may_read_its_opd_but_not_edit_it(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    client = logged_in(admin_dinkes_jambi)
    assert client.get(url(dinkes_jambi)).status_code == 403
    assert client.post(url(dinkes_jambi), {"name": "Diubah"}).status_code == 403
    dinkes_jambi.refresh_from_db()
    assert dinkes_jambi.name == "Dinas Kesehatan"


def test_opd_admin_edits_its_puskesmas(
    admin_dinkes_jambi: User, puskesmas_simpang_kawat: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_dinkes_jambi).post(
        url(puskesmas_simpang_kawat),
        {"name": "Puskesmas Simpang Kawat", "service_kind": "puskesmas"},
    )
    assert response.status_code == 302
    puskesmas_simpang_kawat.refresh_from_db()
    assert puskesmas_simpang_kawat.is_public_facing is False


@pytest.mark.parametrize("persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru"])
def test_another_province_gets_not_found(
    request: pytest.FixtureRequest, persona: str, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    client = logged_in(request.getfixturevalue(persona))
    assert client.get(url(dinkes_jambi)).status_code == 404
    assert client.post(url(dinkes_jambi), {"name": "Diubah"}).status_code == 404


def test_a_clashing_name_keeps_what_was_typed(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        url(disdik_jambi), {"name": "Dinas Kesehatan", "short_name": "Disdik baru"}
    )
    assert response.status_code == 200
    assert "Sudah ada unit bernama Dinas Kesehatan" in response.text
    assert 'value="Disdik baru"' in response.text
