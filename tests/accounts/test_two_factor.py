import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import User
from tests.accounts.helpers import LoggedIn, actions, current_token
from tests.conftest import PASSWORD

HOME = reverse("accounts:home")
VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")
NOW = datetime.datetime(2025, 10, 27, 1, 0, tzinfo=datetime.UTC)


def password_only(user: User) -> Client:
    """A client past the password step but not the second factor."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def enrolled(user: User) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name="telepon", confirmed=True)
    return device


@pytest.mark.parametrize("persona", ["admin_pusat", "operator_kanwil_jambi"])
def test_2fa_roles_without_a_device_are_sent_to_enrol(
    persona: str, request: pytest.FixtureRequest, db: None
) -> None:
    client = password_only(request.getfixturevalue(persona))
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fakun%2Fberanda%2F"


def test_2fa_roles_with_a_device_are_asked_for_a_code(admin_pusat: User) -> None:
    enrolled(admin_pusat)
    response = password_only(admin_pusat).get("/wilayah/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fwilayah%2F"


@pytest.mark.parametrize("persona", ["admin_pemkot_jambi", "admin_dinkes_jambi", "peserta_budi"])
def test_other_roles_are_not_forced(persona: str, request: pytest.FixtureRequest, db: None) -> None:
    client = password_only(request.getfixturevalue(persona))
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/static/css/peduliham.css"])
def test_some_pages_stay_reachable_before_the_code(admin_pusat: User, path: str) -> None:
    response = password_only(admin_pusat).get(path)
    response.close()
    assert response.status_code == 200


def test_logout_stays_reachable_before_the_code(admin_pusat: User) -> None:
    client = password_only(admin_pusat)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_enrol_page_shows_a_qr_code_and_the_secret(admin_pusat: User) -> None:
    response = password_only(admin_pusat).get(ENROL)
    assert response.status_code == 200
    assert "<svg" in response.text
    device = TOTPDevice.objects.get(user=admin_pusat, confirmed=False)
    from peduliham.accounts.selectors import base32_secret

    secret = base32_secret(device)
    groups = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert groups in response.text
    assert len(secret) == 32


def test_reloading_the_enrol_page_keeps_the_same_secret(admin_pusat: User) -> None:
    client = password_only(admin_pusat)
    client.get(ENROL)
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=admin_pusat).count() == 1


def test_enrolment_end_to_end(admin_pusat: User) -> None:
    client = password_only(admin_pusat)
    with time_machine.travel(NOW, tick=False):
        client.get(ENROL)
        device = TOTPDevice.objects.get(user=admin_pusat)
        response = client.post(f"{ENROL}?next=/wilayah/", {"token": current_token(device)})
        assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
        assert client.get(HOME).status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/wilayah/"
    device.refresh_from_db()
    assert device.confirmed
    assert actions(object_id=admin_pusat.pk)[-1] == "peduliham.user.two_factor_enrolled"


def test_enrolment_rejects_a_wrong_code(admin_pusat: User) -> None:
    client = password_only(admin_pusat)
    client.get(ENROL)
    response = client.post(ENROL, {"token": "000000"})
    if response.status_code == 302:  # one in a million: 000000 was the right code
        pytest.skip("the random key happened to produce 000000")
    assert response.status_code == 400
    assert "Kode tidak valid" in response.text
    assert not TOTPDevice.objects.get(user=admin_pusat).confirmed
    assert client.get(HOME).status_code == 302


def test_enrolment_rejects_text_that_is_not_a_code(admin_pusat: User) -> None:
    client = password_only(admin_pusat)
    response = client.post(ENROL, {"token": "abc"})
    assert response.status_code == 400
    assert "Masukkan kode 6 angka" in response.text


def test_verification_end_to_end(admin_pusat: User) -> None:
    device = enrolled(admin_pusat)
    with time_machine.travel(NOW, tick=False):
        client = password_only(admin_pusat)
        response = client.post(f"{VERIFY}?next=/audit/", {"token": current_token(device)})
        assert client.get(HOME).status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/audit/"


def test_verification_rejects_a_wrong_code_and_throttles(admin_pusat: User) -> None:
    device = enrolled(admin_pusat)
    client = password_only(admin_pusat)
    with time_machine.travel(NOW, tick=False):
        wrong = f"{(int(current_token(device)) + 1) % 1_000_000:06d}"
        response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 400
    assert "Kode tidak valid" in response.text
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get(HOME).status_code == 302


def test_a_code_cannot_be_used_twice(admin_pusat: User) -> None:
    device = enrolled(admin_pusat)
    with time_machine.travel(NOW, tick=False):
        token = current_token(device)
        assert password_only(admin_pusat).post(VERIFY, {"token": token}).status_code == 302
        assert password_only(admin_pusat).post(VERIFY, {"token": token}).status_code == 400


def test_verify_without_a_device_goes_to_enrol(admin_pusat: User) -> None:
    response = password_only(admin_pusat).get(f"{VERIFY}?next=/wilayah/")
    assert response["Location"] == f"{ENROL}?next=%2Fwilayah%2F"


def test_enrol_with_a_device_goes_to_verify(admin_pusat: User) -> None:
    enrolled(admin_pusat)
    response = password_only(admin_pusat).get(ENROL)
    assert response["Location"].startswith(VERIFY)


def test_the_next_url_must_stay_on_this_site(admin_pusat: User) -> None:
    device = enrolled(admin_pusat)
    with time_machine.travel(NOW, tick=False):
        client = password_only(admin_pusat)
        response = client.post(
            f"{VERIFY}?next=https://evil.example/", {"token": current_token(device)}
        )
    assert response["Location"] == HOME


def test_the_2fa_pages_need_a_login(client: Client, db: None) -> None:
    for url in (VERIFY, ENROL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_logged_in_fixture_passes_2fa(logged_in: LoggedIn, admin_pusat: User) -> None:
    client: Client = logged_in(admin_pusat)
    assert client.get(HOME).status_code == 200


def test_htmx_requests_are_told_to_load_the_2fa_page(admin_pusat: User) -> None:
    response = password_only(admin_pusat).get("/wilayah/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{ENROL}?next=%2Fwilayah%2F"
