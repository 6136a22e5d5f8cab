from django.shortcuts import get_object_or_404, render

from summits.models import Summit


def summit_detail(request, slug):
    summit = get_object_or_404(
        Summit.objects.published()
        .select_related("host_city", "general_assembly", "board_session")
        .prefetch_related("panels"),
        slug=slug,
    )
    return render(request, "summits/summit_detail.html", {"summit": summit})
