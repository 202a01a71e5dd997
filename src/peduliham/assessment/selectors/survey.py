"""Reads for the satisfaction survey: a participant's own form, and the staff summary."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.functional import Promise

from peduliham.assessment import analysis
from peduliham.assessment.models import SurveyResponse
from peduliham.assessment.selectors.results import scoped_enrollments
from peduliham.assessment.survey_items import ITEMS, SCALE
from peduliham.training.models import SEATED_STATUSES, Enrollment, Event
from peduliham.training.selectors.events import event_for


@dataclass(frozen=True, slots=True)
class ParticipantSurvey:
    event: Event
    enrollment: Enrollment
    response: SurveyResponse | None


def participant_survey_for(user: Any, event_pk: int) -> ParticipantSurvey:
    """The user's seat in the event and their response so far; Http404 without a seat."""
    event = event_for(user, event_pk)
    enrollment = (
        Enrollment.objects.filter(event=event, asn__user=user, status__in=SEATED_STATUSES)
        .select_related("asn")
        .first()
    )
    if enrollment is None:
        raise Http404
    response = SurveyResponse.objects.filter(enrollment=enrollment).first()
    return ParticipantSurvey(event, enrollment, response)


@dataclass(frozen=True, slots=True)
class ScaleCount:
    value: int
    label: str | Promise
    count: int
    percent: float


@dataclass(frozen=True, slots=True)
class ItemSummary:
    key: str
    text: str | Promise
    answered: int
    mean: float | None
    counts: tuple[ScaleCount, ...]


@dataclass(frozen=True, slots=True)
class SurveyResults:
    event: Event
    participants: int
    responses: int
    items: tuple[ItemSummary, ...]
    comments: tuple[str, ...]

    @property
    def response_percent(self) -> float | None:
        return 100 * self.responses / self.participants if self.participants else None


def survey_results(user: Any, event: Event) -> SurveyResults:
    """Per item: how many answered, the mean and the 1-5 distribution; then the comments.

    Comments are listed without names: the survey is reported anonymously.
    """
    enrollments = scoped_enrollments(user, event)
    rows = list(
        SurveyResponse.objects.filter(event=event, enrollment__in=enrollments)
        .order_by("submitted_at", "pk")
        .values_list("ratings", "comment")
    )
    ratings = [r for r, _comment in rows]
    return SurveyResults(
        event=event,
        participants=enrollments.count(),
        responses=len(rows),
        items=tuple(summarise_item(item.key, item.text, ratings) for item in ITEMS),
        comments=tuple(comment for _ratings, comment in rows if comment),
    )


def summarise_item(
    key: str, text: str | Promise, ratings: Iterable[Mapping[str, Any]]
) -> ItemSummary:
    values = [r[key] for r in ratings if isinstance(r.get(key), int)]
    counts = tuple(
        ScaleCount(
            value,
            label,
            values.count(value),
            100 * values.count(value) / len(values) if values else 0.0,
        )
        for value, label in SCALE
    )
    return ItemSummary(key, text, len(values), analysis.mean([float(v) for v in values]), counts)
