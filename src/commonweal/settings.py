"""Commonweal settings: one module, configured through environment variables.

COMMONWEAL_ENV picks the defaults: ``development`` (the command line's default:
debug pages, console email, a per-folder secret key) or ``production`` (the WSGI
entry point's default: debug off, HTTPS-only cookies, HSTS, a secret key that
must be given). Every other knob is an environment variable read through the
small typed helpers below, so a deployment never edits this file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
WORK_DIR = Path(os.environ.get("COMMONWEAL_HOME", Path.cwd())).resolve()


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


ENVIRONMENT = env("COMMONWEAL_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("COMMONWEAL_ENV must be development or production")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = envbool("COMMONWEAL_DEBUG", not PRODUCTION)


def _secret_key() -> str:
    key = env("COMMONWEAL_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("COMMONWEAL_SECRET_KEY must be set in production")
    # Development: one random key per working folder, kept out of the repository
    # (.gitignore) so sessions survive a restart of the development server.
    key_file = WORK_DIR / ".secret-key"
    try:
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        return key_file.read_text().strip()
    except OSError:
        # A read-only working folder: sessions last as long as this process.
        return secrets.token_urlsafe(50)


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("COMMONWEAL_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("COMMONWEAL_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "commonweal.core",
    "commonweal.accounts",
    "commonweal.community",
    "commonweal.meetings",
    "commonweal.recommendations",
    "commonweal.rounds",
    "commonweal.metrics",
    "commonweal.discussion",
    "commonweal.learning",
    "commonweal.consultations",
    "commonweal.conduct",
    "commonweal.audio",
    "commonweal.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "commonweal.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "commonweal.core.middleware.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "commonweal.community.middleware.DecisionNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "commonweal.urls"
WSGI_APPLICATION = "commonweal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commonweal.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{WORK_DIR / 'commonweal.sqlite3'}"),
        conn_max_age=envint("COMMONWEAL_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (ballots arriving at once) queue instead of failing with
    # "database is locked": WAL lets readers run beside the writer, IMMEDIATE takes
    # the write lock at the start of each transaction (so none has to upgrade a read
    # lock and deadlock), and a writer waits up to 20 s for its turn.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("COMMONWEAL_SQLITE_TIMEOUT", 20),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (transcript ingestion). Production queues it in the database for
# `commonweal db_worker`; development runs it at once, in the request.
TASKS = {
    "default": {
        "BACKEND": env(
            "COMMONWEAL_TASKS_BACKEND",
            "django_tasks_db.backend.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

# Sign-up: "open" lets anyone create an account; "invitation" needs a link
# sent by the secretariat or an administrator.
SIGNUP_MODE = env("COMMONWEAL_SIGNUP", "open")
if SIGNUP_MODE not in {"open", "invitation"}:
    raise ImproperlyConfigured("COMMONWEAL_SIGNUP must be open or invitation")
SIGNIN_FAILURES_PER_HOUR = envint("COMMONWEAL_SIGNIN_FAILURES_PER_HOUR", 100)
# Consultations: the size of a document uploaded to a comment proceeding; how many days
# before a deadline the email reminder goes out; how many emails a person receives as
# things happen in an hour (more wait for the next digest).
CONSULTATION_UPLOAD_MB = envint("COMMONWEAL_CONSULTATION_UPLOAD_MB", 20)
REMINDER_DAYS = envint("COMMONWEAL_REMINDER_DAYS", 3)
ALERTS_PER_HOUR = envint("COMMONWEAL_ALERTS_PER_HOUR", 6)
# Conduct reports (docs/conduct.md): where the key holders' private keys live (never in the
# database or the media folder), the clocks both sides see, and how long after a case is
# closed it is deleted.
CONDUCT_KEY_DIR = Path(env("COMMONWEAL_CONDUCT_KEY_DIR", str(WORK_DIR / "conduct-keys")))
CONDUCT_ACK_DAYS = envint("COMMONWEAL_CONDUCT_ACK_DAYS", 7)
CONDUCT_FEEDBACK_DAYS = envint("COMMONWEAL_CONDUCT_FEEDBACK_DAYS", 92)
CONDUCT_RETENTION_DAYS = envint("COMMONWEAL_CONDUCT_RETENTION_DAYS", 730)
# The reverse proxies in front of the server (their addresses, comma-separated): behind one,
# a client's address is the one the proxy adds to X-Forwarded-For (for per-address limits).
TRUSTED_PROXIES = frozenset(
    address.strip()
    for address in env("COMMONWEAL_TRUSTED_PROXIES", "").split(",")
    if address.strip()
)
# How long the author of a comment may still edit or delete it.
COMMENT_EDIT_MINUTES = envint("COMMONWEAL_COMMENT_EDIT_MINUTES", 15)

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env("COMMONWEAL_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("COMMONWEAL_EMAIL_HOST")
EMAIL_PORT = envint("COMMONWEAL_EMAIL_PORT", 587)
EMAIL_HOST_USER = env("COMMONWEAL_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("COMMONWEAL_EMAIL_PASSWORD")
EMAIL_USE_TLS = envbool("COMMONWEAL_EMAIL_TLS", True)
# Seconds a mail server may take to answer before a send counts as failed.
EMAIL_TIMEOUT = envint("COMMONWEAL_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("COMMONWEAL_FROM_EMAIL", "Commonweal <noreply@localhost>")
# The sender of alerts and digests (docs/email.md), when not the default sender.
ALERTS_FROM = env("COMMONWEAL_ALERTS_FROM")

LANGUAGE_CODE = "en"
# English and Simplified Chinese are complete; Arabic is wired for right-to-left
# layout and falls back to English until its catalogue is translated.
# The six official languages of the United Nations, in the order of their English names.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env("COMMONWEAL_TIME_ZONE", "UTC")
FORMAT_MODULE_PATH = ["commonweal.core.formats"]
# The currency of the costs and budgets shown on pages (ISO 4217); amounts are stored
# without one, so this is the community's own choice.
CURRENCY = env("COMMONWEAL_CURRENCY", "USD").upper()
if not (len(CURRENCY) == 3 and CURRENCY.isalpha()):
    raise ImproperlyConfigured("COMMONWEAL_CURRENCY must be a three-letter ISO 4217 code")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("COMMONWEAL_STATIC_ROOT", str(WORK_DIR / "staticfiles")))
# xAPI statements on course completions (learning/xapi.py): this site's address, for the
# statements' absolute addresses, and the learning record store; no endpoint, nothing sent.
SITE_URL = env("COMMONWEAL_SITE_URL")
XAPI_ENDPOINT = env("COMMONWEAL_XAPI_ENDPOINT")
XAPI_KEY = env("COMMONWEAL_XAPI_KEY")
XAPI_SECRET = env("COMMONWEAL_XAPI_SECRET")
# Uploaded files (lesson downloads); served through views that check permission, never
# as a public folder, so there is no MEDIA_URL.
MEDIA_ROOT = Path(env("COMMONWEAL_MEDIA_ROOT", str(WORK_DIR / "media")))
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

# Outside production, static files are served straight from the apps' folders,
# so no collectstatic step is needed to try the platform.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Uploads are read into memory only up to this size; larger ones are refused.
# At least a whole consultation document and its form, so that its own limit (with its
# reason) is the one a person meets.
MAX_UPLOAD_BYTES = max(
    envint("COMMONWEAL_MAX_UPLOAD_BYTES", 20 * 1024 * 1024),
    (CONSULTATION_UPLOAD_MB + 1) * 1024 * 1024,
)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# A session's recording (audio or video), uploaded for transcription: streamed to a
# temporary file, never held in memory. The page that takes it may receive this much.
AUDIO_UPLOAD_MB = envint("COMMONWEAL_AUDIO_UPLOAD_MB", 1024)
# The Whisper model (a faster-whisper / CTranslate2 folder) recordings are transcribed
# with; empty: the base model the 'audio' extra installs. docs/audio.md says how to get one.
SPEECH_MODEL_DIR = env("COMMONWEAL_SPEECH_MODEL", "")
# Paths (prefixes) whose requests may be larger than MAX_UPLOAD_BYTES, with their limit.
# A conduct report, a reporter's message or a reply may carry five files of 10 MB each
# (conduct/services/files.py, MAX_FILES and MAX_FILE_BYTES; a test holds them equal).
LARGE_UPLOAD_PATHS = {
    "/recordings/new/": (AUDIO_UPLOAD_MB + 1) * 1024 * 1024,
    "/conduct/": (5 * 10 + 1) * 1024 * 1024,
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("COMMONWEAL_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("COMMONWEAL_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("COMMONWEAL_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("COMMONWEAL_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("COMMONWEAL_LOG_LEVEL", "INFO")},
    # django_tasks tells of every task started and finished at INFO: news of a meeting
    # ingested on the command line would interleave with its report; faster_whisper of
    # every recording's length and the silence it skipped.
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "faster_whisper": {"level": "WARNING"},
    },
}
