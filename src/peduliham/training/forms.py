"""Forms of the program, quota and planner pages. They only parse input; rules live in services."""

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peduliham.regions.models import Region
from peduliham.training.models import AttendanceRule
from peduliham.training.planner import Pace
from peduliham.training.selectors.quotas import QuotaRow
from peduliham.training.services.planning import PlanRequest

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
MAX_PLANNER_EVENTS_PER_PERIOD = 100


class ProgramForm(forms.Form):
    """Opening a yearly program (national admin)."""

    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Nama program"), max_length=200)
    target = forms.IntegerField(
        label=_("Target nasional (jumlah ASN)"), min_value=1, max_value=2_000_000_000
    )
    curriculum = forms.CharField(
        label=_("Kurikulum"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    attendance_rule = forms.ChoiceField(
        label=_("Aturan kehadiran"),
        choices=AttendanceRule.choices,
        initial=AttendanceRule.ALL_DAYS,
    )
    attendance_min_days = forms.IntegerField(
        label=_("Minimal hari hadir"),
        required=False,
        min_value=1,
        max_value=30,
        help_text=_("Hanya untuk aturan hadir minimal sejumlah hari."),
    )


def amount_field_name(key: str) -> str:
    """Form field of a quota row; codes contain dots and paths slashes, both fine in names."""
    return f"jumlah-{key}"


class QuotaAllocationForm(forms.Form):
    """One amount input per child row; the page saves every changed row at once."""

    def __init__(self, *args: Any, rows: Sequence[QuotaRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = tuple(rows)
        for row in self.rows:
            self.fields[amount_field_name(row.key)] = forms.IntegerField(
                label=row.name,
                min_value=0,
                max_value=2_000_000_000,
                initial=row.amount,
                # The page's script works out what is left from the saved amounts.
                widget=forms.NumberInput(attrs={"data-saved": row.amount}),
            )

    def bound_rows(self) -> list[tuple[QuotaRow, forms.BoundField]]:
        return [(row, self[amount_field_name(row.key)]) for row in self.rows]

    def changed_rows(self) -> dict[QuotaRow, int]:
        """Rows whose amount differs from the saved one (an unsaved 0 counts as no change)."""
        amounts = {row: self.cleaned_data[amount_field_name(row.key)] for row in self.rows}
        return {row: amount for row, amount in amounts.items() if amount != row.amount}


class OpdShareForm(forms.Form):
    """The one-click 'percent of each OPD's active ASN' allocation."""

    percent = forms.IntegerField(
        label=_("Persentase dari ASN aktif tiap OPD"), min_value=1, max_value=100, initial=10
    )


class PlannerMode:
    DEADLINE = "tenggat"
    PACE = "laju"


class PlannerForm(forms.Form):
    """Inputs of the planner: an event's size and either a target date or a pace."""

    wilayah = forms.ChoiceField(label=_("Wilayah"), required=False)
    capacity = forms.IntegerField(
        label=_("Kapasitas tempat (orang per kegiatan)"), min_value=1, max_value=100_000
    )
    days_per_event = forms.IntegerField(
        label=_("Lama kegiatan (hari kerja)"), min_value=1, max_value=30, initial=2
    )
    start = forms.DateField(label=_("Mulai paling cepat"), widget=DATE_WIDGET)
    mode = forms.ChoiceField(
        label=_("Rencanakan menurut"),
        choices=[
            (PlannerMode.DEADLINE, _("Tanggal target: semua terlatih sebelum tanggal ini")),
            (PlannerMode.PACE, _("Laju: jumlah kegiatan per minggu atau per bulan")),
        ],
        initial=PlannerMode.DEADLINE,
        widget=forms.RadioSelect,
    )
    deadline = forms.DateField(label=_("Tanggal target"), required=False, widget=DATE_WIDGET)
    events_per_week = forms.IntegerField(
        label=_("Kegiatan per minggu (paling banyak)"),
        required=False,
        min_value=1,
        max_value=MAX_PLANNER_EVENTS_PER_PERIOD,
    )
    events_per_month = forms.IntegerField(
        label=_("Kegiatan per bulan (paling banyak)"),
        required=False,
        min_value=1,
        max_value=MAX_PLANNER_EVENTS_PER_PERIOD,
    )
    gap_days = forms.IntegerField(
        label=_("Jeda antarkegiatan (hari kerja)"), min_value=0, max_value=60, initial=0
    )

    def __init__(self, *args: Any, regions: Sequence[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(region.code, f"{region.code} {region.name}") for region in regions]
        self.fields["wilayah"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: datetime.date | None = cleaned.get("start")
        deadline: datetime.date | None = cleaned.get("deadline")
        if cleaned.get("mode") == PlannerMode.DEADLINE:
            if deadline is None:
                self.add_error("deadline", _("Isi tanggal target."))
            elif start is not None and deadline < start:
                self.add_error("deadline", _("Tanggal target tidak boleh sebelum tanggal mulai."))
        elif cleaned.get("mode") == PlannerMode.PACE and not (
            cleaned.get("events_per_week") or cleaned.get("events_per_month")
        ):
            self.add_error("events_per_month", _("Isi jumlah kegiatan per minggu atau per bulan."))
        return cleaned

    def plan_request(self) -> PlanRequest:
        data = self.cleaned_data
        by_deadline = data["mode"] == PlannerMode.DEADLINE
        return PlanRequest(
            capacity=data["capacity"],
            days_per_event=data["days_per_event"],
            start=data["start"],
            deadline=data["deadline"] if by_deadline else None,
            pace=Pace(
                events_per_week=data["events_per_week"],
                events_per_month=data["events_per_month"],
                gap_days=data["gap_days"],
            ),
        )


class PlannedEventsForm(forms.Form):
    """What the draft events need beyond the plan: the venue and the daily hours."""

    venue = forms.CharField(label=_("Tempat kegiatan"), max_length=200)
    starts_at = forms.TimeField(
        label=_("Jam mulai"),
        initial=datetime.time(8, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    ends_at = forms.TimeField(
        label=_("Jam selesai"),
        initial=datetime.time(16, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", _("Jam selesai harus setelah jam mulai."))
        return cleaned
