"""The demo: Angkatan I's completers hold rendered certificates, one revoked, loaded once."""

import pytest

from peduliham.certificates import demo
from peduliham.certificates.models import BatchStatus, Certificate, CertificateBatch
from peduliham.core.demo.registry import registered_steps
from peduliham.people import demo as people_demo
from peduliham.training import demo as training_demo
from peduliham.training.models import Event, Outcome

pytestmark = pytest.mark.django_db


def test_every_completer_of_angkatan_i_has_a_rendered_certificate_and_a_rerun_adds_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(people_demo, "DEMO_ASN_COUNT", 2_000)
    monkeypatch.setattr(training_demo, "CAPACITY", 120)
    for step in registered_steps():
        step.run()
    event = Event.objects.get(title=training_demo.FIRST_TITLE)
    completers = event.enrollments.filter(outcome=Outcome.COMPLETED).count()

    again = demo.load_certificates()

    certificates = Certificate.objects.filter(event=event)
    assert completers > 0
    assert certificates.count() == completers
    assert not certificates.filter(pdf="").exists()
    assert certificates.filter(revoked_at__isnull=False).count() == 1
    assert CertificateBatch.objects.get(event=event).status == BatchStatus.DONE
    assert certificates.filter(enrollment__asn__user__username="peserta_jambi").exists()
    assert again.created == 0
