"""Settings shared by every environment. Values come from the environment (django-environ)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("STAR_SECRET_KEY", default="insecure-development-key-change-me-0123456789abcdef")
DEBUG = env.bool("STAR_DEBUG", default=False)
ALLOWED_HOSTS = env.list("STAR_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'star.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a write is in progress on the embedded database.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "star.core",  # first, so its templates (sign-in, passwords, errors) win over the admin's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "star.framework",
    "star.workforce",
    "star.outcomes",
    "star.practice",
    "star.audits",
    "star.voice",
    "star.learning",
    "star.evaluation",
]

MIDDLEWARE = [
    "star.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "star.core.context_processors.star",
            ],
        },
    },
]

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins (django-axes): per username and address pair.
AXES_FAILURE_LIMIT = env.int("STAR_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("STAR_LOGIN_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions live in the database so that app processes are stateless.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("STAR_SESSION_SECONDS", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-gb"
# Staff pages are in English. Public survey pages can be answered in these languages: English plus
# two community-language stubs that show the path (Turkish, and Urdu, which is written right to left).
LANGUAGES = [("en-gb", "English"), ("tr", "Türkçe"), ("ur", "اردو")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("STAR_MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    # Uploaded files go through the storage API so a multi-node deployment can swap in
    # shared object storage with one setting.
    "default": {"BACKEND": env("STAR_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env("STAR_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("STAR_FROM_EMAIL", default="star@localhost")

# The default cache is per process; rate limits for public forms live in the database so every
# app process sees the same counts (created by `star migrate`).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "star_shared_cache"},
}
RATELIMIT_USE_CACHE = "shared"
# Behind a proxy, name the header that carries the client's address (e.g. HTTP_X_FORWARDED_FOR).
RATELIMIT_IP_META_KEY = env("STAR_CLIENT_ADDRESS_HEADER", default=None)

# Background work: the django-tasks interface on a database-backed queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Audit trail (django-auditlog): the correlation id is our request id.
AUDITLOG_CID_GETTER = "star.core.request_id.get_request_id"
AUDITLOG_DISABLE_REMOTE_ADDR = True

# Content security policy (django-csp 4): no third-party origins, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# STAR deployment settings: the council's name and logo, and the words used for groups.
STAR = {
    "COUNCIL_NAME": env("STAR_COUNCIL_NAME", default="Northbridge Council"),
    "SERVICE_NAME": env("STAR_SERVICE_NAME", default="STAR practice"),
    "COUNCIL_LOGO": env("STAR_COUNCIL_LOGO", default=""),
    "PHASE": env("STAR_PHASE", default="beta"),
    # The address people use to reach STAR, for links in emails.
    "SITE_URL": env("STAR_SITE_URL", default="http://localhost:8000"),
    "FEEDBACK_EMAIL": env("STAR_FEEDBACK_EMAIL", default="star-feedback@northbridge.example"),
    # Key for the keyed hash of HR staff ids (HMAC-SHA256). Set it per deployment and keep it secret.
    "STAFF_ID_KEY": env("STAR_STAFF_ID_KEY", default="insecure-staff-id-key"),
    # A case reference from the case-management system (no case content is ever copied into STAR).
    "CASE_REFERENCE_PATTERN": env("STAR_CASE_REFERENCE_PATTERN", default=r"^[A-Z]{0,4}-?[0-9]{4,10}$"),
    "CASE_REFERENCE_EXAMPLE": env("STAR_CASE_REFERENCE_EXAMPLE", default="1234567 or NB-204518"),
    # Hours after it is recorded during which a supervisor may still edit a supervision record.
    "SUPERVISION_EDIT_HOURS": env.int("STAR_SUPERVISION_EDIT_HOURS", default=72),
    # Days without a reflection after which an indicator counts as "not touched for a while".
    "INDICATOR_QUIET_DAYS": env.int("STAR_INDICATOR_QUIET_DAYS", default=90),
    # Public survey forms: submissions allowed per address per hour (families may share one address).
    "SURVEY_SUBMISSIONS_PER_HOUR": env.int("STAR_SURVEY_SUBMISSIONS_PER_HOUR", default=30),
    # Largest file a community of practice may share (bytes).
    "RESOURCE_MAX_BYTES": env.int("STAR_RESOURCE_MAX_BYTES", default=10 * 1024 * 1024),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "star.core.logging.RequestIdFilter"}},
    "formatters": {"structured": {"()": "star.core.logging.StructuredFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "structured"},
    },
    "root": {"handlers": ["console"], "level": env("STAR_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request lines carry URLs, never bodies; keep Django's own request logger at warnings.
        "django.request": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
