"""The Django admin, open to national admins only (active, staff, and past the 2FA step)."""

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class PedulihamAdminSite(AdminSite):
    site_header = _("Administrasi peduliham")
    site_title = _("Administrasi peduliham")
    index_title = _("Administrasi")

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        is_verified = getattr(user, "is_verified", None)
        return bool(
            user.is_active
            and user.is_staff
            and getattr(user, "role", "") == "national_admin"
            and is_verified is not None
            and is_verified()
        )

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Log-ins go through the site's own page (lock-out, audit, 2FA), never the admin's.

        A user who is already logged in but may not use the admin gets 403
        rather than a loop back through the log-in page.
        """
        if request.user.is_authenticated:
            raise PermissionDenied
        target = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")


class PedulihamAdminConfig(AdminConfig):
    default_site = "peduliham.accounts.adminsite.PedulihamAdminSite"
