"""Coverage counters add up in the database, merge per event and OPD, and ignore empty deltas."""

import pytest

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.counters import Delta, bump, bump_many
from peduliham.training.models import CoverageCounter, Event
from tests.training.helpers import make_program


def _event(admin_pusat: User, region: Region) -> Event:
    program = make_program(admin_pusat)
    return Event.objects.create(
        program=program, title="Angkatan 1", host_region=region, venue="Aula", capacity=10
    )


def _delta(event: Event, opd: OrgUnit, **numbers: int) -> Delta:
    return Delta(
        program_id=event.program_id,
        event_id=event.pk,
        region_id=opd.region_id,
        opd_id=opd.pk,
        **numbers,
    )


@pytest.mark.django_db
def test_it_creates_then_adds_to_a_counter(
    admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = _event(admin_pusat, kota_jambi)
    bump(_delta(event, dinkes_jambi, selected=3))
    bump(_delta(event, dinkes_jambi, selected=-1, attended=2, completed=1))
    counter = CoverageCounter.objects.get(event=event, opd=dinkes_jambi)
    assert (counter.selected, counter.attended, counter.completed) == (2, 2, 1)


@pytest.mark.django_db
def test_it_merges_deltas_and_skips_those_that_cancel_out(
    admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    event = _event(admin_pusat, kota_jambi)
    bump_many(
        [
            _delta(event, dinkes_jambi, selected=1),
            _delta(event, dinkes_jambi, selected=1),
            _delta(event, disdik_jambi, selected=1),
            _delta(event, disdik_jambi, selected=-1),
        ]
    )
    assert list(CoverageCounter.objects.values_list("opd_id", "selected")) == [(dinkes_jambi.pk, 2)]
