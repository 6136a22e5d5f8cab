from django.shortcuts import render

from members.models import City
from summits.models import Summit


def home(request):
    return render(
        request,
        "forum/home.html",
        {
            "summits": Summit.objects.published().for_listing(),
            "member_count": City.objects.published().members().count(),
        },
    )
