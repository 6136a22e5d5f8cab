from django.core.paginator import Paginator
from django.shortcuts import render

from members.forms import DirectoryFilterForm
from members.models import City

CITIES_PER_PAGE = 24


def nearest_page(raw) -> int:
    """A page number as asked, else the nearest one: below 1 is the first page, past the
    end is the last (Paginator.get_page), and what is no number at all is the first."""
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


def directory(request):
    form = DirectoryFilterForm(
        request.GET or None, country_codes=list(City.objects.public().countries())
    )
    cities = form.filter(City.objects.directory()) if form.is_bound else City.objects.directory()
    page = Paginator(cities, CITIES_PER_PAGE).get_page(nearest_page(request.GET.get("page")))
    return render(request, "members/directory.html", {"form": form, "page": page})
