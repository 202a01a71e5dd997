from django.contrib import admin
from django.urls import include, path

from peduliham.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/live", core_views.healthz_live, name="healthz_live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("akun/", include("peduliham.accounts.urls")),
    path("wilayah/", include("peduliham.regions.urls")),
    path("asn/", include("peduliham.people.urls")),
    path("pelatihan/", include("peduliham.training.urls")),
    path("penilaian/", include("peduliham.assessment.urls")),
    path("sertifikat/", include("peduliham.certificates.urls")),
    path("audit/", include("peduliham.core.urls")),
    path("", core_views.index, name="index"),
]
