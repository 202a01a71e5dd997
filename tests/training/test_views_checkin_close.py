"""The closing page: the POST that closes a finished event, and who may use it."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event, EventStatus, Outcome
from tests.training.factories_checkin import running_event, seat_new

Login = Callable[[User], Client]


@pytest.fixture
def finished(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi, status=EventStatus.FINISHED)


def close_url(event: Event) -> str:
    return reverse("training:event_close", args=[event.pk])


def test_the_page_offers_the_close_button_for_a_finished_event(
    logged_in: Login, admin_pemkot_jambi: User, finished: Event
) -> None:
    response = logged_in(admin_pemkot_jambi).get(close_url(finished))

    assert response.status_code == 200
    assert "Tutup kegiatan dan tetapkan hasil" in response.content.decode()


def test_posting_closes_the_event_and_shows_the_outcomes_with_reasons(
    logged_in: Login, admin_pemkot_jambi: User, finished: Event, dinkes_jambi: OrgUnit
) -> None:
    absent = seat_new(finished, dinkes_jambi, 1)
    client = logged_in(admin_pemkot_jambi)

    response = client.post(close_url(finished), follow=True)

    assert response.redirect_chain == [(close_url(finished), 302)]
    page = response.content.decode()
    assert "Kegiatan ditutup: 0 peserta selesai, 1 tidak selesai." in page
    assert "Tidak hadir pada hari mana pun (0 dari 2 hari)" in page
    absent.refresh_from_db()
    assert absent.outcome == Outcome.NOT_COMPLETED
    finished.refresh_from_db()
    assert finished.status == EventStatus.CLOSED


def test_closing_a_running_event_is_refused_with_a_message(
    logged_in: Login, admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    event = running_event(admin_pusat, kota_jambi)

    response = logged_in(admin_pemkot_jambi).post(close_url(event), follow=True)

    assert response.status_code == 200
    assert "tidak dapat berpindah" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.RUNNING


@pytest.mark.parametrize(
    "user_fixture",
    ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "admin_dinkes_jambi", "peserta_budi"],
)
def test_users_outside_the_host_region_do_not_find_the_page(
    request: pytest.FixtureRequest, logged_in: Login, finished: Event, user_fixture: str
) -> None:
    client = logged_in(request.getfixturevalue(user_fixture))

    assert client.get(close_url(finished)).status_code == 404
    assert client.post(close_url(finished)).status_code == 404
    finished.refresh_from_db()
    assert finished.status == EventStatus.FINISHED


def test_an_unknown_event_is_not_found(logged_in: Login, admin_pusat: User) -> None:
    assert logged_in(admin_pusat).post(close_url(Event(pk=987_654))).status_code == 404
