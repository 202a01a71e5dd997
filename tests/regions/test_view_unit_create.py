"""GET/POST /wilayah/<code>/unit/tambah/: add a unit through the service."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, UnitKind

pytestmark = pytest.mark.django_db

type LoggedIn = Callable[[User], Client]


def url(code: str) -> str:
    return reverse("regions:unit_create", kwargs={"code": code})


def test_pemkot_jambi_adds_an_opd(admin_pemkot_jambi: User, logged_in: LoggedIn) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        url("15.71"),
        {"name": "Dinas Sosial", "short_name": "Dinsos", "kind": "opd", "service_kind": ""},
    )
    unit = OrgUnit.objects.get(name="Dinas Sosial")
    assert response.status_code == 302
    assert response["Location"] == reverse("regions:unit_detail", kwargs={"pk": unit.pk})
    assert (unit.region.code, unit.kind, unit.short_name) == ("15.71", UnitKind.OPD, "Dinsos")
    entry = AuditEntry.objects.get(action="peduliham.orgunit.created", object_id=str(unit.pk))
    assert entry.actor == admin_pemkot_jambi


def test_the_form_offers_only_service_units_to_an_opd_admin(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_dinkes_jambi).get(url("15.71"), {"induk": dinkes_jambi.pk})
    form = response.context["form"]
    assert form.fields["kind"].choices == [("upt", "Unit layanan (UPT/UPTD)")]
    assert list(form.fields["parent"].queryset) == [dinkes_jambi]
    assert form.fields["parent"].required


def test_opd_admin_adds_a_public_facing_puskesmas(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_dinkes_jambi).post(
        url("15.71"),
        {
            "name": "Puskesmas Paal Merah",
            "kind": "upt",
            "parent": dinkes_jambi.pk,
            "service_kind": "puskesmas",
            "is_public_facing": "on",
        },
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(name="Puskesmas Paal Merah")
    assert (unit.parent, unit.is_public_facing) == (dinkes_jambi, True)


def test_a_duplicate_name_is_shown_in_indonesian_and_input_is_kept(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        url("15.71"), {"name": "Dinas Kesehatan", "short_name": "DK2", "kind": "opd"}
    )
    assert response.status_code == 200
    assert "Sudah ada unit bernama Dinas Kesehatan di tempat yang sama." in response.text
    assert 'value="DK2"' in response.text
    assert OrgUnit.objects.filter(name="Dinas Kesehatan").count() == 1


def test_a_missing_name_is_a_field_error(admin_pemkot_jambi: User, logged_in: LoggedIn) -> None:
    response = logged_in(admin_pemkot_jambi).post(url("15.71"), {"name": "", "kind": "opd"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert 'aria-invalid="true"' in response.text


def test_another_province_gets_not_found(admin_pemkot_pekanbaru: User, logged_in: LoggedIn) -> None:
    client = logged_in(admin_pemkot_pekanbaru)
    assert client.get(url("15.71")).status_code == 404
    response = client.post(url("15.71"), {"name": "Dinas Susupan", "kind": "opd"})
    assert response.status_code == 404
    assert not OrgUnit.objects.filter(name="Dinas Susupan").exists()


def test_a_kanwil_may_only_be_offered_to_the_national_admin_at_a_province(
    admin_pusat: User, operator_kanwil_jambi: User, logged_in: LoggedIn
) -> None:
    national = logged_in(admin_pusat).get(url("15")).context["form"]
    kanwil = logged_in(operator_kanwil_jambi).get(url("15")).context["form"]
    assert "kanwil" in dict(national.fields["kind"].choices)
    assert "kanwil" not in dict(kanwil.fields["kind"].choices)
