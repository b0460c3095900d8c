"""Django settings for Paraat, read from the environment (see .env.example and docs/configuration.md)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from paraat.conf.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent

PARAAT_ENV = env_choice("PARAAT_ENV", "development", ("development", "production", "test"))
PRODUCTION = PARAAT_ENV == "production"
# Off unless asked for: a normal run shows Paraat's own 403, 404 and 500 pages, never the debug page.
DEBUG = env_bool("PARAAT_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("PARAAT_DEBUG must be off when PARAAT_ENV=production")

DATA_DIR = Path(env_str("PARAAT_DATA_DIR", str(Path.cwd() / "var"))).resolve()

_secret = env_secret("PARAAT_SECRET_KEY")
if PRODUCTION and not _secret:
    raise ConfigurationError(
        "PARAAT_SECRET_KEY (or PARAAT_SECRET_KEY_FILE) must be set in production"
    )
if PRODUCTION and _secret and len(_secret) < 50:
    raise ConfigurationError("PARAAT_SECRET_KEY must be at least 50 characters in production")
SECRET_KEY = _secret or "development-only-insecure-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env_list(
    "PARAAT_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError(
        "PARAAT_ALLOWED_HOSTS must be set in production (comma-separated host names)"
    )
CSRF_TRUSTED_ORIGINS = env_list("PARAAT_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "paraat.core",
    "paraat.areas",
    "paraat.accounts",
    "paraat.supportpoints",
    "paraat.operations",
    "paraat.cascades",
    "paraat.publicinfo",
    "paraat.planning",
    "paraat.alerts",
    "paraat.community",
    "paraat.programme",
    "paraat.knowledge",
    "paraat.sync",
    "paraat.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "paraat.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "paraat.core.api.ApiMiddleware",  # before CommonMiddleware: no slash redirects under /api/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "paraat.core.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into 429 Too Many Requests.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a password check while the account name or the address is locked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "paraat.urls"
WSGI_APPLICATION = "paraat.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "areas:region"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "paraat.site.context_processors.paraat",
            ],
            # One date and time format per kind (paraat.core.when), history as sentences.
            "builtins": ["paraat.core.templatetags.when", "paraat.core.templatetags.history"],
        },
    },
]

# Database: SQLite in WAL mode by default; DATABASE_URL takes sqlite:///path or postgres://...
_default_db_url = f"sqlite:///{DATA_DIR / 'paraat.sqlite3'}"
_db_url = env_str("DATABASE_URL", _default_db_url)
if not _db_url.startswith(("sqlite://", "postgres://", "postgresql://")):
    raise ConfigurationError(
        f"DATABASE_URL must start with sqlite:/// or postgres://, not {_db_url.split(':', 1)[0]!r}"
    )
# Persistent connections on both databases: each server thread keeps its own (Django's
# connections are per thread) and reuses it for CONN_MAX_AGE seconds. Opening SQLite and running
# its PRAGMAs cost 13-15 ms per request under load (docs/development.md); the PRAGMAs of
# init_command now run once per connection. Health checks replace a connection the database
# dropped (a PostgreSQL restart) before the request uses it.
_db = dj_database_url.parse(
    _db_url,
    conn_max_age=env_int("PARAAT_DB_CONN_MAX_AGE", 60, minimum=0),
    conn_health_checks=True,
)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # IMMEDIATE: concurrent writers wait on the busy timeout instead of failing at once.
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
        # WAL for concurrent readers; FULL so every acknowledged write survives a power cut.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
            "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
        ),
    }
    if _db["NAME"] and _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _db}
# Status reports that arrive at the same moment are stored in one transaction (one write lock,
# one commit): under crisis load the turns at the lock, not the CPU, limited the reports per
# second (operations.services.reports, docs/point-state.md). Off: one transaction per report.
PARAAT_REPORT_GROUP_COMMIT = env_bool("PARAAT_REPORT_GROUP_COMMIT", True)
# The operational picture that screens poll (the API's picture, the page's refresh): shared by
# every request of a process for this many seconds and rebuilt behind it (operations.picture.
# shared); 0 builds it for every request. Off in the tests, which read the picture they just
# changed; a page a person opens is always built fresh.
PARAAT_PICTURE_MAX_AGE_SECONDS = env_int(
    "PARAAT_PICTURE_MAX_AGE_SECONDS", 0 if PARAAT_ENV == "test" else 2, minimum=0
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("PARAAT_STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest upload per kind of file, in MB (paraat.core.uploads); CAP also on the command line.
PARAAT_UPLOAD_MAX_MB = {
    "areas": env_int("PARAAT_UPLOAD_MAX_MB_AREAS", 100, minimum=1),
    "points": env_int("PARAAT_UPLOAD_MAX_MB_POINTS", 20, minimum=1),
    "cap": env_int("PARAAT_UPLOAD_MAX_MB_CAP", 2, minimum=1),
    "knowledge": env_int("PARAAT_UPLOAD_MAX_MB_KNOWLEDGE", 25, minimum=1),
}
# The public mirror: with a folder here, `paraat serve` keeps the public site's static export
# current in it (`paraat export-public DIR --follow`) for nginx to serve (docs/public-site.md).
PARAAT_PUBLIC_MIRROR_DIR = env_str("PARAAT_PUBLIC_MIRROR_DIR", "").strip()
# An area file larger than this (MB) is imported by the background worker, not in the request.
PARAAT_IMPORT_BACKGROUND_MB = env_int("PARAAT_IMPORT_BACKGROUND_MB", 5, minimum=0)
# Largest region logo (PNG or JPEG) on the region's settings page, in KB (paraat.areas.logo).
PARAAT_LOGO_MAX_KB = env_int("PARAAT_LOGO_MAX_KB", 500, minimum=1)
# Files of the knowledge platform, stored by checksum and served only through its access checks.
PARAAT_KNOWLEDGE_DIR = DATA_DIR / "knowledge"

# Security: strict in production so `manage.py check --deploy` passes.
# Django's database sessions, their read written once (issue 16).
SESSION_ENGINE = "paraat.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("PARAAT_SESSION_AGE", 12 * 3600, minimum=300)
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("PARAAT_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("PARAAT_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("PARAAT_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Hashed, expiring, revocable tokens (paraat token create); they stand in for TOTP.
        "paraat.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "paraat.core.api.Paging",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "paraat.core.api.problem_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Paraat API",
    "DESCRIPTION": "Regions, areas, support points and operations of a safety region.",
    "VERSION": "1.0.0",  # also sent as the API-Version header of every API response
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "paraat.core.api.postprocess_schema",
    ],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Support points and status reports name the same services: one enum in the schema.
    "ENUM_NAME_OVERRIDES": {"ServiceEnum": "paraat.supportpoints.constants.Service"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PARAAT_LOG_LEVEL", "INFO")},
}

# Paraat's own settings.
PARAAT_SMALL_COUNT_THRESHOLD = env_int("PARAAT_SMALL_COUNT_THRESHOLD", 10, minimum=1)
PARAAT_REQUIRE_2FA = env_bool("PARAAT_REQUIRE_2FA", PRODUCTION)
PARAAT_LOGIN_MAX_FAILURES = env_int("PARAAT_LOGIN_MAX_FAILURES", 5, minimum=1)
PARAAT_LOGIN_LOCKOUT_MINUTES = env_int("PARAAT_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Reverse proxies in front of Paraat that append to X-Forwarded-For (0: use REMOTE_ADDR).
PARAAT_TRUSTED_PROXIES = env_int("PARAAT_TRUSTED_PROXIES", 0, minimum=0)

# Login lockout (django-axes, see docs/security.md): an account name from one address, and an
# address over all account names (password spraying), each after PARAAT_LOGIN_MAX_FAILURES.
AXES_FAILURE_LIMIT = PARAAT_LOGIN_MAX_FAILURES
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_COOLOFF_TIME = "paraat.accounts.lockout.cool_off"
AXES_CLIENT_IP_CALLABLE = "paraat.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "paraat.accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "paraat.accounts.lockout.username_of"
AXES_RESET_ON_SUCCESS = False  # a valid account of one's own must not reset an address's count
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password"]
# A location from an address (areas.geocode): the PDOK Locatieserver's free search when online;
# empty: only the region's own postcode areas. Tests and the blackout laptop need no network.
PARAAT_GEOCODER_URL = env_str(
    "PARAAT_GEOCODER_URL",
    "" if PARAAT_ENV == "test" else "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
).strip()
PARAAT_GEOCODER_TIMEOUT = env_int("PARAAT_GEOCODER_TIMEOUT", 3, minimum=1)
PARAAT_BASEMAP_WMS_URL = env_str("PARAAT_BASEMAP_WMS_URL", "")
PARAAT_BASEMAP_WMS_LAYER = env_str("PARAAT_BASEMAP_WMS_LAYER", "standaard")

# Content-Security-Policy (django-csp) on every response: scripts only from Paraat's own static
# files, never inline. Styles allow inline because the server-drawn SVG charts (matplotlib) carry
# style attributes; images also from the optional WMS basemap. See docs/security.md.
_img_src = [SELF, "data:"]
if PARAAT_BASEMAP_WMS_URL:
    _wms = urlsplit(PARAAT_BASEMAP_WMS_URL)
    _img_src.append(f"{_wms.scheme}://{_wms.netloc}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": _img_src,
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy on every response: no camera, microphone, payment and the like; location
# only for Paraat itself (the public page's "nearest point" button).
PARAAT_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), bluetooth=(), camera=(), display-capture=(), "
    "geolocation=(self), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), publickey-credentials-get=(), serial=(), usb=(), xr-spatial-tracking=()"
)
PARAAT_STATUS_STALE_MINUTES = env_int("PARAAT_STATUS_STALE_MINUTES", 60, minimum=1)
# Days after an incident closes before `paraat erase-relays` erases residents' personal data
# from its relayed emergency reports (run it daily, e.g. from cron).
PARAAT_RELAY_RETENTION_DAYS = env_int("PARAAT_RELAY_RETENTION_DAYS", 30, minimum=0)
# The region the public site serves (a code; empty: the first region with active points).
PARAAT_PUBLIC_REGION = env_str("PARAAT_PUBLIC_REGION", "").strip()
if not re.fullmatch(r"[A-Za-z0-9_-]{0,10}", PARAAT_PUBLIC_REGION):
    raise ConfigurationError(
        f"PARAAT_PUBLIC_REGION must be a region code such as VR21, not {PARAAT_PUBLIC_REGION!r}"
    )
# CAP sender of alerts, `{region}` for the region code (empty: paraat.<region code>).
PARAAT_CAP_SENDER = env_str("PARAAT_CAP_SENDER", "").strip()
if not re.fullmatch(r"(?:[^\s,<&{}]|\{region\})*", PARAAT_CAP_SENDER):
    raise ConfigurationError(
        "PARAAT_CAP_SENDER may not hold spaces, commas, < or &, nor braces other than "
        f"{{region}}, not {PARAAT_CAP_SENDER!r}"
    )
OTP_TOTP_ISSUER = env_str("PARAAT_OTP_ISSUER", "Paraat")

# Background jobs (the optimisation, the static export): django-tasks with its database
# backend, so no other server is needed on SQLite or PostgreSQL; `paraat worker` runs them and
# `paraat serve` / `paraat demo` start one beside the web server (docs/deployment.md).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("PARAAT_JOBS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# `paraat serve`: gunicorn with threaded workers behind a reverse proxy (docs/deployment.md).
PARAAT_WEB_BIND = env_str("PARAAT_WEB_BIND", "127.0.0.1:8000").strip()
PARAAT_WEB_WORKERS = env_int("PARAAT_WEB_WORKERS", 2, minimum=1)
PARAAT_WEB_THREADS = env_int("PARAAT_WEB_THREADS", 8, minimum=1)
PARAAT_WEB_TIMEOUT = env_int("PARAAT_WEB_TIMEOUT", 60, minimum=5)
# Addresses of the reverse proxy whose X-Forwarded-* headers gunicorn believes.
PARAAT_FORWARDED_ALLOW_IPS = env_list("PARAAT_FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
# Community: SMS gateway and retention of volunteers (links in messages use PARAAT_SITE_URL).
PARAAT_SMS_BACKEND = env_choice("PARAAT_SMS_BACKEND", "console", ("console", "file", "messagebird"))
PARAAT_SMS_URL = env_str("PARAAT_SMS_URL", "https://rest.messagebird.com/messages")
PARAAT_SMS_KEY = env_secret("PARAAT_SMS_KEY", "") or ""
PARAAT_SMS_ORIGINATOR = env_str("PARAAT_SMS_ORIGINATOR", "Paraat")[:11]
if PARAAT_SMS_BACKEND == "messagebird" and not PARAAT_SMS_KEY:
    raise ConfigurationError("PARAAT_SMS_KEY (or PARAAT_SMS_KEY_FILE) must be set for messagebird")
PARAAT_VOLUNTEER_RETENTION_DAYS = env_int("PARAAT_VOLUNTEER_RETENTION_DAYS", 730, minimum=30)
PARAAT_VOLUNTEER_NOTICE_DAYS = env_int("PARAAT_VOLUNTEER_NOTICE_DAYS", 30, minimum=1)
# E-mail (invitations, password reset): SMTP in production, the console or files in development.
_email_backend = env_choice(
    "PARAAT_EMAIL_BACKEND", "smtp" if PRODUCTION else "console", ("smtp", "console", "file")
)
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "paraat.core.mail.ConsoleBackend",  # on stderr, so --json output stays JSON
}[_email_backend]
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("PARAAT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("PARAAT_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("PARAAT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("PARAAT_EMAIL_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("PARAAT_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("PARAAT_EMAIL_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ConfigurationError("PARAAT_EMAIL_STARTTLS and PARAAT_EMAIL_SSL cannot both be on")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("PARAAT_EMAIL_FROM", "paraat@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Address of this install, for links in e-mail sent from the command line (web requests use their own).
PARAAT_SITE_URL = env_str(
    "PARAAT_SITE_URL", "http://127.0.0.1:8000" if not PRODUCTION else ""
).rstrip("/")
if PARAAT_SITE_URL and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", PARAAT_SITE_URL):
    raise ConfigurationError(f"PARAAT_SITE_URL must be an http(s) address, not {PARAAT_SITE_URL!r}")
# Invitation and password-reset links are valid 72 hours and work once.
PASSWORD_RESET_TIMEOUT = 72 * 3600

# Laptop instances and synchronisation (docs/sync.md). Every instance of a region shares the
# secret that signs its bundles; a bundle signed with another secret is refused.
PARAAT_SYNC_SECRET = env_secret("PARAAT_SYNC_SECRET", "") or ""
if PARAAT_ENV == "production" and not PARAAT_SYNC_SECRET:
    PARAAT_SYNC_SECRET = SECRET_KEY  # one server alone: its own key; laptops need the shared one
PARAAT_SYNC_SECRET = PARAAT_SYNC_SECRET or "development-only-sync-secret"
# The API token this instance uses for `paraat sync` and the exchange button on /sync/ (a token
# of a coordinator or crisis operator on the other side; also as PARAAT_SYNC_TOKEN_FILE).
PARAAT_SYNC_TOKEN = env_secret("PARAAT_SYNC_TOKEN", "") or ""
PARAAT_SYNC_INSTANCE_NAME = env_str("PARAAT_SYNC_INSTANCE_NAME", "paraat")
# Shifts this instance's sync clock (seconds); only to rehearse a laptop with a wrong clock.
PARAAT_SYNC_CLOCK_SKEW_SECONDS = env_int("PARAAT_SYNC_CLOCK_SKEW_SECONDS", 0)
