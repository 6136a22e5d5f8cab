"""Requests refused before any view sees them."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _


class RejectNullCharacterMiddleware:
    """A null character in a query parameter is a 400 naming the parameter.

    PostgreSQL cannot hold or compare text with a null character; without this,
    every search box and filter would have to catch it or fail with a 500. The API
    answers in JSON (`{"search": ["…"]}`), as its other bad parameters do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return self.refuse(request, name.replace("\x00", "\N{REPLACEMENT CHARACTER}"))
        return self.get_response(request)

    def refuse(self, request, name):
        message = _("The parameter “%(name)s” holds a null character.") % {"name": name}
        if request.path.startswith("/api/"):
            return JsonResponse({name: [message]}, status=400)
        return HttpResponseBadRequest(
            loader.render_to_string("400.html", {"message": message}, request=None)
        )
