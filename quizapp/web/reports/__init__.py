"""What a teacher's dashboards read: roster, gradebook, skill heatmap, item analysis.

Each page runs a fixed number of queries however large the class. The attempts that count
are picked in SQL where a page reads their skill or span rows (``rows.counting_ids``), so
the other attempts' rows are never read, and in one pass in Python where a page reads every
attempt anyway (``rows.tally_attempts``: the gradebook shows how many). Thousands of rows
become named tuples, streamed, not ORM objects. Scores are fractions in [0, 1].
"""

from quizapp.web.reports.book import FORMULA_START, Gradebook, gradebook, gradebook_csv, neutralise
from quizapp.web.reports.heat import Heatmap, heatmap, skill_names
from quizapp.web.reports.items import ItemAnalysis, item_analysis
from quizapp.web.reports.rows import (
    AttemptRow,
    Student,
    class_assignments,
    class_attempts,
    class_students,
    counting_attempts,
    counting_ids,
    pick_counting,
    skill_tallies,
    tally_attempts,
    usernames,
)

__all__ = [
    "FORMULA_START",
    "AttemptRow",
    "Gradebook",
    "Heatmap",
    "ItemAnalysis",
    "Student",
    "class_assignments",
    "class_attempts",
    "class_students",
    "counting_attempts",
    "counting_ids",
    "gradebook",
    "gradebook_csv",
    "heatmap",
    "skill_names",
    "item_analysis",
    "neutralise",
    "pick_counting",
    "skill_tallies",
    "tally_attempts",
    "usernames",
]
