"""GET/POST /wilayah/unit/<pk>/nonaktifkan/: deactivate, never delete."""

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
    return reverse("regions:unit_deactivate", kwargs={"pk": unit.pk})


def test_pemkot_jambi_deactivates_an_opd_after_confirming(
    admin_pemkot_jambi: User, disdik_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    client = logged_in(admin_pemkot_jambi)
    assert client.get(url(disdik_jambi)).status_code == 200
    response = client.post(url(disdik_jambi))
    assert response.status_code == 302
    disdik_jambi.refresh_from_db()
    assert disdik_jambi.is_active is False
    assert AuditEntry.objects.filter(action="peduliham.orgunit.deactivated").count() == 1


def test_deactivating_twice_explains_why(
    admin_pemkot_jambi: User, disdik_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    client = logged_in(admin_pemkot_jambi)
    client.post(url(disdik_jambi))
    response = client.post(url(disdik_jambi))
    assert response.status_code == 200
    assert "Unit ini sudah tidak aktif." in response.text


def test_opd_admin_may_not_deactivate_its_opd(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    assert logged_in(admin_dinkes_jambi).post(url(dinkes_jambi)).status_code == 403
    dinkes_jambi.refresh_from_db()
    assert dinkes_jambi.is_active


def test_another_province_gets_not_found(
    admin_pemkot_pekanbaru: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    assert logged_in(admin_pemkot_pekanbaru).post(url(dinkes_jambi)).status_code == 404
