"""Settings for the mayors' forum portal, read from the environment.

Development (`make run`) sets DJANGO_DEBUG=1. Production sets DJANGO_PRODUCTION=1
and must provide DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from common import spreadsheets

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", False) and not PRODUCTION


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


# Keys that must never sign a production session: Django's generated development
# keys and the placeholders that deployment guides and .env templates carry.
_PLACEHOLDER_WORDS = ("change", "replace", "placeholder", "example", "secret-key", "secretkey")


def secret_key_problem(key: str) -> str | None:
    """Why `key` cannot be a production secret key, or None if it can."""
    if not key:
        return "is not set"
    if key.startswith("django-insecure"):
        return "is Django's insecure development key"
    if any(word in key.lower() for word in _PLACEHOLDER_WORDS):
        return "is a placeholder"
    # The same bar as Django's own deployment check (security.W009).
    if len(key) < 50 or len(set(key)) < 5:
        return "is too short or too simple: use at least 50 random characters"
    return None


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if PRODUCTION:
        problem = secret_key_problem(key)
        if problem:
            raise ImproperlyConfigured(
                f"DJANGO_SECRET_KEY {problem}. The portal does not start in production "
                "without a secret key of its own; make one with "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe(64))'`."
            )
        return key
    if key:
        return key
    # Development and tests: a key made once per checkout and kept out of git.
    from django.core.management.utils import get_random_secret_key

    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must name the portal's host names in production "
        "(comma-separated, e.g. forum.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_countries",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "axes",
    # Two-factor sign-in for staff: authenticator-app codes (TOTP) and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # Historical models are registered in the apps' ready(), after modeltranslation
    # has added the _fa/_en columns, so the history keeps both languages.
    "simple_history",
    "common",
    "members",
    "summits",
    "forum",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header on every response.
    "csp.middleware.CSPMiddleware",
    # Anonymous GETs outside the admin may read from the replica, if there is one.
    "common.db_router.PublicReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen, so the 400 is in the reader's language.
    "forum.middleware.RejectNullCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Anonymous pages from the cache, keyed by the content generation (never stale).
    "common.response_cache.ResponseCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor in this session.
    "django_otp.middleware.OTPMiddleware",
    # Staff who must use two factors reach the admin only once verified.
    "forum.two_factor.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Numbers on Persian admin screens in Persian digits, whoever wrote the page.
    "forum.middleware.PersianAdminDigitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in to a locked-out account/address before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

if PRODUCTION:
    # Static files served by the portal itself, compressed and cached forever.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Security headers and cookies. Those that only make sense over HTTPS are switched
# on in production below; the rest hold everywhere, so development and the tests
# see the same pages the browsers of production do.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # A load balancer probes the health check over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # Behind a reverse proxy that terminates TLS, name the header it sets, e.g.
    # DJANGO_SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto (the proxy must overwrite it).
    _proxy_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
    # One year, this host and its subdomains; `preload` declares consent to the
    # browsers' preload list (it has effect only once the domain is submitted there).
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Three style="" attributes in third-party admin templates (django-import-export's
# export form, django-simple-history's history list), allowed by their exact hashes
# ('unsafe-hashes' in style-src covers style attributes only, never scripts).
_VENDOR_STYLE_ATTRIBUTES = [
    "'unsafe-hashes'",
    "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",  # padding: 0;
    "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",  # font-weight: bold;
    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",  # border-top: 0
]

# Content-Security-Policy: the portal's own scripts, styles, fonts and images only,
# no inline script, no plugins, no framing. JSON-LD blocks are data, not scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *_VENDOR_STYLE_ATTRIBUTES],
        # data: for the empty favicon (`<link rel="icon" href="data:,">`) and admin icons.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    },
}

# Two factors for staff: required for every staff account in production.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", PRODUCTION)
# Shown in the authenticator app beside the account name.
OTP_TOTP_ISSUER = "Asian Mayors Forum"
# After each wrong code the next try waits 1, 2, 4, 8 … seconds (django-otp's throttle).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
RECOVERY_CODE_COUNT = 10

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url
    # No server given: the private one in .pgdata/, if it runs. Importing the settings
    # starts nothing; make, manage.py and the test set-up start it (forum.embedded_db).
    from django.core.exceptions import ImproperlyConfigured

    from forum.embedded_db import EmbeddedDatabaseError, EmbeddedPostgres

    try:
        return EmbeddedPostgres().running_url()
    except EmbeddedDatabaseError as error:
        raise ImproperlyConfigured(str(error)) from None


DATABASES = {
    "default": dj_database_url.parse(_database_url(), conn_max_age=60, conn_health_checks=True)
}
# An optional streaming replica takes the public's reads (common.db_router).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["common.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when REDIS_URL is set (shared by every host; needed with more than
# one), else memory of each process. Rate-limit counts live here too.
REDIS_URL = os.environ.get("REDIS_URL", "")
# A worker's memory holds at most MAX_ENTRIES answers (a page is 10-100 KB; an API
# page of 500 records about 450 KB).
LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_LOCAL_CACHE_ENTRIES", 500)},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "forum"),
        },
        # Cached answers never change under their key (it holds the content generation),
        # so each worker may keep the ones it served in front of Redis without invalidation.
        "local": LOCAL_CACHE,
    }
    RESPONSE_CACHE_ALIASES = ["local", "default"]
else:
    CACHES = {"default": LOCAL_CACHE}
    RESPONSE_CACHE_ALIASES = ["default"]
# Anonymous pages and API answers are cached (common.response_cache); an entry is
# never stale (its key holds the content generation), the timeout only frees memory.
RESPONSE_CACHE = env_bool("DJANGO_RESPONSE_CACHE", True)
RESPONSE_CACHE_SECONDS = env_int("DJANGO_RESPONSE_CACHE_SECONDS", 3600)
# Sessions live in the database (Django's default engine), never in a process.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# `make bench` only: a trivial view through the same middleware, the limit to compare with.
BENCHMARK = env_bool("DJANGO_BENCHMARK", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Persian first and by default, English beside it.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
# locale/ is ours (makemessages writes it); locale_vendor/ holds the Persian of
# third-party admin screens (history, import/export) that ship without it.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
TIME_ZONE = "Asia/Tehran"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fa"
MODELTRANSLATION_LANGUAGES = ("fa", "en")
# An empty Persian text shows the English one, and the other way round.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fa", "en"), "fa": ("en",), "en": ("fa",)}

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploads (common.uploads): documents up to 20 MB, logos and photos up to 2 MB, by content.
MAX_DOCUMENT_UPLOAD_SIZE = 20 * 1024 * 1024
MAX_IMAGE_UPLOAD_SIZE = 2 * 1024 * 1024
# Form fields other than files: 2.5 MB in all (Django's default, said here on purpose);
# files above 2.5 MB go to a temporary file, not memory; at most 1,000 fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_PERMISSIONS = 0o644

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Tabbed Persian/English fields in the admin use a jQuery UI served by the portal, no CDN.
JQUERY_UI_URL = "vendor/jquery-ui-1.13.3/jquery-ui.min.js"

# Sign-in protection: after 5 failed attempts for one account from one address,
# that pair is locked out for 30 minutes (an attacker cannot lock staff out everywhere).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Bulk import and export in the admin: an import is one transaction, so one bad
# row writes nothing; viewers may export (view permission), only editors import.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
# Exported cells that a spreadsheet would run as a formula (=, +, -, @) start with an
# apostrophe; an import strips it again (common.spreadsheets).
IMPORT_FORMATS = [spreadsheets.CSV, spreadsheets.XLSX]
EXPORT_FORMATS = [spreadsheets.CSV, spreadsheets.XLSX]
# A control character in a text becomes U+FFFD in XLSX instead of failing the export.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# The partner API (/api/v1/): read-only, bilingual, paginated, throttled per key.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["forum.api.auth.PartnerKeyAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": [
        "forum.api.throttles.AnonymousRateThrottle",
        "forum.api.throttles.PartnerKeyRateThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "common.api_lists.CSVRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.api_lists.ContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "common.api_lists.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "common.api_lists.KeyedSearchFilter",
        "common.api_lists.StableOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "common.api_schema.ApiAutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": None,
}


def env_rate(name: str, default: str) -> str:
    """A request rate such as "60/min" (per second, minute, hour or day)."""
    value = os.environ.get(name, "") or default
    number, _slash, period = value.partition("/")
    if not number.isdigit() or period[:1] not in {"s", "m", "h", "d"}:
        raise ImproperlyConfigured(f"{name} must look like 60/min, not {value!r}")
    return value


# Anonymous clients share a lower limit per address; each partner key has its own
# (PartnerKey.requests_per_minute overrides the default). Counted in the cache.
API_ANONYMOUS_RATE = env_rate("API_ANONYMOUS_RATE", "60/min")
API_PARTNER_RATE = env_rate("API_PARTNER_RATE", "1200/min")

SPECTACULAR_SETTINGS = {
    "TITLE": "Asian Mayors Forum — partner API",
    "DESCRIPTION": (BASE_DIR / "docs" / "api.md").read_text(encoding="utf-8"),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The interactive docs load their scripts from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Codes are listed in each enum; their labels would repeat 250 country names per filter.
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "MembershipStatusEnum": "members.models.Membership.Status",
        "OrganisationKindEnum": "members.models.Organisation.Kind",
        "BoardSeatRoleEnum": "members.models.BoardSeat.Role",
        "ParticipationRoleEnum": "summits.models.Participation.Role",
        "DocumentKindEnum": "summits.models.Document.Kind",
        "DocumentLanguageEnum": "summits.models.Document.Language",
        "PositionOfficeEnum": "members.models.Position.Office",
        "DatePrecisionEnum": "common.dates.DatePrecision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print every line a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # django-axes logs every sign-in at INFO; lockouts come at WARNING.
        "axes": {"level": "WARNING"},
    },
}
