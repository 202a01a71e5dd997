from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

#: Pages a user may reach between the password and the one-time code.
TWO_FACTOR_PAGES = (
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "accounts:logout",
    "set_language",
    "healthz",
)


class RequireTwoFactorMiddleware:
    """Sends national and Kanwil users to the one-time-password step until verified.

    Runs after django-otp's OTPMiddleware, which tells whether the session has
    passed a device. A user with a confirmed device is asked for a code; one
    without is sent to enrol. Static files and the pages above stay reachable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_second_factor(request) and not self._is_exempt(request.path):
            return self._redirect(request)
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or not getattr(user, "requires_two_factor", False):
            return False
        is_verified = getattr(user, "is_verified", None)
        return not (is_verified is not None and is_verified())

    @staticmethod
    def _is_exempt(path: str) -> bool:
        prefixes = [reverse(name) for name in TWO_FACTOR_PAGES]
        prefixes += [f"/{settings.STATIC_URL.lstrip('/')}", "/i18n/"]
        return any(path.startswith(prefix) for prefix in prefixes)

    @staticmethod
    def _redirect(request: HttpRequest) -> HttpResponse:
        from peduliham.accounts.services import confirmed_totp_device

        has_device = confirmed_totp_device(request.user) is not None  # type: ignore[arg-type]
        target = reverse(
            "accounts:two_factor_verify" if has_device else "accounts:two_factor_enrol"
        )
        url = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            # HTMX would swap the 2FA page into a fragment; ask it to load the page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
