"""The planner page: numbers and dates for a region, scope, bad input, and creating drafts."""

import datetime
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit
from peduliham.training.models import Event, EventStatus, Program
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db

type Login = Callable[[User], Client]

NYEPI_WEEK = {
    "capacity": 100,
    "days_per_event": 2,
    "start": "2026-03-16",
    "mode": "tenggat",
    "deadline": "2026-03-27",
    "gap_days": 0,
}


@pytest.fixture
def program(admin_pusat: User, dinkes_jambi: OrgUnit) -> Program:
    for number in range(250):
        make_asn(dinkes_jambi, number)
    return make_program(admin_pusat)


def url(program: Program, **params: object) -> str:
    base = reverse("training:planner", args=[program.pk])
    return f"{base}?{urlencode(params)}" if params else base


def create_url(program: Program, **params: object) -> str:
    return f"{reverse('training:planner_create', args=[program.pk])}?{urlencode(params)}"


def test_the_pemda_admin_sees_the_untrained_and_the_plan(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url(program, **NYEPI_WEEK))
    assert response.status_code == 200
    text = response.text
    assert "<dt>Belum terlatih</dt><dd><strong>250</strong>" in text
    assert "<dt>Jumlah kegiatan</dt><dd>3</dd>" in text
    assert "50 ASN masih belum terlatih pada tanggal target" in text
    assert "Cuti bersama Idul Fitri" in text
    assert "<svg" in text
    assert "Buat draf kegiatan" in text


def test_the_page_without_inputs_shows_the_form(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url(program))
    assert response.status_code == 200
    assert 'name="capacity"' in response.text


def test_a_pace_gives_the_finish_date(
    logged_in: Login, operator_kanwil_jambi: User, program: Program
) -> None:
    params = {**NYEPI_WEEK, "mode": "laju", "deadline": "", "events_per_month": 1}
    response = logged_in(operator_kanwil_jambi).get(url(program, wilayah="15.71", **params))
    assert response.status_code == 200
    assert "Tanggal target tidak tercapai" not in response.text
    assert "<dt>Semua terlatih pada</dt><dd>Selasa, 5 Mei 2026</dd>" in response.text
    assert "Sen, 4 Mei 2026; Sel, 5 Mei 2026" in response.text  # 1 May is a holiday


def test_another_province_does_not_find_kota_jambi(
    logged_in: Login, operator_kanwil_riau: User, program: Program
) -> None:
    response = logged_in(operator_kanwil_riau).get(url(program, wilayah="15.71", **NYEPI_WEEK))
    assert response.status_code == 404


def test_participants_and_opd_admins_do_not_find_the_planner(
    logged_in: Login, peserta_budi: User, admin_dinkes_jambi: User, program: Program
) -> None:
    assert logged_in(peserta_budi).get(url(program)).status_code == 404
    assert logged_in(admin_dinkes_jambi).get(url(program)).status_code == 404


def test_a_deadline_before_the_start_is_refused(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    params = {**NYEPI_WEEK, "deadline": "2026-01-01"}
    response = logged_in(admin_pemkot_jambi).get(url(program, **params))
    assert response.status_code == 400
    assert "Tanggal target tidak boleh sebelum tanggal mulai" in response.text


def test_too_small_a_venue_is_explained(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    response = logged_in(admin_pemkot_jambi).get(url(program, **{**NYEPI_WEEK, "capacity": 0}))
    assert response.status_code == 400


def test_the_plan_becomes_draft_events(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    client = logged_in(admin_pemkot_jambi)
    body = {"venue": "Aula Grha Siginjai", "starts_at": "08:00", "ends_at": "16:00"}
    response = client.post(create_url(program, **NYEPI_WEEK), body)
    assert response.status_code == 302
    events = Event.objects.order_by("pk")
    assert [event.status for event in events] == [EventStatus.DRAFT] * 3
    assert list(events[1].days.values_list("date", flat=True)) == [
        datetime.date(2026, 3, 25),
        datetime.date(2026, 3, 26),
    ]


def test_drafts_need_a_venue(logged_in: Login, admin_pemkot_jambi: User, program: Program) -> None:
    body = {"venue": "", "starts_at": "08:00", "ends_at": "16:00"}
    response = logged_in(admin_pemkot_jambi).post(create_url(program, **NYEPI_WEEK), body)
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_another_city_may_not_create_drafts_here(
    logged_in: Login, admin_pemkot_pekanbaru: User, program: Program
) -> None:
    body = {"venue": "Aula", "starts_at": "08:00", "ends_at": "16:00"}
    response = logged_in(admin_pemkot_pekanbaru).post(
        create_url(program, wilayah="15.71", **NYEPI_WEEK), body
    )
    assert response.status_code == 404
    assert not Event.objects.exists()


def test_the_national_admin_chooses_a_region_first(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    client = logged_in(admin_pusat)
    first = client.get(url(program))
    assert first.status_code == 200
    assert "Pilih wilayah" in first.text
    response = client.get(url(program, wilayah="15.71", **NYEPI_WEEK))
    assert "<dt>Jumlah kegiatan</dt><dd>3</dd>" in response.text
