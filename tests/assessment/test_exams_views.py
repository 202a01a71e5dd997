"""Exam pages: participants taking a test (with and without script) and the organiser's pages."""

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.assessment.models import Answer, Exam, ExamAttempt
from peduliham.assessment.services.exams import GRACE, start_attempt
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event
from tests.assessment.factories_exams import (
    _fresh_structure_cache,  # noqa: F401
    correct_option,
    exam_question_ids,
    make_bank,
    make_exam,
    participant,
    wrong_option,
)
from tests.training.factories_checkin import running_event

pytestmark = pytest.mark.django_db
LoggedIn = Callable[[User], Client]


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    make_bank()
    return running_event(admin_pusat, kota_jambi)


@pytest.fixture
def exam(event: Event, admin_pemkot_jambi: User) -> Exam:
    return make_exam(admin_pemkot_jambi, event)


@pytest.fixture
def ani(event: Event, dinkes_jambi: OrgUnit) -> User:
    return participant(event, dinkes_jambi, 1)[0]


def take_url(exam: Exam, query: str = "") -> str:
    return reverse("assessment:exam_take", args=[exam.pk]) + query


def answer_url(exam: Exam) -> str:
    return reverse("assessment:exam_answer", args=[exam.pk])


def submit_url(exam: Exam) -> str:
    return reverse("assessment:exam_submit", args=[exam.pk])


def test_my_exams_lists_the_open_test(exam: Exam, ani: User, logged_in: LoggedIn) -> None:
    response = logged_in(ani).get(reverse("assessment:my_exams"))
    assert response.status_code == 200
    assert "Kerjakan" in response.text
    assert take_url(exam) in response.text


def test_my_exams_hides_tests_of_other_events(
    exam: Exam, peserta_budi: User, logged_in: LoggedIn
) -> None:
    response = logged_in(peserta_budi).get(reverse("assessment:my_exams"))
    assert take_url(exam) not in response.text


def test_starting_by_post_then_reloading_resumes(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    assert "Mulai" in client.get(take_url(exam)).text
    response = client.post(take_url(exam), {"aksi": "mulai"})
    assert response.status_code == 302
    client.post(take_url(exam), {"aksi": "mulai"})
    assert ExamAttempt.objects.filter(exam=exam).count() == 1
    page = client.get(take_url(exam))
    assert page.status_code == 200
    assert "Soal 1 dari 12" in page.text
    assert 'data-deadline="' in page.text


def test_a_participant_of_another_event_gets_404(
    exam: Exam, peserta_budi: User, logged_in: LoggedIn
) -> None:
    client = logged_in(peserta_budi)
    assert client.get(take_url(exam)).status_code == 404
    assert client.post(take_url(exam), {"aksi": "mulai"}).status_code == 404
    assert not ExamAttempt.objects.exists()


def test_a_start_outside_the_window_shows_the_reason(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    with time_machine.travel(exam.closes_at + datetime.timedelta(minutes=1)):
        response = logged_in(ani).post(take_url(exam), {"aksi": "mulai"}, follow=True)
    assert "Ujian sudah ditutup." in response.text
    assert not ExamAttempt.objects.exists()


def test_the_plain_form_saves_and_moves_to_the_next_question(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    first = exam_question_ids(exam)[0]
    response = client.post(take_url(exam), {f"soal-{first}": correct_option(first), "ke": "2"})
    assert response["Location"] == take_url(exam, "?nomor=2")
    assert Answer.objects.get().option_id == correct_option(first)
    page = client.get(take_url(exam, "?nomor=1"))
    assert f'value="{correct_option(first)}" checked' in page.text


def test_all_questions_on_one_page(exam: Exam, ani: User, logged_in: LoggedIn) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai", "tampilan": "semua"})
    page = client.get(take_url(exam, "?tampilan=semua"))
    assert page.text.count('<fieldset class="exam-question"') == 12
    data = {f"soal-{q}": correct_option(q) for q in exam_question_ids(exam)} | {"tampilan": "semua"}
    response = client.post(take_url(exam), data)
    assert response["Location"] == take_url(exam, "?tampilan=semua")
    assert Answer.objects.count() == 12


def test_bad_form_input_is_a_message_not_an_error(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    response = client.post(
        take_url(exam), {"soal-abc": "x", "soal-1": "99999", "ke": "zz"}, follow=True
    )
    assert response.status_code == 200
    assert not Answer.objects.exists()


def test_the_answer_endpoint_saves_json_and_form_bodies(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    first, second = exam_question_ids(exam)[:2]
    body = json.dumps({"soal": first, "pilihan": wrong_option(first)})
    assert client.post(answer_url(exam), body, content_type="application/json").json() == {
        "ok": True
    }
    assert (
        client.post(
            answer_url(exam), {"soal": second, "pilihan": correct_option(second)}
        ).status_code
        == 200
    )
    assert Answer.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("not json", 400),
        (json.dumps({"soal": "x"}), 400),
        (json.dumps([1]), 400),
        (json.dumps({"soal": 0, "pilihan": 1}), 400),
        (json.dumps({"soal": True, "pilihan": 1}), 400),
        (json.dumps({"soal": 1.5, "pilihan": 1}), 400),
        (json.dumps({"soal": 2**63, "pilihan": 1}), 400),
        (json.dumps({"pilihan": 1}), 400),
    ],
)
def test_the_answer_endpoint_refuses_bad_input(
    exam: Exam, ani: User, logged_in: LoggedIn, body: str, status: int
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    assert (
        client.post(answer_url(exam), body, content_type="application/json").status_code == status
    )


def test_the_answer_endpoint_refuses_a_foreign_option(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    first, second = exam_question_ids(exam)[:2]
    response = client.post(answer_url(exam), {"soal": first, "pilihan": correct_option(second)})
    assert response.status_code == 400
    assert response.json()["code"] == "option_invalid"


def test_the_answer_endpoint_without_an_attempt_is_404(
    exam: Exam, peserta_budi: User, logged_in: LoggedIn
) -> None:
    first = exam_question_ids(exam)[0]
    response = logged_in(peserta_budi).post(
        answer_url(exam), {"soal": first, "pilihan": correct_option(first)}
    )
    assert response.status_code == 404


def test_the_answer_endpoint_says_409_after_submission(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    client.post(submit_url(exam))
    first = exam_question_ids(exam)[0]
    response = client.post(answer_url(exam), {"soal": first, "pilihan": correct_option(first)})
    assert response.status_code == 409
    assert response.json()["code"] == "attempt_submitted"


def test_the_confirmation_lists_unanswered_questions_and_submitting_twice_counts_once(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    first = exam_question_ids(exam)[0]
    client.post(answer_url(exam), {"soal": first, "pilihan": correct_option(first)})
    confirm = client.get(submit_url(exam))
    assert "11 soal belum dijawab" in confirm.text
    assert client.post(submit_url(exam)).status_code == 302
    assert client.post(submit_url(exam)).status_code == 302
    result = client.get(take_url(exam))
    assert "8,33" in result.text  # Indonesian decimal comma
    assert AuditEntry.objects.filter(action="peduliham.assessment.attempt.submitted").count() == 1


def test_coming_back_after_the_deadline_submits_what_was_saved(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    attempt = ExamAttempt.objects.get()
    with time_machine.travel(attempt.deadline_at + datetime.timedelta(seconds=1)):
        page = client.get(take_url(exam))
    assert "dikumpulkan otomatis" in page.text
    attempt.refresh_from_db()
    assert attempt.auto_submitted


def test_a_late_submit_click_is_submitted_automatically(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    attempt = ExamAttempt.objects.get()
    with time_machine.travel(attempt.deadline_at + GRACE + datetime.timedelta(seconds=5)):
        assert client.post(submit_url(exam)).status_code == 302
    assert ExamAttempt.objects.get().auto_submitted


def test_the_hot_requests_need_a_handful_of_queries(
    exam: Exam, ani: User, logged_in: LoggedIn, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(ani)
    # session, user, exam, seat, the insert that skips an existing attempt, audit (+ the
    # savepoint pair of its transaction inside the test's; production adds the deferred task)
    with django_assert_max_num_queries(8):
        client.post(take_url(exam), {"aksi": "mulai"})
    client.get(take_url(exam))  # warms this process's exam cache
    with django_assert_max_num_queries(4):  # session, user, attempt, answers
        client.get(take_url(exam, "?tampilan=semua"))
    first = exam_question_ids(exam)[0]
    option = correct_option(first)
    with django_assert_max_num_queries(3):  # session, user, the upsert that checks the attempt
        client.post(answer_url(exam), {"soal": first, "pilihan": option})
    with django_assert_max_num_queries(
        9
    ):  # session, user, attempt, claim, count, score, audit (+tx)
        client.post(submit_url(exam))


def test_creating_an_exam_from_the_form(
    event: Event, admin_pemkot_jambi: User, logged_in: LoggedIn
) -> None:
    client = logged_in(admin_pemkot_jambi)
    url = reverse("assessment:exam_create", args=[event.pk])
    assert client.get(url).status_code == 200
    data = {
        "kind": "post",
        "opens_at": "2030-01-01T08:00",
        "closes_at": "2030-01-01T10:00",
        "time_limit_minutes": 30,
        "pass_mark": 70,
    } | {
        f"topic_{t}": 2
        for t in (
            "concepts",
            "state_duty",
            "non_discrimination",
            "public_service",
            "vulnerable_groups",
            "complaints",
        )
    }
    response = client.post(url, data)
    assert response["Location"] == reverse("assessment:exam_status", args=[event.pk, "post"])
    assert Exam.objects.get(event=event).questions.count() == 12


def test_the_create_form_shows_domain_errors(
    event: Event, admin_pemkot_jambi: User, logged_in: LoggedIn
) -> None:
    client = logged_in(admin_pemkot_jambi)
    data = {
        "kind": "pre",
        "opens_at": "2030-01-01T08:00",
        "closes_at": "2030-01-01T07:00",
        "time_limit_minutes": 30,
        "pass_mark": 70,
    } | {
        f"topic_{t}": 9
        for t in (
            "concepts",
            "state_duty",
            "non_discrimination",
            "public_service",
            "vulnerable_groups",
            "complaints",
        )
    }
    response = client.post(reverse("assessment:exam_create", args=[event.pk]), data)
    assert response.status_code == 200
    assert "Waktu tutup harus setelah waktu buka." in response.text
    assert not Exam.objects.exists()


def test_another_city_may_not_create_or_watch(
    exam: Exam,
    event: Event,
    admin_pemkot_pekanbaru: User,
    admin_dinkes_jambi: User,
    logged_in: LoggedIn,
) -> None:
    other = logged_in(admin_pemkot_pekanbaru)
    assert other.get(reverse("assessment:exam_create", args=[event.pk])).status_code == 404
    assert other.get(reverse("assessment:exam_status", args=[event.pk, "pre"])).status_code == 404
    opd = logged_in(admin_dinkes_jambi)
    assert opd.get(reverse("assessment:exam_status", args=[event.pk, "pre"])).status_code in (
        403,
        404,
    )


def test_the_status_page_counts_and_polls(
    exam: Exam, event: Event, ani: User, admin_pemkot_jambi: User, logged_in: LoggedIn
) -> None:
    start_attempt(ani, exam=exam)
    client = logged_in(admin_pemkot_jambi)
    url = reverse("assessment:exam_status", args=[event.pk, "pre"])
    page = client.get(url)
    assert 'hx-trigger="every 5s"' in page.text
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert '<dd data-count="in-progress">1</dd>' in fragment.text
    assert "<h1>" not in fragment.text
    assert client.get(reverse("assessment:exam_status", args=[event.pk, "mid"])).status_code == 404


def test_the_status_page_offers_to_create_a_missing_exam(
    event: Event, admin_pemkot_jambi: User, logged_in: LoggedIn
) -> None:
    page = logged_in(admin_pemkot_jambi).get(
        reverse("assessment:exam_status", args=[event.pk, "post"])
    )
    assert reverse("assessment:exam_create", args=[event.pk]) + "?jenis=post" in page.text


def test_the_event_page_links_to_both_tests(
    event: Event, admin_pemkot_jambi: User, logged_in: LoggedIn
) -> None:
    page = logged_in(admin_pemkot_jambi).get(reverse("training:event_detail", args=[event.pk]))
    assert reverse("assessment:exam_status", args=[event.pk, "pre"]) in page.text


def test_the_answer_endpoint_takes_ids_written_as_text(
    exam: Exam, ani: User, logged_in: LoggedIn
) -> None:
    """exam.js sends numbers; a form or another client may send them as text."""
    client = logged_in(ani)
    client.post(take_url(exam), {"aksi": "mulai"})
    first = exam_question_ids(exam)[0]
    body = json.dumps({"soal": f" {first} ", "pilihan": str(correct_option(first))})
    response = client.post(answer_url(exam), body, content_type="application/json")
    assert response.status_code == 200
    assert Answer.objects.get().option_id == correct_option(first)
