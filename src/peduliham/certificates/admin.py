"""Certificates in the admin: read-only for the national admin (changes go through services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from peduliham.accounts.admin import is_national_admin
from peduliham.certificates.models import Certificate, CertificateBatch, NumberSequence


class ReadOnlyAdmin[M: Any](admin.ModelAdmin[M]):
    """Visible to the national admin, changeable by nobody: revocation has its own page."""

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


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin[Certificate]):
    list_display = ("number", "event", "issued_at", "revoked_at")
    search_fields = ("number", "verification_code", "enrollment__asn__nip")
    list_select_related = ("event",)
    raw_id_fields = ("enrollment", "event", "revoked_by")


@admin.register(CertificateBatch)
class CertificateBatchAdmin(ReadOnlyAdmin[CertificateBatch]):
    list_display = ("event", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("status",)
    list_select_related = ("event",)


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin[NumberSequence]):
    list_display = ("year", "last")
