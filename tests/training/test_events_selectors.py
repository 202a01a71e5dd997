"""events_for, event_for, enrollments_for and selection_summary: each role sees its own."""

import pytest
from django.http import Http404

from peduliham.accounts.models import User
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event, Program
from peduliham.training.selectors.events import (
    enrollments_for,
    event_for,
    events_for,
    selection_summary,
)
from peduliham.training.services.enrolment import select_participants
from tests.training.factories_events import allocate, new_event, staff
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> Program:
    program = make_program(admin_pusat)
    allocate(
        admin_pusat=admin_pusat,
        kanwil=operator_kanwil_jambi,
        pemda=admin_pemkot_jambi,
        program=program,
        region=kota_jambi,
        opds={dinkes_jambi: 4, disdik_jambi: 2},
    )
    return program


@pytest.fixture
def event(
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> Event:
    staff(dinkes_jambi, 2, start=1)
    staff(dinkes_jambi, 2, start=11, sex="P")
    staff(disdik_jambi, 2, start=21)
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    select_participants(admin_pemkot_jambi, event=event, seed=1)
    return event


@pytest.fixture
def pekanbaru_event(
    admin_pemkot_pekanbaru: User, program: Program, kota_pekanbaru: Region
) -> Event:
    return new_event(admin_pemkot_pekanbaru, program, kota_pekanbaru, title="Pekanbaru")


def test_each_staff_role_sees_the_events_of_its_region(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    operator_kanwil_riau: User,
    admin_pemkot_pekanbaru: User,
    event: Event,
    pekanbaru_event: Event,
) -> None:
    assert set(events_for(admin_pusat)) == {event, pekanbaru_event}
    assert list(events_for(operator_kanwil_jambi)) == [event]
    assert list(events_for(admin_pemkot_jambi)) == [event]
    assert list(events_for(operator_kanwil_riau)) == [pekanbaru_event]
    assert list(events_for(admin_pemkot_pekanbaru)) == [pekanbaru_event]


def test_the_status_filter_narrows_the_list(admin_pusat: User, event: Event) -> None:
    assert list(events_for(admin_pusat, status="draft")) == [event]
    assert not events_for(admin_pusat, status="open").exists()


def test_an_opd_admin_sees_events_with_their_nominees_and_only_their_nominees(
    admin_dinkes_jambi: User, event: Event, pekanbaru_event: Event, dinkes_jambi: OrgUnit
) -> None:
    assert list(events_for(admin_dinkes_jambi)) == [event]
    rows = enrollments_for(admin_dinkes_jambi, event)
    assert {row.opd_id for row in rows} == {dinkes_jambi.pk}
    assert rows.count() == 4


def test_a_participant_sees_only_the_events_they_are_in(
    peserta_budi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    assert not events_for(peserta_budi).exists()
    asn = ASN.objects.get(pk=event.enrollments.filter(opd=dinkes_jambi)[0].asn_id)
    asn.user = peserta_budi
    asn.save()
    assert list(events_for(peserta_budi)) == [event]
    assert [row.asn_id for row in enrollments_for(peserta_budi, event)] == [asn.pk]


def test_event_for_is_not_found_outside_scope(
    operator_kanwil_riau: User, admin_pemkot_pekanbaru: User, admin_pemkot_jambi: User, event: Event
) -> None:
    assert event_for(admin_pemkot_jambi, event.pk) == event
    for user in (operator_kanwil_riau, admin_pemkot_pekanbaru):
        with pytest.raises(Http404):
            event_for(user, event.pk)


def test_enrollments_can_be_searched_and_filtered_by_opd(
    admin_pemkot_jambi: User, event: Event, disdik_jambi: OrgUnit
) -> None:
    assert enrollments_for(admin_pemkot_jambi, event).count() == 6
    assert enrollments_for(admin_pemkot_jambi, event, opd=disdik_jambi.pk).count() == 2
    assert [r.asn.name for r in enrollments_for(admin_pemkot_jambi, event, search="gawai 21")] == [
        "Pegawai 21"
    ]
    assert enrollments_for(admin_pemkot_jambi, event, search="198609262015052").count() == 2


def test_the_summary_shows_each_opds_share_and_the_sex_balance(
    event: Event, dinkes_jambi: OrgUnit
) -> None:
    summary = selection_summary(event)
    assert (summary.selected, summary.male, summary.female) == (6, 4, 2)
    assert summary.percent_of_capacity == 6
    dinkes = next(row for row in summary.rows if row.opd_id == dinkes_jambi.pk)
    assert (dinkes.quota, dinkes.selected, dinkes.male, dinkes.female) == (4, 4, 2, 2)
    assert dinkes.percent_of_quota == 100
