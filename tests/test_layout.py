"""The base layout, the shared form-field include and the error pages."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

import peduliham
from peduliham.accounts.models import User

SOURCE = Path(peduliham.__file__).parent


def first_focusable(html: str) -> str:
    body = html.split("<body>", 1)[1]
    match = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body)
    assert match
    return match.group(0)


@pytest.mark.django_db
def test_the_login_page_has_the_landmarks_and_a_skip_link_first(client: Client) -> None:
    html = client.get(reverse("accounts:login")).text

    assert first_focusable(html) == '<a class="skip-link" href="#main">'
    assert '<header class="site-header">' in html
    assert re.search(r'<nav class="site-nav" aria-label="[^"]+">', html)
    assert '<main id="main" class="site-main" tabindex="-1">' in html
    assert '<footer class="site-footer">' in html
    assert html.count("<h1>") == 1


@pytest.mark.django_db
def test_the_language_switch_is_a_labelled_form_that_works_without_javascript(
    client: Client,
) -> None:
    html = client.get(reverse("accounts:login")).text

    assert f'action="{reverse("set_language")}" method="post"' in html
    assert '<label for="language-select">Bahasa</label>' in html
    assert '<option value="id" lang="id" selected>Bahasa Indonesia</option>' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert '<input name="next" type="hidden" value="/akun/masuk/">' in html


def test_a_signed_in_user_sees_their_name_role_and_region(
    logged_in: Callable[[User], Client], admin_pemkot_jambi: User
) -> None:
    admin_pemkot_jambi.first_name = "Siti"
    admin_pemkot_jambi.last_name = "Rahmawati"
    admin_pemkot_jambi.save()
    client = logged_in(admin_pemkot_jambi)

    html = client.get(reverse("accounts:home")).text

    assert '<span class="user-info__name">Siti Rahmawati</span>' in html
    assert '<span class="user-info__role">Admin Pemda · Kota Jambi</span>' in html
    assert 'aria-current="page">Beranda</a>' in html


def test_an_anonymous_visitor_sees_no_user_block(db: None, client: Client) -> None:
    html = client.get(reverse("accounts:login")).text

    assert "user-info" not in html
    assert 'aria-current="page">Masuk</a>' in html


def without_comments(template: str) -> str:
    template = re.sub(r"{% comment %}.*?{% endcomment %}", "", template, flags=re.DOTALL)
    return re.sub(r"{#.*?#}", "", template)


def test_no_template_carries_inline_styles_or_scripts() -> None:
    """The Content-Security-Policy (style-src/script-src 'self') would block them."""
    inline = re.compile(
        r"""\sstyle\s*=|<style\b|<script\b(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=\s*["']""",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(SOURCE)}: {match.group(0).strip()}"
        for path in SOURCE.rglob("templates/**/*.html")
        for match in inline.finditer(without_comments(path.read_text(encoding="utf-8")))
    ]

    assert offenders == []


class SampleForm(forms.Form):
    name = forms.CharField(label="Nama", help_text="Nama lengkap sesuai KTP")
    kind = forms.ChoiceField(
        label="Jenis", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )


def test_the_field_include_links_the_input_to_its_help_and_errors() -> None:
    form = SampleForm(data={"name": ""})
    form.is_valid()

    html = render_to_string("includes/field.html", {"field": form["name"]})

    assert '<label for="id_name">Nama <span class="field__required">(wajib)</span></label>' in html
    assert '<div class="field__help" id="id_name_helptext">' in html
    assert '<ul class="errorlist" id="id_name_error">' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_the_field_include_groups_choices_in_a_fieldset_with_a_legend() -> None:
    form = SampleForm(data={"name": "Budi"})
    form.is_valid()

    html = render_to_string("includes/field.html", {"field": form["kind"]})

    assert '<fieldset aria-describedby="id_kind_error">' in html
    assert '<legend>Jenis <span class="field__required">(wajib)</span></legend>' in html


def test_the_form_include_summarises_field_errors_in_an_alert() -> None:
    form = SampleForm(data={})
    form.is_valid()

    html = render_to_string("includes/form_fields.html", {"form": form})

    assert '<div class="form-errors" role="alert">' in html
    assert "Periksa kembali isian yang ditandai di bawah." in html
    assert html.count('class="field field--error"') == 2


def test_an_unknown_address_gets_the_indonesian_404_page(db: None, client: Client) -> None:
    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "<h1>Halaman tidak ditemukan</h1>" in response.text
    assert '<main id="main"' in response.text


def test_the_404_page_follows_the_english_language_choice(db: None, client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get("/tidak-ada/")

    assert "<h1>Page not found</h1>" in response.text


def test_a_permission_error_gets_the_indonesian_403_page(db: None, rf: RequestFactory) -> None:
    request = rf.get("/wilayah/")
    request.user = AnonymousUser()

    with translation.override("id"):
        response = defaults.permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "<h1>Akses ditolak</h1>" in response.content.decode()


def test_a_server_error_gets_the_500_page_without_needing_a_request_context(
    rf: RequestFactory,
) -> None:
    with translation.override("id"):
        response = defaults.server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Terjadi kesalahan pada sistem</h1>" in html
    assert '<a class="skip-link" href="#main">' in html


@pytest.mark.django_db
def test_a_form_posted_without_its_csrf_token_gets_the_friendly_403_page() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "<h1>Formulir kedaluwarsa</h1>" in response.text
