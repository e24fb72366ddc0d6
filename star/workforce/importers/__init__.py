"""Workforce files STAR reads: registers each kind with ``star.core.imports`` (found by autodiscovery)."""

from star.core.imports import register

from .csww import CSWW
from .tabular import DEVELOPMENT, PROCESSES, PROMOTIONS, RECRUITMENT, STAFF

for _spec in (STAFF, RECRUITMENT, PROCESSES, DEVELOPMENT, PROMOTIONS, CSWW):
    register(_spec)
