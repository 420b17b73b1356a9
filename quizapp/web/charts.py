"""Server-rendered SVG charts: no script, no CDN, readable without colour.

Every piece is a literal ``Markup`` template filled by ``.format``, which escapes each value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from quizapp.i18n import direction
from quizapp.i18n.formats import number, percent

# Each series gets a colour AND a marker shape AND a dash pattern.
STYLES = [
    ("#1f5fbf", "circle", ""),
    ("#b3261e", "square", "6 3"),
    ("#2e7d32", "triangle", "2 3"),
    ("#6a1b9a", "diamond", "8 3 2 3"),
    ("#8a5a00", "circle", "1 2"),
]
CORNERS = {
    "square": [(-4, -4), (4, -4), (4, 4), (-4, 4)],
    "triangle": [(0, -5), (5, 4), (-5, 4)],
    "diamond": [(0, -5), (5, 0), (0, 5), (-5, 0)],
}
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 300, 48, 16, 16, 40


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[int, float | None]]  # (attempt number, value in [0, 1] or None)
    lang: str = ""  # a name in another language than the page's (a quiz's own skill)


def _text(
    x: float, y: float, text: str, anchor: str = "middle", size: int = 12, lang: str = ""
) -> Markup:
    language = Markup(' lang="{}"').format(lang) if lang else ""
    return Markup(
        '<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}" fill="#222"{}>{}</text>'
    ).format(x, y, anchor, size, language, text)


def _marker(shape: str, x: float, y: float, colour: str) -> Markup:
    corners = CORNERS.get(shape)
    if corners is None:
        return Markup('<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>').format(x, y, colour)
    path = "L".join(f"{x + dx:.1f} {y + dy:.1f}" for dx, dy in corners)
    return Markup('<path d="M{}Z" fill="{}"/>').format(path, colour)


def _mirror(rtl: bool) -> tuple[Callable[[float], float], Callable[[str], str]]:
    """An x coordinate and a text anchor as drawn: flipped in a right-to-left language."""
    if not rtl:
        return (lambda x: x), (lambda anchor: anchor)
    swap = {"start": "end", "end": "start"}
    return (lambda x: WIDTH - x), (lambda anchor: swap.get(anchor, anchor))


def line_chart(title: str, description: str, series: Sequence[Series], n: int) -> Markup:
    """Values in [0, 1] over attempts 1..n, one line a series, with legend and axes; in a
    right-to-left language the chart is mirrored (time runs leftwards, the scale on the
    right), its words still written the right way."""
    legend_h = 22 * ((len(series) + 1) // 2)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    fx, side = _mirror(direction() == "rtl")

    def px(i: int) -> float:
        return fx(LEFT + (plot_w * (i - 1) / (n - 1) if n > 1 else plot_w / 2))

    def py(v: float) -> float:
        return TOP + plot_h * (1 - v)

    parts = [
        Markup(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>'
        ).format(WIDTH, HEIGHT + legend_h, title, description)
    ]
    for v in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#ccc"/>').format(
                fx(LEFT), fx(WIDTH - RIGHT), py(v), py(v)
            )
        )
        parts.append(_text(fx(LEFT - 6), py(v) + 4, percent(v), side("end")))
    for i in range(1, n + 1, max(1, n // 10)):
        parts.append(_text(px(i), HEIGHT - BOTTOM + 18, number(i)))
    # Translators: the horizontal axis of a chart of scores over attempts 1, 2, 3...
    parts.append(_text(fx(LEFT + plot_w / 2), HEIGHT - 4, _("attempt")))
    for k, s in enumerate(series):
        colour, shape, dash = STYLES[k % len(STYLES)]
        pts = [(px(i), py(v)) for i, v in s.points if v is not None]
        if len(pts) > 1:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            parts.append(
                Markup(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" '
                    'stroke-dasharray="{}"/>'
                ).format(line, colour, dash or "none")
            )
        parts.extend(_marker(shape, x, y, colour) for x, y in pts)
        lx, ly = LEFT + (k % 2) * 300, HEIGHT + 8 + 22 * (k // 2)
        parts.append(_marker(shape, fx(lx + 6), ly + 6, colour))
        parts.append(_text(fx(lx + 18), ly + 10, s.name, side("start"), 13, s.lang))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # in [0, 1]
    note: str = ""  # printed after the percentage, e.g. "12 of 25"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(title: str, description: str, bars: Sequence[Bar], key: str = "bars") -> Markup:
    """Horizontal bars for values in [0, 1], one a row, each labelled and with its value
    written beside it; ``key`` keeps the title's id unique on a page with several charts.
    Mirrored in a right-to-left language: labels on the right, bars growing leftwards."""
    row_h, label_w, note_w = 30, 250, 130
    plot_l, plot_r = label_w + 10, WIDTH - note_w
    height = TOP + row_h * len(bars) + 34
    fx, side = _mirror(direction() == "rtl")

    def px(v: float) -> float:
        return fx(plot_l + (plot_r - plot_l) * min(max(v, 0.0), 1.0))

    parts = [
        Markup(
            '<svg class="chart bar-chart" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        ).format(WIDTH, height, key, key, key, title, key, description)
    ]
    bottom = TOP + row_h * len(bars)
    for v in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            Markup('<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" stroke="#ccc"/>').format(
                px(v), px(v), TOP, bottom
            )
        )
        parts.append(_text(px(v), bottom + 16, percent(v)))
    for k, bar in enumerate(bars):
        y = TOP + row_h * k
        parts.append(_text(fx(label_w), y + 19, _clip(bar.label, 36), side("end"), 13))
        parts.append(
            Markup(
                '<rect x="{:.1f}" y="{}" width="{:.1f}" height="20" fill="{}"><title>{}</title>'
                "</rect>"
            ).format(
                min(px(0), px(bar.value)),
                y + 5,
                abs(px(bar.value) - px(0)),
                STYLES[0][0],
                bar.label,
            )  # fmt: skip
        )
        shown = percent(math.floor(bar.value * 100 + 0.5) / 100)  # half up, as elsewhere
        value = shown + (f" ({bar.note})" if bar.note else "")
        parts.append(_text(fx(plot_r + 8), y + 19, value, side("start"), 13))
    # Translators: the axis of a bar chart: the percentage of a class.
    parts.append(_text(fx(plot_l + (plot_r - plot_l) / 2), height - 2, _("share of students")))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
