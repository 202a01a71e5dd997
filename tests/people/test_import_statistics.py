"""A large import refreshes PostgreSQL's planner statistics for the registry table."""

from pathlib import Path

import pytest
from django.db import connection

from peduliham.people.importing import import_asn
from peduliham.people.importing.service import ANALYZE_AFTER_ROWS
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import person, write_csv

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres_only,
]


def _last_analyzed() -> object:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'people_asn'")
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_large_import_analyses_the_registry_table(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    half = ANALYZE_AFTER_ROWS // 2
    rows = [person(n, sex=sex) for sex in ("L", "P") for n in range(1, half + 1)]

    import_asn(None, path=write_csv(tmp_path / "asn.csv", rows), region=kota_jambi)

    assert _last_analyzed() is not None
