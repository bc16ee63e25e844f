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
    "orden.core",
    "orden.organizations",
    "orden.catalog",
    "orden.portfolio",
    "orden.reports",
    "orden.api",
    "orden.demo",
    "orden.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while the web process reads; a busy timeout instead of "locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
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

# Repeated failed logins: after 5 failures for a username from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("ORDEN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

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
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "orden.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "orden.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("ORDEN_API_RATE", "5000/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Orden API",
    "DESCRIPTION": "The register of municipal software systems, the shared product catalogue and their owners.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    "ENUM_NAME_OVERRIDES": {"SecurityLevelEnum": "orden.portfolio.models.SecurityLevel"},
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
