"""A person's own data, to take away: everything quizapp stores about a student, as JSON
and as CSV (issue 17). Built in one place, ``quizapp.db.privacy.export_user``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Blueprint
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.db.engine import request_session
from quizapp.db.models import Attempt
from quizapp.db.privacy import CSV_COLUMNS, attempt_rows, export_user
from quizapp.web.disclosure import key_verdict
from quizapp.web.reports import neutralise

bp = Blueprint("privacy", __name__)


def _learner_may_see(attempt: Attempt) -> bool:
    # The same rule as every learner page: no scores while the feedback is shut.
    return key_verdict(attempt.version.quiz_id, practice=attempt.assignment_id is None).allowed


def json_download(export: dict[str, Any], name: str) -> Response:
    """An export as a JSON file, indented to be read by a person."""
    return Response(
        json.dumps(export, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
    )


def csv_download(export: dict[str, Any], name: str) -> Response:
    """An export's attempts as CSV, one row an attempt, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in attempt_rows(export):
        writer.writerow(neutralise(c) for c in row)
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@bp.route("/my-data.json")
@login_required
def export_json() -> Response:
    """Everything quizapp stores about the logged-in person, as JSON."""
    export = export_user(request_session(), current_user.id, _learner_may_see)
    return json_download(export, "my-data")


@bp.route("/my-data.csv")
@login_required
def export_csv() -> Response:
    """The logged-in person's attempts and scores, as CSV."""
    export = export_user(request_session(), current_user.id, _learner_may_see)
    return csv_download(export, "my-data")
