"""Sessions read from a shared cache (CACHE_URL: cached_db) still end where they must.

A logged-out, re-passworded or deactivated participant can no longer answer:
the session is removed from the cache as well as the database, and the cached
user (accounts.usercache) is dropped by every change made through the ORM.
"""

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.assessment.models import Answer, Exam
from peduliham.assessment.services.exams import start_attempt
from peduliham.regions.models import OrgUnit, Region
from tests.accounts.helpers import LoggedIn
from tests.assessment.factories_exams import (
    _fresh_structure_cache,  # noqa: F401
    correct_option,
    exam_question_ids,
    make_bank,
    make_exam,
    participant,
)
from tests.conftest import PASSWORD
from tests.training.factories_checkin import running_event

pytestmark = pytest.mark.django_db
CACHED_DB = "django.contrib.sessions.backends.cached_db"
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


REDIS = {
    "default": {
        "BACKEND": "peduliham.core.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/9",
    }
}
BACKENDS = [
    pytest.param(LOCAL, id="locmem"),
    pytest.param(
        REDIS,
        id="redis",
        marks=pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379"),
    ),
]


@pytest.fixture(params=BACKENDS)
def cached_sessions(request: pytest.FixtureRequest) -> Iterator[None]:
    with override_settings(CACHES=request.param, SESSION_ENGINE=CACHED_DB, USER_CACHE_SECONDS=300):
        caches["default"].clear()
        yield
        caches["default"].clear()


@pytest.fixture
def exam(admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region) -> Exam:
    make_bank()
    return make_exam(admin_pemkot_jambi, running_event(admin_pusat, kota_jambi))


@pytest.fixture
def ani(exam: Exam, dinkes_jambi: OrgUnit) -> User:
    user = participant(exam.event, dinkes_jambi, 1)[0]
    user.set_password(PASSWORD)
    user.save()
    start_attempt(user, exam=exam)
    return user


def answer(client: Client, exam: Exam, body: str = "") -> int:
    if not body:
        question = exam_question_ids(exam)[0]
        body = json.dumps({"soal": question, "pilihan": correct_option(question)})
    url = reverse("assessment:exam_answer", args=[exam.pk])
    return client.post(url, body, content_type="application/json").status_code


def two_phones(user: User) -> tuple[Client, Client]:
    phones = (Client(), Client())
    for phone in phones:
        assert phone.login(username=user.username, password=PASSWORD)
    return phones


def test_a_cached_session_answers_from_the_cache(
    cached_sessions: None, exam: Exam, ani: User, django_assert_num_queries: Any
) -> None:
    phone, _other = two_phones(ani)
    store = SessionStore(phone.cookies[settings.SESSION_COOKIE_NAME].value)
    assert caches["default"].get(store.cache_key) is not None
    question = exam_question_ids(exam)[0]
    body = json.dumps({"soal": question, "pilihan": correct_option(question)})
    answer(phone, exam, body)  # this process learns the exam, the cache the user
    with django_assert_num_queries(1):  # the upsert alone: session and user from the cache
        assert answer(phone, exam, body) == 200
    assert Answer.objects.count() == 1


def test_a_logged_out_session_no_longer_answers(
    cached_sessions: None, exam: Exam, ani: User
) -> None:
    phone = two_phones(ani)[0]
    copy = Client()
    copy.cookies = phone.cookies  # the same session on a second device
    assert answer(copy, exam) == 200
    phone.post(reverse("accounts:logout"))
    assert answer(copy, exam) == 302  # to the log-in page
    assert Answer.objects.count() == 1


def test_a_password_change_ends_the_other_sessions(
    cached_sessions: None, exam: Exam, ani: User
) -> None:
    phone, other = two_phones(ani)
    assert answer(other, exam) == 200
    new = "kata-sandi-baru-yang-kuat-77"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    assert phone.post(reverse("accounts:password_change"), data).status_code == 302
    assert answer(other, exam) == 302
    assert answer(phone, exam) == 200


def test_a_deactivated_participant_no_longer_answers(
    cached_sessions: None, exam: Exam, ani: User
) -> None:
    phone, _other = two_phones(ani)
    assert answer(phone, exam) == 200
    User.objects.filter(pk=ani.pk).update(is_active=False)
    assert answer(phone, exam) == 302


def test_the_logged_in_fixture_still_works_with_cached_sessions(
    cached_sessions: None, exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    assert answer(logged_in(ani), exam) == 200
