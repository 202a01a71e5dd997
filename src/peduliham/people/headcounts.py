"""Active ASN per top-level OPD: the denominators of every coverage figure.

The registry of a region changes through imports (and later through single
edits); each such write calls `refresh_headcounts` in its own transaction so
the dashboards never count millions of rows and never show yesterday's
numbers.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, IntegerField, Q
from django.db.models.functions import Cast, Substr

from peduliham.people.models import ASN, Headcount
from peduliham.regions.models import OrgUnit


def top_opd_id_expression(path_lookup: str = "org_unit__path") -> Cast:
    """The id of the top-level unit above a unit, read from the first path segment."""
    return Cast(Substr(path_lookup, 1, OrgUnit.PATH_STEP), IntegerField())


def count_active_per_top_unit(region_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Active and front-line ASN under each top-level unit of the regions (one grouped query),
    counted live from the registry."""
    rows = (
        ASN.objects.filter(org_unit__region_id__in=list(region_ids), is_active=True)
        .annotate(top=top_opd_id_expression())
        .values("top")
        .annotate(active=Count("pk"), frontline=Count("pk", filter=Q(is_frontline=True)))
        .values_list("top", "active", "frontline")
    )
    return {top: (active, frontline) for top, active, frontline in rows}


@transaction.atomic
def refresh_headcounts(region_ids: Iterable[int]) -> int:
    """Rebuild the headcount rows of the given kabupaten/kota; returns the rows written."""
    ids = sorted(set(region_ids))
    if not ids:
        return 0
    counts = count_active_per_top_unit(ids)
    regions = dict(
        OrgUnit.objects.filter(region_id__in=ids, parent__isnull=True).values_list(
            "pk", "region_id"
        )
    )
    Headcount.objects.filter(region_id__in=ids).delete()
    created = Headcount.objects.bulk_create(
        Headcount(region_id=regions[top], opd_id=top, active=active, frontline=frontline)
        for top, (active, frontline) in counts.items()
        if top in regions
    )
    return len(created)
