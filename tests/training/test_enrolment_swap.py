"""Swapping, OPD confirmation and replacement, and sending the invitations."""

from typing import Any

import pytest
from django.core import mail

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training import tickets
from peduliham.training.models import (
    CoverageCounter,
    Enrollment,
    EnrollmentStatus,
    Event,
    EventStatus,
)
from peduliham.training.services.enrolment import (
    confirm_nominee,
    replace_nominee,
    select_participants,
    send_invitations,
    swap_participant,
)
from peduliham.training.services.events import open_event
from tests.people.asn_factory import make_asn
from tests.training.factories_events import allocate, new_event, staff
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> Event:
    program = make_program(admin_pusat)
    allocate(
        admin_pusat=admin_pusat,
        kanwil=operator_kanwil_jambi,
        pemda=admin_pemkot_jambi,
        program=program,
        region=kota_jambi,
        opds={dinkes_jambi: 2, disdik_jambi: 1},
    )
    staff(dinkes_jambi, 2, start=1, email="dinkes@example.id")
    staff(disdik_jambi, 1, start=101)
    event = new_event(admin_pemkot_jambi, program, kota_jambi, capacity=10)
    select_participants(admin_pemkot_jambi, event=event, seed=1)
    return event


def nominee(event: Event, opd: OrgUnit) -> Enrollment:
    return event.enrollments.filter(opd=opd).select_related("event__host_region", "opd")[0]


def counters(event: Event) -> dict[int, int]:
    return dict(CoverageCounter.objects.filter(event=event).values_list("opd_id", "selected"))


def test_the_pemda_admin_swaps_a_nominee_for_a_colleague_of_the_same_opd(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit
) -> None:
    old = nominee(event, dinkes_jambi)
    before = counters(event)
    colleague = make_asn(puskesmas_simpang_kawat, 50)
    new = swap_participant(admin_pemkot_jambi, enrollment=old, replacement=colleague)
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (EnrollmentStatus.REPLACED, new)
    assert (new.asn, new.opd, new.status) == (colleague, dinkes_jambi, EnrollmentStatus.NOMINATED)
    assert counters(event) == before
    entry = AuditEntry.objects.get(action="peduliham.training.enrollment.swapped")
    assert entry.changes["replaced"] == [old.asn_id, colleague.pk]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda opds: make_asn(opds["disdik"], 60), "different_opd"),
        (lambda opds: make_asn(opds["dinkes"], 61, is_active=False), "replacement_ineligible"),
        (lambda opds: make_asn(opds["pekanbaru"], 62), "replacement_ineligible"),
        (lambda opds: ASN.objects.filter(org_unit=opds["disdik"]).first(), "different_opd"),
    ],
)
def test_a_swap_needs_an_eligible_replacement_of_the_same_opd(
    admin_pemkot_jambi: User,
    event: Event,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
    make: object,
    code: str,
) -> None:
    opds = {"dinkes": dinkes_jambi, "disdik": disdik_jambi, "pekanbaru": dinkes_pekanbaru}
    replacement = make(opds)  # type: ignore[operator]
    with pytest.raises(DomainError) as error:
        swap_participant(
            admin_pemkot_jambi, enrollment=nominee(event, dinkes_jambi), replacement=replacement
        )
    assert error.value.code == code


def test_a_person_already_seated_cannot_come_in_twice(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    first, second = event.enrollments.filter(opd=dinkes_jambi)
    with pytest.raises(DomainError) as error:
        swap_participant(admin_pemkot_jambi, enrollment=first, replacement=second.asn)
    assert error.value.code == "already_selected"


def test_a_replaced_person_cannot_be_swapped_again(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    old = nominee(event, dinkes_jambi)
    swap_participant(admin_pemkot_jambi, enrollment=old, replacement=make_asn(dinkes_jambi, 70))
    old.refresh_from_db()
    with pytest.raises(DomainError) as error:
        swap_participant(admin_pemkot_jambi, enrollment=old, replacement=make_asn(dinkes_jambi, 71))
    assert error.value.code == "not_seated"


def test_swaps_are_closed_after_the_invitations(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    open_event(admin_pemkot_jambi, event=event)
    send_invitations(admin_pemkot_jambi, event=event)
    with pytest.raises(DomainError) as error:
        swap_participant(
            admin_pemkot_jambi,
            enrollment=nominee(event, dinkes_jambi),
            replacement=make_asn(dinkes_jambi, 80),
        )
    assert error.value.code == "invitations_sent"


def test_another_city_cannot_swap(
    admin_pemkot_pekanbaru: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(DomainError) as error:
        swap_participant(
            admin_pemkot_pekanbaru,
            enrollment=nominee(event, dinkes_jambi),
            replacement=make_asn(dinkes_jambi, 81),
        )
    assert error.value.code == "permission_denied"


def test_the_opd_admin_confirms_their_nominee(
    admin_dinkes_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    confirmed = confirm_nominee(admin_dinkes_jambi, enrollment=nominee(event, dinkes_jambi))
    assert confirmed.status == EnrollmentStatus.CONFIRMED
    assert AuditEntry.objects.get(action="peduliham.training.enrollment.confirmed").unit_path == (
        dinkes_jambi.path
    )
    with pytest.raises(DomainError) as error:
        confirm_nominee(admin_dinkes_jambi, enrollment=confirmed)
    assert error.value.code == "not_nominated"


def test_an_opd_admin_cannot_touch_another_opds_nominee(
    admin_dinkes_jambi: User, admin_pemkot_jambi: User, event: Event, disdik_jambi: OrgUnit
) -> None:
    other = nominee(event, disdik_jambi)
    for actor in (admin_dinkes_jambi, admin_pemkot_jambi):
        with pytest.raises(DomainError) as error:
            confirm_nominee(actor, enrollment=other)
        assert error.value.code == "permission_denied"


def test_the_opd_admin_replaces_a_nominee_and_the_new_one_is_confirmed(
    admin_dinkes_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    before = counters(event)
    new = replace_nominee(
        admin_dinkes_jambi,
        enrollment=nominee(event, dinkes_jambi),
        replacement=make_asn(dinkes_jambi, 90),
    )
    assert new.status == EnrollmentStatus.CONFIRMED
    assert counters(event) == before
    assert AuditEntry.objects.filter(action="peduliham.training.enrollment.replaced").exists()


def test_invitations_go_out_once_with_the_ticket_link(
    admin_pemkot_jambi: User,
    event: Event,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    open_event(admin_pemkot_jambi, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        invited = send_invitations(admin_pemkot_jambi, event=event, base_url="https://peduliham.id")
    assert invited == 3
    event.refresh_from_db()
    assert event.invitations_sent_at is not None
    assert not event.enrollments.filter(invited_at__isnull=True).exists()
    assert len(mail.outbox) == 2  # only the two Dinkes staff have an address
    links = [
        line
        for message in mail.outbox
        for line in message.body.splitlines()
        if line.startswith("https://peduliham.id/pelatihan/")
    ]
    tokens = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
    linked = {tickets.read_ticket_link_token(token) for token in tokens}
    assert linked == set(event.enrollments.filter(opd=dinkes_jambi).values_list("pk", flat=True))
    entry = AuditEntry.objects.get(action="peduliham.training.event.invitations_sent")
    assert entry.changes == {"invited": 3, "emailed": 2}
    with pytest.raises(DomainError) as error:
        send_invitations(admin_pemkot_jambi, event=event)
    assert error.value.code == "invitations_sent"


def test_invitations_need_an_open_event_with_participants(
    admin_pemkot_jambi: User, event: Event
) -> None:
    with pytest.raises(DomainError) as error:
        send_invitations(admin_pemkot_jambi, event=event)
    assert error.value.code == "event_not_open"
    empty = new_event(admin_pemkot_jambi, event.program, event.host_region, title="Kosong")
    open_event(admin_pemkot_jambi, event=empty)
    with pytest.raises(DomainError) as error:
        send_invitations(admin_pemkot_jambi, event=empty)
    assert error.value.code == "no_participants"
    assert not mail.outbox
    empty.refresh_from_db()
    assert empty.status == EventStatus.OPEN
    assert empty.invitations_sent_at is None


def test_another_province_cannot_send_invitations(operator_kanwil_riau: User, event: Event) -> None:
    with pytest.raises(DomainError) as error:
        send_invitations(operator_kanwil_riau, event=event)
    assert error.value.code == "permission_denied"
