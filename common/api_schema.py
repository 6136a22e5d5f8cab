"""The OpenAPI description every operation shares: language, conditional requests, errors."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from common.api import LANGUAGES

# -- OpenAPI ---------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: `detail`, or each bad parameter with its reasons.",
    "additionalProperties": True,
}
CONDITIONAL_HEADERS = [
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="Send it back as If-None-Match to get 304 while nothing changed.",
    ),
    OpenApiParameter(
        "Last-Modified",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="When this list or record last changed (HTTP date).",
    ),
    OpenApiParameter(
        "Content-Language",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=True,
        description="fa or en: the language of the plain translated fields.",
    ),
    OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[429],
        description="Seconds to wait before the next request.",
    ),
]
REQUEST_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=list(LANGUAGES),
        description="Language of the plain translated fields (else Accept-Language, else fa). "
        "Both languages are always in the `*_i18n` fields.",
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="Used when `lang` is not given.",
    ),
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="An ETag from an earlier response: 304 if unchanged.",
    ),
    OpenApiParameter(
        "If-Modified-Since",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="An HTTP date: 304 if unchanged since (ETag is more precise).",
    ),
]


class ApiAutoSchema(AutoSchema):
    """Adds the language, conditional-request and error descriptions to every operation."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), *REQUEST_PARAMETERS, *CONDITIONAL_HEADERS]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        extra = {
            "304": OpenApiResponse(description="Not modified since the ETag or date you sent."),
            "400": OpenApiResponse(
                ERROR_SCHEMA, description="A bad parameter, named with its reason."
            ),
            "401": OpenApiResponse(
                ERROR_SCHEMA, description="Unknown, expired or revoked API key."
            ),
            "429": OpenApiResponse(ERROR_SCHEMA, description="Too many requests; see Retry-After."),
        }
        if "{" in self.path:
            extra["404"] = OpenApiResponse(
                ERROR_SCHEMA, description="No public record with this id."
            )
        for code, response in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
