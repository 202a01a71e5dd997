"""Background tasks of training. They take primary keys and are safe to run twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from peduliham.training import tickets
from peduliham.training.models import Enrollment

#: Where the ticket page lives if its route is not registered (kept in step with views/checkin.py).
FALLBACK_TICKET_PATH = "/pelatihan/tiket/{token}/"


def ticket_path(enrollment_id: int) -> str:
    """The path of a participant's ticket page, carrying a signed token instead of a login."""
    token = tickets.ticket_link_token(enrollment_id)
    try:
        return reverse("training:ticket", args=[token])
    except NoReverseMatch:
        return FALLBACK_TICKET_PATH.format(token=token)


@task
def send_invitation_email(enrollment_id: int, base_url: str) -> bool:
    """E-mail one invited participant the link to their ticket; False when there is nothing
    to send (no address, or the enrollment was withdrawn meanwhile)."""
    enrollment = (
        Enrollment.objects.select_related("asn", "event", "event__program")
        .filter(pk=enrollment_id, invited_at__isnull=False)
        .first()
    )
    if enrollment is None or not enrollment.asn.email:
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
    send_mail(subject, body, None, [enrollment.asn.email])
    return True
