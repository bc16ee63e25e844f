"""Orden settings. Everything that differs between installations is read from the environment.

The reference of every variable is in docs/operations.md; defaults are safe for a developer's machine
(SQLite under var/, development mode on, console e-mail). Production sets ORDEN_DEBUG=false, ORDEN_SECRET_KEY,
ORDEN_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(os.environ.get("ORDEN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ORDEN_DEBUG is development mode (a default secret key, cookies without Secure, static files re-read).
# Django's own DEBUG, whose error pages show tracebacks and list every URL, is on only when a developer also
# asks for it with ORDEN_DEBUG_PAGES: a demo shows the real "not found" and error pages.
DEVELOPMENT = env_bool("ORDEN_DEBUG", True)
DEBUG = DEVELOPMENT and env_bool("ORDEN_DEBUG_PAGES", False)
SECRET_KEY = os.environ.get("ORDEN_SECRET_KEY", "insecure-development-key-change-me" if DEVELOPMENT else "")
if not SECRET_KEY:
    raise RuntimeError("ORDEN_SECRET_KEY must be set when ORDEN_DEBUG is false.")
ALLOWED_HOSTS = env_list("ORDEN_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("ORDEN_CSRF_TRUSTED_ORIGINS", "")

AUTH_USER_MODEL = "organizations.User"
# The tenant model: core refers to it by this name only, as Django does to the user model.
ORDEN_ORGANIZATION_MODEL = "organizations.Organization"
# How core switches the current organisation when a link leads to an object of another of the user's
# organisations (core/tenancy.py).
ORDEN_ENTER_ORGANIZATION = "orden.organizations.middleware.enter_organization"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "orden.core",
    "orden.organizations",
    "orden.catalog",
    "orden.portfolio",
    "orden.reports",
    "orden.datasets",
    "orden.api",
    "orden.demo",
    "orden.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "orden.core.middleware.PrivateCacheMiddleware",  # Cache-Control: private, no-store for logged-in users
    "orden.core.middleware.LanguageMiddleware",
    "orden.core.middleware.SessionLifetimeMiddleware",
    "orden.core.middleware.ChangeGroupMiddleware",
    "orden.organizations.middleware.CurrentOrganizationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "orden.urls"
# Widgets render with the project's templates too (core/widgets/), not only Django's built-in ones.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "orden.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "orden" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orden.core.context_processors.orden",
                "orden.organizations.context_processors.organizations",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'orden.sqlite3'}"),
        conn_max_age=int(os.environ.get("ORDEN_DB_CONN_MAX_AGE", "60")),
        # A persistent connection the server closed (restart, idle timeout) is replaced before the request
        # uses it, instead of failing that request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while the web process reads; a busy timeout instead of "locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("ORDEN_DB_POOL", False):
    # PostgreSQL: by default each worker thread keeps its own persistent connection (above), which suits
    # gunicorn's sync and gthread workers, whose threads live as long as the process. psycopg's pool, one per
    # process, is for many threads per process sharing fewer connections (see docs/operations.md,
    # "Database connections"); Django requires CONN_MAX_AGE 0 with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("ORDEN_DB_POOL_MIN_SIZE", "1")),
        "max_size": int(os.environ.get("ORDEN_DB_POOL_MAX_SIZE", "4")),
        # Seconds a request waits for a free connection before failing.
        "timeout": float(os.environ.get("ORDEN_DB_POOL_TIMEOUT", "10")),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Behind PgBouncer in transaction mode a cursor cannot outlive its transaction's server connection.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("ORDEN_DB_DISABLE_SERVER_SIDE_CURSORS", False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes without activity and 12 hours after login (SessionLifetimeMiddleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("ORDEN_SESSION_IDLE_MINUTES", "30")))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("ORDEN_SESSION_MAX_HOURS", "12")))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEVELOPMENT
CSRF_COOKIE_SECURE = not DEVELOPMENT
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEVELOPMENT
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # read by the server only

# Security headers and HTTPS (docs/operations.md, "Security headers and HTTPS"). Production defaults assume
# a reverse proxy that terminates TLS and sets X-Forwarded-Proto for gunicorn; development serves plain HTTP.
SECURE_SSL_REDIRECT = env_bool("ORDEN_SSL_REDIRECT", not DEVELOPMENT)
# The proxy's health check reaches the application server directly over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("ORDEN_HSTS_SECONDS", "0" if DEVELOPMENT else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ORDEN_HSTS_INCLUDE_SUBDOMAINS", not DEVELOPMENT)
SECURE_HSTS_PRELOAD = env_bool("ORDEN_HSTS_PRELOAD", not DEVELOPMENT)
# Unset by default: under gunicorn the scheme comes from wsgi.url_scheme, which gunicorn sets from
# X-Forwarded-Proto only for the proxies of ORDEN_WEB_FORWARDED_ALLOW_IPS. A header named here is believed
# from any peer (Django cannot tell who sent it): only for other servers, reachable through the proxy alone.
proxy_ssl_header = os.environ.get("ORDEN_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.upper().replace("-", "_"), "https") if proxy_ssl_header else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere (templates use classes and static files; htmx's own indicator style is
# off, see base.html). data: images are Designsystemet's and Swagger UI's SVG icons in their CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "report-uri": env_list("ORDEN_CSP_REPORT_URI", "") or None,
    },
}
# Browser features Orden never uses, denied to the page and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Repeated failed logins: after 5 failures for a username from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("ORDEN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The attempts and lock-outs stay in the database (django-axes' default handler), not in the cache: shared by
# every process all the same, they survive a Redis restart or eviction, and an administrator can list and
# lift them (`manage.py axes_reset`). Logins are rare enough that the writes do not matter.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Behind reverse proxies (nginx) REMOTE_ADDR is the proxy's: lock out by the address the proxy saw instead.
ORDEN_PROXY_COUNT = int(os.environ.get("ORDEN_PROXY_COUNT", "0"))
# ...but only from these peers (addresses or networks): from any other X-Forwarded-For is the client's claim.
# By default the proxies gunicorn believes X-Forwarded-Proto from (deploy/gunicorn.conf.py), else loopback.
ORDEN_TRUSTED_PROXIES = env_list(
    "ORDEN_TRUSTED_PROXIES", os.environ.get("ORDEN_WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
)
AXES_CLIENT_IP_CALLABLE = "orden.core.addresses.client_address"


def git_commit() -> str:
    """The checked-out commit, read from .git without running git; "" outside a checkout."""
    git = BASE_DIR / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        if (git / ref).is_file():
            return (git / ref).read_text().strip()
        packed = (git / "packed-refs").read_text().splitlines()
        return next((line.split()[0] for line in packed if line.endswith(" " + ref)), "")
    except OSError:
        return ""


# The release running, part of the keys of cached HTML: a deploy with changed templates or translations never
# serves fragments the previous release rendered. Deploys from a package set it (e.g. to the commit or tag).
ORDEN_RELEASE = os.environ.get("ORDEN_RELEASE", "").strip() or git_commit()[:12] or "unreleased"

# One cache for every process when Redis is configured: the API's rate limits (DRF's throttles use the
# default cache) and the cached catalogue fragments must be the same whichever process answers. Without it,
# a per-process memory cache, right for a single process (development, `make run`).
REDIS_URL = os.environ.get("ORDEN_REDIS_URL", "")
CACHES = {
    "default": (
        {
            # Django's Redis backend, whose reads miss and writes are dropped while Redis is unreachable.
            "BACKEND": "orden.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            # Installations (or test runs) sharing one Redis database keep their keys apart.
            "KEY_PREFIX": os.environ.get("ORDEN_CACHE_KEY_PREFIX", "orden"),
            # Give up quickly when Redis is away instead of holding the request.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "orden" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
FORMS_URLFIELD_ASSUME_HTTPS = True
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    SRC_DIR / "orden" / "static",
    ("vendor/designsystemet", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/designsystemet-web", NODE_MODULES / "@digdir" / "designsystemet-web" / "dist" / "umd"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/inter", NODE_MODULES / "@fontsource-variable" / "inter"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# In development, edited CSS and JS are served without a restart, whether or not Django's DEBUG is on.
WHITENOISE_AUTOREFRESH = DEVELOPMENT

EMAIL_BACKEND = os.environ.get("ORDEN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("ORDEN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("ORDEN_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("ORDEN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ORDEN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ORDEN_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("ORDEN_DEFAULT_FROM_EMAIL", "Orden <orden@localhost>")
# The address users reach Orden at, for links in e-mails (review reminders, invitations of new members).
ORDEN_BASE_URL = os.environ.get("ORDEN_BASE_URL", "http://127.0.0.1:8000")
# Whether a DCAT catalogue may be imported from a web address (an outbound request to any address a
# coordinator gives; datasets/importing.py). Off: only uploaded files.
ORDEN_DCAT_IMPORT_FROM_URL = env_bool("ORDEN_DCAT_IMPORT_FROM_URL", False)
# Also from loopback, private and link-local addresses (an internal catalogue, a test): off, against SSRF.
ORDEN_DCAT_IMPORT_PRIVATE_ADDRESSES = env_bool("ORDEN_DCAT_IMPORT_PRIVATE_ADDRESSES", False)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("ORDEN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "orden.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["orden.api.permissions.PolicyPermission"],
    # JSON only: the browsable API's templates need inline styles (see the CSP); /api/docs/ is for people.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Bodies are JSON: a form encoding cannot say what the schema's types say (null, numbers, lists).
    "DEFAULT_PARSER_CLASSES": ["orden.api.parsers.JSONParser"],  # a body nested too deep is a 400
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "orden.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "orden.core.schema.OrdenAutoSchema",
    "EXCEPTION_HANDLER": "orden.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",  # the API takes JSON only (DEFAULT_PARSER_CLASSES)
    "DEFAULT_THROTTLE_CLASSES": ["orden.core.addresses.ClientAddressRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("ORDEN_API_RATE", "5000/hour")},
    # Requests without a user are throttled by core.addresses.client_address (trusted proxies only), not by
    # DRF's NUM_PROXIES, which believes X-Forwarded-For from any peer.
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Orden API",
    "DESCRIPTION": "The register of municipal software systems, the shared product catalogue and their owners.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    "ENUM_NAME_OVERRIDES": {"SecurityLevelEnum": "orden.portfolio.models.SecurityLevel"},
    # drf-spectacular's enum hook, then the links that let a client follow the ETag/If-Match lock.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "orden.core.schema.add_links"],
    # Swagger UI is served from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ORDEN_LOG_LEVEL", "WARNING")},
}
