import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peduliham.people.importing import import_asn
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import person, write_csv

pytestmark = pytest.mark.django_db

MUTATIONS = (
    "valid",
    "valid",
    "valid",
    "mangled_nip",
    "bad_date",
    "unknown_unit",
    "no_name",
    "duplicate",
    "garbage_sex",
    "moved",
)


def mutate(number: int, mutation: str, rows: list[list[str]]) -> list[str]:
    row = person(number)
    if mutation == "mangled_nip":
        row[0] = "1.98609E+17"
    elif mutation == "bad_date":
        row[4] = "31/02/1986"
    elif mutation == "unknown_unit":
        row[10] = "Dinas Yang Tidak Ada"
    elif mutation == "no_name":
        row[1] = ""
    elif mutation == "duplicate" and rows:
        row = list(rows[-1])
    elif mutation == "garbage_sex":
        row[5] = "?"
    elif mutation == "moved":
        row[10] = "Dinas Pendidikan"
    return row


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(st.integers(1, 40), st.sampled_from(MUTATIONS)), min_size=1, max_size=25))
def test_every_row_is_accounted_for_and_a_second_import_changes_nothing(
    kota_jambi: Region, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit, plan: list[tuple[int, str]]
) -> None:
    rows: list[list[str]] = []
    for number, mutation in plan:
        rows.append(mutate(number, mutation, rows))
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "asn.csv", rows, delimiter=";")
        report = Path(folder) / "errors.csv"

        first = import_asn(None, path=path, region=kota_jambi, errors_path=report, batch_size=7)
        second = import_asn(None, path=path, region=kota_jambi, batch_size=7)

        reported = report.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert first.rows == len(rows)
    assert first.created + first.updated + first.unchanged + first.rejected == first.rows
    assert len(reported) == first.rejected
    assert (second.created, second.updated, second.rejected) == (0, 0, first.rejected)
    assert second.unchanged == first.created + first.updated + first.unchanged
