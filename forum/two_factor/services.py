"""The second factor's devices: enrolment, recovery codes, and checking a code."""

import datetime
import io
import re
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being enrolled: the same key until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, confirmed=False, name=gettext("Authenticator app")
        )
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps that cannot scan the code."""
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The enrolment address as an inline SVG QR code (made here: no outside service)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # The inline <svg> element alone, without the XML declaration.
    return svg[svg.index("<svg") :]


@transaction.atomic
def confirm_authenticator(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code from the app: returns the new recovery codes, or None."""
    if not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user=device.user)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=gettext("Recovery codes"))
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise(code: str) -> str:
    """Codes as people type them: spaces, dashes and capitals ignored, Persian digits read."""
    code = code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))
    return re.sub(r"[\s-]", "", code).lower()


@dataclass
class CodeCheck:
    device: object | None = None
    wait_until: datetime.datetime | None = None


def check_code(user, code: str) -> CodeCheck:
    """Match a code against the user's authenticator (six digits) or recovery codes.

    Each device counts its own failures and makes the next try wait 1, 2, 4 … seconds;
    a throttled device is not tried at all, so guessing gains nothing.
    """
    code = normalise(code)
    model = TOTPDevice if code.isdigit() else StaticDevice
    devices = list(model.objects.filter(user=user, confirmed=True))
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return CodeCheck(wait_until=details and details.get("locked_until"))
    for device in devices:
        if device.verify_token(code):
            return CodeCheck(device=device)
    return CodeCheck()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
