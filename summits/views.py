from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.ical import CalendarEvent, calendar
from summits import selectors
from summits.models import Summit


def _event_data(summit, request):
    """schema.org Event for a summit."""
    url = request.build_absolute_uri(summit.get_absolute_url())
    city = summit.public_host_city
    location = {"@type": "Place", "name": summit.venue or (city.name if city else "")}
    if city:
        location["address"] = {
            "@type": "PostalAddress",
            "addressLocality": city.name,
            "addressCountry": city.country.code,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": summit.title,
        "url": url,
        "startDate": summit.start_date.isoformat(),
        "endDate": summit.last_day.isoformat(),
        "inLanguage": get_language(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": {
            "in_person": "https://schema.org/OfflineEventAttendanceMode",
            "online": "https://schema.org/OnlineEventAttendanceMode",
            "hybrid": "https://schema.org/MixedEventAttendanceMode",
        }[summit.format],
        "location": location,
        "organizer": {"@type": "Organization", "name": _("Asian Mayors Forum")},
    }
    if summit.slogan:
        data["description"] = summit.slogan
    return data


def summit_list(request):
    summits = list(selectors.summits_for_listing())
    return render(request, "summits/summit_list.html", {"summits": summits})


def summit_detail(request, slug):
    summit = get_object_or_404(selectors.summits_for_page(), slug=slug)
    return render(
        request,
        "summits/summit_detail.html",
        {"summit": summit, "structured_data": _event_data(summit, request)},
    )


def _calendar_event(summit, request):
    city = summit.public_host_city
    return CalendarEvent(
        uid=f"summit-{summit.slug}@{request.get_host()}",
        summary=summit.title,
        first_day=summit.start_date,
        last_day=summit.last_day,
        url=request.build_absolute_uri(summit.get_absolute_url()),
        # Both languages' titles, whichever calendar the reader uses.
        description="\n".join(
            text for text in (summit.title_fa, summit.title_en, summit.slogan) if text
        ),
        location=", ".join(text for text in (summit.venue, city.name if city else "") if text),
        stamp=summit.updated_at,
        language=get_language(),
    )


def _ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def summit_ics(request, slug):
    summit = get_object_or_404(Summit.objects.public().select_related("host_city"), slug=slug)
    text = calendar([_calendar_event(summit, request)], name=summit.title, language=get_language())
    return _ics_response(text, f"{summit.slug}.ics")


def calendar_feed(request):
    summits = Summit.objects.public().select_related("host_city").order_by("start_date")
    text = calendar(
        [_calendar_event(summit, request) for summit in summits],
        name=_("Asian Mayors Forum summits"),
        language=get_language(),
    )
    return _ics_response(text, "summits.ics")


def board(request):
    return render(
        request,
        "summits/board.html",
        {
            "terms": list(selectors.board_terms()),
            "sessions": list(selectors.board_sessions()),
        },
    )
