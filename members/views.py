from django.core.paginator import Paginator
from django.shortcuts import render

from members.forms import DirectoryFilterForm
from members.models import City

CITIES_PER_PAGE = 24


def directory(request):
    form = DirectoryFilterForm(
        request.GET or None, country_codes=list(City.objects.public().countries())
    )
    cities = form.filter(City.objects.directory()) if form.is_bound else City.objects.directory()
    page = Paginator(cities, CITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "members/directory.html", {"form": form, "page": page})
