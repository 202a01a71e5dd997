"""The event list, create/edit form and detail pages: success, scope and bad input."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import Event, EventStatus, Program
from tests.training.factories_events import new_event
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db

type Login = Callable[[User], Client]


@pytest.fixture
def program(admin_pusat: User) -> Program:
    return make_program(admin_pusat)


@pytest.fixture
def event(admin_pemkot_jambi: User, program: Program, kota_jambi: Region) -> Event:
    return new_event(admin_pemkot_jambi, program, kota_jambi)


def form_data(program: Program, region: Region, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "program": program.pk,
        "title": "Angkatan 1",
        "host_region": region.pk,
        "venue": "Aula Grha Siginjai",
        "capacity": "1000",
        "attendance_rule": "",
        "attendance_min_days": "",
        "hari-TOTAL_FORMS": "3",
        "hari-INITIAL_FORMS": "0",
        "hari-MIN_NUM_FORMS": "0",
        "hari-MAX_NUM_FORMS": "10",
        "hari-0-date": "2025-10-27",
        "hari-0-starts_at": "08:00",
        "hari-0-ends_at": "16:00",
        "hari-1-date": "2025-10-28",
        "hari-1-starts_at": "08:00",
        "hari-1-ends_at": "15:00",
    }
    data.update(changes)
    return data


def test_the_list_shows_the_events_in_scope_with_a_status_filter(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    client = logged_in(admin_pemkot_jambi)
    response = client.get(reverse("training:event_list"))
    assert response.status_code == 200
    assert event.title in response.text
    assert reverse("training:event_create") in response.text
    filtered = client.get(reverse("training:event_list"), {"status": "open"})
    assert event.title not in filtered.text
    bad = client.get(reverse("training:event_list"), {"status": "nonsense", "halaman": "x"})
    assert bad.status_code == 200


def test_the_list_hides_other_provinces_events(
    logged_in: Login, operator_kanwil_riau: User, event: Event
) -> None:
    response = logged_in(operator_kanwil_riau).get(reverse("training:event_list"))
    assert event.title not in response.text
    assert "Pelatihan" in response.text  # the nav link


def test_the_pemda_admin_creates_an_event_with_two_days_and_the_kanwil(
    logged_in: Login, admin_pemkot_jambi: User, program: Program, kota_jambi: Region, jambi: Region
) -> None:
    kanwil = OrgUnit.objects.get(region=jambi, kind=UnitKind.KANWIL)
    client = logged_in(admin_pemkot_jambi)
    page = client.get(reverse("training:event_create"))
    assert page.status_code == 200
    assert kanwil.name in page.text
    response = client.post(
        reverse("training:event_create"), form_data(program, kota_jambi, co_hosts=[kanwil.pk])
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:event_detail", args=[event.pk])
    assert [day.date for day in event.days.all()] == [
        datetime.date(2025, 10, 27),
        datetime.date(2025, 10, 28),
    ]
    assert list(event.co_hosts.all()) == [kanwil]
    assert AuditEntry.objects.filter(action="peduliham.training.event.created").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"capacity": "0"},
        {"capacity": "banyak"},
        {"hari-0-date": "", "hari-0-starts_at": "", "hari-0-ends_at": "", "hari-1-date": ""},
        {"hari-1-date": "2025-10-27"},
        {"hari-0-ends_at": "07:00"},
        {"title": ""},
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(
    logged_in: Login,
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    changes: dict[str, str],
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        reverse("training:event_create"), form_data(program, kota_jambi, **changes)
    )
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_a_region_outside_scope_is_not_offered(
    logged_in: Login, admin_pemkot_jambi: User, program: Program, kota_pekanbaru: Region
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        reverse("training:event_create"), form_data(program, kota_pekanbaru)
    )
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_opd_admins_and_participants_cannot_open_the_form(
    logged_in: Login, admin_dinkes_jambi: User, peserta_budi: User
) -> None:
    for user in (admin_dinkes_jambi, peserta_budi):
        assert logged_in(user).get(reverse("training:event_create")).status_code == 403


def test_the_event_is_edited_through_the_same_form(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, program: Program, kota_jambi: Region
) -> None:
    client = logged_in(admin_pemkot_jambi)
    url = reverse("training:event_edit", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "2025-10-27" in page.text
    data = form_data(program, kota_jambi, title="Angkatan 1 (diubah)", capacity="500")
    data["hari-INITIAL_FORMS"] = "2"
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Angkatan 1 (diubah)", 500)


def test_editing_a_running_event_shows_the_services_message(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, program: Program, kota_jambi: Region
) -> None:
    Event.objects.filter(pk=event.pk).update(status=EventStatus.RUNNING)
    response = logged_in(admin_pemkot_jambi).post(
        reverse("training:event_edit", args=[event.pk]), form_data(program, kota_jambi)
    )
    assert response.status_code == 400
    assert "tidak dapat diubah" in response.text


@pytest.mark.parametrize(
    "name", ["event_detail", "event_edit", "event_select", "event_participants"]
)
def test_other_regions_get_404(
    logged_in: Login,
    operator_kanwil_riau: User,
    admin_pemkot_pekanbaru: User,
    event: Event,
    name: str,
) -> None:
    for user in (operator_kanwil_riau, admin_pemkot_pekanbaru):
        response = logged_in(user).get(reverse(f"training:{name}", args=[event.pk]))
        assert response.status_code == 404


def test_the_detail_page_shows_days_and_the_next_step(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    response = logged_in(admin_pemkot_jambi).get(reverse("training:event_detail", args=[event.pk]))
    assert response.status_code == 200
    assert "Aula Grha Siginjai" in response.text
    assert 'value="open"' in response.text
    assert 'value="running"' not in response.text


def test_the_transition_button_moves_the_event(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    client = logged_in(admin_pemkot_jambi)
    url = reverse("training:event_transition", args=[event.pk])
    assert client.post(url, {"to": "open"}).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.OPEN
    follow = client.post(url, {"to": "finished"}, follow=True)
    assert "tidak dapat berpindah" in follow.text
    assert client.post(url, {"to": "nonsense"}).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.OPEN


def test_another_province_cannot_move_the_event(
    logged_in: Login, operator_kanwil_riau: User, event: Event
) -> None:
    url = reverse("training:event_transition", args=[event.pk])
    assert logged_in(operator_kanwil_riau).post(url, {"to": "open"}).status_code == 404


def test_the_edit_form_keeps_the_post_test_rule(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    Event.objects.filter(pk=event.pk).update(post_test_rule="passed")

    page = logged_in(admin_pemkot_jambi).get(reverse("training:event_edit", args=[event.pk]))

    assert page.context["form"].initial["post_test_rule"] == "passed"
