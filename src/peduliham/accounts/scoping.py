"""The one scoping rule: what a user may see and change.

Every selector filters through `scope_for(user).filter(...)`. A scope is a
region subtree (by Kemendagri code prefix), an organisation-unit subtree (by
materialised path) or the user's own records; never a list of ids.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from peduliham.accounts.models import Role
from peduliham.regions.models import OrgUnit, Region

NOTHING = Q(pk__in=[])


class ScopeLevel(StrEnum):
    NATIONAL = "national"
    REGION = "region"  # a province (Kanwil) or a kabupaten/kota (Pemda)
    UNIT = "unit"  # an OPD subtree
    SELF = "self"  # a participant's own records
    NONE = "none"  # anonymous, or an account without a usable anchor


#: Scopes of staff accounts (national, Kanwil, Pemda, OPD): the ones that read lists of
#: other people's records. Participants and anonymous visitors do not.
STAFF_LEVELS = frozenset({ScopeLevel.NATIONAL, ScopeLevel.REGION, ScopeLevel.UNIT})


@dataclass(frozen=True, slots=True)
class Scope:
    level: ScopeLevel
    region_code: str = ""
    unit_path: str = ""
    user_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return self.level in STAFF_LEVELS

    def region_q(self, field: str) -> Q:
        """Records whose region (the relation `field`) lies in this scope."""
        if self.level is ScopeLevel.NATIONAL:
            return Q()
        if self.level is ScopeLevel.REGION:
            return Q(**{f"{field}__code": self.region_code}) | Q(
                **{f"{field}__code__startswith": f"{self.region_code}."}
            )
        return NOTHING

    def unit_q(self, field: str) -> Q:
        """Records whose organisation unit (the relation `field`) lies in this scope."""
        if self.level is ScopeLevel.UNIT:
            return Q(**{f"{field}__path__startswith": self.unit_path})
        if self.level in (ScopeLevel.NATIONAL, ScopeLevel.REGION):
            return self.region_q(f"{field}__region")
        return NOTHING

    def copied_q(self, *, region_code: str, unit_path: str) -> Q:
        """Records that keep a plain-text copy of their region code and unit path.

        For rows that must stay readable by the right admins after the record
        they describe moves or disappears, such as the audit trail.
        """
        if self.level is ScopeLevel.NATIONAL:
            return Q()
        if self.level is ScopeLevel.REGION and self.region_code:
            return Q(**{region_code: self.region_code}) | Q(
                **{f"{region_code}__startswith": f"{self.region_code}."}
            )
        if self.level is ScopeLevel.UNIT and self.unit_path:
            return Q(**{f"{unit_path}__startswith": self.unit_path})
        return NOTHING

    def filter[M: Model](
        self,
        queryset: QuerySet[M],
        *,
        region: str | None = None,
        unit: str | None = None,
        owner: str | None = None,
    ) -> QuerySet[M]:
        """Narrow `queryset` to this scope, given how its model reaches a region, unit or user.

        `region`, `unit` and `owner` name the lookups ("region", "org_unit",
        "event__host_region", "user"). A record with a unit is judged by its
        unit; one with only a region by its region.
        """
        condition = NOTHING
        if unit is not None:
            condition = self.unit_q(unit)
        elif region is not None:
            condition = self.region_q(region)
        if self.level is ScopeLevel.SELF and owner is not None:
            condition = Q(**{owner: self.user_id})
        return queryset.filter(condition)

    def regions(self) -> QuerySet[Region]:
        """The regions this scope reaches (an OPD admin reads their own region)."""
        if self.level is ScopeLevel.UNIT:
            return Region.objects.filter(units__path=self.unit_path)
        if self.level is ScopeLevel.NATIONAL:
            return Region.objects.all()
        if self.level is ScopeLevel.REGION:
            return Region.objects.subtree(self.region_code)
        return Region.objects.none()

    def units(self) -> QuerySet[OrgUnit]:
        """The organisation units this scope reaches."""
        if self.level is ScopeLevel.UNIT:
            return OrgUnit.objects.subtree(self.unit_path)
        return OrgUnit.objects.filter(self.region_q("region"))

    def contains_region(self, region: Region) -> bool:
        if self.level is ScopeLevel.NATIONAL:
            return True
        if self.level is ScopeLevel.REGION:
            return region.code == self.region_code or region.code.startswith(f"{self.region_code}.")
        return False

    def contains_unit(self, unit: OrgUnit) -> bool:
        if self.level is ScopeLevel.UNIT:
            return unit.path.startswith(self.unit_path)
        return self.contains_region(unit.region)


def scope_for(user: Any) -> Scope:
    """The scope of a user (anonymous users have none)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope(ScopeLevel.NONE)
    role = user.role
    if role == Role.NATIONAL_ADMIN:
        return Scope(ScopeLevel.NATIONAL, user_id=user.pk)
    if role in (Role.KANWIL_OPERATOR, Role.PEMDA_ADMIN) and user.region_id is not None:
        return Scope(ScopeLevel.REGION, region_code=user.region.code, user_id=user.pk)
    if role == Role.OPD_ADMIN and user.org_unit_id is not None:
        return Scope(ScopeLevel.UNIT, unit_path=user.org_unit.path, user_id=user.pk)
    if role == Role.PARTICIPANT:
        return Scope(ScopeLevel.SELF, user_id=user.pk)
    return Scope(ScopeLevel.NONE)


def get_in_scope_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    """Like get_object_or_404 on an already scoped queryset: outside scope is simply not found."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
