"""Production: PostgreSQL via DATABASE_URL, HTTPS only, secrets from the environment."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("STAR_SECRET_KEY")
STAR["STAFF_ID_KEY"] = env("STAR_STAFF_ID_KEY")  # noqa: F405

SECURE_SSL_REDIRECT = env.bool("STAR_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("STAR_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("STAR_CSRF_TRUSTED_ORIGINS", default=[])
EMAIL_BACKEND = env("STAR_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
