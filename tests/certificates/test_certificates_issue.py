"""issue_certificates: one numbered certificate per completer, never twice, rendered on commit."""

from typing import Any

import pytest

from peduliham.accounts.models import User
from peduliham.certificates.models import BatchStatus, Certificate, CertificateBatch
from peduliham.certificates.services import date_range_text, event_hours, issue_certificates
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event, EventStatus, Outcome
from tests.certificates.factories import closed_event, issued, kanwil_of, pdf_bytes


def test_every_completer_and_only_completers_get_a_numbered_rendered_certificate(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=3, not_completed=2)

    batch, certificates = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    assert [c.enrollment.outcome for c in certificates] == [Outcome.COMPLETED] * 3
    assert [c.number for c in certificates] == [f"00000{n}/SERT-HAM/15.71/2025" for n in (1, 2, 3)]
    assert all(pdf_bytes(c).startswith(b"%PDF") for c in certificates)
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 3, 3)
    entry = AuditEntry.objects.get(action="peduliham.certificate.issued")
    assert entry.changes == {"issued": 3, "batch": batch.pk}
    assert entry.region_code == "15.71"
    assert AuditEntry.objects.filter(action="peduliham.certificate_batch.rendered").count() == 1


def test_the_printed_fields_hold_name_with_titles_nip_event_dates_hours_hosts_and_venue(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=1, not_completed=0)
    asn = event.enrollments.get().asn
    asn.front_title, asn.back_title = "dr.", "M.K.M."
    asn.save()

    _batch, [certificate] = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    printed = certificate.printed
    assert printed["name"] == f"dr. {asn.name}, M.K.M."
    assert printed["nip"] == asn.nip
    assert printed["event"] == "Pelatihan HAM Kota Jambi Angkatan I"
    assert printed["dates"] == "27\u201328 Oktober 2025"
    assert printed["hours"] == 16
    assert printed["hosts"] == ["Pemerintah Kota Jambi", kanwil_of(kota_jambi).name]
    assert printed["venue"] == "Aula Grha Siginjai"
    assert printed["number"] == certificate.number
    assert printed["issued_on"]
    assert len(certificate.verification_code) >= 22


def test_issuing_again_issues_none_and_says_so(
    admin_pemkot_jambi: User, django_capture_on_commit_callbacks: Any, event: Event
) -> None:
    issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    with pytest.raises(DomainError) as error:
        issue_certificates(admin_pemkot_jambi, event=event)

    assert error.value.code == "nothing_to_issue"
    assert Certificate.objects.filter(event=event).count() == 3
    assert CertificateBatch.objects.filter(event=event).count() == 1


def test_issuing_while_a_batch_is_rendering_joins_it_instead_of_starting_another(
    admin_pemkot_jambi: User, event: Event
) -> None:
    first = issue_certificates(admin_pemkot_jambi, event=event)  # no commit: not rendered yet

    second = issue_certificates(admin_pemkot_jambi, event=event)

    assert second.pk == first.pk
    assert Certificate.objects.filter(event=event).count() == 3
    entries = AuditEntry.objects.filter(action="peduliham.certificate.issued").order_by("pk")
    assert [entry.changes["issued"] for entry in entries] == [3, 0]


def test_a_completer_added_later_gets_the_next_number(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=2, not_completed=1)
    issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)
    event.enrollments.filter(outcome=Outcome.NOT_COMPLETED).update(outcome=Outcome.COMPLETED)

    batch, certificates = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    assert [c.number[:6] for c in certificates] == ["000001", "000002", "000003"]
    assert (batch.done, batch.total) == (3, 3)


def test_an_event_not_yet_closed_gets_no_certificates(
    admin_pemkot_jambi: User, event: Event
) -> None:
    Event.objects.filter(pk=event.pk).update(status=EventStatus.FINISHED)

    with pytest.raises(DomainError) as error:
        issue_certificates(admin_pemkot_jambi, event=event)

    assert error.value.code == "event_not_closed"
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    "persona",
    ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "peserta_budi", "admin_dinkes_jambi"],
)
def test_staff_outside_the_event_region_and_other_roles_cannot_issue(
    persona: str, request: pytest.FixtureRequest, event: Event
) -> None:
    actor = request.getfixturevalue(persona)

    with pytest.raises(DomainError) as error:
        issue_certificates(actor, event=event)

    assert error.value.code == "permission_denied"
    assert not Certificate.objects.exists()


def test_the_province_operator_may_issue_for_a_city_event(
    operator_kanwil_jambi: User, django_capture_on_commit_callbacks: Any, event: Event
) -> None:

    batch, certificates = issued(operator_kanwil_jambi, event, django_capture_on_commit_callbacks)

    assert len(certificates) == 3
    assert batch.requested_by == operator_kanwil_jambi


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        ((2025, 10, 27), (2025, 10, 27), "27 Oktober 2025"),
        ((2025, 10, 27), (2025, 10, 28), "27\u201328 Oktober 2025"),
        ((2025, 10, 30), (2025, 11, 1), "30 Oktober \u2013 1 November 2025"),
        ((2025, 12, 31), (2026, 1, 2), "31 Desember 2025 \u2013 2 Januari 2026"),
    ],
)
def test_dates_are_written_as_an_indonesian_range(
    first: tuple[int, int, int], last: tuple[int, int, int], text: str
) -> None:
    import datetime

    from django.utils import translation

    with translation.override("id"):
        assert date_range_text(datetime.date(*first), datetime.date(*last)) == text


def test_hours_add_up_the_days_and_keep_half_hours() -> None:
    import datetime

    from peduliham.training.models import EventDay

    days = [
        EventDay(
            date=datetime.date(2025, 10, 27), starts_at=datetime.time(8), ends_at=datetime.time(16)
        ),
        EventDay(
            date=datetime.date(2025, 10, 28),
            starts_at=datetime.time(8),
            ends_at=datetime.time(11, 30),
        ),
    ]
    assert event_hours(days) == 11.5
    assert event_hours(days[:1]) == 8


def test_a_batch_that_lost_its_worker_is_resumed_by_a_new_one(
    admin_pemkot_jambi: User, django_capture_on_commit_callbacks: Any, event: Event
) -> None:
    import datetime

    from django.utils import timezone

    stuck = issue_certificates(admin_pemkot_jambi, event=event)  # its task never ran
    CertificateBatch.objects.filter(pk=stuck.pk).update(
        status=BatchStatus.RUNNING, created_at=timezone.now() - datetime.timedelta(hours=1)
    )

    batch, certificates = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    assert batch.pk != stuck.pk
    assert (batch.status, batch.done) == (BatchStatus.DONE, 3)
    assert len(certificates) == 3
