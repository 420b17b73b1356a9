"""What a teacher's dashboards read: roster, gradebook, skill heatmap, item analysis.

Each page runs a fixed number of queries however large the class: rows are loaded in bulk
(one query a table, in ``rows``) and aggregated in Python. Scores are fractions in [0, 1].
"""

from quizapp.web.reports.book import FORMULA_START, Gradebook, gradebook, gradebook_csv, neutralise
from quizapp.web.reports.heat import Heatmap, heatmap
from quizapp.web.reports.items import ItemAnalysis, item_analysis
from quizapp.web.reports.rows import (
    AttemptRow,
    Student,
    class_assignments,
    class_attempts,
    class_students,
    counting_attempts,
    pick_counting,
    skill_tallies,
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
    "gradebook",
    "gradebook_csv",
    "heatmap",
    "item_analysis",
    "neutralise",
    "pick_counting",
    "skill_tallies",
]
