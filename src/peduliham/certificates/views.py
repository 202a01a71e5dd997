"""Certificate pages: an event's certificates for staff, a participant's own, and the
public verification (by QR code, or by number and NIP from a paper copy)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peduliham.certificates import selectors, services
from peduliham.certificates.forms import LookupForm, RevokeForm
from peduliham.certificates.models import Certificate
from peduliham.core.errors import DomainError
from peduliham.training.models import EventStatus

PAGE_SIZE = 50


@login_required
@require_GET
def event_certificates(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Staff: issue, follow the rendering, list, revoke and download an event's certificates."""
    event = selectors.managed_event(request.user, event_pk)
    page = Paginator(selectors.event_certificates(event), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    context = {
        "event": event,
        "page": page,
        "batch": selectors.latest_batch(event),
        "may_issue": event.status == EventStatus.CLOSED,
        "revoke_form": RevokeForm(),
    }
    return render(request, "certificates/event.html", context)


@login_required
@require_POST
def issue(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = selectors.managed_event(request.user, event_pk)
    try:
        batch = services.issue_certificates(request.user, event=event)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Sertifikat diterbitkan; %(count)d berkas PDF sedang dibuat.")
            % {"count": batch.total - batch.done},
        )
    return redirect("certificates:event", event_pk=event.pk)


@never_cache
@login_required
@require_GET
def batch_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the event page polls (HTMX) while the PDFs are made."""
    batch = selectors.batch_for(request.user, pk)
    return render(request, "certificates/batch_status.html", {"batch": batch})


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = selectors.get_managed_certificate(request.user, pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["alasan"][0]))
        return redirect("certificates:event", event_pk=certificate.event_id)
    try:
        services.revoke_certificate(
            request.user, certificate=certificate, reason=form.cleaned_data["alasan"]
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Sertifikat %(number)s dicabut.") % {"number": certificate.number}
        )
    return redirect("certificates:event", event_pk=certificate.event_id)


@login_required
@require_GET
def event_zip(request: HttpRequest, event_pk: int) -> HttpResponseBase:
    """Every valid PDF of the event as one ZIP, streamed from a temporary file."""
    event = selectors.managed_event(request.user, event_pk)
    archive = services.export_event_zip(request.user, event=event)
    return FileResponse(archive, as_attachment=True, filename=f"sertifikat-kegiatan-{event.pk}.zip")


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    certificates = selectors.my_certificates(request.user)
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    certificate = selectors.certificate_for_download(request.user, pk)
    filename = services.zip_member_name(certificate)
    return FileResponse(certificate.pdf.open("rb"), as_attachment=True, filename=filename)


def _public(response: HttpResponse, *, referrer: str = "no-referrer") -> HttpResponse:
    """No search engine indexes holders' names; by default no referrer carries the code
    in the URL (the look-up form keeps same-origin, as the CSRF check needs its Origin)."""
    response["Referrer-Policy"] = referrer
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what a genuine certificate says, and whether it is still valid."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return _public(render(request, "certificates/verify_unknown.html", status=404))
    return _public(_verify_page(request, certificate))


def _verify_page(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "printed": certificate.printed},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Public: find a certificate from a paper copy by its number and the holder's NIP
    (posted, so the NIP stays out of addresses and server logs)."""
    form = LookupForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        page = render(request, "certificates/lookup.html", {"form": form})
        return _public(page, referrer="same-origin")
    certificate = selectors.certificate_by_number(
        form.cleaned_data["nomor"], form.cleaned_data["nip"]
    )
    if certificate is None:
        context = {"form": form, "not_found": True}
        page = render(request, "certificates/lookup.html", context, status=404)
        return _public(page, referrer="same-origin")
    return redirect("certificates:verify", code=certificate.verification_code)


urlpatterns: list[URLPattern] = [
    path("kegiatan/<int:event_pk>/", event_certificates, name="event"),
    path("kegiatan/<int:event_pk>/terbitkan/", issue, name="issue"),
    path("kegiatan/<int:event_pk>/unduh-zip/", event_zip, name="event_zip"),
    path("proses/<int:pk>/", batch_status, name="batch_status"),
    path("<int:pk>/cabut/", revoke, name="revoke"),
    path("<int:pk>/unduh/", download, name="download"),
    path("saya/", mine, name="mine"),
    path("v/<str:code>/", verify, name="verify"),
    path("cari/", lookup, name="lookup"),
]
