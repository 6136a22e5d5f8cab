from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# The admin's own pages that must open before the second factor: signing in and out.
OPEN_ADMIN_VIEWS = {"login", "logout"}


class StaffTwoFactorMiddleware:
    """With STAFF_2FA_REQUIRED, staff reach no admin page until verified with a second factor.

    Runs after django-otp's OTPMiddleware, which sets request.user.is_verified().
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_2FA_REQUIRED:
            return None
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        if match.url_name in OPEN_ADMIN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        query = urlencode({"next": request.get_full_path()}, safe="/")
        return redirect(f"{reverse('two_factor:verify')}?{query}")
