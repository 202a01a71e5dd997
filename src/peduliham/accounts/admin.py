from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from peduliham.accounts.models import Role, User
from peduliham.accounts.services import AUDITED_USER_FIELDS, record_user_saved_in_admin
from peduliham.core.audit import snapshot


def is_national_admin(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and getattr(user, "role", "") == Role.NATIONAL_ADMIN


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ("username", "get_full_name", "role", "region", "org_unit", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    list_select_related = ("region", "org_unit")
    search_fields = ("username", "first_name", "last_name", "email")
    raw_id_fields = ("region", "org_unit")
    readonly_fields = ("last_login", "date_joined", "failed_login_count", "locked_until")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Peran dan cakupan"),
            {"fields": ("role", "region", "org_unit", "failed_login_count", "locked_until")},
        ),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        (_("Peran dan cakupan"), {"fields": ("role", "region", "org_unit")}),
    )

    # The admin site only lets national admins in; they manage every account.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_national_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_national_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_national_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_national_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # accounts are deactivated, never deleted: the audit trail points at them

    def save_model(
        self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool
    ) -> None:
        before = None
        if change:
            stored = User.objects.get(pk=obj.pk)
            before = snapshot(stored, AUDITED_USER_FIELDS)
        super().save_model(request, obj, form, change)
        record_user_saved_in_admin(cast(User, request.user), user=obj, before=before)
