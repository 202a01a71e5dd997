"""Background tasks of training. They take primary keys and are safe to run twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from peduliham.training import tickets
from peduliham.training.models import Enrollment


def ticket_path(enrollment_id: int) -> str:
    """The path of a participant's ticket page, carrying a signed token instead of a login."""
    return reverse("training:ticket", args=[tickets.ticket_link_token(enrollment_id)])


def _claim(enrollment_id: int) -> bool:
    """Mark the invitation e-mail as sent unless a run before us did (a conditional UPDATE,
    so two workers running the same task cannot both send)."""
    claimed = Enrollment.objects.filter(
        pk=enrollment_id, invited_at__isnull=False, invitation_emailed_at__isnull=True
    ).update(invitation_emailed_at=timezone.now())
    return claimed == 1


def _release(enrollment_id: int) -> None:
    Enrollment.objects.filter(pk=enrollment_id).update(invitation_emailed_at=None)


@task
def send_invitation_email(enrollment_id: int, base_url: str) -> bool:
    """E-mail one invited participant the link to their ticket; False when there is nothing
    to send (no address, withdrawn meanwhile, or already sent by an earlier run)."""
    enrollment = (
        Enrollment.objects.select_related("asn", "event", "event__program")
        .filter(pk=enrollment_id, invited_at__isnull=False)
        .first()
    )
    if enrollment is None or not enrollment.asn.email or not _claim(enrollment.pk):
        return False
    link = f"{base_url.rstrip('/')}{ticket_path(enrollment.pk)}"
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "enrollment": enrollment,
            "event": enrollment.event,
            "days": list(enrollment.event.days.all()),
            "link": link,
        }
        subject = _("Undangan pelatihan: %(title)s") % {"title": enrollment.event.title}
        body = render_to_string("training/events/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [enrollment.asn.email])
    except Exception:
        _release(enrollment.pk)  # let a retry send it
        raise
    return True
