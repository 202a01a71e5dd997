"""ASN records made directly, for the registry pages and selectors (not through an import)."""

import datetime
from typing import Any

from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit


def make_asn(unit: OrgUnit, number: int, *, name: str = "", **fields: Any) -> ASN:
    """A PNS in `unit` with a NIP that agrees with its birth date (26-09-1986) and sex."""
    sex = fields.pop("sex", "L")
    values: dict[str, Any] = {
        "nip": f"19860926201505{'1' if sex == 'L' else '2'}{number:03d}",
        "name": name or f"Pegawai {number}",
        "sex": sex,
        "birth_date": datetime.date(1986, 9, 26),
        "rank": "III/a",
        "region": unit.region,
        "org_unit": unit,
    }
    values.update(fields)
    return ASN.objects.create(**values)
