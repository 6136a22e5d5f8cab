"""The second step of a staff sign-in: enrol an authenticator, or enter a code."""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from common.dates import is_persian, persian_digits
from forum.two_factor import services
from forum.two_factor.forms import CodeForm

RECOVERY_CODES_SESSION_KEY = "two_factor_recovery_codes"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)}, safe='/')}"


def _signed_in_with(request, device) -> None:
    # A new session key once the second factor is in, as after a password sign-in.
    request.session.cycle_key()
    otp_login(request, device)


def _refusal(check) -> str:
    if check.wait_until:
        seconds = max(1, int((check.wait_until - timezone.now()).total_seconds() + 0.999))
        text = ngettext(
            "Too many wrong codes. Try again in %(seconds)d second.",
            "Too many wrong codes. Try again in %(seconds)d seconds.",
            seconds,
        ) % {"seconds": seconds}
        return persian_digits(text) if is_persian(get_language()) else text
    return _("This code is not right. Check the time on your phone and try again.")


def _render(request, template, title, **context):
    return render(
        request,
        template,
        {**admin.site.each_context(request), "title": title, "next": _next(request), **context},
    )


@never_cache
@sensitive_post_parameters("code")
@staff_member_required(login_url="admin:login")
def verify(request):
    """The code page: six digits from the authenticator app, or one recovery code."""
    if not services.has_authenticator(request.user):
        return redirect(_with_next("two_factor:enrol", request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        check = services.check_code(request.user, form.cleaned_data["code"])
        if check.device is not None:
            _signed_in_with(request, check.device)
            return redirect(_next(request))
        form.add_error("code", _refusal(check))
    return _render(
        request,
        "admin/two_factor/verify.html",
        _("Two-step sign-in"),
        form=form,
        recovery_codes_left=services.recovery_codes_left(request.user),
    )


@never_cache
@sensitive_post_parameters("code")
@staff_member_required(login_url="admin:login")
def enrol(request):
    """Set up an authenticator app: scan (or type) the key, confirm with its first code."""
    if services.has_authenticator(request.user):
        # A second authenticator only through a verified session (the admin's device list).
        return redirect(_with_next("two_factor:verify", request))
    device = services.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        allowed, details = device.verify_is_allowed()
        codes = (
            services.confirm_authenticator(device=device, code=form.cleaned_data["code"])
            if allowed
            else None
        )
        if codes:
            _signed_in_with(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect(_with_next("two_factor:recovery_codes", request))
        form.add_error(
            "code", _refusal(services.CodeCheck(wait_until=details and details["locked_until"]))
        )
    return _render(
        request,
        "admin/two_factor/enrol.html",
        _("Set up two-step sign-in"),
        form=form,
        qr_code=services.qr_code_svg(device),
        secret=services.secret_for_typing(device),
    )


@never_cache
@staff_member_required(login_url="admin:login")
def recovery_codes(request):
    """The recovery codes, shown once, right after enrolment."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(_next(request))
    return _render(
        request, "admin/two_factor/recovery_codes.html", _("Your recovery codes"), codes=codes
    )
