import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from tests.accounts.helpers import LoggedIn, actions
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
START = datetime.datetime(2025, 10, 27, 8, 0, tzinfo=datetime.UTC)


def post_login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def fail_times(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        assert post_login(client, username, "salah-sekali").status_code == 200


def test_it_shows_the_login_form(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.text
    assert "Nama pengguna" in response.text


def test_it_logs_in_and_lands_on_home(client: Client, peserta_budi: User) -> None:
    response = post_login(client, "peserta_budi", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home")).status_code == 200
    assert actions(object_id=peserta_budi.pk) == ["peduliham.user.logged_in"]


def test_it_follows_a_safe_next_url(client: Client, peserta_budi: User) -> None:
    response = client.post(
        f"{LOGIN}?next=/wilayah/", {"username": "peserta_budi", "password": PASSWORD}
    )
    assert response["Location"] == "/wilayah/"


def test_it_ignores_a_next_url_on_another_host(client: Client, peserta_budi: User) -> None:
    response = client.post(
        f"{LOGIN}?next=https://evil.example/", {"username": "peserta_budi", "password": PASSWORD}
    )
    assert response["Location"] == reverse("accounts:home")


def test_it_rejects_a_wrong_password_and_counts_it(client: Client, peserta_budi: User) -> None:
    response = post_login(client, "peserta_budi", "bukan-kata-sandinya")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.text
    assert "_auth_user_id" not in client.session
    peserta_budi.refresh_from_db()
    assert peserta_budi.failed_login_count == 1
    entry = AuditEntry.objects.get(action="peduliham.user.login_failed")
    assert entry.object_id == str(peserta_budi.pk)
    assert entry.changes == {"failed_login_count": 1}


def test_an_unknown_username_gets_the_same_message_as_a_wrong_password(
    client: Client, peserta_budi: User
) -> None:
    unknown = post_login(client, "tidak_ada", "bukan-kata-sandinya")
    wrong = post_login(client, "peserta_budi", "bukan-kata-sandinya")
    assert unknown.status_code == wrong.status_code == 200
    message = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara."
    assert message in unknown.text
    assert message in wrong.text
    assert not AuditEntry.objects.filter(object_repr="tidak_ada").exists()


def test_it_rejects_an_empty_form(client: Client, db: None) -> None:
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.exists()


def test_it_locks_the_account_after_the_limit(client: Client, peserta_budi: User) -> None:
    with time_machine.travel(START, tick=False):
        fail_times(client, "peserta_budi", 5)
    peserta_budi.refresh_from_db()
    assert peserta_budi.locked_until == START + datetime.timedelta(minutes=15)
    assert actions(object_id=peserta_budi.pk)[-1] == "peduliham.user.locked"
    assert actions().count("peduliham.user.login_failed") == 5


def test_a_locked_account_cannot_log_in_even_with_the_right_password(
    client: Client, peserta_budi: User
) -> None:
    with time_machine.travel(START, tick=False):
        fail_times(client, "peserta_budi", 5)
    with time_machine.travel(START + datetime.timedelta(minutes=14), tick=False):
        response = post_login(client, "peserta_budi", PASSWORD)
    assert response.status_code == 200
    assert "dikunci sementara" in response.text
    assert "_auth_user_id" not in client.session
    assert "peduliham.user.logged_in" not in actions()


def test_failures_during_a_lock_out_do_not_extend_it(client: Client, peserta_budi: User) -> None:
    with time_machine.travel(START, tick=False):
        fail_times(client, "peserta_budi", 5)
    with time_machine.travel(START + datetime.timedelta(minutes=10), tick=False):
        fail_times(client, "peserta_budi", 3)
    peserta_budi.refresh_from_db()
    assert peserta_budi.locked_until == START + datetime.timedelta(minutes=15)
    assert actions().count("peduliham.user.login_failed") == 5


def test_the_lock_ends_after_the_lockout_minutes(client: Client, peserta_budi: User) -> None:
    with time_machine.travel(START, tick=False):
        fail_times(client, "peserta_budi", 5)
    with time_machine.travel(START + datetime.timedelta(minutes=15, seconds=1), tick=False):
        response = post_login(client, "peserta_budi", PASSWORD)
    assert response.status_code == 302
    peserta_budi.refresh_from_db()
    assert peserta_budi.locked_until is None
    assert peserta_budi.failed_login_count == 0


def test_a_successful_login_resets_the_failure_count(client: Client, peserta_budi: User) -> None:
    fail_times(client, "peserta_budi", 4)
    post_login(client, "peserta_budi", PASSWORD)
    client.post(reverse("accounts:logout"))
    fail_times(client, "peserta_budi", 4)
    peserta_budi.refresh_from_db()
    assert peserta_budi.failed_login_count == 4
    assert peserta_budi.locked_until is None


@pytest.mark.parametrize("limit", [2])
def test_the_limit_comes_from_settings(
    client: Client, peserta_budi: User, settings: Any, limit: int
) -> None:
    settings.LOGIN_FAILURE_LIMIT = limit
    fail_times(client, "peserta_budi", limit)
    peserta_budi.refresh_from_db()
    assert peserta_budi.locked_until is not None


def test_an_inactive_user_cannot_log_in(client: Client, peserta_budi: User) -> None:
    peserta_budi.is_active = False
    peserta_budi.save()
    response = post_login(client, "peserta_budi", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_logged_in_user_is_sent_home_from_the_login_page(
    logged_in: LoggedIn, peserta_budi: User
) -> None:
    client = logged_in(peserta_budi)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
