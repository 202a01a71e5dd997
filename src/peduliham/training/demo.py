"""Demo data for training: the 2025 program, Jambi's quotas and Kota Jambi's events.

Everything goes through the services a real user would call: the ministry
opens the program and gives Jambi 20,000, the Kanwil gives Kota Jambi its
allocation, the city gives each OPD 20% of its active ASN (two batches of
10%), and the first batch runs on 27-28 October 2025 at Aula Grha Siginjai:
selected by the fair rule with a fixed seed, invited, checked in by QR on
both days (with realistic arrival times and absences) and closed, which
computes completion. A second batch is open and in selection.
"""

import datetime
import itertools
import random
import zoneinfo
from typing import Final

from django.utils import timezone

from peduliham.accounts.models import User
from peduliham.core.demo.clock import happening_at
from peduliham.core.demo.kota_jambi import KOTA_JAMBI_CODE, current_region
from peduliham.core.demo.registry import StepReport, demo_step
from peduliham.regions.models import OrgUnit, UnitKind
from peduliham.training.holidays import holiday_dates
from peduliham.training.models import (
    SEATED_STATUSES,
    CheckInMethod,
    Event,
    EventStatus,
    PostTestRule,
    Program,
)
from peduliham.training.planner import working_days
from peduliham.training.services import allocate_opd_share, open_program, set_quota
from peduliham.training.services.checkin import record_checkin
from peduliham.training.services.completion import close_event
from peduliham.training.services.enrolment import select_participants, send_invitations
from peduliham.training.services.events import (
    DaySpec,
    create_event,
    finish_event,
    open_event,
    start_event,
)

PROGRAM_NAME: Final = "Penguatan Kapasitas HAM bagi ASN 2025"
PROGRAM_TARGET: Final = 1_000_000
JAMBI_QUOTA: Final = 20_000
KOTA_JAMBI_QUOTA: Final = 10_000
OPD_PERCENT: Final = 20
CAPACITY: Final = 1_000
VENUE: Final = "Aula Grha Siginjai"
FIRST_TITLE: Final = "Penguatan Kapasitas HAM bagi ASN Kota Jambi — Angkatan I"
SECOND_TITLE: Final = "Penguatan Kapasitas HAM bagi ASN Kota Jambi — Angkatan II"
FIRST_DAYS: Final = (datetime.date(2025, 10, 27), datetime.date(2025, 10, 28))
FIRST_SEED: Final = 20251027
SECOND_SEED: Final = 20251201
#: Who is present on each day: most come both days, a few miss one, a handful never come.
PRESENT_SHARE: Final = (0.965, 0.935)
CURRICULUM: Final = (
    "Konsep dasar HAM; kewajiban negara menghormati, melindungi dan memenuhi HAM; "
    "nondiskriminasi; pelayanan publik berbasis HAM; kelompok rentan (lansia, anak, ibu hamil "
    "dan menyusui, penyandang disabilitas); pengaduan dan pemulihan."
)
WIB: Final = zoneinfo.ZoneInfo("Asia/Jakarta")


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _kanwil_jambi() -> OrgUnit:
    return OrgUnit.objects.get(region__code="15", kind=UnitKind.KANWIL)


@demo_step("training.program_2025", order=400)
def load_program_and_quotas() -> StepReport:
    """The 2025 program (target 1,000,000), Jambi 20,000, Kota Jambi 10,000, OPDs 20%."""
    if Program.objects.filter(year=2025, name=PROGRAM_NAME).exists():
        return StepReport(notes=["Program 2025 sudah ada"])
    ministry = _user("admin_pusat")
    kota_jambi = current_region(KOTA_JAMBI_CODE)
    with happening_at(wib(datetime.date(2025, 2, 3), 9)):
        program = open_program(
            ministry, year=2025, name=PROGRAM_NAME, target=PROGRAM_TARGET, curriculum=CURRICULUM
        )
    with happening_at(wib(datetime.date(2025, 2, 10), 10)):
        set_quota(ministry, program=program, region=current_region("15"), amount=JAMBI_QUOTA)
    with happening_at(wib(datetime.date(2025, 3, 3), 11)):
        set_quota(
            _user("kanwil_jambi"), program=program, region=kota_jambi, amount=KOTA_JAMBI_QUOTA
        )
    with happening_at(wib(datetime.date(2025, 3, 17), 14)):
        opds = allocate_opd_share(
            _user("pemkot_jambi"), program=program, region=kota_jambi, percent=OPD_PERCENT
        )
    total = sum(quota.amount for quota in opds)
    return StepReport(
        created=3 + len(opds),
        notes=[f"Program 2025: Jambi {JAMBI_QUOTA}, Kota Jambi {KOTA_JAMBI_QUOTA}, OPD {total}"],
    )


def _days(dates: tuple[datetime.date, ...]) -> list[DaySpec]:
    return [DaySpec(day, datetime.time(8, 0), datetime.time(16, 0)) for day in dates]


def wib(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in Kota Jambi's time zone."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WIB)


def _new_event(
    title: str, dates: tuple[datetime.date, ...], post_test_rule: str = PostTestRule.NONE
) -> Event:
    return create_event(
        _user("pemkot_jambi"),
        program=Program.objects.get(year=2025, name=PROGRAM_NAME),
        title=title,
        host_region=current_region(KOTA_JAMBI_CODE),
        venue=VENUE,
        capacity=CAPACITY,
        days=_days(dates),
        co_hosts=[_kanwil_jambi()],
        post_test_rule=post_test_rule,
    )


def _arrival(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """Most arrive between 07:00 and 08:15, a few late."""
    minutes = int(rng.triangular(0, 100, 40))
    return wib(day, 7) + datetime.timedelta(minutes=minutes, seconds=rng.randrange(60))


def _check_everyone_in(event: Event) -> int:
    """QR check-ins on both days, each recorded at the moment of its scan."""
    desk = _user("pemkot_jambi")
    rng = random.Random(FIRST_SEED)  # noqa: S311 - reproducible demo attendance
    seats = list(event.enrollments.filter(status__in=SEATED_STATUSES).order_by("pk"))
    recorded = 0
    for day, share in zip(event.days.order_by("date"), PRESENT_SHARE, strict=True):
        scans = sorted(
            ((_arrival(day.date, rng), seat) for seat in seats if rng.random() < share),
            key=lambda scan: (scan[0], scan[1].pk),
        )
        for moment, seat in scans:
            with happening_at(moment):
                record_checkin(
                    desk,
                    event=event,
                    day=day,
                    enrollment=seat,
                    desk=f"Meja {1 + seat.pk % 4}",
                    method=CheckInMethod.QR,
                )
            recorded += 1
    return recorded


@demo_step("training.event_27_28_october_2025", order=410)
def load_finished_event() -> StepReport:
    """The two-day event of 27-28 October 2025: selected, invited, checked in, finished."""
    if Event.objects.filter(title=FIRST_TITLE).exists():
        return StepReport(notes=["Angkatan I sudah ada"])
    admin = _user("pemkot_jambi")
    first, last = FIRST_DAYS
    with happening_at(wib(first - datetime.timedelta(days=14), 9)):
        event = _new_event(FIRST_TITLE, FIRST_DAYS, PostTestRule.TAKEN)
        event = open_event(admin, event=event)
        report = select_participants(admin, event=event, seed=FIRST_SEED)
    with happening_at(wib(first - datetime.timedelta(days=10), 10)):
        send_invitations(admin, event=event)
    with happening_at(wib(first, 6, 45)):
        event = start_event(admin, event=event)
    checkins = _check_everyone_in(event)
    with happening_at(wib(last, 16, 30)):
        finish_event(admin, event=event)
    return StepReport(
        created=1 + report.selected + checkins,
        notes=[f"Angkatan I: {report.selected} peserta, {checkins} check-in"],
    )


@demo_step("training.close_27_28_october_2025", order=440)
def close_finished_event() -> StepReport:
    """Angkatan I closed on its last evening, after the tests: completion is computed."""
    event = Event.objects.filter(title=FIRST_TITLE, status=EventStatus.FINISHED).first()
    if event is None:
        return StepReport(notes=["Angkatan I sudah ditutup"])
    with happening_at(wib(FIRST_DAYS[-1], 17)):
        completion = close_event(_user("pemkot_jambi"), event=event)
    return StepReport(
        created=completion.completed + completion.not_completed,
        notes=[
            f"Angkatan I: {completion.completed} selesai, {completion.not_completed} tidak selesai"
        ],
    )


def _upcoming_dates() -> tuple[datetime.date, ...]:
    """The first two consecutive working days three weeks from today."""
    start = timezone.localdate() + datetime.timedelta(days=21)
    end = start + datetime.timedelta(days=30)
    days = working_days(start, end, holiday_dates(start, 31))
    pairs = itertools.pairwise(days)
    first = next(pair for pair in pairs if (pair[1] - pair[0]).days == 1)
    return first


@demo_step("training.upcoming_event", order=420)
def load_upcoming_event() -> StepReport:
    """The second batch: open, participants selected, invitations not yet sent."""
    if Event.objects.filter(title=SECOND_TITLE).exists():
        return StepReport(notes=["Angkatan II sudah ada"])
    admin = _user("pemkot_jambi")
    event = _new_event(SECOND_TITLE, _upcoming_dates())
    event = open_event(admin, event=event)
    report = select_participants(admin, event=event, seed=SECOND_SEED)
    return StepReport(
        created=1 + report.selected, notes=[f"Angkatan II: {report.selected} calon peserta"]
    )
