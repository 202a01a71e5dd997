from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from tests.accounts.helpers import LoggedIn, actions
from tests.conftest import PASSWORD

URL = reverse("accounts:password_change")
NEW = "kata-sandi-baru-yang-kuat-77"


def form(old: str = PASSWORD, new1: str = NEW, new2: str = NEW) -> dict[str, str]:
    return {"old_password": old, "new_password1": new1, "new_password2": new2}


def test_it_shows_the_form(logged_in: LoggedIn, peserta_budi: User) -> None:
    response = logged_in(peserta_budi).get(URL)
    assert response.status_code == 200
    assert "Kata sandi lama" in response.text


def test_it_changes_the_password_and_keeps_the_session(
    logged_in: LoggedIn, peserta_budi: User
) -> None:
    client: Client = logged_in(peserta_budi)
    response = client.post(URL, form())
    assert response.status_code == 302
    peserta_budi.refresh_from_db()
    assert peserta_budi.check_password(NEW)
    assert client.get(reverse("accounts:home")).status_code == 200
    assert actions(object_id=peserta_budi.pk) == ["peduliham.user.password_changed"]


def test_it_rejects_a_wrong_old_password(logged_in: LoggedIn, peserta_budi: User) -> None:
    response = logged_in(peserta_budi).post(URL, form(old="salah"))
    assert response.status_code == 400
    peserta_budi.refresh_from_db()
    assert peserta_budi.check_password(PASSWORD)
    assert actions() == []


def test_it_rejects_a_weak_or_mismatched_password(logged_in: LoggedIn, peserta_budi: User) -> None:
    client: Client = logged_in(peserta_budi)
    assert client.post(URL, form(new1="12345678", new2="12345678")).status_code == 400
    assert client.post(URL, form(new2="lain-sekali-99")).status_code == 400
    peserta_budi.refresh_from_db()
    assert peserta_budi.check_password(PASSWORD)


def test_it_needs_a_login(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
