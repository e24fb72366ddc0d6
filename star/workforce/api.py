"""/api/v1/workforce: the same report the dashboard shows (aggregates only, disclosure-controlled)."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Router
from ninja.errors import HttpError

from . import selectors
from .report import ReportUnavailable

router = Router(tags=["workforce"])


@router.get("/report", response=dict, summary="Workforce race equality report")
def report(request, as_at: str | None = None, standard: Literal["sc-wres", "nhs-wres"] = "sc-wres",
           service: str | None = None, rolling_years: int = 1):
    """Indicators with counts per group, ratios with intervals, corrected significance, flags and readings.

    `as_at` (YYYY-MM-DD) picks a snapshot; the latest is used when it is left out. `rolling_years=2`
    counts formal processes over two years instead of one."""
    if rolling_years not in (1, 2):
        raise HttpError(422, "rolling_years must be 1 or 2.")
    try:
        return selectors.workforce_report(request.user, as_at=as_at, standard=standard, service=service,
                                          rolling_years=rolling_years)
    except PermissionDenied as error:
        raise HttpError(403, "Your role does not give access to workforce equality figures.") from error
    except ReportUnavailable as reason:
        raise HttpError(404, str(reason)) from reason
    except ValueError as error:
        raise HttpError(422, "as_at must be a date in the form YYYY-MM-DD.") from error
