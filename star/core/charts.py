"""SVG charts drawn with matplotlib. Every chart is paired with a table of the same data on the page.

Charts are decorative duplicates of their table for screen-reader users (the SVG carries a title
and says where the table is), use colour-blind-safe colours and never rely on colour alone.
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text (selectable, scalable)
matplotlib.rcParams["svg.hashsalt"] = "star"  # deterministic ids
matplotlib.rcParams["font.family"] = "sans-serif"

INK = "#0b0c0c"
COLOURS = ("#1d70b8", "#f47738", "#28a197", "#912b88", "#505a5f")  # GOV.UK palette, distinguishable


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
    lower: float | None = None
    upper: float | None = None


def _svg(fig, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Title": title, "Date": None})
    plt.close(fig)
    svg = _without_inline_styles(buffer.getvalue())
    svg = svg[svg.index("<svg"):]
    # Announce the chart once and point to its table; hide the drawing's internals from assistive tech.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}. The same figures are in the '
                                 f'table below." focusable="false" stroke-linejoin="round" stroke-linecap="butt" ', 1)


_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)


def _without_inline_styles(svg: str) -> str:
    """Turn matplotlib's style attributes into SVG presentation attributes.

    The content security policy forbids inline styles (they would be ignored and every shape drawn
    black); presentation attributes such as fill="#fff" are not styles and are allowed.
    """

    def attributes(match: re.Match) -> str:
        pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
        return " ".join(f'{name.strip()}="{_escape(value.strip())}"' for name, value in pairs)

    return _STYLE_ATTRIBUTE.sub(attributes, _STYLE_ELEMENT.sub("", svg))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def interval_chart(points: Sequence[Point], *, title: str, axis_label: str, reference: float | None = None,
                   percent: bool = False) -> str:
    """Horizontal dot-and-interval chart (one row per point); a line marks the reference value."""
    shown = [p for p in points if p.value is not None]
    height = 0.9 + 0.45 * max(len(shown), 1)
    fig, ax = plt.subplots(figsize=(7.2, height), dpi=96)
    scale = 100 if percent else 1
    for row, point in enumerate(reversed(shown)):
        if point.lower is not None and point.upper is not None:
            ax.plot([point.lower * scale, point.upper * scale], [row, row], color=COLOURS[0], linewidth=2.5)
        ax.plot([point.value * scale], [row], marker="o", markersize=7, color=INK)
    ax.set_yticks(range(len(shown)), [p.label for p in reversed(shown)])
    if reference is not None:
        ax.axvline(reference * scale, color=COLOURS[1], linestyle="--", linewidth=1.5)
    ax.set_xlabel(axis_label)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, loc="left", fontsize=11)
    return _svg(fig, title)


def line_chart(x: Sequence[str], series: dict[str, Sequence[float | None]], *, title: str, axis_label: str,
               percent: bool = False) -> str:
    """Lines over time with markers of different shapes, so colour is never the only cue."""
    fig, ax = plt.subplots(figsize=(7.2, 3.4), dpi=96)
    markers = ("o", "s", "^", "D", "v")
    scale = 100 if percent else 1
    for index, (name, values) in enumerate(series.items()):
        ys = [None if v is None else v * scale for v in values]
        ax.plot(list(x), ys, marker=markers[index % len(markers)], color=COLOURS[index % len(COLOURS)],
                label=name, linewidth=2)
    ax.set_ylabel(axis_label)
    if percent:  # shares start at zero, so a small change does not look like a large one
        ax.set_ylim(bottom=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="best")
    ax.set_title(title, loc="left", fontsize=11)
    return _svg(fig, title)


def funnel_chart(points: Sequence[tuple[str, float, float]], limits: dict[str, tuple[Sequence[float], Sequence[float]]],
                 expected: Sequence[float], *, title: str, axis_label: str) -> str:
    """Funnel plot: each area's ratio (y) against its expected count (x), with control limits drawn as lines
    (``limits`` maps a label such as "95%" to lower and upper values at each ``expected``)."""
    fig, ax = plt.subplots(figsize=(7.2, 4.2), dpi=96)
    styles = ("--", ":")
    for index, (label, (lower, upper)) in enumerate(limits.items()):
        ax.plot(expected, lower, color=COLOURS[4], linestyle=styles[index % 2], linewidth=1.2, label=f"{label} limits")
        ax.plot(expected, upper, color=COLOURS[4], linestyle=styles[index % 2], linewidth=1.2)
    ax.axhline(1, color=COLOURS[1], linewidth=1.2)
    for label, x, y in points:
        ax.plot([x], [y], marker="o", markersize=7, color=COLOURS[0])
        ax.annotate(label, (x, y), textcoords="offset points", xytext=(6, 4), fontsize=9, color=INK)
    ax.set_xlabel("Expected number of children")
    ax.set_ylabel(axis_label)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="best")
    ax.set_title(title, loc="left", fontsize=11)
    return _svg(fig, title)
