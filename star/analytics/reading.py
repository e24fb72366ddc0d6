"""Plain-English readings of figures.

Readings are short, precise and respectful: they name the groups with the labels given
(e.g. "Global Majority", or an exact ONS 2021 label), say how sure we are, and never
present a suppressed or undefined figure as a number.
"""

from __future__ import annotations

import math

from .stats import Figure, Flags

__all__ = ["format_number", "format_percent", "read", "read_difference", "read_proportion",
           "read_rate", "read_ratio"]


def format_number(x: float, places: int = 2) -> str:
    """1.5 -> "1.5", 2.0 -> "2", 1.254 -> "1.25"."""
    s = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return s or "0"


def format_percent(p: float, places: int = 1) -> str:
    return f"{p * 100:.{places}f}%"


def _suppressed(fig: Figure) -> str | None:
    if Flags.SUPPRESSED in fig.flags:
        return ("This figure is not shown because it is based on a very small number of "
                "people, to protect their privacy.")
    return None


def _group(label: str | None, subject: str) -> str:
    return f"{label} {subject}".strip() if label else subject


def read_proportion(fig: Figure, *, subject: str = "people", outcome: str = "had the outcome"
                    ) -> str:
    """e.g. "7 of 50 Global Majority applicants (14.0%) were appointed. We can be 95%
    confident the true figure is between 7.0% and 26.2%." (``outcome``: "were appointed")."""
    if (s := _suppressed(fig)) is not None:
        return s
    who = _group(fig.group, subject)
    if fig.value is None:
        return f"There were no {who}, so no percentage can be given."
    den = int(fig.denominator) if fig.denominator is not None else 0
    text = f"{fig.numerator} of {den} {who} ({format_percent(fig.value)}) {outcome}."
    if fig.lower is not None and fig.upper is not None:
        text += (f" We can be {round(fig.confidence * 100)}% confident the true figure is "
                 f"between {format_percent(fig.lower)} and {format_percent(fig.upper)}.")
    if Flags.SMALL_NUMBERS in fig.flags:
        text += " The number of people is small, so treat this with caution."
    return text


def read_rate(fig: Figure, *, subject: str = "people", event: str = "events") -> str:
    """e.g. "12.5 events per 10,000 children (95% confidence interval 8.1 to 18.5)."."""
    if (s := _suppressed(fig)) is not None:
        return s
    who = _group(fig.group, subject)
    if fig.value is None:
        return f"There is no population of {who}, so no rate can be given."
    mult = f"{fig.multiplier:,.0f}" if fig.multiplier else "1"
    text = f"{format_number(fig.value, 1)} {event} per {mult} {who}"
    if fig.lower is not None and fig.upper is not None:
        text += (f" ({round(fig.confidence * 100)}% confidence interval "
                 f"{format_number(fig.lower, 1)} to {format_number(fig.upper, 1)})")
    text += "."
    if Flags.SMALL_NUMBERS in fig.flags:
        text += f" This is based on {fig.numerator} {event}, so treat it with caution."
    return text


def read_ratio(fig: Figure, *, subject: str = "people", outcome: str = "to have the outcome"
               ) -> str:
    """e.g. "White applicants were 1.5 times as likely to be appointed from shortlisting as
    Global Majority applicants. With 10 Global Majority applicants this is not statistically
    significant, and one different decision would remove the gap."

    ``fig.group`` is always the numerator group, ``fig.comparator`` the denominator group.
    """
    if (s := _suppressed(fig)) is not None:
        return s
    a, b = _group(fig.group, subject), _group(fig.comparator, subject)
    if fig.value is None:
        if Flags.RATIO_INFINITE in fig.flags:
            return (f"None of the {_den(fig.comparator_denominator)} {b} had this outcome, "
                    f"compared with {fig.numerator} of {_den(fig.denominator)} {a}, so a ratio "
                    "cannot be calculated.")
        return f"Neither {a} nor {b} had this outcome, so there is nothing to compare."
    r = fig.value
    shown = format_number(r)
    if shown == "1":
        text = f"{a} were about as likely {outcome} as {b}."
    elif r == 0:
        text = (f"None of the {_den(fig.denominator)} {a} had this outcome, compared with "
                f"{fig.comparator_numerator} of {_den(fig.comparator_denominator)} {b}.")
    else:
        text = f"{a} were {shown} times as likely {outcome} as {b}."
        if r < 1:
            text = text[:-1] + f" (that is, {b} were {format_number(1 / r)} times as likely)."
    # how sure: significance after correction, with the size of the smaller group when small
    smaller_n, smaller = _smaller(fig, a, b)
    if fig.p_adjusted is None:
        sure = ""
    elif Flags.SIGNIFICANT in fig.flags:
        sure = "This is statistically significant"
        if fig.tests and fig.tests > 1:
            sure += f" after allowing for {fig.tests} comparisons"
    elif Flags.SMALL_NUMBERS in fig.flags and smaller_n is not None:
        sure = f"With {smaller_n} {smaller} this is not statistically significant"
    else:
        sure = "This is not statistically significant"
    if Flags.ONE_PERSON_FLIP in fig.flags:
        joiner = ", and" if Flags.SIGNIFICANT not in fig.flags else ", but"
        sure = (sure + joiner + " one different decision would remove the gap") if sure else \
            "One different decision would remove the gap"
    return text + (f" {sure}." if sure else "")


def read_difference(fig: Figure, *, subject: str = "people") -> str:
    """e.g. "Global Majority staff made up 12.0% of senior leaders, compared with 30.0% of the
    whole workforce: 18.0 percentage points lower (95% confidence interval 10.1 to 25.3
    points). This is statistically significant after allowing for 12 comparisons."

    ``fig.group`` and ``fig.comparator`` name the two populations the shares are of."""
    if (s := _suppressed(fig)) is not None:
        return s
    if fig.value is None:
        return f"There is nobody to compare, so no difference can be given for {subject}."
    p1 = fig.numerator / fig.denominator
    p2 = fig.comparator_numerator / fig.comparator_denominator
    pts = abs(fig.value) * 100
    if round(pts, 1) == 0:
        how = "about the same"
    else:
        how = f"{format_number(pts, 1)} percentage points {'higher' if fig.value > 0 else 'lower'}"
    text = (f"{subject.capitalize() if subject[:1].islower() else subject} made up "
            f"{format_percent(p1)} of {fig.group}, compared with {format_percent(p2)} of "
            f"{fig.comparator}: {how}")
    if fig.lower is not None and fig.upper is not None:
        text += (f" ({round(fig.confidence * 100)}% confidence interval "
                 f"{format_number(fig.lower * 100, 1)} to {format_number(fig.upper * 100, 1)}"
                 " points)")
    text += "."
    if fig.p_adjusted is not None:
        if Flags.SIGNIFICANT in fig.flags:
            text += " This is statistically significant"
            text += (f" after allowing for {fig.tests} comparisons." if fig.tests and fig.tests > 1
                     else ".")
        else:
            text += " This is not statistically significant."
    if Flags.SMALL_NUMBERS in fig.flags:
        text += " The numbers are small, so treat this with caution."
    return text


def _den(x) -> str:
    return str(int(x)) if x is not None and math.isfinite(x) else "?"


def _smaller(fig: Figure, a: str, b: str) -> tuple[int | None, str]:
    na, nb = fig.denominator, fig.comparator_denominator
    if na is None or nb is None:
        return None, ""
    return (int(na), a) if na <= nb else (int(nb), b)


def read(fig: Figure, *, subject: str = "people", outcome: str | None = None) -> str:
    """Reading for any figure, dispatching on ``fig.measure``."""
    if fig.measure == "proportion":
        return read_proportion(fig, subject=subject, outcome=outcome or "had the outcome")
    if fig.measure == "rate":
        return read_rate(fig, subject=subject, event=outcome or "events")
    if fig.measure == "difference":
        return read_difference(fig, subject=subject)
    return read_ratio(fig, subject=subject, outcome=outcome or "to have the outcome")
