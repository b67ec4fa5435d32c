"""Settings of the twinning platform, read from environment variables.

Every setting has a default that works on a developer's machine with nothing
but Python: SQLite under ./data, mail printed to the console. Production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and EMAIL_URL.
"""

from pathlib import Path

import environ
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent

env = environ.Env()
DATA_DIR = Path(env.str("TWINNING_DATA_DIR", default=str(BASE_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    """The configured key, else one generated once and kept in the data folder."""
    configured = env.str("SECRET_KEY", default="")
    if configured:
        return configured
    key_file = DATA_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key() + get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form says, in the site's layout, to reload the form and send it again.
CSRF_FAILURE_VIEW = "twinning.common.error_pages.csrf_failure"
# The site's public address, on which links in e-mails are built; in production
# `twinning check --deploy` refuses it unset, on this machine only, or without https.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "twinning.common.apps.TwinningAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "twinning.common",
    "twinning.accounts",
    "twinning.cohorts",
    "twinning.themes",
    "twinning.cities",
    "twinning.practices",
    "twinning.mail",
    "twinning.outreach",
    "twinning.selection",
    "twinning.programme",
    "twinning.matchmaking",
    "twinning.workshops",
    "twinning.visits",
    "twinning.plans",
    "twinning.conversations",
    "twinning.feedback",
    "twinning.nextsteps",
    "twinning.mailings",
    "twinning.api",
    "twinning.public",
    "twinning.portal",
    "twinning.orga",
    "twinning.site",
]

MIDDLEWARE = [
    # Load balancers ask /health/ by the container's address over plain HTTP: it answers
    # before the host check, the https redirect, sessions and cookies.
    "twinning.common.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "twinning.common.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in person's chosen language leads.
    "twinning.site.language.LanguageMiddleware",
    "twinning.common.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "twinning.accounts.middleware.OrganiserTwoFactorMiddleware",
]

ROOT_URLCONF = "twinning.site.urls"
WSGI_APPLICATION = "twinning.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "twinning.common.context_processors.programme",
                "twinning.site.context_processors.menus",
                "twinning.site.context_processors.languages",
            ],
        },
    },
    # Mails are plain text: what they show is written as it is, never HTML-escaped.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'twinning.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once, and take the write lock at
    # the start of a transaction so concurrent requests cannot deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    # Tests use a file, not memory, so that threads and a worker process share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-twinning.sqlite3")}
else:
    # The development server runs each browser connection in a thread of its own:
    # kept connections would pile up, one per thread, until the server refuses more.
    # Under `twinning serve` a kept connection belongs to one of the server's threads, so a
    # web process holds at most WEB_THREADS of them however many requests arrive.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails the request (and /health/) in seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    if env.str("TEST_DATABASE_NAME", default=""):
        # Lets two test runs share one server without sharing a test database.
        DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The longest one SQL statement of a web request may run on PostgreSQL, in milliseconds
# (0: no limit), so that no request holds the database for long. Only web processes
# apply it (twinning.site.wsgi); the worker, engine runs and migrations run without.
STATEMENT_TIMEOUT_MS = env.int("STATEMENT_TIMEOUT_MS", default=5000)

# Request limits (API, sign-in, public forms) are counted in this cache, shared by
# every process: a table in the database (created by `twinning migrate`), or
# CACHE_URL=redis://127.0.0.1:6379/1 with the `redis` package installed. The workers'
# heartbeat for /health/ is kept there too; `check --deploy` refuses a per-process cache.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://twinning_cache")}
# /health/ reports the worker missing when none has finished a task for this long;
# a running worker finishes one at least every minute (the outbox sweep).
WORKER_SEEN_WITHIN_MINUTES = env.int("WORKER_SEEN_WITHIN_MINUTES", default=5)

# The number of proxies in front of the app. Each appends the address it saw to
# X-Forwarded-For; without a proxy the header is the client's own and is ignored.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"

# django-allauth: the e-mail address is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Twinning] "
ACCOUNT_ADAPTER = "twinning.accounts.adapter.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Twinning Learning Programme"
# Organisers without an authenticator app are sent to set one up before /orga/ and
# /admin/ open; on by default in production, off in development.
ORGANISER_REQUIRE_MFA = env.bool("ORGANISER_REQUIRE_MFA", default=not DEBUG)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES

LANGUAGE_CODE = "en"
# English is the source; each language's catalogue is complete (checked in the test suite).
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
# Dates, times and numbers are written as the reader's language writes them; English
# day first on a 24-hour clock (Django's "en" is American). See twinning/site/formats/.
FORMAT_MODULE_PATH = "twinning.site.formats"
# Off: a number printed into a form value, an id or a link must stay "1234". Figures
# read by people are grouped where they are shown (intcomma, floatformat:"g", the `money`
# filter, twinning.common.l10n), with the separators of the reader's language.
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [SRC_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In production collectstatic (run by `twinning serve` or the image) writes each asset
    # under a name with its content's hash, with gzip and Brotli copies, and WhiteNoise
    # serves those for a year. In development the assets are served as they are, from
    # the packages, with no collectstatic step.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Mail: EMAIL_URL such as smtp+tls://user:password@mail.example.org:587,
# consolemail:// (the default) or dummymail://.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=vars()["EMAIL_BACKEND"])
# A mail server that stops answering frees the worker: a message "sending" for
# far longer (the outbox's STALLED_AFTER) lost its worker and is sent again.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Twinning Learning Programme <twinning@netzerocities.eu>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[Twinning] ")
PROGRAMME_CONTACT_EMAIL = env.str("PROGRAMME_CONTACT_EMAIL", default="twinning@netzerocities.eu")

# Background work (mail, reminders, engine runs) goes through Django's task API
# with a queue in the database: `twinning worker` runs it, one or more processes.
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The REST API under /api/v1/: JSON only, organisers' tokens, one error shape.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["twinning.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["twinning.api.permissions.IsOrganiser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "twinning.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "twinning.api.throttling.AnonymousThrottle",
        "twinning.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANONYMOUS_RATE", default="120/minute"),
        "user": env.str("API_TOKEN_RATE", default="600/minute"),
    },
    "EXCEPTION_HANDLER": "twinning.api.errors.exception_handler",
    # JSON only: `?format=` is left to the filters that need the word.
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Twinning Learning Programme API",
    "DESCRIPTION": "Published data of the programme without a key; the rest with an "
    "organiser's token (Authorization: Bearer <key>).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "twinning.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CityKindEnum": "twinning.cities.enums.CityKind",
        "RegistrationStateEnum": "twinning.cities.enums.RegistrationState",
        "PracticeStateEnum": "twinning.practices.enums.PracticeState",
        "ThemeKindEnum": "twinning.themes.enums.ThemeKind",
        "ResultKindEnum": "twinning.practices.enums.ResultKind",
        "MilestoneKindEnum": "twinning.cohorts.enums.MilestoneKind",
        "TwinningStateEnum": "twinning.programme.enums.TwinningState",
        "ParticipantRoleEnum": "twinning.outreach.enums.ParticipantRole",
        "SeatStatusEnum": "twinning.outreach.enums.SeatStatus",
        "RunStatusEnum": "twinning.common.runs.RunStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Personal data: how long the platform keeps what it no longer needs (days), then
# removes it in a daily task that `twinning worker` runs.
RETENTION_WITHDRAWN_CITY_DAYS = env.int("RETENTION_WITHDRAWN_CITY_DAYS", default=365)
RETENTION_WEBINAR_REGISTRATION_DAYS = env.int("RETENTION_WEBINAR_REGISTRATION_DAYS", default=180)
# Sign-in attempts: after 5 failures for one address in 5 minutes (or 10 a minute from
# one address on the network) the next is refused with a message to wait.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/5m/key"),
}
# Public forms (webinar seats, the interest survey, the contact form): how many
# each accepts per client address and per e-mail address typed, e.g. "10/hour".
FORM_RATE_PER_ADDRESS = env.str("FORM_RATE_PER_ADDRESS", default="10/hour")
FORM_RATE_PER_EMAIL = env.str("FORM_RATE_PER_EMAIL", default="3/hour")
# A webinar registration takes a seat once confirmed by the link mailed; unconfirmed
# after this many hours, it lapses and the daily run removes it.
WEBINAR_CONFIRMATION_HOURS = env.int("WEBINAR_CONFIRMATION_HOURS", default=48)
