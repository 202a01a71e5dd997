"""Reads of the audit trail, always narrowed to what the reading user may see."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.core.errors import PermissionDenied
from peduliham.core.models import AuditEntry

#: Scopes that may read the audit trail (participants and anonymous users may not).
AUDIT_READERS = frozenset({ScopeLevel.NATIONAL, ScopeLevel.REGION, ScopeLevel.UNIT})


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries_for(
    user: Any,
    *,
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries in the user's scope, newest first; errors: permission_denied.

    National admins read everything; Kanwil and Pemda admins the entries filed
    under their region subtree; OPD admins those under their unit subtree.
    Dates are whole days in the current time zone, both ends included.
    """
    scope = scope_for(user)
    if scope.level not in AUDIT_READERS:
        raise PermissionDenied(_("Anda tidak berhak membaca jejak audit."))
    entries = AuditEntry.objects.filter(
        scope.copied_q(region_code="region_code", unit_path="unit_path")
    )
    if action:
        entries = entries.filter(action=action)
    if date_from is not None:
        entries = entries.filter(created_at__gte=_start_of(date_from))
    if date_to is not None:
        entries = entries.filter(created_at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return entries.order_by("-created_at", "-id")


def audit_actions_for(user: Any) -> list[str]:
    """The action codes that occur in the user's part of the trail, for the filter."""
    entries = audit_entries_for(user).order_by()
    return list(entries.values_list("action", flat=True).distinct().order_by("action"))
