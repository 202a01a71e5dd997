"""Two admins selecting at once never exceed capacity or quotas, nor seat anyone twice."""

import threading
import time
from collections import Counter
from collections.abc import Iterable

import pytest
from django.db import connection, connections

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import SEATED_STATUSES, CoverageCounter, Enrollment, Event
from peduliham.training.services import enrolment
from peduliham.training.services.enrolment import select_participants
from tests.training.factories_events import allocate, new_event, staff
from tests.training.helpers import make_program

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")


@pytest.fixture(autouse=True)
def _slow_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each selection open after it read the seats taken, so the two overlap."""
    read = enrolment._taken_elsewhere

    def slowly(event: Event, opd_ids: Iterable[int]) -> dict[int, int]:
        taken = read(event, opd_ids)
        time.sleep(0.3)
        return taken

    monkeypatch.setattr(enrolment, "_taken_elsewhere", slowly)


def select_at_once(pairs: list[tuple[User, Event]]) -> list[str]:
    start = threading.Barrier(len(pairs))
    outcomes: list[str] = []

    def select(actor: User, event: Event) -> None:
        try:
            start.wait()
            select_participants(actor, event=event, seed=len(outcomes))
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=select, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def events(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> list[Event]:
    program = make_program(admin_pusat)
    allocate(
        admin_pusat=admin_pusat,
        kanwil=operator_kanwil_jambi,
        pemda=admin_pemkot_jambi,
        program=program,
        region=kota_jambi,
        opds={dinkes_jambi: 30, disdik_jambi: 20},
    )
    staff(dinkes_jambi, 60, start=1)
    staff(disdik_jambi, 60, start=101)
    return [
        new_event(admin_pemkot_jambi, program, kota_jambi, capacity=40, title=f"Angkatan {n}")
        for n in (1, 2)
    ]


def assert_rules_hold(events: list[Event], quotas: dict[int, int]) -> None:
    seated = Enrollment.objects.filter(status__in=SEATED_STATUSES)
    people = Counter(seated.values_list("asn_id", flat=True))
    assert max(people.values()) == 1
    for event in events:
        assert seated.filter(event=event).count() <= event.capacity
    per_opd = Counter(seated.values_list("opd_id", flat=True))
    assert all(per_opd[opd] <= quota for opd, quota in quotas.items())
    counted: Counter[int] = Counter()
    for opd, selected in CoverageCounter.objects.values_list("opd_id", "selected"):
        counted[opd] += selected
    assert counted == per_opd


def test_two_events_of_one_program_share_the_quotas(
    events: list[Event],
    admin_pemkot_jambi: User,
    operator_kanwil_jambi: User,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    pairs = [(admin_pemkot_jambi, events[0]), (operator_kanwil_jambi, events[1])]
    assert select_at_once(pairs) == ["ok", "ok"]
    assert Enrollment.objects.count() == 50  # 40 + the 10 of the quotas left
    assert_rules_hold(events, {dinkes_jambi.pk: 30, disdik_jambi.pk: 20})


def test_two_admins_on_one_event_leave_one_selection(
    events: list[Event],
    admin_pemkot_jambi: User,
    operator_kanwil_jambi: User,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    pairs = [(admin_pemkot_jambi, events[0]), (operator_kanwil_jambi, events[0])]
    assert select_at_once(pairs) == ["ok", "ok"]
    assert Enrollment.objects.filter(event=events[0]).count() == 40
    assert_rules_hold(events, {dinkes_jambi.pk: 30, disdik_jambi.pk: 20})
