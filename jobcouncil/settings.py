"""Django settings for jobcouncil, read from environment variables with safe local defaults."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import dj_database_url

from jobcouncil.lib.env import env_bool, env_int, env_list, env_months, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
TESTING = "pytest" in sys.modules or env_bool("JOBCOUNCIL_TESTING", False)

DEFAULT_SECRET_KEY = "insecure-local-only-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# What members call the programme: page titles, the brand and every email name it.
PROGRAMME_NAME = env_str("PROGRAMME_NAME", "jobcouncil")
# A new council's first meeting, and a refilled member's, is the first slot at least this long
# after they were matched, so nobody is expected at a meeting they could not have known about.
FIRST_MEETING_NOTICE_HOURS = env_int("FIRST_MEETING_NOTICE_HOURS", 12)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "jobcouncil.accounts",
    "jobcouncil.pool",
    "jobcouncil.councils",
    "jobcouncil.rounds",
    "jobcouncil.workbook",
    "jobcouncil.notifications",
    "jobcouncil.programme",
    "django.forms",  # the built-in widget templates, for FORM_RENDERER below
]
# Widgets render through TEMPLATES, so templates/ can fix one of Django's (the admin's date and
# time inputs had no labels: templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jobcouncil.lib.middleware.UserTimezoneMiddleware",
    "jobcouncil.lib.middleware.SecurityHeadersMiddleware",
]
# Each response's own cost (wall, CPU, database) in a Server-Timing header: bench/web.py.
if env_bool("SERVER_TIMING", False):
    MIDDLEWARE.insert(0, "jobcouncil.lib.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "jobcouncil.urls"
WSGI_APPLICATION = "jobcouncil.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "jobcouncil.lib.templates.DjangoTemplates",  # no reference cycle
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "jobcouncil.lib.context_processors.programme",
                "jobcouncil.notifications.context_processors.bell",
            ],
        },
    },
]

# An expired form gets a kind page in the site's layout, not Django's technical one.
CSRF_FAILURE_VIEW = "jobcouncil.lib.errors.csrf_failure"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'jobcouncil.sqlite3'}"),
        # In production a connection lives on across requests (opening one costs about 2 ms
        # on PostgreSQL) and is checked before reuse; locally each request opens its own.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that stopped answering (a network cut rather than a refusal) fails the
    # request within seconds, with the calm 503 page, instead of holding a worker until
    # gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside one writer; IMMEDIATE takes the write lock at BEGIN,
    # which is what makes "one council per person" safe without row locks on SQLite.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    # A file, not shared-cache memory: only a file gives concurrent tests real SQLite locking.
    # One file per test process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"jobcouncil-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 (memory-hard) for new and upgraded hashes; the others verify older hashes and are
# replaced by Argon2 at the next log-in. Tests keep a cheap hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A password change keeps the session that made it (update_session_auth_hash) and ends every
# other one, because each session carries a hash of the password (tested).

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# allauth: email is the login, and it must be verified before anything else happens.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# One address per person. An address someone added but never confirmed gives no claim: a
# sign-up with it is made (the claim is dropped), and a password reset only goes to an account
# that confirmed the address or signed up with it (jobcouncil.accounts.forms). Otherwise one
# account could add a stranger's address, and the stranger's password reset would mail them
# the keys to that account (issue 8, finding 3).
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per account: a new one replaces the old once confirmed
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {
    "signup": "jobcouncil.accounts.forms.SignupForm",
    "reset_password": "jobcouncil.accounts.forms.ResetPasswordForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PROGRAMME_NAME}] "
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:next-step"
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:next-step"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds per SMTP step: a hung server fails the send (retried later) well before the outbox
# takes a claim for a dead worker's (notifications.tasks.STUCK_SENDING_AFTER, 15 minutes).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{PROGRAMME_NAME} <hello@jobcouncil.local>")

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# One cache for every worker and host: allauth counts login attempts in it, and counts kept
# in each process's memory let every gunicorn worker check another five passwords. The
# database by default (its table comes with `migrate`); Redis when REDIS_URL is set (needs
# the redis package).
REDIS_URL = env_str("REDIS_URL", "")
CACHE_TABLE = "jobcouncil_cache"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE},
    # Short-lived figures a page may read from this process's memory (popular times, pool
    # counts): free to read, and a minute out of date at worst.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Messages ("Confirmation email sent to ada@example.org") stay on the server with the session;
# the default cookie storage carried them, email address included, in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # A year, subdomains included: browsers then never try plain http on this domain.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Trust X-Forwarded-Proto only behind a proxy that sets it; otherwise anyone could claim https.
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every handler masks secret-link tokens (lib/logging.py); runserver's request log is
# redefined here so it does too. For gunicorn see README "Running it for real".
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_secrets": {"()": "jobcouncil.lib.logging.ScrubSecretsFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["scrub_secrets"],
        },
    },
    "loggers": {
        # Django's own console handler would print "Not Found: <path>" unmasked: use ours.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
# A year by default: long enough for a mail read late, short enough that old mail goes stale.
UNSUBSCRIBE_LINK_DAYS = env_int("UNSUBSCRIBE_LINK_DAYS", 365)
# Delete people who left the programme this many calendar months ago (programme/retention.py
# says who, precisely; README "Privacy" says why two years by default). 0 or "off" turns it off.
RETENTION_MONTHS = env_months("JOBCOUNCIL_RETENTION_MONTHS", 24)
