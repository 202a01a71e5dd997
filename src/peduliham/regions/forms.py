"""Forms for organisation units. They only read input; the services decide and write."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peduliham.core.errors import DomainError
from peduliham.regions.models import OrgUnit, ServiceKind, UnitKind

#: Which form field a service error belongs to; others are shown for the whole form.
ERROR_FIELDS = {
    "name_required": "name",
    "name_taken": "name",
    "invalid_parent": "parent",
    "unit_inactive": "parent",
    "kanwil_misplaced": "kind",
    "kanwil_exists": "kind",
    "tree_too_deep": "parent",
}


class UnitParentChoiceField(forms.ModelChoiceField[OrgUnit]):
    def label_from_instance(self, obj: OrgUnit) -> str:
        # Indent by depth so the list reads as the tree it is.
        return "— " * (obj.depth - 1) + obj.name


class UnitDetailsForm(forms.Form):
    name = forms.CharField(label=_("Nama unit"), max_length=200)
    short_name = forms.CharField(
        label=_("Singkatan"),
        max_length=60,
        required=False,
        help_text=_("Contoh: Dinkes, RSUD, Disdukcapil."),
    )
    service_kind = forms.ChoiceField(
        label=_("Jenis layanan"), choices=ServiceKind.choices, required=False
    )
    is_public_facing = forms.BooleanField(
        label=_("Melayani publik secara langsung"),
        required=False,
        help_text=_("Centang bila warga datang ke unit ini untuk mendapat layanan."),
    )

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's refusal next to the field it concerns, keeping what was typed."""
        field = ERROR_FIELDS.get(error.code)
        self.add_error(field if field in self.fields else None, str(error.message))


def _parent_field(*, required: bool) -> UnitParentChoiceField:
    return UnitParentChoiceField(
        label=_("Unit induk"),
        queryset=OrgUnit.objects.none(),
        required=required,
        empty_label=_("(tidak ada — unit tingkat teratas)"),
    )


class UnitCreateForm(UnitDetailsForm):
    kind = forms.ChoiceField(label=_("Jenis unit"))

    field_order = ["name", "short_name", "kind", "parent", "service_kind", "is_public_facing"]

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        parents: QuerySet[OrgUnit],
        parent_required: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = kinds
        self.fields["parent"] = _parent_field(required=parent_required)
        cast(UnitParentChoiceField, self.fields["parent"]).queryset = parents
        self.order_fields(self.field_order)


class UnitMoveForm(forms.Form):
    def __init__(
        self, *args: Any, parents: QuerySet[OrgUnit], parent_required: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"] = _parent_field(required=parent_required)
        cast(UnitParentChoiceField, self.fields["parent"]).queryset = parents
        self.fields["parent"].label = _("Pindahkan ke bawah unit")

    def add_domain_error(self, error: DomainError) -> None:
        self.add_error("parent" if error.code in ERROR_FIELDS else None, str(error.message))


def unit_kind_choices(*, may_add_kanwil: bool, service_units_only: bool) -> list[tuple[str, str]]:
    """The unit kinds a user may pick when adding a unit."""
    if service_units_only:
        return [(UnitKind.SERVICE_UNIT.value, str(UnitKind.SERVICE_UNIT.label))]
    kinds = [UnitKind.OPD, UnitKind.SERVICE_UNIT] + ([UnitKind.KANWIL] if may_add_kanwil else [])
    return [(kind.value, str(kind.label)) for kind in kinds]
