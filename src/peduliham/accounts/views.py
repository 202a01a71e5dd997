"""Log-in, log-out, password change, the 2FA steps and each role's home page."""

from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from peduliham.accounts import selectors, services
from peduliham.accounts.forms import ChangePasswordForm, LoginForm, TokenForm
from peduliham.accounts.models import User
from peduliham.core.errors import DomainError


def _user(request: HttpRequest) -> User:
    """The logged-in user (the views using this all require log-in)."""
    return cast(User, request.user)


def _next_url(request: HttpRequest) -> str:
    """The page to return to after a 2FA step, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        services.record_successful_login(_user(self.request))
        return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(_user(request))
    logout(request)
    messages.success(request, _("Anda sudah keluar."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters()
@never_cache
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ChangePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Kata sandi sudah diubah."))
        return redirect("accounts:home")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponseBase:
    """Ask for the code of the user's confirmed device after the password."""
    user = _user(request)
    if services.confirmed_totp_device(user) is None:
        return _with_next(request, "accounts:two_factor_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify_totp_token(user, token=form.cleaned_data["token"])
        except DomainError as error:
            form.add_error("token", str(error.message))
        else:
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
    status = 400 if form.errors else 200
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@never_cache
@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponseBase:
    """Show the secret as a QR code and text; the first valid code confirms the device."""
    user = _user(request)
    if services.confirmed_totp_device(user) is not None:
        return _with_next(request, "accounts:two_factor_verify")
    device = services.start_totp_enrolment(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.confirm_totp_device(
                user, device=device, token=form.cleaned_data["token"]
            )
        except DomainError as error:
            form.add_error("token", str(error.message))
        else:
            otp_login(request, device)
            messages.success(request, _("Autentikasi dua langkah sudah aktif."))
            return HttpResponseRedirect(_next_url(request))
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {"form": form, "next": _next_url(request), **_enrolment_secret(device)},
        status=status,
    )


def _enrolment_secret(device: Any) -> dict[str, Any]:
    """The device's otpauth URL as an inline SVG QR code and its secret in base32 groups."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, title=_("Kode QR untuk aplikasi autentikator"), svgclass="qr")
    secret = selectors.base32_secret(device)
    return {
        "qr_svg": mark_safe(svg),  # noqa: S308 - generated by segno from our own data
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "secret": secret,
    }


def _with_next(request: HttpRequest, view_name: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(view_name)}?{urlencode({'next': _next_url(request)})}")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The first page after log-in: what the user's role covers."""
    overview = selectors.home_overview(_user(request))
    return render(request, "accounts/home.html", {"overview": overview})
