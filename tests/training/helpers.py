"""Shared arrange steps for the training tests."""

from peduliham.accounts.models import User
from peduliham.regions.models import Region
from peduliham.training.models import Program, Quota
from peduliham.training.services import open_program, set_quota


def make_program(admin_pusat: User, *, target: int = 1_000_000) -> Program:
    return open_program(
        admin_pusat, year=2025, name="Penguatan Kapasitas HAM bagi ASN 2025", target=target
    )


def province_quota(admin_pusat: User, program: Program, province: Region, amount: int) -> Quota:
    return set_quota(admin_pusat, program=program, region=province, amount=amount)
