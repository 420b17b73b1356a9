from __future__ import annotations

from quizapp.web.charts import Series, line_chart


def test_chart_escapes_text_and_skips_missing_points() -> None:
    svg = str(line_chart("<b>", "d&d", [Series("<script>", [(1, 0.5), (2, None), (3, 1.0)])], 3))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 3  # 2 points + legend
    assert 'role="img"' in svg and "<title" in svg


def test_single_attempt_chart_draws_points_without_a_line() -> None:
    svg = str(line_chart("t", "d", [Series("a", [(1, 0.25)]), Series("b", [(1, 1.0)])], 1))
    assert "<polyline" not in svg and "<rect" not in svg and svg.count("<path") == 2
