"""Forms of the certificate pages: revoking one, and looking one up from a paper copy."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class RevokeForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Dicatat dan ditampilkan di halaman verifikasi publik."),
    )


class LookupForm(forms.Form):
    """A certificate number and its holder's NIP, both as printed on the paper copy."""

    nomor = forms.CharField(
        label=_("Nomor sertifikat"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    nip = forms.CharField(
        label=_("NIP pemegang sertifikat"),
        max_length=18,
        min_length=18,
        validators=[RegexValidator(r"^\d{18}$", _("NIP terdiri dari 18 angka."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
