from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from peduliham.accounts.admin import is_national_admin
from peduliham.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """The audit trail, readable and never changeable."""

    list_display = ("created_at", "actor_name", "action", "object_repr", "region_code")
    list_filter = ("action",)
    search_fields = ("action", "actor_name", "object_repr", "object_id", "region_code")
    date_hierarchy = "created_at"
    readonly_fields = (
        "created_at",
        "actor",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "region_code",
        "unit_path",
        "changes",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_national_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_national_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
