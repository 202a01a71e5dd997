from django.urls import path

from peduliham.people import views

app_name = "people"

urlpatterns = [
    path("", views.asn_list, name="list"),
    path("<int:pk>/", views.asn_detail, name="detail"),
    path("ekspor.<str:fmt>", views.asn_export, name="export"),
    path("impor/", views.import_list, name="import_list"),
    path("impor/unggah/", views.import_create, name="import_create"),
    path("impor/<int:pk>/", views.import_detail, name="import_detail"),
    path("impor/<int:pk>/status/", views.import_status, name="import_status"),
    path("impor/<int:pk>/ditolak.csv", views.import_errors, name="import_errors"),
]
