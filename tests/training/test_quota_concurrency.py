"""Two Kanwil operators' sessions allocating at once cannot exceed the province quota."""

import threading

import pytest
from django.db import connection, connections

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.regions.models import Region
from peduliham.training.models import Quota
from peduliham.training.services import set_quota
from tests.training.helpers import make_program, province_quota


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_one_of_two_simultaneous_allocations_fits(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 1_000)
    kotas = list(Region.objects.current().filter(parent=jambi).order_by("code")[:2])
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def allocate(region: Region) -> None:
        try:
            start.wait()
            set_quota(operator_kanwil_jambi, program=program, region=region, amount=600)
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate, args=(region,)) for region in kotas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "quota_exceeds_parent"]
    assert Quota.objects.filter(parent__region=jambi).count() == 1
