"""Training pages: tickets, the registration desk, the desk list PDF and closing an event."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError
from peduliham.training import deskpdf, tickets
from peduliham.training.models import CheckInMethod, Enrollment, Event, EventDay, EventStatus
from peduliham.training.selectors import checkin as selectors
from peduliham.training.services.checkin import CheckInResult, record_checkin
from peduliham.training.services.completion import close_event

SEARCH_MAX = 100


class CheckInForm(forms.Form):
    """One check-in from the desk: a ticket code typed or scanned, or a search result."""

    hari = forms.IntegerField(min_value=1)
    kode = forms.CharField(
        label=gettext_lazy("Kode tiket"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Teks di bawah kode QR, atau hasil pemindai genggam."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    peserta = forms.IntegerField(min_value=1, required=False)
    meja = forms.CharField(label=gettext_lazy("Nama meja"), max_length=40, required=False)


def _today(event: Event) -> Any:
    return timezone.localdate(timezone=event.host_region.zone)


def _desk_day(event: Event, day_id: str | None) -> EventDay:
    return selectors.desk_day(event, day_id, today=_today(event))


def _desk_url(event: Event, day: EventDay) -> str:
    return f"{reverse('training:checkin_desk', args=[event.pk])}?hari={day.pk}"


@never_cache
@require_GET
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    """A participant's ticket, opened from the e-mailed link without logging in."""
    enrollment = selectors.ticket_enrollment(token)
    if enrollment is None:
        return render(request, "training/tickets/ticket_invalid.html", status=404)
    code = tickets.ticket_code(event_id=enrollment.event_id, enrollment_id=enrollment.pk)
    context = {
        "enrollment": enrollment,
        "event": enrollment.event,
        "days": selectors.event_days(enrollment.event),
        "qr_code": code,
        "qr_svg": deskpdf.qr_svg(code),
    }
    response = render(request, "training/tickets/ticket.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the token in the URL is the key to the ticket
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def my_invitations(request: HttpRequest) -> HttpResponse:
    enrollments = list(selectors.invitations_for(request.user))
    rows = [(e, tickets.ticket_link_token(e.pk)) for e in enrollments]
    return render(request, "training/tickets/my_invitations.html", {"rows": rows})


@login_required
@require_GET
def checkin_desk(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.desk_event_for(request.user, pk)
    day = _desk_day(event, request.GET.get("hari"))
    query = request.GET.get("q", "")[:SEARCH_MAX]
    context = {
        "event": event,
        "day": day,
        "days": selectors.event_days(event),
        "counts": selectors.day_counts(request.user, event),
        "query": query,
        "found": selectors.search_participants(request.user, event, query, day=day),
        "form": CheckInForm(initial={"hari": day.pk}),
        "public_key": tickets.public_key_b64(),
        "desk_open": event.status in (EventStatus.OPEN, EventStatus.RUNNING),
    }
    return render(request, "training/checkin/desk.html", context)


@login_required
@require_POST
def checkin_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one check-in; an HTML fragment for the desk's script, else back to the desk."""
    event = selectors.desk_event_for(request.user, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _answer(request, event, None, error=_("Isian check-in tidak lengkap."), status=400)
    data = form.cleaned_data
    day = _desk_day(event, str(data["hari"]))
    try:
        result = record_checkin(
            request.user,
            event=event,
            day=day,
            code=data["kode"] or "",
            # Only the id matters: the service looks the seat up again within the event.
            enrollment=Enrollment(pk=data["peserta"]) if data["peserta"] else None,
            desk=data["meja"] or "",
            method=CheckInMethod.SEARCH if data["peserta"] else CheckInMethod.QR,
        )
    except DomainError as error:
        return _answer(request, event, day, error=str(error.message), status=200)
    return _answer(request, event, day, result=result)


def _answer(
    request: HttpRequest,
    event: Event,
    day: EventDay | None,
    *,
    result: CheckInResult | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    if request.headers.get("HX-Request") == "true" or day is None:
        context = {"result": result, "error": error}
        return render(request, "training/checkin/_result.html", context, status=status)
    if result is None:
        messages.error(request, error)
    elif result.already:
        messages.warning(request, f"{result.enrollment.asn.full_name}: {result.message}")
    else:
        messages.success(request, f"{result.enrollment.asn.full_name}: {result.message}")
    return redirect(_desk_url(event, day))


@login_required
@require_GET
def checkin_counts(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.desk_event_for(request.user, pk)
    context = {"counts": selectors.day_counts(request.user, event)}
    return render(request, "training/checkin/_counts.html", context)


@login_required
@require_GET
def event_desk_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable desk list of every seated participant, with a QR each."""
    event = selectors.desk_event_for(request.user, pk)
    enrollments = selectors.desk_list(request.user, event)
    pdf = deskpdf.render_desk_list(event, selectors.event_days(event), enrollments)
    # The list carries names and NIPs: who printed it is kept in the trail.
    log_action(
        request.user,
        "peduliham.training.desk_list.downloaded",
        event,
        region_code=event.host_region.code,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="daftar-registrasi-{event.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def event_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a finished event: every participant's completion from the attendance rule."""
    event = selectors.desk_event_for(request.user, pk)
    if request.method == "POST":
        try:
            report = close_event(request.user, event=event)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Kegiatan ditutup: %(completed)d peserta selesai, %(not)d tidak selesai.")
                % {"completed": report.completed, "not": report.not_completed},
            )
        return redirect("training:event_close", pk=event.pk)
    context = {"event": event, "outcomes": selectors.outcome_summary(request.user, event)}
    return render(request, "training/checkin/close.html", context)


urlpatterns: list[URLPattern] = [
    path("tiket/<str:token>/", ticket, name="ticket"),
    path("undangan-saya/", my_invitations, name="my_invitations"),
    path("kegiatan/<int:pk>/registrasi/", checkin_desk, name="checkin_desk"),
    path("kegiatan/<int:pk>/registrasi/catat/", checkin_record, name="checkin_record"),
    path("kegiatan/<int:pk>/registrasi/jumlah/", checkin_counts, name="checkin_counts"),
    path("kegiatan/<int:pk>/daftar-registrasi.pdf", event_desk_pdf, name="event_desk_pdf"),
    path("kegiatan/<int:pk>/tutup/", event_close, name="event_close"),
]
