"""The registry table keeps NIP unique with one index, and imports write new rows in NIP order."""

import random
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from peduliham.people.importing import import_asn
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from tests.people.asn_factory import make_asn
from tests.people.helpers import person, write_csv

pytestmark = pytest.mark.django_db


def test_a_second_record_with_the_same_nip_is_refused_by_the_database(
    dinkes_jambi: OrgUnit,
) -> None:
    first = make_asn(dinkes_jambi, 1)
    copy = ASN(
        nip=first.nip,
        name="Orang Lain",
        birth_date=first.birth_date,
        region=first.region,
        org_unit=dinkes_jambi,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_validation_names_the_nip_that_is_taken(dinkes_jambi: OrgUnit) -> None:
    first = make_asn(dinkes_jambi, 1)
    copy = ASN(nip=first.nip, name="Orang Lain", birth_date=first.birth_date)

    with pytest.raises(ValidationError) as raised:
        copy.validate_constraints()

    assert list(raised.value.message_dict) == ["nip"]


@pytest.mark.postgres_only
def test_nip_has_one_index_and_no_second_pattern_index() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("index definitions are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [ASN._meta.db_table])
        on_nip = [row[0] for row in cursor.fetchall() if "(nip" in row[0]]

    assert len(on_nip) == 1
    assert "UNIQUE" in on_nip[0]
    assert "pattern_ops" not in on_nip[0]


def test_new_records_of_a_batch_are_written_in_nip_order(
    tmp_path: Path, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    rows = [person(number) for number in range(1, 41)]
    random.Random(7).shuffle(rows)

    summary = import_asn(None, path=write_csv(tmp_path / "asn.csv", rows), region=kota_jambi)

    assert summary.created == 40
    by_id = list(ASN.objects.order_by("pk").values_list("nip", flat=True))
    if connection.vendor == "postgresql":  # the COPY path sorts; SQLite inserts as read
        assert by_id == sorted(by_id)
    assert sorted(by_id) == sorted(row[0] for row in rows)
