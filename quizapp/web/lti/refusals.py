"""A refused LTI login or launch, said in the reader's language: the reason (the adapter's,
the storage's or the launch view's English msgid with its params) through the catalogue,
and for a browser that kept no cookie inside the platform's frame, the way out (a new
window). Plain 4xx pages: a refusal changes nothing."""

from __future__ import annotations

from flask import make_response, render_template
from werkzeug.wrappers import Response

from quizapp.i18n.refusals import say
from quizapp.lti.model import LaunchRefused


def refusal_page(refused: LaunchRefused) -> Response:
    """The refusal as a page with its status; a lost state cookie offers a new window."""
    page = render_template("lti/refused.html", reason=say(refused), cookie=refused.kind == "cookie")
    return make_response(page, refused.status)
