from collections.abc import Callable

import pytest
from django.test import Client

from peduliham.accounts.models import User
from peduliham.people.models import Transfer
from peduliham.regions.models import OrgUnit
from tests.people.asn_factory import make_asn

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]


def test_it_shows_an_asn_with_their_transfer_history(
    logged_in: Login, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    asn = make_asn(disdik_jambi, 1, name="Andi Saputra", front_title="dr.", back_title="M.K.M")
    Transfer.objects.create(
        asn=asn, from_unit=dinkes_jambi, to_unit=disdik_jambi, effective_date="2025-01-02"
    )

    response = logged_in(admin_pemkot_jambi).get(f"/asn/{asn.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>dr. Andi Saputra, M.K.M</h1>" in html
    assert "Riwayat mutasi" in html
    assert "02-01-2025" in html
    assert "Dinas Kesehatan" in html


def test_a_pemda_admin_gets_404_for_an_asn_of_another_kota(
    logged_in: Login, admin_pemkot_pekanbaru: User, dinkes_jambi: OrgUnit
) -> None:
    asn = make_asn(dinkes_jambi, 1)

    assert logged_in(admin_pemkot_pekanbaru).get(f"/asn/{asn.pk}/").status_code == 404


def test_an_opd_admin_gets_404_outside_their_opd(
    logged_in: Login, admin_dinkes_jambi: User, disdik_jambi: OrgUnit
) -> None:
    asn = make_asn(disdik_jambi, 1)

    assert logged_in(admin_dinkes_jambi).get(f"/asn/{asn.pk}/").status_code == 404


def test_a_participant_is_forbidden(
    logged_in: Login, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    asn = make_asn(dinkes_jambi, 1)

    assert logged_in(peserta_budi).get(f"/asn/{asn.pk}/").status_code == 403


def test_an_unknown_asn_is_not_found(logged_in: Login, admin_pusat: User) -> None:
    assert logged_in(admin_pusat).get("/asn/999999/").status_code == 404
