import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from members.models import City
from summits.models import Summit

DATABASE_DOWN = (OperationalError, InterfaceError)


def home(request):
    return render(
        request,
        "forum/home.html",
        {
            "summits": Summit.objects.published().for_listing(),
            "member_count": City.objects.published().members().count(),
        },
    )


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
