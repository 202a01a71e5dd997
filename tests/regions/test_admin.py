"""The Django admin shows regions and units to national admins, read-only."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import Region

pytestmark = pytest.mark.django_db

type LoggedIn = Callable[[User], Client]


@pytest.fixture
def staff_pusat(admin_pusat: User) -> User:
    admin_pusat.is_staff = True
    admin_pusat.save(update_fields=["is_staff"])
    return admin_pusat


def test_national_admin_searches_regions(staff_pusat: User, logged_in: LoggedIn) -> None:
    response = logged_in(staff_pusat).get(
        reverse("admin:regions_region_changelist"), {"q": "15.71"}
    )
    assert response.status_code == 200
    assert "Kota Jambi" in response.text


def test_regions_cannot_be_deleted_or_changed_in_the_admin(
    staff_pusat: User, kota_jambi: Region, logged_in: LoggedIn
) -> None:
    client = logged_in(staff_pusat)
    delete = reverse("admin:regions_region_delete", args=[kota_jambi.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:regions_region_change", args=[kota_jambi.pk])
    client.post(change, {"name": "Diubah"})
    kota_jambi.refresh_from_db()
    assert kota_jambi.name == "Kota Jambi"
