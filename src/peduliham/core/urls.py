from django.urls import path

from peduliham.core import views

app_name = "core"

urlpatterns = [
    path("", views.audit_list, name="audit"),
    path("<int:pk>/", views.audit_detail, name="audit_detail"),
]
