"""The selection, participants, swap, OPD nominee and invitation pages."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, EnrollmentStatus, Event, EventStatus
from peduliham.training.services.enrolment import select_participants
from tests.people.asn_factory import make_asn
from tests.training.factories_events import allocate, new_event, staff
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db

type Login = Callable[[User], Client]


@pytest.fixture
def event(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> Event:
    program = make_program(admin_pusat)
    allocate(
        admin_pusat=admin_pusat,
        kanwil=operator_kanwil_jambi,
        pemda=admin_pemkot_jambi,
        program=program,
        region=kota_jambi,
        opds={dinkes_jambi: 3, disdik_jambi: 2},
    )
    staff(dinkes_jambi, 3, start=1, email="pegawai@example.id")
    staff(disdik_jambi, 3, start=101)
    return new_event(admin_pemkot_jambi, program, kota_jambi, capacity=50)


@pytest.fixture
def selected(admin_pemkot_jambi: User, event: Event) -> Event:
    select_participants(admin_pemkot_jambi, event=event, seed=11)
    return event


def url(name: str, event: Event) -> str:
    return reverse(f"training:{name}", args=[event.pk])


def test_pilih_peserta_selects_with_the_given_seed_and_shows_the_shares(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    client = logged_in(admin_pemkot_jambi)
    assert client.get(url("event_select", event)).status_code == 200
    response = client.post(url("event_select", event), {"seed": "123"}, follow=True)
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.selection_seed == 123
    assert event.enrollments.count() == 5
    assert "Dinas Kesehatan" in response.text
    assert "<progress" in response.text


def test_a_bad_seed_is_refused_without_selecting(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    response = logged_in(admin_pemkot_jambi).post(url("event_select", event), {"seed": "-5"})
    assert response.status_code == 400
    assert not event.enrollments.exists()


def test_selection_after_the_event_started_shows_the_reason(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    Event.objects.filter(pk=event.pk).update(status=EventStatus.RUNNING)
    response = logged_in(admin_pemkot_jambi).post(url("event_select", event), {}, follow=True)
    assert "sebelum kegiatan berjalan" in response.text
    assert not event.enrollments.exists()


def test_opd_admins_cannot_select(
    logged_in: Login, admin_dinkes_jambi: User, selected: Event
) -> None:
    client = logged_in(admin_dinkes_jambi)
    assert client.get(url("event_select", selected)).status_code == 403
    assert client.post(url("event_select", selected), {}).status_code == 403


def test_other_regions_cannot_select_swap_or_invite(
    logged_in: Login, admin_pemkot_pekanbaru: User, operator_kanwil_riau: User, selected: Event
) -> None:
    for user in (admin_pemkot_pekanbaru, operator_kanwil_riau):
        client = logged_in(user)
        for name in ("event_select", "enrollment_swap", "event_invite", "opd_nominees"):
            assert client.post(url(name, selected), {}).status_code == 404


def test_the_participant_list_offers_a_swap_by_nip(
    logged_in: Login, admin_pemkot_jambi: User, selected: Event, dinkes_jambi: OrgUnit
) -> None:
    client = logged_in(admin_pemkot_jambi)
    page = client.get(url("event_participants", selected), {"q": "Pegawai"})
    assert page.status_code == 200
    assert url("enrollment_swap", selected) in page.text
    old = selected.enrollments.filter(opd=dinkes_jambi).first()
    assert old is not None
    colleague = make_asn(dinkes_jambi, 50)
    response = client.post(
        url("enrollment_swap", selected), {"enrollment": old.pk, "nip": colleague.nip}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == EnrollmentStatus.REPLACED
    assert old.replaced_by is not None
    assert old.replaced_by.asn == colleague


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nip": "123"}, "18 angka"),
        ({"nip": "199001012020011999"}, "tidak ditemukan"),
        ({"nip": "other-opd"}, "OPD yang sama"),
    ],
)
def test_bad_swaps_say_why_and_change_nothing(
    logged_in: Login,
    admin_pemkot_jambi: User,
    selected: Event,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
    data: dict[str, Any],
    message: str,
) -> None:
    old = selected.enrollments.filter(opd=dinkes_jambi).first()
    assert old is not None
    if data["nip"] == "other-opd":
        data = {"nip": make_asn(disdik_jambi, 60).nip}
    response = logged_in(admin_pemkot_jambi).post(
        url("enrollment_swap", selected), {"enrollment": old.pk, **data}, follow=True
    )
    assert message in response.text
    old.refresh_from_db()
    assert old.status == EnrollmentStatus.NOMINATED


def test_the_opd_admin_confirms_and_replaces_their_nominees(
    logged_in: Login, admin_dinkes_jambi: User, selected: Event, dinkes_jambi: OrgUnit
) -> None:
    client = logged_in(admin_dinkes_jambi)
    page = client.get(url("opd_nominees", selected))
    assert page.status_code == 200
    assert "Dinas Pendidikan" not in page.text
    first, second = selected.enrollments.filter(opd=dinkes_jambi)[:2]
    client.post(url("opd_nominees", selected), {"action": "confirm", "enrollment": first.pk})
    first.refresh_from_db()
    assert first.status == EnrollmentStatus.CONFIRMED
    newcomer = make_asn(dinkes_jambi, 70)
    client.post(
        url("opd_nominees", selected),
        {"action": "replace", "enrollment": second.pk, "nip": newcomer.nip},
    )
    assert Enrollment.objects.get(event=selected, asn=newcomer).status == "confirmed"


def test_an_opd_admin_cannot_confirm_another_opds_nominee(
    logged_in: Login, admin_dinkes_jambi: User, selected: Event, disdik_jambi: OrgUnit
) -> None:
    other = selected.enrollments.filter(opd=disdik_jambi).first()
    assert other is not None
    response = logged_in(admin_dinkes_jambi).post(
        url("opd_nominees", selected), {"action": "confirm", "enrollment": other.pk}
    )
    assert response.status_code == 404
    bad = logged_in(admin_dinkes_jambi).post(
        url("opd_nominees", selected), {"action": "confirm", "enrollment": "abc"}
    )
    assert bad.status_code == 404


def test_the_nominee_page_is_for_opd_admins_only(
    logged_in: Login, admin_pemkot_jambi: User, selected: Event
) -> None:
    assert logged_in(admin_pemkot_jambi).get(url("opd_nominees", selected)).status_code == 403


def test_invitations_are_sent_from_the_detail_page(
    logged_in: Login,
    admin_pemkot_jambi: User,
    selected: Event,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = logged_in(admin_pemkot_jambi)
    client.post(url("event_transition", selected), {"to": "open"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("event_invite", selected), follow=True)
    assert "Undangan sedang dikirim" in response.text
    assert len(mail.outbox) == 3
    assert "http://testserver/pelatihan/" in mail.outbox[0].body
    again = client.post(url("event_invite", selected), follow=True)
    assert "sudah dikirim" in again.text
