"""Survey pages: the participant's form and the staff summary."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.assessment.models import SurveyResponse
from peduliham.assessment.survey_items import ITEMS
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, Event, EventStatus
from tests.training.factories_checkin import running_event, seat_new

Login = Callable[[User], Client]
FILLED = {**{item.key: "4" for item in ITEMS}, "comment": "Materi bermanfaat"}


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi)


@pytest.fixture
def budi_seat(event: Event, peserta_budi: User, dinkes_jambi: OrgUnit) -> Enrollment:
    enrollment = seat_new(event, dinkes_jambi, 1)
    enrollment.asn.user = peserta_budi
    enrollment.asn.save()
    return enrollment


def survey_url(event: Event) -> str:
    return reverse("assessment:survey", args=[event.pk])


def test_the_form_has_a_group_of_labelled_radios_per_statement(
    event: Event, budi_seat: Enrollment, peserta_budi: User, logged_in: Login
) -> None:
    html = logged_in(peserta_budi).get(survey_url(event)).content.decode()

    assert html.count("<fieldset") >= len(ITEMS)
    assert html.count('type="radio"') == 5 * len(ITEMS)
    assert "Narasumber menyampaikan materi dengan jelas." in html


def test_submitting_records_the_answers_and_thanks_the_participant(
    event: Event, budi_seat: Enrollment, peserta_budi: User, logged_in: Login
) -> None:
    client = logged_in(peserta_budi)

    response = client.post(survey_url(event), FILLED, follow=True)

    assert response.redirect_chain[-1][0] == reverse("assessment:my_result")
    assert "Terima kasih" in response.content.decode()
    saved = SurveyResponse.objects.get(enrollment=budi_seat)
    assert saved.ratings == {item.key: 4 for item in ITEMS}
    assert AuditEntry.objects.filter(action="peduliham.assessment.survey.submitted").count() == 1
    again = client.post(survey_url(event), FILLED)
    assert again.status_code == 200
    assert "sudah mengisi survei" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("bad", [{}, {**FILLED, "relevant": "9"}, {**FILLED, "relevant": "x"}])
def test_a_missing_or_bad_rating_shows_the_form_again(
    event: Event,
    budi_seat: Enrollment,
    peserta_budi: User,
    logged_in: Login,
    bad: dict[str, str],
) -> None:
    response = logged_in(peserta_budi).post(survey_url(event), bad)

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_closed_event_shows_no_form_and_refuses_a_post(
    event: Event, budi_seat: Enrollment, peserta_budi: User, logged_in: Login
) -> None:
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CLOSED)
    client = logged_in(peserta_budi)

    assert 'type="radio"' not in client.get(survey_url(event)).content.decode()
    response = client.post(survey_url(event), FILLED)
    assert "tidak sedang dibuka" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_someone_without_a_seat_gets_not_found(
    event: Event, peserta_budi: User, admin_pemkot_jambi: User, logged_in: Login
) -> None:
    assert logged_in(peserta_budi).get(survey_url(event)).status_code == 404
    assert logged_in(admin_pemkot_jambi).post(survey_url(event), FILLED).status_code == 404


def test_staff_see_the_summary_with_comments(
    event: Event, budi_seat: Enrollment, admin_pemkot_jambi: User, logged_in: Login
) -> None:
    SurveyResponse.objects.create(
        event=event, enrollment=budi_seat, ratings={i.key: 5 for i in ITEMS}, comment="Mantap"
    )

    response = logged_in(admin_pemkot_jambi).get(
        reverse("assessment:survey_results", args=[event.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mantap" in html
    assert "5,00" in html


@pytest.mark.parametrize(
    "persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "peserta_budi"]
)
def test_the_summary_is_not_found_outside_the_scope_or_for_participants(
    event: Event,
    budi_seat: Enrollment,
    persona: str,
    logged_in: Login,
    request: pytest.FixtureRequest,
) -> None:
    client = logged_in(request.getfixturevalue(persona))

    assert client.get(reverse("assessment:survey_results", args=[event.pk])).status_code == 404
