"""The invitation e-mail task: safe to run twice, and retried when sending fails."""

from typing import Any
from unittest import mock

import pytest
from django.core import mail

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment
from peduliham.training.services.enrolment import select_participants, send_invitations
from peduliham.training.services.events import open_event
from peduliham.training.tasks import send_invitation_email
from tests.training.factories_events import allocate, new_event, staff
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> Enrollment:
    program = make_program(admin_pusat)
    allocate(
        admin_pusat=admin_pusat,
        kanwil=operator_kanwil_jambi,
        pemda=admin_pemkot_jambi,
        program=program,
        region=kota_jambi,
        opds={dinkes_jambi: 2},
    )
    staff(dinkes_jambi, 2, start=1, email="dinkes@example.id")
    event = new_event(admin_pemkot_jambi, program, kota_jambi, capacity=10)
    select_participants(admin_pemkot_jambi, event=event, seed=1)
    open_event(admin_pemkot_jambi, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(admin_pemkot_jambi, event=event, base_url="https://peduliham.id")
    return event.enrollments.exclude(asn__email="").order_by("pk").first()  # type: ignore[return-value]


def test_running_the_task_again_sends_nothing_more(invited: Enrollment) -> None:
    sent = len(mail.outbox)

    again = send_invitation_email.call(enrollment_id=invited.pk, base_url="https://peduliham.id")

    assert again is False
    assert len(mail.outbox) == sent
    invited.refresh_from_db()
    assert invited.invitation_emailed_at is not None


def test_a_failed_send_leaves_the_invitation_to_be_retried(invited: Enrollment) -> None:
    Enrollment.objects.filter(pk=invited.pk).update(invitation_emailed_at=None)
    with (
        mock.patch("peduliham.training.tasks.send_mail", side_effect=OSError("smtp down")),
        pytest.raises(OSError, match="smtp down"),
    ):
        send_invitation_email.call(enrollment_id=invited.pk, base_url="https://peduliham.id")
    invited.refresh_from_db()
    assert invited.invitation_emailed_at is None

    assert send_invitation_email.call(enrollment_id=invited.pk, base_url="https://x.id") is True
