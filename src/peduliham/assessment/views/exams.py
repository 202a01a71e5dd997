"""Exam pages: the participant's tests on a phone, and the organiser's create/status pages.

Everything the participant does works as a plain HTML form; exam.js adds
saving each choice at once, a countdown and resending after a lost connection.
"""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peduliham.assessment.forms_exams import ExamCreateForm, record_id
from peduliham.assessment.models import ExamAttempt, ExamKind
from peduliham.assessment.scoring import passed
from peduliham.assessment.selectors import exams as selectors
from peduliham.assessment.services import exams as services
from peduliham.core.errors import DomainError, NotFound, PermissionDenied
from peduliham.training.models import Event
from peduliham.training.services.events import authorise_manager

ALL = "semua"


@login_required
@require_GET
def my_exams(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_exams(request.user)
    return render(request, "assessment/exams/my_exams.html", {"rows": rows})


def _take_url(pk: int, *, number: int | None = None, layout: str = "") -> str:
    url = reverse("assessment:exam_take", args=[pk])
    if layout == ALL:
        return f"{url}?tampilan={ALL}"
    return f"{url}?nomor={number}" if number else url


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def exam_take(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (POST aksi=mulai), answer one screen or all, resume after a reload."""
    if request.method == "POST" and request.POST.get("aksi") == "mulai":
        return _start(request, pk)
    attempt = selectors.attempt_at(request.user, pk)
    if attempt is None:
        exam = selectors.exam_for_participant(request.user, pk)
        context = {"exam": exam, "now": timezone.now(), "total": sum(exam.blueprint.values())}
        return render(request, "assessment/exams/start.html", context)
    attempt = services.submit_if_expired(request.user, attempt=attempt)
    if attempt.submitted_at is not None:
        return _result(request, attempt)
    if request.method == "POST":
        return _save_form(request, attempt)
    return _questions(request, attempt)


def _start(request: HttpRequest, pk: int) -> HttpResponse:
    exam = selectors.exam_for_participant(request.user, pk)
    try:
        services.start_attempt(request.user, exam=exam)
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(_take_url(pk, layout=request.POST.get("tampilan", "")))


def _questions(request: HttpRequest, attempt: ExamAttempt) -> HttpResponse:
    shown = selectors.shown_questions(attempt, selectors.answers_of(attempt))
    layout = ALL if request.GET.get("tampilan") == ALL else ""
    number = _number(request.GET.get("nomor"), len(shown))
    context = {
        "attempt": attempt,
        "exam": attempt.exam,
        "shown": shown if layout else shown[number - 1 : number],
        "total": len(shown),
        "answered": sum(1 for q in shown if q.chosen),
        "number": number,
        "layout": layout,
        "numbers": [(q.number, q.chosen is not None) for q in shown],
        "deadline_local": selectors.local(attempt.deadline_at, attempt.exam.event),
        "now": timezone.now(),
    }
    return render(request, "assessment/exams/take.html", context)


def _number(value: str | None, total: int) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), max(total, 1))


def _save_form(request: HttpRequest, attempt: ExamAttempt) -> HttpResponse:
    """Save every answer the plain form sent, then go where its button said."""
    for key in request.POST:
        value = request.POST.get(key, "")
        if not key.startswith("soal-"):
            continue
        try:
            services.save_answer(
                request.user,
                exam_id=attempt.exam_id,
                exam_question_id=int(key.removeprefix("soal-")),
                option_id=int(value),
            )
        except (ValueError, DomainError) as error:
            messages.error(request, str(getattr(error, "message", _("Jawaban tidak valid."))))
    return redirect(_next_url(request.POST, attempt.exam_id))


def _next_url(data: QueryDict, pk: int) -> str:
    target = data.get("ke", "")
    if target == "kumpulkan":
        return reverse("assessment:exam_submit", args=[pk])
    if data.get("tampilan") == ALL:
        return _take_url(pk, layout=ALL)
    return _take_url(pk, number=_number(target, 10_000))


def _result(request: HttpRequest, attempt: ExamAttempt) -> HttpResponse:
    context = {
        "attempt": attempt,
        "exam": attempt.exam,
        "passed": passed(attempt.score, attempt.exam.pass_mark),
    }
    return render(request, "assessment/exams/result.html", context)


def _answer_ids(request: HttpRequest) -> tuple[int, int] | None:
    """The exam question and option of one answer sent by exam.js (JSON or form-encoded),
    or None when either is missing or not a positive whole number.

    Read without a Django form: this endpoint takes 25 requests from each of a thousand
    phones in the hall, and a form's set-up (copying its fields) was a tenth of its work.
    """
    payload: Any
    if request.content_type == "application/json":
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            return None
        if not isinstance(payload, dict):
            return None
    else:
        payload = request.POST
    question, option = record_id(payload.get("soal")), record_id(payload.get("pilihan"))
    return None if question is None or option is None else (question, option)


@never_cache
@login_required
@require_POST
def exam_answer(request: HttpRequest, pk: int) -> JsonResponse:
    """Save one choice for exam.js: {"soal": id, "pilihan": id} → {"ok": true}."""
    ids = _answer_ids(request)
    if ids is None:
        return JsonResponse({"ok": False, "code": "bad_input"}, status=400)
    try:
        services.save_answer(request.user, exam_id=pk, exam_question_id=ids[0], option_id=ids[1])
    except NotFound:
        return JsonResponse({"ok": False, "code": "not_found"}, status=404)
    except DomainError as error:
        status = 409 if error.code in ("attempt_submitted", "deadline_passed") else 400
        return JsonResponse(
            {"ok": False, "code": error.code, "message": str(error.message)}, status=status
        )
    return JsonResponse({"ok": True})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def exam_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation listing unanswered questions (GET); the submission itself (POST)."""
    attempt = selectors.attempt_at(request.user, pk)
    if attempt is None:
        return redirect(_take_url(pk))
    if request.method == "POST":
        try:
            services.submit_attempt(request.user, attempt=attempt)
        except DomainError:  # the deadline passed: what was saved is submitted automatically
            services.submit_if_expired(request.user, attempt=attempt)
        return redirect(_take_url(pk))
    if attempt.submitted_at is not None:
        return redirect(_take_url(pk))
    shown = selectors.shown_questions(attempt, selectors.answers_of(attempt))
    context = {
        "attempt": attempt,
        "exam": attempt.exam,
        "unanswered": [q.number for q in shown if q.chosen is None],
        "total": len(shown),
    }
    return render(request, "assessment/exams/submit.html", context)


def _managed_event(request: HttpRequest, pk: int) -> Event:
    event = selectors.staff_event(request.user, pk)
    authorise_manager(request.user, event.host_region)
    return event


@login_required
@require_http_methods(["GET", "POST"])
def exam_create(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        event = _managed_event(request, pk)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error.message))
    form = ExamCreateForm(request.POST or None, initial={"kind": request.GET.get("jenis", "pre")})
    if request.method == "POST" and form.is_valid():
        try:
            exam = services.create_exam(
                request.user,
                event=event,
                kind=form.cleaned_data["kind"],
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                time_limit_minutes=form.cleaned_data["time_limit_minutes"],
                pass_mark=form.cleaned_data["pass_mark"],
                blueprint=form.blueprint(),
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request, _("Ujian dibuat dengan %(n)d soal.") % {"n": sum(exam.blueprint.values())}
            )
            return redirect("assessment:exam_status", pk=event.pk, kind=exam.kind)
    return render(request, "assessment/exams/create.html", {"event": event, "form": form})


@login_required
@require_GET
def exam_status(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Live counts of a test; HTMX polls the counts fragment every few seconds."""
    if kind not in ExamKind.values:
        raise Http404
    try:
        event = _managed_event(request, pk)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error.message))
    exam = selectors.exam_of(event, kind)
    context: dict[str, Any] = {"event": event, "exam": exam, "kind": ExamKind(kind)}
    if exam is not None:
        context["counts"] = selectors.exam_counts(exam)
    if request.headers.get("HX-Request") and exam is not None:
        return render(request, "assessment/exams/_counts.html", context)
    return render(request, "assessment/exams/status.html", context)


urlpatterns: list[URLPattern] = [
    path("ujian-saya/", my_exams, name="my_exams"),
    path("ujian/<int:pk>/", exam_take, name="exam_take"),
    path("ujian/<int:pk>/jawab/", exam_answer, name="exam_answer"),
    path("ujian/<int:pk>/kumpulkan/", exam_submit, name="exam_submit"),
    path("kegiatan/<int:pk>/ujian/baru/", exam_create, name="exam_create"),
    path("kegiatan/<int:pk>/ujian/<str:kind>/", exam_status, name="exam_status"),
]
