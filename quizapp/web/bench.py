"""Benchmark-only routes: the least work a write can do, the baseline for submissions.

Registered only when ``QUIZAPP_BENCH_ENDPOINTS=true`` (bench/README.md); never in a normal
deployment. The ``bench_writes`` table is created by the benchmark, not by the migrations.
"""

from __future__ import annotations

from flask import Blueprint, Flask, request
from sqlalchemy import text

from quizapp.db.engine import get_db
from quizapp.web.security import csrf

bp = Blueprint("bench", __name__)
INSERT = text("INSERT INTO bench_writes (value) VALUES (:value)")


@bp.route("/bench/write", methods=["POST"])
@csrf.exempt
def write() -> tuple[str, int]:
    """Parse a small form, insert one row, commit: nothing else."""
    value = request.form.get("value", "")[:64]
    with get_db().write() as s:
        s.execute(INSERT, {"value": value})
    return "", 204


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
