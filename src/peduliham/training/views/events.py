"""Training pages: events, their participants and the fair selection. Thin: services decide."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, RegionKind, UnitKind
from peduliham.training.forms_events import (
    ConfirmForm,
    DayFormSet,
    EventFilterForm,
    EventForm,
    ReplacementForm,
    SelectForm,
    TransitionForm,
    day_specs,
)
from peduliham.training.models import EnrollmentStatus, Event, EventStatus, ProgramStatus
from peduliham.training.selectors.events import (
    enrollments_for,
    event_for,
    events_for,
    selection_summary,
)
from peduliham.training.selectors.quotas import programs_for
from peduliham.training.services import enrolment, events

EVENTS_PER_PAGE = 25
PARTICIPANTS_PER_PAGE = 50


def _managed_event(request: HttpRequest, pk: int) -> Event:
    """An event in scope (else 404) that the user's role runs (else 403)."""
    event = event_for(request.user, pk)
    if not events.may_manage_events(request.user):
        raise Forbidden(_("Anda tidak berwenang mengelola kegiatan."))
    return event


def _form_choices(user: Any) -> dict[str, Any]:
    """The programs, host regions and co-hosts an event form offers this user."""
    scope = scope_for(user)
    kinds = [RegionKind.PROVINCE, RegionKind.KABUPATEN, RegionKind.KOTA]
    regions = scope.regions().filter(valid_until__isnull=True, kind__in=kinds).order_by("code")
    kanwil = OrgUnit.objects.filter(kind=UnitKind.KANWIL, is_active=True)
    if scope.level is ScopeLevel.REGION:
        province = scope.region_code.split(".")[0]
        own = scope.units().filter(parent__isnull=True, is_active=True)
        co_hosts: QuerySet[OrgUnit] = OrgUnit.objects.filter(
            Q(pk__in=own) | Q(pk__in=kanwil.filter(region__code=province))
        )
    else:
        co_hosts = kanwil
    return {
        "programs": programs_for(user).filter(status=ProgramStatus.OPEN),
        "regions": regions,
        "co_hosts": co_hosts.select_related("region").order_by("kind", "name"),
    }


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(events_for(request.user, status=status), EVENTS_PER_PAGE).get_page(
        request.GET.get("halaman")
    )
    context = {"form": form, "page": page, "may_manage": events.may_manage_events(request.user)}
    return render(request, "training/events/event_list.html", context)


def _save_event(request: HttpRequest, event: Event | None) -> HttpResponse:
    """The create and edit pages: one form for the details and a formset for the days."""
    if not events.may_manage_events(request.user):
        raise Forbidden(_("Anda tidak berwenang mengelola kegiatan."))
    posted = request.POST if request.method == "POST" else None
    form = EventForm(
        posted, initial=_initial(event), editing=event is not None, **_form_choices(request.user)
    )
    days = DayFormSet(posted, prefix="hari", initial=_initial_days(event))
    if posted is not None and form.is_valid() and days.is_valid():
        try:
            event = _call_service(request, event, form, days)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Kegiatan disimpan."))
            return redirect("training:event_detail", pk=event.pk)
    context = {"form": form, "days": days, "event": event}
    status = 400 if posted is not None else 200
    return render(request, "training/events/event_form.html", context, status=status)


def _call_service(request: HttpRequest, event: Event | None, form: EventForm, days: Any) -> Event:
    arguments = form.service_arguments()
    if event is None:
        return events.create_event(
            request.user,
            program=form.cleaned_data["program"],
            days=day_specs(days),
            **arguments,
        )
    return events.update_event(request.user, event=event, days=day_specs(days), **arguments)


def _initial(event: Event | None) -> dict[str, Any]:
    if event is None:
        return {}
    return {
        "title": event.title,
        "host_region": event.host_region_id,
        "venue": event.venue,
        "capacity": event.capacity,
        "co_hosts": list(event.co_hosts.values_list("pk", flat=True)),
        "attendance_rule": event.attendance_rule,
        "attendance_min_days": event.attendance_min_days,
        "post_test_rule": event.post_test_rule,
    }


def _initial_days(event: Event | None) -> list[dict[str, Any]]:
    if event is None:
        return []
    return [
        {"date": day.date, "starts_at": day.starts_at, "ends_at": day.ends_at}
        for day in event.days.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    return _save_event(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_event(request, _managed_event(request, pk))


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request.user, pk)
    user: Any = request.user
    may_manage = events.may_manage_events(user)
    context = {
        "event": event,
        "days": event.days.all(),
        "co_hosts": event.co_hosts.order_by("name"),
        "summary": selection_summary(event),
        "replaced": event.enrollments.filter(status=EnrollmentStatus.REPLACED).count(),
        "may_manage": may_manage,
        "is_opd_admin": user.role == Role.OPD_ADMIN,
        "transitions": [
            (status, EventStatus(status).label)
            for status in events.allowed_transitions(event)
            if status != EventStatus.CLOSED
        ]
        if may_manage
        else [],
        "editable": event.status in events.EDITABLE_STATUSES,
    }
    return render(request, "training/events/event_detail.html", context)


def _run(request: HttpRequest, action: Any, success: str) -> None:
    """Call a service; its domain errors become messages (a permission error a 403)."""
    try:
        action()
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)


@login_required
@require_POST
def event_transition(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Status tujuan tidak dikenal."))
        return redirect("training:event_detail", pk=event.pk)
    to = form.cleaned_data["to"]
    _run(
        request,
        lambda: events.transition_event(request.user, event=event, to=to),
        _("Status kegiatan menjadi %(status)s.") % {"status": EventStatus(to).label},
    )
    return redirect("training:event_detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_select(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    form = SelectForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        if form.is_valid():
            seed = form.cleaned_data["seed"]
            _run(
                request,
                lambda: enrolment.select_participants(request.user, event=event, seed=seed),
                _("Peserta telah dipilih."),
            )
            return redirect("training:event_select", pk=event.pk)
        messages.error(request, _("Benih acak harus bilangan bulat 0 atau lebih."))
    event.refresh_from_db()
    context = {"event": event, "form": form, "summary": selection_summary(event)}
    status = 400 if form.is_bound else 200
    return render(request, "training/events/event_select.html", context, status=status)


@login_required
@require_GET
def event_participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request.user, pk)
    user: Any = request.user
    if not (events.may_manage_events(user) or user.role == Role.OPD_ADMIN):
        raise Forbidden(_("Anda tidak berwenang melihat daftar peserta."))
    search = request.GET.get("q", "")[:100]
    rows = enrollments_for(user, event, search=search)
    page = Paginator(rows, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("halaman"))
    may_swap = (
        events.may_manage_events(user)
        and event.status in events.EDITABLE_STATUSES
        and event.invitations_sent_at is None
    )
    context = {"event": event, "page": page, "search": search, "may_swap": may_swap}
    return render(request, "training/events/event_participants.html", context)


def _replacement(event: Event, nip: str) -> ASN | None:
    regions = enrolment.host_region_ids(event)
    return ASN.objects.select_related("org_unit").filter(nip=nip, region_id__in=regions).first()


def _replace_from_form(request: HttpRequest, event: Event, service: Any, success: str) -> None:
    """Parse a ReplacementForm and call `service` (swap_participant or replace_nominee)."""
    form = ReplacementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi NIP pengganti dengan 18 angka."))
        return
    enrollment = (
        enrollments_for(request.user, event)
        .select_related("event__host_region", "opd__region")
        .filter(pk=form.cleaned_data["enrollment"])
        .first()
    )
    if enrollment is None:
        raise Http404
    replacement = _replacement(event, form.cleaned_data["nip"])
    if replacement is None:
        messages.error(request, _("NIP tidak ditemukan di wilayah penyelenggara."))
        return
    _run(
        request,
        lambda: service(request.user, enrollment=enrollment, replacement=replacement),
        success,
    )


@login_required
@require_POST
def enrollment_swap(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    _replace_from_form(request, event, enrolment.swap_participant, _("Peserta telah diganti."))
    return redirect("training:event_participants", pk=event.pk)


def _opd_admin_event(request: HttpRequest, pk: int) -> Event:
    event = event_for(request.user, pk)
    if getattr(request.user, "role", None) != Role.OPD_ADMIN:
        raise Forbidden(_("Halaman ini untuk admin OPD."))
    return event


@login_required
@require_http_methods(["GET", "POST"])
def opd_nominees(request: HttpRequest, pk: int) -> HttpResponse:
    event = _opd_admin_event(request, pk)
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            _confirm_from_form(request, event)
        else:
            _replace_from_form(
                request, event, enrolment.replace_nominee, _("Nominasi telah diganti.")
            )
        return redirect("training:opd_nominees", pk=event.pk)
    context = {
        "event": event,
        "rows": enrollments_for(request.user, event),
        "open": event.status in events.EDITABLE_STATUSES and event.invitations_sent_at is None,
    }
    return render(request, "training/events/opd_nominees.html", context)


def _confirm_from_form(request: HttpRequest, event: Event) -> None:
    form = ConfirmForm(request.POST)
    enrollment = (
        enrollments_for(request.user, event)
        .select_related("event", "opd__region")
        .filter(pk=form.cleaned_data["enrollment"] if form.is_valid() else 0)
        .first()
    )
    if enrollment is None:
        raise Http404
    _run(
        request,
        lambda: enrolment.confirm_nominee(request.user, enrollment=enrollment),
        _("Nominasi dikonfirmasi."),
    )


@login_required
@require_POST
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    base_url = request.build_absolute_uri("/")
    _run(
        request,
        lambda: enrolment.send_invitations(request.user, event=event, base_url=base_url),
        _("Undangan sedang dikirim kepada peserta."),
    )
    return redirect("training:event_detail", pk=event.pk)


urlpatterns: list[URLPattern] = [
    path("kegiatan/", event_list, name="event_list"),
    path("kegiatan/baru/", event_create, name="event_create"),
    path("kegiatan/<int:pk>/", event_detail, name="event_detail"),
    path("kegiatan/<int:pk>/ubah/", event_edit, name="event_edit"),
    path("kegiatan/<int:pk>/status/", event_transition, name="event_transition"),
    path("kegiatan/<int:pk>/seleksi/", event_select, name="event_select"),
    path("kegiatan/<int:pk>/peserta/", event_participants, name="event_participants"),
    path("kegiatan/<int:pk>/peserta/ganti/", enrollment_swap, name="enrollment_swap"),
    path("kegiatan/<int:pk>/nominasi/", opd_nominees, name="opd_nominees"),
    path("kegiatan/<int:pk>/undangan/", event_invite, name="event_invite"),
]
