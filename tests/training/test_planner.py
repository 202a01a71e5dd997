from datetime import date

import pytest

from peduliham.training.planner import Pace, plan_by_deadline, plan_by_pace, working_days

CHRISTMAS = {date(2025, 12, 25), date(2025, 12, 26)}
MONDAY = date(2025, 11, 3)


def test_working_days_skip_weekends_and_holidays() -> None:
    days = working_days(date(2025, 12, 22), date(2025, 12, 31), CHRISTMAS)
    assert days == [date(2025, 12, d) for d in (22, 23, 24, 29, 30, 31)]


def test_working_days_of_an_empty_range_are_none() -> None:
    assert working_days(date(2025, 12, 31), date(2025, 12, 1), set()) == []


def test_kota_jambi_needs_nine_two_day_events_for_nine_thousand() -> None:
    plan = plan_by_deadline(
        9000, 1000, 2, MONDAY, date(2025, 12, 31), CHRISTMAS, Pace(events_per_week=1)
    )
    assert plan.total_events == 9
    assert [e.start for e in plan.events] == [
        date(2025, 11, 3),
        date(2025, 11, 10),
        date(2025, 11, 17),
        date(2025, 11, 24),
        date(2025, 12, 1),
        date(2025, 12, 8),
        date(2025, 12, 15),
        date(2025, 12, 22),
        date(2025, 12, 29),
    ]
    assert plan.finish_date == date(2025, 12, 30)
    assert all(e.participants == 1000 for e in plan.events)
    assert (plan.fits, plan.shortfall) == (True, 0)


def test_events_are_consecutive_working_day_blocks() -> None:
    plan = plan_by_deadline(3000, 1000, 2, MONDAY, date(2025, 11, 30), set())
    assert [e.days for e in plan.events] == [
        (date(2025, 11, 3), date(2025, 11, 4)),
        (date(2025, 11, 5), date(2025, 11, 6)),
        (date(2025, 11, 7), date(2025, 11, 10)),
    ]
    assert [e.index for e in plan.events] == [1, 2, 3]


def test_an_event_skips_holidays_and_the_weekend() -> None:
    plan = plan_by_deadline(1000, 1000, 2, date(2025, 12, 24), date(2025, 12, 31), CHRISTMAS)
    assert plan.events[0].days == (date(2025, 12, 24), date(2025, 12, 29))


def test_the_last_event_takes_the_rest() -> None:
    plan = plan_by_deadline(2500, 1000, 1, MONDAY, date(2025, 12, 31), set())
    assert [e.participants for e in plan.events] == [1000, 1000, 500]


def test_a_gap_leaves_working_days_between_events() -> None:
    plan = plan_by_deadline(3000, 1000, 1, MONDAY, date(2025, 12, 31), set(), Pace(gap_days=1))
    assert [e.start for e in plan.events] == [
        date(2025, 11, 3),
        date(2025, 11, 5),
        date(2025, 11, 7),
    ]


def test_a_deadline_too_early_reports_the_shortfall() -> None:
    plan = plan_by_deadline(
        9000, 1000, 2, MONDAY, date(2025, 11, 30), set(), Pace(events_per_week=1)
    )
    assert plan.fits is False
    assert plan.trained_by_deadline == 4000
    assert plan.shortfall == 5000
    assert plan.events_after_deadline == 5
    assert plan.total_events == 9


def test_nobody_untrained_gives_an_empty_plan() -> None:
    plan = plan_by_deadline(0, 1000, 2, MONDAY, date(2025, 12, 31), set())
    assert plan.events == ()
    assert plan.finish_date is None
    assert (plan.fits, plan.shortfall) == (True, 0)


def test_the_pace_gives_the_date_everyone_is_trained() -> None:
    plan = plan_by_pace(9000, 1000, 2, MONDAY, 2, set())
    starts = [e.start for e in plan.events]
    assert starts[:4] == [
        date(2025, 11, 3),
        date(2025, 11, 5),
        date(2025, 12, 1),
        date(2025, 12, 3),
    ]
    assert plan.finish_date == date(2026, 3, 3)
    assert plan.fits is True


def test_the_pace_counts_events_by_the_month_they_start() -> None:
    plan = plan_by_pace(3000, 1000, 2, date(2025, 11, 27), 1, set())
    assert [e.days for e in plan.events] == [
        (date(2025, 11, 27), date(2025, 11, 28)),
        (date(2025, 12, 1), date(2025, 12, 2)),
        (date(2026, 1, 1), date(2026, 1, 2)),
    ]


@pytest.mark.parametrize(
    ("untrained", "capacity", "days", "message"),
    [
        (9000, 0, 2, "capacity must be at least 1"),
        (-1, 1000, 2, "untrained must not be negative"),
        (9000, 1000, 0, "days_per_event must be at least 1"),
        (9000, -5, 2, "capacity must be at least 1"),
    ],
)
def test_it_refuses_impossible_input(
    untrained: int, capacity: int, days: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        plan_by_deadline(untrained, capacity, days, MONDAY, date(2025, 12, 31), set())


def test_it_refuses_a_deadline_before_the_start() -> None:
    with pytest.raises(ValueError, match="before the start"):
        plan_by_deadline(9000, 1000, 2, MONDAY, date(2025, 10, 1), set())


def test_it_refuses_a_pace_of_no_events() -> None:
    with pytest.raises(ValueError, match="events_per_month must be at least 1"):
        plan_by_pace(9000, 1000, 2, MONDAY, 0, set())


def test_it_refuses_a_negative_gap() -> None:
    with pytest.raises(ValueError, match="gap_days must not be negative"):
        plan_by_deadline(10, 5, 1, MONDAY, date(2025, 12, 31), set(), Pace(gap_days=-1))
