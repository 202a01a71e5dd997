"""GET/POST /wilayah/unit/<pk>/pindahkan/: move a unit and its subtree."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit

pytestmark = pytest.mark.django_db

type LoggedIn = Callable[[User], Client]


def url(unit: OrgUnit) -> str:
    return reverse("regions:unit_move", kwargs={"pk": unit.pk})


def test_pemkot_jambi_moves_a_puskesmas_to_another_opd(
    admin_pemkot_jambi: User,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
    logged_in: LoggedIn,
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        url(puskesmas_simpang_kawat), {"parent": disdik_jambi.pk}
    )
    assert response.status_code == 302
    puskesmas_simpang_kawat.refresh_from_db()
    assert puskesmas_simpang_kawat.path.startswith(disdik_jambi.path)


def test_the_form_does_not_offer_the_units_own_subtree(
    admin_pemkot_jambi: User,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    logged_in: LoggedIn,
) -> None:
    form = logged_in(admin_pemkot_jambi).get(url(dinkes_jambi)).context["form"]
    assert puskesmas_simpang_kawat not in form.fields["parent"].queryset
    assert dinkes_jambi not in form.fields["parent"].queryset


def test_a_parent_outside_the_choices_is_refused_with_the_input_kept(
    admin_pemkot_jambi: User,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    logged_in: LoggedIn,
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        url(dinkes_jambi), {"parent": puskesmas_simpang_kawat.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]


def test_another_province_gets_not_found(
    operator_kanwil_riau: User, dinkes_jambi: OrgUnit, logged_in: LoggedIn
) -> None:
    assert logged_in(operator_kanwil_riau).get(url(dinkes_jambi)).status_code == 404
