"""/api/v1/outcomes: the same disproportionality report the dashboard shows (aggregates only)."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Router
from ninja.errors import HttpError

from . import selectors
from .report import ReportUnavailable

router = Router(tags=["outcomes"])


@router.get("/report", response=dict, summary="Ethnic disproportionality along the children's social care pathway")
def report(request, year: int | None = None, area: str | None = None,
           level: Literal["broad", "detailed"] = "broad", reference: Literal["white", "white_british"] = "white"):
    """For each stage and ethnic group: count, population, rate per 10,000 children with its interval, the
    relative rate index against the reference group (with interval, corrected significance and flags) and the
    conditional relative rate index from the stage before. `year` is the collection year (2025 = April 2024 to
    March 2025; default the latest); `area` is needed when returns for more than one area are visible."""
    if not request.user.has_perm("outcomes.view_dashboard"):
        raise HttpError(403, "Your role does not give access to outcomes for children.")
    try:
        have = selectors.choices(request.user)
        return selectors.outcomes_report(request.user, year=year, level=level, reference=reference,
                                         area=area or selectors.default_area(request.user, have["areas"]))
    except PermissionDenied as error:
        raise HttpError(403, "Your role does not give access to outcomes for children.") from error
    except ReportUnavailable as reason:
        raise HttpError(404, str(reason)) from reason
