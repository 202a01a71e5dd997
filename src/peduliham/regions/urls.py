from django.urls import path, register_converter

from peduliham.regions import views


class RegionCodeConverter:
    """A Kemendagri code: `15` for a province, `15.71` for a kabupaten/kota."""

    regex = r"\d{2}(?:\.\d{2})*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegionCodeConverter, "region_code")

app_name = "regions"

urlpatterns = [
    path("", views.region_list, name="list"),
    path("<region_code:code>/", views.region_detail, name="detail"),
    path("<region_code:code>/unit/tambah/", views.unit_create, name="unit_create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("unit/<int:pk>/pindahkan/", views.unit_move, name="unit_move"),
    path("unit/<int:pk>/nonaktifkan/", views.unit_deactivate, name="unit_deactivate"),
]
