"""GET /wilayah/unit/<pk>/: one unit, its children, and edit links for those allowed."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit

pytestmark = pytest.mark.django_db

type LoggedIn = Callable[[User], Client]


def url(unit: OrgUnit) -> str:
    return reverse("regions:unit_detail", kwargs={"pk": unit.pk})


def test_pemkot_jambi_sees_a_unit_with_its_children_and_edit_link(
    admin_pemkot_jambi: User,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    logged_in: LoggedIn,
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url(dinkes_jambi))
    assert response.status_code == 200
    assert list(response.context["children"]) == [puskesmas_simpang_kawat]
    assert reverse("regions:unit_edit", kwargs={"pk": dinkes_jambi.pk}) in response.text


def test_opd_admin_reads_its_opd_without_an_edit_link(
    admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_dinkes_jambi).get(url(dinkes_jambi))
    assert response.status_code == 200
    assert response.context["may_change"] is False
    assert reverse("regions:unit_edit", kwargs={"pk": dinkes_jambi.pk}) not in response.text
    assert response.context["may_add_child"] is True


@pytest.mark.parametrize(
    "persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "peserta_budi"]
)
def test_a_unit_of_another_scope_is_not_found(
    request: pytest.FixtureRequest, persona: str, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    response = logged_in(request.getfixturevalue(persona)).get(url(dinkes_jambi))
    assert response.status_code == 404


def test_opd_admin_cannot_open_a_sibling_opd(
    admin_dinkes_jambi: User, disdik_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    assert logged_in(admin_dinkes_jambi).get(url(disdik_jambi)).status_code == 404
