"""Assessment pages: the participant's satisfaction survey and its summary for staff."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from peduliham.assessment.selectors.results import results_event_for
from peduliham.assessment.selectors.survey import participant_survey_for, survey_results
from peduliham.assessment.services.survey import OPEN_STATUSES, submit_survey
from peduliham.assessment.survey_items import COMMENT_LABEL, COMMENT_MAX_LENGTH, ITEMS, SCALE
from peduliham.core.errors import DomainError


class SurveyForm(forms.Form):
    """One row of radios (1-5) per statement, then the free text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.key] = forms.TypedChoiceField(
                label=str(item.text),
                choices=[(value, f"{value} \u2013 {label}") for value, label in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.fields["comment"] = forms.CharField(
            label=COMMENT_LABEL,
            required=False,
            max_length=COMMENT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def ratings(self) -> dict[str, int]:
        return {item.key: self.cleaned_data[item.key] for item in ITEMS}


@login_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, event_pk: int) -> HttpResponse:
    state = participant_survey_for(request.user, event_pk)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and state.response is None and form.is_valid():
        try:
            submit_survey(
                request.user,
                event=state.event,
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Terima kasih, survei Anda sudah kami terima."))
            return redirect("assessment:my_result")
    context = {"state": state, "form": form, "is_open": state.event.status in OPEN_STATUSES}
    return render(request, "assessment/survey/survey_form.html", context)


@login_required
@require_GET
def survey_summary(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = results_event_for(request.user, event_pk)
    summary = survey_results(request.user, event)
    context = {"summary": summary, "scale": SCALE}
    return render(request, "assessment/survey/survey_results.html", context)


urlpatterns: list[URLPattern] = [
    path("kegiatan/<int:event_pk>/survei/", survey, name="survey"),
    path("kegiatan/<int:event_pk>/survei/hasil/", survey_summary, name="survey_results"),
]
