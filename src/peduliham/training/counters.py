"""Coverage counters: moved in the same transaction as the enrollment they count.

Every service that seats, unseats, checks in or completes a participant calls
`bump` (or `bump_many` for a whole selection) before its transaction commits.
The upsert adds to the stored numbers in the database itself, so two desks or
two admins bumping the same row at once never lose an update.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from peduliham.training.models import CoverageCounter


@dataclass(frozen=True, slots=True)
class Delta:
    """A change to the counter of one event and one OPD."""

    program_id: int
    event_id: int
    region_id: int
    opd_id: int
    selected: int = 0
    attended: int = 0
    completed: int = 0


def _upsert_sql() -> str:
    table = connection.ops.quote_name(CoverageCounter._meta.db_table)
    return (
        f"INSERT INTO {table} (program_id, event_id, region_id, opd_id, selected, attended, "  # noqa: S608 - table name from the model
        "completed) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (event_id, opd_id) DO UPDATE "
        f"SET selected = {table}.selected + excluded.selected, "
        f"attended = {table}.attended + excluded.attended, "
        f"completed = {table}.completed + excluded.completed"
    )


def bump_many(deltas: Iterable[Delta]) -> None:
    """Add the deltas (merged per event and OPD first) to the counters."""
    merged: dict[tuple[int, int], list[int]] = {}
    keys: dict[tuple[int, int], Delta] = {}
    for delta in deltas:
        key = (delta.event_id, delta.opd_id)
        keys.setdefault(key, delta)
        sums = merged.setdefault(key, [0, 0, 0])
        sums[0] += delta.selected
        sums[1] += delta.attended
        sums[2] += delta.completed
    params = [
        (d.program_id, d.event_id, d.region_id, d.opd_id, *merged[key])
        for key, d in sorted(keys.items())  # a fixed order: no deadlock between two bumps
        if any(merged[key])
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(_upsert_sql(), params)


def bump(delta: Delta) -> None:
    """Add one delta to its counter."""
    bump_many([delta])
