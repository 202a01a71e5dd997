"""Assessment URLs under /penilaian/; each page module lists its own routes."""

from peduliham.assessment.views import bank, exams, results, survey

app_name = "assessment"

urlpatterns = [
    *bank.urlpatterns,
    *exams.urlpatterns,
    *results.urlpatterns,
    *survey.urlpatterns,
]
