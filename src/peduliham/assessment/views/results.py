"""Assessment pages: results, learning gain, item analysis, export, a participant's scores."""

import tempfile
from typing import Final

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET

from peduliham.assessment import results_xlsx
from peduliham.assessment.charts import distribution_chart
from peduliham.assessment.selectors import results as selectors

XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE: Final = 50


@login_required
@require_GET
def event_results(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = selectors.results_event_for(request.user, event_pk)
    results = selectors.event_results(request.user, event)
    context = {
        "event": event,
        "results": results,
        "chart": distribution_chart(results.pre_scores, results.post_scores),
        "page": Paginator(results.people, PER_PAGE).get_page(request.GET.get("halaman")),
    }
    return render(request, "assessment/results/event_results.html", context)


@login_required
@require_GET
def item_analysis(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = selectors.results_event_for(request.user, event_pk)
    exams = selectors.item_analysis(request.user, event)
    return render(
        request, "assessment/results/item_analysis.html", {"event": event, "exams": exams}
    )


@login_required
@require_GET
def results_export(request: HttpRequest, event_pk: int) -> FileResponse:
    event = selectors.results_event_for(request.user, event_pk)
    results = selectors.event_results(request.user, event)
    exams = selectors.item_analysis(request.user, event)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    results_xlsx.write_results_xlsx(results, exams, handle)
    handle.seek(0)
    name = f"hasil-kegiatan-{event.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX_TYPE)


@login_required
@require_GET
def my_result(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_results(request.user)
    return render(request, "assessment/results/my_result.html", {"rows": rows})


urlpatterns: list[URLPattern] = [
    path("kegiatan/<int:event_pk>/hasil/", event_results, name="event_results"),
    path("kegiatan/<int:event_pk>/hasil/xlsx/", results_export, name="results_export"),
    path("kegiatan/<int:event_pk>/analisis-soal/", item_analysis, name="item_analysis"),
    path("hasil-saya/", my_result, name="my_result"),
]
