"""Writing the audit trail. Services call `log_action` inside their transaction."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from peduliham.core.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a record as plain JSON values (foreign keys as ids)."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]}."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def log_action(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    region_code: str = "",
    unit_path: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry; `action` is a namespaced code like 'peduliham.region.closed'."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_name=actor.get_username() if is_user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        region_code=region_code,
        unit_path=unit_path,
        changes=dict(changes or {}),
    )
