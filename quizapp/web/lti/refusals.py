"""A refused LTI login or launch, said in the reader's language: the reason (the adapter's,
the storage's or the launch view's English msgid with its params) through the catalogue,
and for a browser that kept no cookie inside the platform's frame, the way out (a new
window). Plain 4xx pages: a refusal changes nothing."""

from __future__ import annotations

from flask import make_response, render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from quizapp.lti.model import LaunchRefused

# Reasons given in English where no catalogue is at hand (quizapp/db/lti.py and the launch
# view raise them as they are): marked here so that they are extracted and translated.
MARKED = (
    _l("Your role in this course (a guest or an observer) cannot use quizapp."),
    _l("The launch names no user (sub): anonymous launches are not supported."),
    _l("This launch was used already or its login expired: start it again from the course."),
    _l(
        "This course has no quizapp class yet: your teacher opens quizapp from the course "
        "once first."
    ),
    _l("This launch has no login of its own: start it from the course again."),
    _l("Only teachers add quizapp activities."),
)


def say(refused: LaunchRefused) -> str:
    """The reason in the reader's language (English where the catalogue has none)."""
    return str(gettext(refused.reason, **refused.params))


def refusal_page(refused: LaunchRefused) -> Response:
    """The refusal as a page with its status; a lost state cookie offers a new window."""
    page = render_template("lti/refused.html", reason=say(refused), cookie=refused.kind == "cookie")
    return make_response(page, refused.status)
