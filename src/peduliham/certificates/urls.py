"""Certificate URLs under /sertifikat/ (public verification included)."""

from peduliham.certificates.views import urlpatterns

app_name = "certificates"

__all__ = ["app_name", "urlpatterns"]
