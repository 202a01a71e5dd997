"""The desk page, its check-in POST (fragment and plain form), search and live counts."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Attendance, Enrollment, Event
from peduliham.training.tickets import public_key_b64, ticket_code
from tests.people.asn_factory import make_asn
from tests.training.factories_checkin import days_of, make_event, running_event, seat, seat_new

Login = Callable[[User], Client]
HTMX = {"HX-Request": "true"}
OUTSIDERS = ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "admin_dinkes_jambi", "peserta_budi"]


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi)


@pytest.fixture
def budi(event: Event, dinkes_jambi: OrgUnit) -> Enrollment:
    return seat(event, make_asn(dinkes_jambi, 1, name="Budi Santoso"))


def desk_url(event: Event, **query: object) -> str:
    url = reverse("training:checkin_desk", args=[event.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def record_url(event: Event) -> str:
    return reverse("training:checkin_record", args=[event.pk])


def code_of(enrollment: Enrollment) -> str:
    return ticket_code(event_id=enrollment.event_id, enrollment_id=enrollment.pk)


def test_the_desk_page_carries_the_public_key_and_the_days(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    response = logged_in(admin_pemkot_jambi).get(desk_url(event))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-public-key="{public_key_b64()}"' in page
    assert "Hari ke-2 (28 Okt 2025)" in page
    assert "<script>" not in page
    assert response.context["day"] == days_of(event)[0]


def test_the_day_is_chosen_with_hari(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    second = days_of(event)[1]

    response = logged_in(admin_pemkot_jambi).get(desk_url(event, hari=second.pk))

    assert response.context["day"] == second


@pytest.mark.parametrize("hari", ["abc", "999999"])
def test_an_unknown_day_is_not_found(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, hari: str
) -> None:
    assert logged_in(admin_pemkot_jambi).get(desk_url(event, hari=hari)).status_code == 404


@pytest.mark.parametrize("user_fixture", OUTSIDERS)
def test_users_outside_the_host_region_do_not_find_the_desk(
    request: pytest.FixtureRequest, logged_in: Login, event: Event, user_fixture: str
) -> None:
    client = logged_in(request.getfixturevalue(user_fixture))

    assert client.get(desk_url(event)).status_code == 404
    assert client.get(reverse("training:checkin_counts", args=[event.pk])).status_code == 404


@pytest.mark.parametrize("user_fixture", OUTSIDERS)
def test_users_outside_the_host_region_cannot_post_a_check_in(
    request: pytest.FixtureRequest,
    logged_in: Login,
    event: Event,
    budi: Enrollment,
    user_fixture: str,
) -> None:
    client = logged_in(request.getfixturevalue(user_fixture))
    data = {"hari": days_of(event)[0].pk, "kode": code_of(budi)}

    assert client.post(record_url(event), data).status_code == 404
    assert not Attendance.objects.exists()


def test_a_scanned_code_posted_by_the_script_returns_a_recorded_fragment(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, budi: Enrollment
) -> None:
    data = {"hari": days_of(event)[0].pk, "kode": code_of(budi), "meja": "Meja 2"}

    response = logged_in(admin_pemkot_jambi).post(record_url(event), data, headers=HTMX)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-outcome="recorded"' in page
    assert "Budi Santoso" in page
    attendance = Attendance.objects.get(enrollment=budi)
    assert (attendance.desk, attendance.method) == ("Meja 2", "qr")


def test_a_repeat_scan_returns_an_already_fragment(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, budi: Enrollment
) -> None:
    client = logged_in(admin_pemkot_jambi)
    data = {"hari": days_of(event)[0].pk, "kode": code_of(budi)}
    client.post(record_url(event), data, headers=HTMX)

    response = client.post(record_url(event), data, headers=HTMX)

    assert 'data-outcome="already"' in response.content.decode()
    assert "Sudah check-in pukul" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_a_forged_code_returns_a_refused_fragment(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, budi: Enrollment
) -> None:
    data = {"hari": days_of(event)[0].pk, "kode": code_of(budi)[:-3] + "AAA"}

    response = logged_in(admin_pemkot_jambi).post(record_url(event), data, headers=HTMX)

    assert response.status_code == 200
    assert 'data-outcome="refused"' in response.content.decode()
    assert "Tiket palsu atau rusak." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_plain_form_post_checks_in_and_returns_to_the_desk_with_a_message(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, budi: Enrollment
) -> None:
    day = days_of(event)[1]
    client = logged_in(admin_pemkot_jambi)

    response = client.post(record_url(event), {"hari": day.pk, "kode": code_of(budi)})

    assert response.status_code == 302
    assert response["Location"] == desk_url(event, hari=day.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Budi Santoso: Check-in berhasil pukul" in page


def test_a_plain_form_post_of_someone_not_on_the_list_says_so(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    other = seat_new(event, dinkes_jambi, 2, status="withdrawn")
    client = logged_in(admin_pemkot_jambi)

    response = client.post(
        record_url(event), {"hari": days_of(event)[0].pk, "kode": code_of(other)}, follow=True
    )

    assert "Tidak terdaftar sebagai peserta kegiatan ini" in response.content.decode()


def test_a_search_result_is_checked_in_by_its_enrollment(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, budi: Enrollment
) -> None:
    data = {"hari": days_of(event)[0].pk, "peserta": budi.pk, "meja": "Meja 3"}

    response = logged_in(admin_pemkot_jambi).post(record_url(event), data, headers=HTMX)

    assert 'data-outcome="recorded"' in response.content.decode()
    assert Attendance.objects.get(enrollment=budi).method == "search"


@pytest.mark.parametrize(
    "data",
    [{}, {"hari": "x", "kode": "PH1"}, {"hari": "0"}, {"hari": "1", "peserta": "-4"}],
    ids=["empty", "day-not-a-number", "day-zero", "negative-enrollment"],
)
def test_bad_input_is_refused_with_400(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, data: dict[str, str]
) -> None:
    response = logged_in(admin_pemkot_jambi).post(record_url(event), data, headers=HTMX)

    assert response.status_code == 400
    assert 'data-outcome="refused"' in response.content.decode()


def test_a_day_of_another_event_is_not_found(
    logged_in: Login, admin_pusat: User, admin_pemkot_jambi: User, event: Event, budi: Enrollment
) -> None:
    other = make_event(event.program, event.host_region, title="Angkatan II")
    data = {"hari": days_of(other)[0].pk, "kode": code_of(budi)}

    assert logged_in(admin_pemkot_jambi).post(record_url(event), data).status_code == 404


def test_the_search_finds_a_participant_by_nip_written_with_spaces(
    logged_in: Login,
    admin_pemkot_jambi: User,
    event: Event,
    budi: Enrollment,
    dinkes_jambi: OrgUnit,
) -> None:
    seat_new(event, dinkes_jambi, 2, name="Siti Aminah")
    spaced = "19860926 201505 1 001"

    response = logged_in(admin_pemkot_jambi).get(desk_url(event, q=spaced))

    assert [e.pk for e in response.context["found"]] == [budi.pk]


def test_the_search_finds_participants_by_part_of_the_name_and_shows_who_is_in(
    logged_in: Login,
    admin_pemkot_jambi: User,
    event: Event,
    budi: Enrollment,
    dinkes_jambi: OrgUnit,
) -> None:
    client = logged_in(admin_pemkot_jambi)
    day = days_of(event)[0]
    client.post(record_url(event), {"hari": day.pk, "peserta": budi.pk})

    response = client.get(desk_url(event, q="budi", hari=day.pk))

    found = response.context["found"]
    assert [e.pk for e in found] == [budi.pk]
    assert found[0].checked_in_at is not None
    assert "Sudah hadir" in response.content.decode()


def test_the_counts_fragment_shows_checked_in_over_expected_per_day(
    logged_in: Login,
    admin_pemkot_jambi: User,
    event: Event,
    budi: Enrollment,
    dinkes_jambi: OrgUnit,
) -> None:
    seat_new(event, dinkes_jambi, 2)
    client = logged_in(admin_pemkot_jambi)
    first = days_of(event)[0]
    client.post(record_url(event), {"hari": first.pk, "peserta": budi.pk})

    response = client.get(reverse("training:checkin_counts", args=[event.pk]))

    assert response.status_code == 200
    counts = [(c.checked_in, c.expected) for c in response.context["counts"]]
    assert counts == [(1, 2), (0, 2)]
    assert f'data-day-count="{first.pk}">1 / 2<' in response.content.decode()
