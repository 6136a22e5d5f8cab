from django.shortcuts import get_object_or_404, render

from members.models import City


def city_detail(request, slug):
    city = get_object_or_404(City.objects.published().prefetch_related("memberships"), slug=slug)
    return render(request, "members/city_detail.html", {"city": city})
