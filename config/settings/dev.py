"""Local development and `star demo`: embedded SQLite, debug on, emails to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("STAR_DEBUG", default=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
