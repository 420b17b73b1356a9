"""The bar chart of the item analysis: escaped text, values written out, clipped bars."""

from __future__ import annotations

import re

from quizapp.web.charts import Bar, Series, bar_chart, line_chart


def test_bar_chart_escapes_and_writes_every_value() -> None:
    svg = str(
        bar_chart(
            "<b>found</b>",
            "d&d",
            [Bar("<script>x</script>", 0.5, "3 of 6"), Bar("a" * 80, 1.0), Bar("none", 0.0)],
            key="spans",
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    assert 'role="img"' in svg and 'aria-labelledby="spans-title spans-desc"' in svg
    assert "50% (3 of 6)" in svg and "100%<" in svg and ">0%<" in svg  # not colour alone
    assert svg.count("<rect") == 3
    # A long label is clipped on the axis, and whole in the bar's tooltip.
    assert "a" * 35 + "…" in svg and f"<title>{'a' * 80}</title>" in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[1] == 2 * widths[0] and widths[2] == 0


def test_bar_values_outside_zero_to_one_are_clipped() -> None:
    svg = str(bar_chart("t", "d", [Bar("over", 1.7), Bar("under", -0.2), Bar("full", 1.0)]))
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths == [widths[2], 0.0, widths[2]]


def test_the_line_chart_ids_stay_as_they_were() -> None:
    # Pages with both charts need distinct ids; the line chart's own are unchanged.
    svg = str(line_chart("t", "d", [Series("a", [(1, 0.5)])], 1))
    assert 'aria-labelledby="chart-title chart-desc"' in svg
    assert 'id="bars-title"' in str(bar_chart("t", "d", []))
