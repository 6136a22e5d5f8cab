"""Pages that belong to the whole site and pages that join members and summits."""

import csv
import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve

from common.text import strip_control_characters
from common.uploads import content_type
from forum.models import ReportedFigure
from forum.search import MAX_QUERY_LENGTH, search_everything
from forum.statistics import membership_over_time
from members.forms import DirectoryFilterForm
from members.models import City, Membership, Position
from summits import selectors
from summits.models import GeneralAssembly

DATABASE_DOWN = (OperationalError, InterfaceError)


def _organisation_data(request):
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": _("Asian Mayors Forum"),
        "alternateName": ["مجمع شهرداران آسیایی", "Asian Mayors Forum", "AMF"],
        "url": request.build_absolute_uri(reverse("home")),
    }


def home(request):
    summits, featured = selectors.summits_for_home()
    figures = (
        City.objects.public()
        .members()
        .aggregate(cities=Count("pk", distinct=True), countries=Count("country", distinct=True))
    )
    assemblies = (
        GeneralAssembly.objects.public()
        .filter(summit__start_date__lte=timezone.localdate())
        .count()
    )
    return render(
        request,
        "forum/home.html",
        {
            # What the forum said of its size, beside what the registry documents.
            "reported_figure": ReportedFigure.objects.with_sources().first(),
            "summits": summits,
            "featured": featured,
            "member_count": figures["cities"],
            "country_count": figures["countries"],
            "assembly_count": assemblies,
            "structured_data": _organisation_data(request),
        },
    )


def statistics(request):
    data = membership_over_time(translation.get_language())
    return render(
        request,
        "forum/statistics.html",
        {"rows": data.rows, "figures": data.figures, "chart": data.chart},
    )


@require_GET
def statistics_csv(request):
    """The table of the statistics page, in Latin digits and Gregorian years whatever the
    page's language: a file for spreadsheets and scripts."""
    data = membership_over_time("en")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="membership.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["year", "registry_member_cities", "reported_figure", "qualifier", "source_url"]
    )
    for row in data.rows:
        figure = row.figure
        writer.writerow(
            [
                row.year,
                row.registry,
                figure.member_cities if figure else "",
                figure.qualifier if figure else "",
                " ".join(source.url for source in figure.sources.all()) if figure else "",
            ]
        )
    return response


def _city_data(city, request):
    """schema.org City (a Place)."""
    data = {
        "@context": "https://schema.org",
        "@type": "City",
        "name": city.name,
        "url": request.build_absolute_uri(city.get_absolute_url()),
        "address": {"@type": "PostalAddress", "addressCountry": city.country.code},
        "memberOf": {"@type": "Organization", "name": _("Asian Mayors Forum")},
    }
    if city.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.website:
        data["sameAs"] = city.website
    return data


CITIES_PER_PAGE = 24


def nearest_page(raw) -> int:
    """A page number as asked, else the nearest one: below 1 is the first page, past the
    end is the last (Paginator.get_page), and what is no number at all is the first."""
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


def directory(request):
    """Members now by default, every city on record with ?show=all (each not a member saying
    what links it to the forum), or the members on a day with ?on=."""
    form = DirectoryFilterForm(request.GET, country_codes=list(City.objects.public().countries()))
    # A day asked for but not understood lists nothing rather than another day's members.
    day_error = "on" in form.errors
    cities = City.objects.none() if day_error else form.cities(City.objects)
    page = Paginator(cities, CITIES_PER_PAGE).get_page(nearest_page(request.GET.get("page")))
    others = [city.pk for city in page.object_list if not city.is_current_member]
    links = selectors.city_links(others) if others and form.day is None else {}
    for city in page.object_list:
        city.forum_link = links.get(city.pk, "")
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page": page,
            "day": form.day,
            "shows_all": form.shows_all and form.day is None,
            "day_error": day_error,
        },
        status=400 if day_error else 200,
    )


def city_profile(request, slug):
    positions = (
        Position.objects.public()
        .select_related("person")
        .prefetch_related("sources")
        .order_by("-started_on")
    )
    city = get_object_or_404(
        City.objects.public()
        .with_current_membership()
        .prefetch_related(
            "sources",
            Prefetch(
                "memberships", queryset=Membership.objects.public().prefetch_related("sources")
            ),
            Prefetch("positions", queryset=positions),
            Prefetch("board_seats", queryset=selectors.city_board_seats()),
        ),
        slug=slug,
    )
    return render(
        request,
        "members/city_detail.html",
        {
            "city": city,
            "participations": list(selectors.city_summit_participations(city)),
            "talks": list(selectors.city_talks(city)),
            "sessions": list(selectors.city_board_sessions(city)),
            "structured_data": _city_data(city, request),
        },
    )


def search(request):
    # Shown again in the box and the title: no direction override may reorder them.
    text = strip_control_characters(request.GET.get("q", "")).strip()
    too_long = len(text) > MAX_QUERY_LENGTH
    groups = [] if too_long else search_everything(text)
    return render(
        request,
        "forum/search.html",
        {
            "q": text,
            "too_long": too_long,
            "groups": groups,
            "total": sum(len(group.results) for group in groups),
        },
    )


def bare(request):
    """A trivial answer through the whole middleware: `make bench` compares pages with it."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /fa/admin/",
        "Disallow: /en/admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def media(request, path):
    """Uploaded files, each with the content type of its verified kind (common.uploads).

    `nosniff` and a sandboxing Content-Security-Policy keep a browser from running
    anything in a file as a page; office files are downloaded, not opened.
    """
    kind = content_type(path)
    if kind is None:
        raise Http404
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = kind
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    inline = kind == "application/pdf" or kind.startswith("image/")
    response["Content-Disposition"] = "inline" if inline else "attachment"
    return response


def healthz(request):
    """For a load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("select 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 handler; a lost database connection is a 503 the client may retry."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request):
    message = _("The registry is briefly unavailable. Please try again in a moment.")
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"detail": str(message), "code": "database_unavailable"}, status=503
        )
    else:
        # Rendered without context processors: nothing here may need the database.
        response = HttpResponse(
            loader.render_to_string("503.html", {"message": message}), status=503
        )
    response["Retry-After"] = "10"
    return response
