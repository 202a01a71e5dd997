"""Forms of the event and selection pages. They only parse input; rules live in services."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import AttendanceRule, EventStatus, PostTestRule, Program
from peduliham.training.services.events import DaySpec

DAY_ROWS = 3
MAX_DAYS = 10
MAX_CAPACITY = 100_000
MAX_SEED = 2**63 - 1


class RegionChoiceField(forms.ModelChoiceField[Region]):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.code} {obj.name}"


class EventForm(forms.Form):
    """An event's details; its days come from DayFormSet beside it."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none())
    title = forms.CharField(label=_("Judul kegiatan"), max_length=200)
    host_region = RegionChoiceField(
        label=_("Wilayah penyelenggara"), queryset=Region.objects.none()
    )
    co_hosts = forms.ModelMultipleChoiceField(
        label=_("Penyelenggara bersama"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Misalnya Kantor Wilayah Kementerian HAM provinsi."),
    )
    venue = forms.CharField(label=_("Tempat"), max_length=200)
    capacity = forms.IntegerField(label=_("Kapasitas"), min_value=1, max_value=MAX_CAPACITY)
    attendance_rule = forms.ChoiceField(
        label=_("Aturan kehadiran"),
        required=False,
        choices=[("", _("Ikuti aturan program")), *AttendanceRule.choices],
    )
    attendance_min_days = forms.IntegerField(
        label=_("Minimal hari hadir"),
        required=False,
        min_value=1,
        max_value=MAX_DAYS,
        help_text=_("Hanya untuk aturan \u201chadir minimal sejumlah hari\u201d."),
    )
    post_test_rule = forms.ChoiceField(
        label=_("Syarat post-test untuk selesai"),
        required=False,
        choices=PostTestRule.choices,
        initial=PostTestRule.NONE,
        widget=forms.RadioSelect,
        help_text=_("Berlaku di samping aturan kehadiran saat kegiatan ditutup."),
    )

    def __init__(
        self,
        *args: Any,
        programs: QuerySet[Program],
        regions: QuerySet[Region],
        co_hosts: QuerySet[OrgUnit],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["program"]
        else:
            cast(forms.ModelChoiceField[Program], self.fields["program"]).queryset = programs
        cast(RegionChoiceField, self.fields["host_region"]).queryset = regions
        cast(forms.ModelMultipleChoiceField[OrgUnit], self.fields["co_hosts"]).queryset = co_hosts

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of create_event/update_event (minus days)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "host_region": data["host_region"],
            "venue": data["venue"],
            "capacity": data["capacity"],
            "co_hosts": list(data["co_hosts"]),
            "attendance_rule": data["attendance_rule"] or None,
            "attendance_min_days": data["attendance_min_days"],
            "post_test_rule": data["post_test_rule"] or PostTestRule.NONE,
        }


class DayForm(forms.Form):
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    starts_at = forms.TimeField(
        label=_("Jam mulai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("Jam selesai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


DayFormSet = forms.formset_factory(DayForm, extra=DAY_ROWS, max_num=MAX_DAYS, validate_max=True)


def day_specs(formset: forms.BaseFormSet[DayForm]) -> list[DaySpec]:
    """The filled-in rows of a valid day formset (blank rows are skipped)."""
    return [
        DaySpec(
            form.cleaned_data["date"], form.cleaned_data["starts_at"], form.cleaned_data["ends_at"]
        )
        for form in formset.forms
        if form.cleaned_data
    ]


class EventFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *EventStatus.choices],
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=EventStatus.choices)


class SelectForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Benih acak (opsional)"),
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text=_(
            "Isi dengan benih seleksi sebelumnya untuk mengulang hasil yang sama; "
            "kosongkan untuk benih baru."
        ),
    )


class ReplacementForm(forms.Form):
    """A replacement picked by NIP, for a swap (admin) or a replacement (OPD admin)."""

    enrollment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    nip = forms.RegexField(
        label=_("NIP pengganti"),
        regex=r"^\d{18}$",
        error_messages={"invalid": _("NIP terdiri dari 18 angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ConfirmForm(forms.Form):
    enrollment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
