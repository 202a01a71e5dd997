"""Training URLs under /pelatihan/; each page module lists its own routes."""

from peduliham.training.views import checkin, coverage, events, planner, programs

app_name = "training"

urlpatterns = [
    *programs.urlpatterns,
    *events.urlpatterns,
    *checkin.urlpatterns,
    *coverage.urlpatterns,
    *planner.urlpatterns,
]
