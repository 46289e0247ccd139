"""Helhet settings, configured from the environment (12-factor).

Every variable has a safe default for local use. ``HELHET_ENV=production`` switches to the
production profile, which refuses to start with DEBUG on, the default secret key, or without
HTTPS settings (see docs/security.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


HELHET_ENV = env("HELHET_ENV", "development")
if HELHET_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"HELHET_ENV must be development, test or production, not {HELHET_ENV!r}"
    )
PRODUCTION = HELHET_ENV == "production"

DEFAULT_SECRET_KEY = "helhet-insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env("HELHET_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("HELHET_DEBUG", default=not PRODUCTION)
DATA_DIR = Path(env("HELHET_DATA_DIR", str(PROJECT_DIR / "var")))

ALLOWED_HOSTS = [
    h for h in env("HELHET_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in env("HELHET_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Only the production profile may hold real national identity numbers; everywhere else the
# people service accepts synthetic numbers only (month + 80).
ALLOW_REAL_NATIONAL_IDS = PRODUCTION and env_bool("HELHET_ALLOW_REAL_NATIONAL_IDS", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "ninja",
    "helhet.tenancy",
    "helhet.people",
    "helhet.consent",
    "helhet.audit",
    "helhet.notifications",
    "helhet.plans",
    "helhet.meetings",
    "helhet.referrals",
    "helhet.transitions",
    "helhet.networks",
    "helhet.agreements",
    "helhet.volunteering",
    "helhet.observatory",
    "helhet.surveys",
    "helhet.relations",
    "helhet.registry",
    "helhet.qualitative",
    "helhet.synthesis",
    "helhet.portal",
    "helhet.web",
    "helhet.demo",
]

# The kernel (helhet.core) imports no app; it finds the acting membership of a request and the
# API token check through these, which tenancy provides.
HELHET_ACTOR_RESOLVER = "helhet.tenancy.resolver.current_actor"
HELHET_API_TOKEN_AUTHENTICATOR = "helhet.tenancy.services.api_token_authenticate"  # noqa: S105

# Hooks by which a lower app reaches the apps above it without importing them (dotted paths).
# Tenancy's change log is written by the audit trail, which sits above tenancy:
HELHET_CHANGE_RECORDER = "helhet.audit.services.change_record"
# The reminder job's scans, in the order they run (notifications imports none of them):
HELHET_REMINDER_SCANS = [
    "helhet.referrals.reminders.remind_overdue_referrals",
    "helhet.plans.reminders.remind_overdue_measures",
    "helhet.transitions.reminders.remind_transitions",
    "helhet.audit.reminders.review_access_log",
]
# The log review's "no open task" rule asks each app that gives staff a task with a person:
HELHET_REVIEW_OPEN_TASKS = [
    "helhet.consent.open_tasks.responsible_involvements",
    "helhet.referrals.open_tasks.open_referrals",
    "helhet.plans.open_tasks.open_measures",
    "helhet.plans.open_tasks.coordinated_plans",
    "helhet.meetings.open_tasks.meetings_near",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "helhet.urls"
WSGI_APPLICATION = "helhet.wsgi.application"
AUTH_USER_MODEL = "tenancy.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"

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
                "helhet.web.context_processors.actor",
            ],
        },
    }
]

DATABASE_URL = env("HELHET_DATABASE_URL")
if DATABASE_URL:
    # Persistent connections pay off under gunicorn; elsewhere they keep test databases busy.
    conn_max_age = int(env("HELHET_DB_CONN_MAX_AGE", "60" if PRODUCTION else "0"))
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=conn_max_age)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "helhet.dbbackends.sqlite3",
            # Tests run in memory (named, since the engine is not Django's own).
            "TEST": {"NAME": ":memory:"},
            "NAME": str(DATA_DIR / "helhet.sqlite3"),
            # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at the
            # start of a transaction so two writers queue instead of failing mid-transaction.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;"
                " PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("HELHET_STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
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
# Outside production whitenoise serves straight from the app folders, so no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env("HELHET_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("HELHET_FROM_EMAIL", "helhet@localhost")
# Working days a receiver has to acknowledge a referral, unless a deadline rule says otherwise.
REFERRAL_DEADLINE_WORKING_DAYS = int(env("HELHET_REFERRAL_DEADLINE_DAYS", "3"))

# --- Trust: the population register and stored consent forms ---------------------------
# Registering a person and every guardianship go by the population register. In production
# this is the national register's adapter; here a local JSON file stands in for it (the demo
# writes one, the tests write their own). See docs/security.md.
POPULATION_REGISTER_FILE = Path(
    env("HELHET_POPULATION_REGISTER_FILE", str(DATA_DIR / "population-register.json"))
)
# Signed paper consent forms (PDF, PNG, JPEG) are stored here, never served as static files.
CONSENT_DOCUMENT_DIR = Path(env("HELHET_CONSENT_DOCUMENT_DIR", str(DATA_DIR / "consent-forms")))
CONSENT_DOCUMENT_MAX_BYTES = int(env("HELHET_CONSENT_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Links in e-mails point here.
SITE_URL = env("HELHET_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Log review (Normen's "kontroll av logg"): when a read is flagged for the privacy officer --
# See docs/log-review.md. The scan runs with `helhet remind`, `helhet worker` and
# `helhet review-log`; denied reads count like granted ones.
# Organisation kinds and the categories they rarely need: "kind:cat,cat;kind:cat".
REVIEW_UNUSUAL_CATEGORIES = env(
    "HELHET_REVIEW_UNUSUAL_CATEGORIES",
    "voluntary:child_welfare,health,economy,work_activity;school:child_welfare,health,economy;"
    "nursing_home:child_welfare,education;home_care:child_welfare,education",
)
# One user reading this many distinct persons within this many minutes is flagged.
REVIEW_MANY_PERSONS = int(env("HELHET_REVIEW_MANY_PERSONS", "50"))
REVIEW_MANY_PERSONS_MINUTES = int(env("HELHET_REVIEW_MANY_PERSONS_MINUTES", "10"))
# Working hours (Europe/Oslo) on working days; reads outside them, on weekends and on public
# holidays are flagged.
REVIEW_DAY_STARTS = env("HELHET_REVIEW_DAY_STARTS", "07:00")
REVIEW_DAY_ENDS = env("HELHET_REVIEW_DAY_ENDS", "18:00")
# Rules in force (comma-separated): unusual_category, many_persons, off_hours, no_open_task.
REVIEW_RULES = env("HELHET_REVIEW_RULES", "unusual_category,many_persons,off_hours,no_open_task")

# --- Min side: the person's own door, signed in through ID-porten (OpenID Connect) -------
# See docs/portal.md. In production the issuer is ID-porten itself (https://idporten.no, or
# https://test.idporten.no for Digdir's test environment) with the client registered in
# Samarbeidsportalen; elsewhere a local provider (devidp/, started by `helhet run` and the
# tests) plays ID-porten at http://127.0.0.1:8100.
OIDC_ISSUER = env(
    "HELHET_OIDC_ISSUER", "https://idporten.no" if PRODUCTION else "http://127.0.0.1:8100"
)
OIDC_CLIENT_ID = env("HELHET_OIDC_CLIENT_ID", "helhet")
OIDC_CLIENT_SECRET = env("HELHET_OIDC_CLIENT_SECRET", "" if PRODUCTION else "helhet-dev-secret")
OIDC_SCOPE = env("HELHET_OIDC_SCOPE", "openid profile")
# The lowest assurance level accepted: idporten-loa-substantial or idporten-loa-high.
OIDC_REQUIRED_ACR = env("HELHET_OIDC_REQUIRED_ACR", "idporten-loa-substantial")
# Empty: built from the request (https://<host>/min-side/callback/).
OIDC_REDIRECT_URI = env("HELHET_OIDC_REDIRECT_URI", "")
# `helhet run` starts the local provider (node devidp/server.mjs) when this is on.
DEV_IDP = env_bool("HELHET_DEV_IDP", not PRODUCTION)
# A person's session on Min side ends after this many idle minutes.
PORTAL_IDLE_MINUTES = int(env("HELHET_PORTAL_IDLE_MINUTES", "15"))

# Brute-force lockout: five failures per username and address lock the pair for 30 minutes.
AXES_FAILURE_LIMIT = int(env("HELHET_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy every client would share the proxy's address; count the proxies so
# the lockout keys on the real client address from X-Forwarded-For.
PROXY_COUNT = int(env("HELHET_PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# A strict policy: no inline script or style, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("The production profile refuses to start with HELHET_DEBUG on.")
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "The production profile needs HELHET_SECRET_KEY: a secret of 50 characters or more."
        )
    if not DATABASE_URL or DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "The production profile needs HELHET_DATABASE_URL pointing at PostgreSQL."
        )
    if not OIDC_ISSUER.startswith("https://") or DEV_IDP:
        raise ImproperlyConfigured(
            "The production profile needs HELHET_OIDC_ISSUER over HTTPS (ID-porten) and "
            "HELHET_DEV_IDP off."
        )
    SECURE_SSL_REDIRECT = env_bool("HELHET_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s"
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": env("HELHET_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50
