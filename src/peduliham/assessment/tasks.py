"""Background tasks of assessment. They take primary keys and are safe to run twice."""

from django.tasks import task
from django.utils import timezone

from peduliham.assessment.models import ExamAttempt
from peduliham.assessment.services.exams import GRACE, close_expired_attempts, submit_attempt


@task
def submit_expired_attempt(attempt_id: int) -> bool:
    """Submit one attempt whose deadline passed; False when it was submitted already or is early."""
    attempt = (
        ExamAttempt.objects.select_related("exam__event__host_region", "enrollment__opd")
        .filter(pk=attempt_id, submitted_at__isnull=True)
        .first()
    )
    if attempt is None or timezone.now() < attempt.deadline_at + GRACE:
        return False
    submit_attempt(None, attempt=attempt, auto=True)
    return True


@task
def close_expired_attempts_task() -> int:
    """Submit every attempt whose deadline passed (the sweep behind the per-attempt tasks)."""
    return close_expired_attempts()
