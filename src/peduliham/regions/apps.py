from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "peduliham.regions"
    label = "regions"
    verbose_name = _("Wilayah dan unit organisasi")
