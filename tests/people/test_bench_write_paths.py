"""The bulk write paths the benchmark measures: COPY on PostgreSQL, executemany on SQLite.

These run under whichever database DATABASE_URL names; CI runs them on both, so
on PostgreSQL new rows go through COPY and changed rows through the staging
table and one UPDATE.
"""

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from peduliham.people.importing import ImportFileError, import_asn
from peduliham.people.importing.prefetch import prefetched
from peduliham.people.models import ASN, Transfer
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import person, write_csv

AWKWARD_NAME = 'Siti "Ucok" Nur;Aini \\ Back\tslash'


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit) -> None:
    """Dinas Kesehatan (with Puskesmas Simpang Kawat) and Dinas Pendidikan in Kota Jambi."""


def test_new_rows_are_written_whole_with_quotes_separators_and_blank_texts(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(n) for n in range(1, 40)]
    rows[0][1] = AWKWARD_NAME
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi, batch_size=10)

    assert (summary.created, summary.rejected) == (39, 0)
    first = ASN.objects.get(nip=rows[0][0])
    assert first.name == AWKWARD_NAME.replace("\t", " ")  # cells are read with spaces folded
    assert (first.front_title, first.back_title, first.email, first.phone) == (
        "",
        "S.Kep.",
        "",
        "",
    )
    assert first.is_active
    assert len(first.row_digest) == 16
    assert ASN.objects.filter(front_title__isnull=True).count() == 0
    assert str(ASN.objects.get(nip=rows[5][0]).birth_date) == "1986-09-26"


def test_changed_rows_are_updated_in_bulk_and_unit_changes_recorded(
    tmp_path: Path, kota_jambi: Region, units: None, disdik_jambi: OrgUnit
) -> None:
    rows = [person(n) for n in range(1, 30)]
    import_asn(None, path=write_csv(tmp_path / "first.csv", rows), region=kota_jambi)
    changed = [list(row) for row in rows]
    for row in changed[:12]:
        row[1] = f"{row[1]} Baru"
    for row in changed[:5]:
        row[10] = "Dinas Pendidikan"
    path = write_csv(tmp_path / "second.csv", changed)

    summary = import_asn(None, path=path, region=kota_jambi, batch_size=7)

    assert (summary.updated, summary.unchanged, summary.created) == (12, 17, 0)
    assert ASN.objects.filter(name__endswith=" Baru").count() == 12
    assert ASN.objects.filter(org_unit=disdik_jambi).count() == 5
    assert Transfer.objects.filter(to_unit=disdik_jambi).count() == 5
    again = import_asn(None, path=path, region=kota_jambi)
    assert again.unchanged == 29


def test_an_inactive_record_named_again_is_reactivated_as_an_update(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(n) for n in range(1, 8)]
    path = write_csv(tmp_path / "asn.csv", rows)
    import_asn(None, path=path, region=kota_jambi)
    ASN.objects.filter(nip=rows[2][0]).update(is_active=False, inactive_reason="Pensiun")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.updated, summary.unchanged) == (1, 6)
    assert ASN.objects.get(nip=rows[2][0]).is_active


def test_a_record_stored_without_a_digest_is_compared_in_full_and_gets_one(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(n) for n in range(1, 8)]
    path = write_csv(tmp_path / "asn.csv", rows)
    import_asn(None, path=path, region=kota_jambi)
    digest = ASN.objects.get(nip=rows[0][0]).row_digest
    ASN.objects.filter(nip=rows[0][0]).update(row_digest="")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.updated, summary.unchanged) == (1, 6)
    assert ASN.objects.get(nip=rows[0][0]).row_digest == digest
    assert import_asn(None, path=path, region=kota_jambi).unchanged == 7


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL COPY path")
def test_on_postgresql_changes_stage_again_within_one_enclosing_transaction(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    # The test's transaction keeps the ON COMMIT DROP staging table alive between
    # imports, as a caller's atomic block would: each batch must start afresh.
    rows = [person(n) for n in range(1, 6)]
    import_asn(None, path=write_csv(tmp_path / "a.csv", rows), region=kota_jambi)
    for round_number in range(1, 4):
        rows[0][1] = f"Nama Ke {round_number}"
        summary = import_asn(
            None, path=write_csv(tmp_path / f"{round_number}.csv", rows), region=kota_jambi
        )
        assert (summary.updated, summary.unchanged) == (1, 4)

    assert ASN.objects.get(nip=rows[0][0]).name == "Nama Ke 3"


def test_the_reader_thread_hands_over_batches_in_order_and_then_their_error() -> None:
    def batches() -> Iterator[int]:
        yield from range(5)
        raise ImportFileError("Berkas CSV rusak", code="file_unreadable")

    seen: list[int] = []
    with pytest.raises(ImportFileError) as raised:
        seen.extend(prefetched(batches(), depth=2))

    assert seen == [0, 1, 2, 3, 4]
    assert raised.value.code == "file_unreadable"


def test_leaving_the_reader_thread_early_stops_it_and_closes_the_source() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            yield from itertools.count()
        finally:
            closed.set()

    for number in prefetched(endless(), depth=1):
        if number == 3:
            break

    assert closed.wait(timeout=5)
