"""submit_survey: once per seat, only for a seated participant, only while the event runs or
has just finished; and the staff summary per item."""

import pytest

from peduliham.accounts.models import User
from peduliham.assessment.models import SurveyResponse
from peduliham.assessment.selectors.survey import survey_results
from peduliham.assessment.services.survey import submit_survey
from peduliham.assessment.survey_items import ITEMS
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, EnrollmentStatus, Event, EventStatus
from tests.training.factories_checkin import running_event, seat_new

ALL_FOUR = {item.key: 4 for item in ITEMS}


def seat_of(user: User, event: Event, unit: OrgUnit, number: int = 1, **fields: str) -> Enrollment:
    enrollment = seat_new(event, unit, number, **fields)
    enrollment.asn.user = user
    enrollment.asn.save()
    return enrollment


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi)


def test_a_participant_submits_the_survey_once(
    event: Event, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    seat = seat_of(peserta_budi, event, dinkes_jambi)

    response = submit_survey(peserta_budi, event=event, ratings=ALL_FOUR, comment=" Bagus ")

    assert (response.enrollment_id, response.ratings, response.comment) == (
        seat.pk,
        ALL_FOUR,
        "Bagus",
    )
    entry = AuditEntry.objects.get(action="peduliham.assessment.survey.submitted")
    assert entry.region_code == "15.71"
    assert entry.unit_path == dinkes_jambi.path
    with pytest.raises(DomainError) as caught:
        submit_survey(peserta_budi, event=event, ratings=ALL_FOUR, comment="lagi")
    assert caught.value.code == "survey_done"
    assert SurveyResponse.objects.count() == 1


def test_someone_without_a_seat_may_not_answer(
    event: Event, peserta_budi: User, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    seat_of(peserta_budi, event, dinkes_jambi, status=EnrollmentStatus.WITHDRAWN)

    for user in (peserta_budi, admin_pemkot_jambi):
        with pytest.raises(DomainError) as caught:
            submit_survey(user, event=event, ratings=ALL_FOUR)
        assert caught.value.code == "permission_denied"
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("status", [EventStatus.OPEN, EventStatus.CLOSED, EventStatus.DRAFT])
def test_the_survey_is_only_open_while_the_event_runs_or_after_it_finished(
    event: Event, peserta_budi: User, dinkes_jambi: OrgUnit, status: str
) -> None:
    seat_of(peserta_budi, event, dinkes_jambi)
    Event.objects.filter(pk=event.pk).update(status=status)

    with pytest.raises(DomainError) as caught:
        submit_survey(peserta_budi, event=event, ratings=ALL_FOUR)

    assert caught.value.code == "survey_closed"


@pytest.mark.parametrize(
    "ratings",
    [
        {**ALL_FOUR, "relevant": 6},
        {**ALL_FOUR, "relevant": 0},
        {**ALL_FOUR, "relevant": "4"},
        {**ALL_FOUR, "relevant": True},
        dict.fromkeys(list(ALL_FOUR)[1:], 4),
        {**ALL_FOUR, "extra": 3},
    ],
)
def test_every_statement_needs_a_rating_from_1_to_5(
    event: Event, peserta_budi: User, dinkes_jambi: OrgUnit, ratings: dict[str, object]
) -> None:
    seat_of(peserta_budi, event, dinkes_jambi)

    with pytest.raises(DomainError) as caught:
        submit_survey(peserta_budi, event=event, ratings=ratings)  # type: ignore[arg-type]

    assert caught.value.code == "survey_invalid"


def test_an_overlong_comment_is_refused(
    event: Event, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    seat_of(peserta_budi, event, dinkes_jambi)

    with pytest.raises(DomainError) as caught:
        submit_survey(peserta_budi, event=event, ratings=ALL_FOUR, comment="x" * 2001)

    assert caught.value.code == "survey_invalid"


def test_the_summary_gives_count_mean_and_distribution_per_item_and_the_comments(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    seats = [seat_new(event, dinkes_jambi, n) for n in range(4)]
    for seat, value, comment in zip(
        seats[:3], (5, 4, 4), ("Sangat baik", "", "Waktu kurang"), strict=True
    ):
        SurveyResponse.objects.create(
            event=event, enrollment=seat, ratings={**ALL_FOUR, "relevant": value}, comment=comment
        )

    summary = survey_results(admin_pemkot_jambi, event)

    assert (summary.participants, summary.responses) == (4, 3)
    relevant = summary.items[0]
    assert (relevant.key, relevant.answered) == ("relevant", 3)
    assert relevant.mean == pytest.approx(13 / 3)
    assert [c.count for c in relevant.counts] == [0, 0, 0, 2, 1]
    assert summary.comments == ("Sangat baik", "Waktu kurang")


def test_an_opd_admin_summary_covers_only_their_opd(
    event: Event, admin_dinkes_jambi: User, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    for number, unit in enumerate((dinkes_jambi, disdik_jambi)):
        SurveyResponse.objects.create(
            event=event, enrollment=seat_new(event, unit, number), ratings=ALL_FOUR
        )

    summary = survey_results(admin_dinkes_jambi, event)

    assert (summary.participants, summary.responses) == (1, 1)
