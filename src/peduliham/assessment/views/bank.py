"""Assessment pages: the national question bank (list, add, edit, (de)activate, XLSX). Thin."""

import io
import tempfile
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peduliham.assessment import bank_xlsx
from peduliham.assessment.forms_bank import (
    BankFilterForm,
    BankImportForm,
    QuestionForm,
    build_spec,
    initial_for,
    option_formset,
)
from peduliham.assessment.models import Question
from peduliham.assessment.selectors.bank import (
    bank_for_export,
    may_manage_bank,
    question_for,
    questions_for,
    topic_counts,
)
from peduliham.assessment.services.bank import (
    create_question,
    deactivate_question,
    is_used,
    reactivate_question,
    update_question,
)
from peduliham.core.errors import DomainError, NotFound

QUESTIONS_PER_PAGE: Final = 25
FORM_TEMPLATE: Final = "assessment/bank/question_form.html"


def _manager(request: HttpRequest) -> None:
    if not may_manage_bank(request.user):
        raise Forbidden(_("Bank soal hanya untuk admin pusat."))


def _question(request: HttpRequest, pk: int) -> Question:
    _manager(request)
    try:
        return question_for(request.user, pk)
    except NotFound as error:
        raise Http404 from error


@login_required
@require_GET
def bank_list(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = BankFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    questions = questions_for(request.user, **filters).prefetch_related("options")
    page = Paginator(questions, QUESTIONS_PER_PAGE).get_page(request.GET.get("halaman"))
    context = {"form": form, "page": page, "counts": topic_counts(request.user)}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "assessment/bank/bank_list.html", context, status=status)


def _save(
    request: HttpRequest, form: QuestionForm, formset: Any, question: Question | None
) -> Question | None:
    """Run the service on valid forms; a DomainError becomes a form error (None)."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    spec = build_spec(form, formset)
    if spec is None:
        return None
    try:
        if question is None:
            return create_question(request.user, spec=spec)
        return update_question(request.user, question=question, spec=spec)
    except DomainError as error:
        form.add_error(None, str(error.message))
        return None


def _question_page(request: HttpRequest, question: Question | None) -> HttpResponse:
    posted = request.method == "POST"
    initial = initial_for(question) if question is not None else None
    form = QuestionForm(request.POST if posted else None, initial=initial)
    formset = option_formset(request.POST if posted else None, question)
    saved = _save(request, form, formset, question) if posted else None
    if saved is not None:
        messages.success(request, _("Soal %(code)s disimpan.") % {"code": saved.code})
        return redirect("assessment:bank_list")
    context = {
        "form": form,
        "formset": formset,
        "rows": list(zip(formset.forms, form["correct"], strict=False)),
        "question": question,
        "in_use": question is not None and is_used(question),
    }
    return render(request, FORM_TEMPLATE, context, status=400 if posted else 200)


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return _question_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_page(request, _question(request, pk))


@login_required
@require_POST
def question_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    action = request.POST.get("action", "")
    services = {"deactivate": deactivate_question, "activate": reactivate_question}
    if action not in services:
        messages.error(request, _("Tindakan tidak dikenal."))
        return _back(request)
    try:
        question = services[action](request.user, question=question)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        done = _("diaktifkan kembali") if question.is_active else _("dinonaktifkan")
        messages.success(
            request, _("Soal %(code)s %(done)s.") % {"code": question.code, "done": done}
        )
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the list with the filters it had (`kembali` carries its query string)."""
    query = QueryDict(request.POST.get("kembali", "")).urlencode()
    url = reverse("assessment:bank_list")
    return redirect(f"{url}?{query}" if query else url)


@login_required
@require_GET
def bank_export(request: HttpRequest) -> FileResponse:
    _manager(request)
    # The temporary file disappears when the response closes.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    bank_xlsx.write_bank_xlsx(bank_for_export(request.user), handle)
    handle.seek(0)
    name = f"bank-soal-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=bank_xlsx.XLSX_TYPE)


@login_required
@require_http_methods(["GET", "POST"])
def bank_import(request: HttpRequest) -> HttpResponse:
    _manager(request)
    posted = request.method == "POST"
    form = BankImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            source = io.BytesIO(upload.read())
            report = bank_xlsx.import_bank_xlsx(request.user, source=source, name=upload.name)
        except DomainError as error:
            form.add_error("file", str(error.message))
    status = 400 if posted and report is None else 200
    context = {"form": form, "report": report}
    return render(request, "assessment/bank/bank_import.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("bank-soal/", bank_list, name="bank_list"),
    path("bank-soal/tambah/", question_create, name="question_create"),
    path("bank-soal/<int:pk>/ubah/", question_edit, name="question_edit"),
    path("bank-soal/<int:pk>/status/", question_toggle, name="question_toggle"),
    path("bank-soal/unduh.xlsx", bank_export, name="bank_export"),
    path("bank-soal/impor/", bank_import, name="bank_import"),
]
