"""Submitting the satisfaction survey: once per seat, while the event runs or just after."""

from collections.abc import Mapping
from typing import Any, Final

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peduliham.assessment.models import SurveyResponse
from peduliham.assessment.survey_items import COMMENT_MAX_LENGTH, ITEM_KEYS, SCALE_VALUES
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.training.models import SEATED_STATUSES, Enrollment, Event, EventStatus

OPEN_STATUSES: Final = frozenset({EventStatus.RUNNING, EventStatus.FINISHED})


def _seat(user: Any, event: Event) -> Enrollment:
    """The user's seat in the event, locked (permission_denied when they have none)."""
    seat = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("opd", "event__host_region")
        .filter(event=event, asn__user=user, status__in=SEATED_STATUSES)
        .first()
        if user is not None and user.is_authenticated
        else None
    )
    if seat is None:
        raise PermissionDenied(_("Anda bukan peserta kegiatan ini."))
    return seat


def _clean_ratings(ratings: Mapping[str, Any]) -> dict[str, int]:
    if set(ratings) != ITEM_KEYS or not all(
        type(value) is int and value in SCALE_VALUES for value in ratings.values()
    ):
        raise DomainError(
            _("Berikan nilai 1 sampai 5 untuk setiap pernyataan."), code="survey_invalid"
        )
    return dict(ratings)


@transaction.atomic
def submit_survey(
    user: Any, *, event: Event, ratings: Mapping[str, int], comment: str = ""
) -> SurveyResponse:
    """Record a participant's survey (permission_denied, survey_closed, survey_invalid,
    survey_done)."""
    seat = _seat(user, event)
    if seat.event.status not in OPEN_STATUSES:
        raise DomainError(_("Survei kegiatan ini tidak sedang dibuka."), code="survey_closed")
    cleaned = _clean_ratings(ratings)
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise DomainError(
            _("Komentar paling banyak %(max)d karakter.") % {"max": COMMENT_MAX_LENGTH},
            code="survey_invalid",
        )
    if SurveyResponse.objects.filter(enrollment=seat).exists():
        raise DomainError(_("Anda sudah mengisi survei kegiatan ini."), code="survey_done")
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                event=seat.event, enrollment=seat, ratings=cleaned, comment=comment
            )
    except IntegrityError as error:  # a concurrent submit of the same seat won the race
        raise DomainError(
            _("Anda sudah mengisi survei kegiatan ini."), code="survey_done"
        ) from error
    log_action(
        user,
        "peduliham.assessment.survey.submitted",
        response,
        region_code=seat.event.host_region.code,
        unit_path=seat.opd.path,
        changes={"ratings": cleaned, "has_comment": bool(comment)},
    )
    return response
