"""Forms of the exam pages: creating an exam and one saved answer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peduliham.assessment.models import ExamKind, Topic
from peduliham.assessment.scoring import split_evenly

#: Questions per test unless the organiser chooses otherwise.
DEFAULT_QUESTIONS = 25
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


def _moment(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )


class ExamCreateForm(forms.Form):
    """The test's kind, window, time limit, pass mark and questions per topic."""

    kind = forms.ChoiceField(label=_("Jenis ujian"), choices=ExamKind.choices)
    opens_at = _moment(_("Dibuka"))
    closes_at = _moment(_("Ditutup"))
    time_limit_minutes = forms.IntegerField(
        label=_("Batas waktu (menit)"), min_value=1, max_value=600, initial=30
    )
    pass_mark = forms.IntegerField(
        label=_("Nilai lulus (%)"), min_value=0, max_value=100, initial=70
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        spread = split_evenly(DEFAULT_QUESTIONS, list(Topic.values))
        for topic in Topic:
            self.fields[f"topic_{topic.value}"] = forms.IntegerField(
                label=topic.label, min_value=0, max_value=100, initial=spread[topic.value]
            )

    def topic_fields(self) -> list[forms.BoundField]:
        return [self[f"topic_{topic.value}"] for topic in Topic]

    def other_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in ("kind", "opens_at", "closes_at", "time_limit_minutes", "pass_mark")
        ]

    def blueprint(self) -> dict[str, int]:
        return {topic.value: self.cleaned_data[f"topic_{topic.value}"] for topic in Topic}


#: The largest id a database key holds (a signed 64-bit integer).
MAX_RECORD_ID = 2**63 - 1


def record_id(value: object) -> int | None:
    """A positive whole number as JSON or a form sends it (`12`, `"12"`, `" 12 "`), or None."""
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if text.isascii() and text.isdigit() else None
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        return None
    return number if number is not None and 0 < number <= MAX_RECORD_ID else None
