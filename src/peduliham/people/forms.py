"""Forms of the ASN registry pages: the list filters and the file upload."""

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peduliham.core.errors import DomainError
from peduliham.people.grades import PNS_RANKS, PPPK_GRADES
from peduliham.people.models import EmploymentKind, PositionKind
from peduliham.people.uploads import ALLOWED_SUFFIXES
from peduliham.regions.models import OrgUnit, Region

ACTIVE_CHOICES = [
    ("aktif", _("Aktif")),
    ("nonaktif", _("Tidak aktif")),
    ("semua", _("Semua")),
]
ACTIVE_VALUES: dict[str, bool | None] = {"aktif": True, "nonaktif": False, "semua": None}
TRAINED_CHOICES = [
    ("", _("Semua")),
    ("sudah", _("Sudah dilatih")),
    ("belum", _("Belum dilatih")),
]
TRAINED_VALUES: dict[str, bool | None] = {"": None, "sudah": True, "belum": False}


class UnitChoiceField(forms.ModelChoiceField[OrgUnit]):
    def label_from_instance(self, obj: OrgUnit) -> str:
        parent = obj.parent
        return f"{obj.name} ({parent.name})" if parent is not None else obj.name


class RegionChoiceField(forms.ModelChoiceField[Region]):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.code} {obj.name}"


class ASNFilterForm(forms.Form):
    """Search and filters of the ASN list (and of its export)."""

    q = forms.CharField(
        label=_("Cari NIP atau nama"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    region = RegionChoiceField(
        label=_("Wilayah"),
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Semua wilayah"),
        help_text=_("Pilih wilayah untuk menyaring menurut unit kerjanya."),
    )
    unit = UnitChoiceField(
        label=_("Unit kerja"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
    )
    rank = forms.ChoiceField(label=_("Golongan"), required=False)
    employment_kind = forms.ChoiceField(label=_("Jenis ASN"), required=False)
    position_kind = forms.ChoiceField(label=_("Jenis jabatan"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)
    trained = forms.ChoiceField(
        label=_("Pelatihan HAM"),
        required=False,
        choices=TRAINED_CHOICES,
        help_text=_("Sudah dilatih: menyelesaikan kegiatan pelatihan HAM mana pun."),
    )

    def __init__(
        self, *args: Any, regions: QuerySet[Region], units: QuerySet[OrgUnit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if regions.exists():
            cast(RegionChoiceField, self.fields["region"]).queryset = regions
        else:
            del self.fields["region"]
        if units.exists():
            cast(UnitChoiceField, self.fields["unit"]).queryset = units
        else:
            del self.fields["unit"]
        every = [("", _("Semua"))]
        ranks = [(rank, rank) for rank in (*PNS_RANKS, *PPPK_GRADES)]
        self._set_choices("rank", every + ranks)
        self._set_choices("employment_kind", every + list(EmploymentKind.choices))
        kinds = [(value, label) for value, label in PositionKind.choices if value]
        self._set_choices("position_kind", every + kinds)

    def _set_choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `selectors.asn_for` (call after is_valid)."""
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "region": data.get("region"),
            "unit": data.get("unit"),
            "rank": data.get("rank") or "",
            "employment_kind": data.get("employment_kind") or "",
            "position_kind": data.get("position_kind") or "",
            "active": ACTIVE_VALUES[data.get("status") or "aktif"],
            "trained": TRAINED_VALUES[data.get("trained") or ""],
        }


class ASNImportForm(forms.Form):
    """Upload of a registry file; the national admin also names the region."""

    region_code = forms.CharField(
        label=_("Kode wilayah"),
        max_length=20,
        help_text=_("Kode Kemendagri kabupaten/kota, mis. 15.71."),
    )
    file = forms.FileField(
        label=_("Berkas registri ASN"),
        help_text=_("Berkas .csv, .xlsx atau .xls hasil ekspor SIASN atau BKPSDM."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )
    dry_run = forms.BooleanField(
        label=_("Uji coba saja (tidak ada yang disimpan)"),
        required=False,
    )
    create_units = forms.BooleanField(
        label=_("Buat unit kerja yang belum ada"),
        required=False,
        help_text=_("Tanpa ini, baris dengan unit kerja yang tidak dikenal ditolak."),
    )

    def __init__(
        self, *args: Any, regions: QuerySet[Region], fixed: Region | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.regions = regions
        self.fixed_region = fixed
        if fixed is not None:
            del self.fields["region_code"]

    def clean_region_code(self) -> Region:
        code = self.cleaned_data["region_code"].strip()
        region = self.regions.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(
                _("Wilayah %(code)s tidak ditemukan."), code="unknown_region", params={"code": code}
            )
        return region

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("Jenis berkas %(suffix)s tidak didukung; unggah berkas .csv, .xlsx atau .xls."),
                code="file_type",
                params={"suffix": suffix or _("(tanpa akhiran)")},
            )
        return upload

    def region(self) -> Region:
        """The region to import into (call after is_valid)."""
        if self.fixed_region is not None:
            return self.fixed_region
        return cast(Region, self.cleaned_data["region_code"])

    def add_domain_error(self, error: DomainError) -> None:
        self.add_error(None, str(error.message))
