"""Regions and units in the Django admin: read-only, since every change goes through a service."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from peduliham.accounts.models import Role
from peduliham.regions.models import OrgUnit, Region


class ReadOnlyForNationalAdmin[M: Region | OrgUnit](admin.ModelAdmin[M]):
    """Lets national admins look records up; changes are made on the regions pages."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and getattr(user, "role", "") == Role.NATIONAL_ADMIN

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyForNationalAdmin[Region]):
    list_display = ("code", "name", "kind", "time_zone", "valid_from", "valid_until")
    list_filter = ("kind", "time_zone")
    search_fields = ("code", "name")


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyForNationalAdmin[OrgUnit]):
    list_display = ("name", "kind", "region", "is_public_facing", "is_active")
    list_filter = ("kind", "service_kind", "is_public_facing", "is_active")
    list_select_related = ("region",)
    search_fields = ("name", "short_name", "region__name", "region__code")
