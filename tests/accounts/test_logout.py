from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from tests.accounts.helpers import LoggedIn, actions

LOGOUT = reverse("accounts:logout")


def test_it_logs_out_on_post(logged_in: LoggedIn, peserta_budi: User) -> None:
    client: Client = logged_in(peserta_budi)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert actions(object_id=peserta_budi.pk) == ["peduliham.user.logged_out"]


def test_it_refuses_a_get(logged_in: LoggedIn, peserta_budi: User) -> None:
    client: Client = logged_in(peserta_budi)
    assert client.get(LOGOUT).status_code == 405
    assert "_auth_user_id" in client.session


def test_an_anonymous_post_just_redirects(client: Client, db: None) -> None:
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert actions() == []


def test_it_needs_a_csrf_token(peserta_budi: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(peserta_budi)
    assert client.post(LOGOUT).status_code == 403
    assert "_auth_user_id" in client.session
