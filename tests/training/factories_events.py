"""Arrange steps for the event and selection tests: built through the real services."""

import datetime
from collections.abc import Mapping
from typing import Any

from peduliham.accounts.models import User
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event, Program
from peduliham.training.services import set_quota
from peduliham.training.services.events import DaySpec, create_event
from tests.people.asn_factory import make_asn

FIRST_DAY = datetime.date(2025, 10, 27)


def two_days(start: datetime.date = FIRST_DAY) -> list[DaySpec]:
    return [
        DaySpec(start + datetime.timedelta(days=offset), datetime.time(8), datetime.time(16))
        for offset in range(2)
    ]


def new_event(
    actor: User,
    program: Program,
    region: Region,
    *,
    capacity: int = 100,
    title: str = "Angkatan 1 Kota Jambi",
) -> Event:
    return create_event(
        actor,
        program=program,
        title=title,
        host_region=region,
        venue="Aula Grha Siginjai",
        capacity=capacity,
        days=two_days(),
    )


def allocate(
    *,
    admin_pusat: User,
    kanwil: User,
    pemda: User,
    program: Program,
    region: Region,
    opds: Mapping[OrgUnit, int],
) -> None:
    """Quotas down to the OPDs of one kabupaten/kota (its province gets plenty)."""
    assert region.parent is not None
    set_quota(admin_pusat, program=program, region=region.parent, amount=20_000)
    set_quota(kanwil, program=program, region=region, amount=1_000)
    for opd, amount in opds.items():
        set_quota(pemda, program=program, org_unit=opd, amount=amount)


def staff(unit: OrgUnit, count: int, *, start: int = 1, **fields: Any) -> list[ASN]:
    """`count` active ASN in `unit`, numbered from `start` (NIPs stay unique per sex)."""
    return [make_asn(unit, start + index, **fields) for index in range(count)]
