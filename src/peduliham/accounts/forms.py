"""Forms for log-in, password change and the one-time-password steps."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from peduliham.accounts.services import record_failed_login


class LoginForm(AuthenticationForm):
    """Username and password; failures count towards the lock-out.

    One message covers a wrong username, a wrong password and a locked
    account, so the page tells no one which usernames exist or whether a
    guessed password was right during a lock-out.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].label = _("Kata sandi")

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                record_failed_login(username=self.cleaned_data["username"])
            raise

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(
            _(
                "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara. "
                "Setelah %(limit)d kali gagal berturut-turut, akun dikunci selama "
                "%(minutes)d menit."
            ),
            code="invalid_login",
            params={
                "limit": settings.LOGIN_FAILURE_LIMIT,
                "minutes": settings.LOGIN_LOCKOUT_MINUTES,
            },
        )


class ChangePasswordForm(PasswordChangeForm):
    """Django's password change with Indonesian labels; saving goes through the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


class TokenForm(forms.Form):
    """The six-digit code from an authenticator app."""

    token = forms.RegexField(
        label=_("Kode dari aplikasi autentikator"),
        regex=r"^\s*\d{6,8}\s*$",
        max_length=12,
        error_messages={"invalid": _("Masukkan kode 6 angka.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )
