"""GET /wilayah/: the regions in the user's scope, searchable and paginated."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User

pytestmark = pytest.mark.django_db
URL = reverse("regions:list")

type LoggedIn = Callable[[User], Client]


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_national_admin_sees_provinces_on_pages(admin_pusat: User, logged_in: LoggedIn) -> None:
    response = logged_in(admin_pusat).get(URL)
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 38
    assert len(page.object_list) == 38
    assert "Jambi" in response.text
    assert "Kota Jambi" not in response.text


def test_search_finds_kab_kota_and_keeps_the_query(admin_pusat: User, logged_in: LoggedIn) -> None:
    response = logged_in(admin_pusat).get(URL, {"q": "sungai penuh"})
    assert [r.code for r in response.context["page"].object_list] == ["15.72"]
    assert 'value="sungai penuh"' in response.text


def test_search_paginates(admin_pusat: User, logged_in: LoggedIn) -> None:
    response = logged_in(admin_pusat).get(URL, {"q": "kabupaten", "halaman": "2"})
    page = response.context["page"]
    assert (page.number, page.paginator.count) == (2, 416)
    assert "q=kabupaten" in response.text


def test_kanwil_operator_sees_its_province_and_kab_kota(
    operator_kanwil_jambi: User, logged_in: LoggedIn
) -> None:
    response = logged_in(operator_kanwil_jambi).get(URL)
    assert response.context["page"].paginator.count == 12
    assert "Kota Jambi" in response.text
    assert "Riau" not in response.text


def test_pemkot_pekanbaru_sees_only_pekanbaru(
    admin_pemkot_pekanbaru: User, logged_in: LoggedIn
) -> None:
    response = logged_in(admin_pemkot_pekanbaru).get(URL, {"q": "jambi"})
    assert response.context["page"].paginator.count == 0
    assert "Tidak ada wilayah yang cocok" in response.text


def test_opd_admin_sees_its_region(admin_dinkes_jambi: User, logged_in: LoggedIn) -> None:
    response = logged_in(admin_dinkes_jambi).get(URL)
    assert [r.code for r in response.context["page"].object_list] == ["15.71"]


def test_a_participant_sees_an_empty_list(peserta_budi: User, logged_in: LoggedIn) -> None:
    response = logged_in(peserta_budi).get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
