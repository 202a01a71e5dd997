from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peduliham.accounts.scoping import scope_for


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    regions = scope_for(request.user).regions().order_by("code")[:100]
    return render(request, "regions/region_list.html", {"regions": regions})
