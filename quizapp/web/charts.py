"""Server-rendered SVG charts: no script, no CDN, readable without colour.

Every piece is a literal ``Markup`` template filled by ``.format``, which escapes each value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

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


def _text(x: float, y: float, text: str, anchor: str = "middle", size: int = 12) -> Markup:
    return Markup(
        '<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}" fill="#222">{}</text>'
    ).format(x, y, anchor, size, text)


def _marker(shape: str, x: float, y: float, colour: str) -> Markup:
    corners = CORNERS.get(shape)
    if corners is None:
        return Markup('<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>').format(x, y, colour)
    path = "L".join(f"{x + dx:.1f} {y + dy:.1f}" for dx, dy in corners)
    return Markup('<path d="M{}Z" fill="{}"/>').format(path, colour)


def line_chart(title: str, description: str, series: Sequence[Series], n: int) -> Markup:
    """Values in [0, 1] over attempts 1..n, one line a series, with legend and axes."""
    legend_h = 22 * ((len(series) + 1) // 2)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(i: int) -> float:
        return LEFT + (plot_w * (i - 1) / (n - 1) if n > 1 else plot_w / 2)

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
                LEFT, WIDTH - RIGHT, py(v), py(v)
            )
        )
        parts.append(_text(LEFT - 6, py(v) + 4, f"{int(v * 100)}%", "end"))
    for i in range(1, n + 1, max(1, n // 10)):
        parts.append(_text(px(i), HEIGHT - BOTTOM + 18, str(i)))
    parts.append(_text(LEFT + plot_w / 2, HEIGHT - 4, "attempt"))
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
        parts.append(_marker(shape, lx + 6, ly + 6, colour))
        parts.append(_text(lx + 18, ly + 10, s.name, "start", 13))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
