"""schema.org JSON-LD embedded in a page, escaped so no text can close the script."""

import json

from django.utils.safestring import mark_safe

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
