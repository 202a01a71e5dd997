"""Changes to regions and organisation units. Each writes an audit entry."""

from typing import Any

from django.db import transaction

from peduliham.core.audit import log_action
from peduliham.regions.models import OrgUnit, Region, ServiceKind, UnitKind


@transaction.atomic
def create_org_unit(
    actor: Any,
    *,
    region: Region,
    name: str,
    kind: UnitKind,
    parent: OrgUnit | None = None,
    short_name: str = "",
    service_kind: ServiceKind = ServiceKind.NONE,
    is_public_facing: bool = False,
) -> OrgUnit:
    """Add an OPD, service unit or Kanwil to a region's tree."""
    unit = OrgUnit.objects.create(
        region=region,
        parent=parent,
        name=name,
        short_name=short_name,
        kind=kind,
        service_kind=service_kind,
        is_public_facing=is_public_facing,
    )
    unit.path = (parent.path if parent else "") + OrgUnit.path_segment(unit.pk)
    unit.save(update_fields=["path"])
    log_action(
        actor,
        "peduliham.orgunit.created",
        unit,
        region_code=region.code,
        unit_path=unit.path,
        changes={"name": name, "kind": str(kind), "parent": parent.pk if parent else None},
    )
    return unit
