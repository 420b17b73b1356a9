"""The administrator's page of learning platforms: what to give the platform, the
registered ones, a form to register another (the same as ``quizapp lti register``), and
removing one after a confirmation (``quizapp lti remove``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from quizapp.db import lti as store
from quizapp.db import lti_removal as removal
from quizapp.db.engine import get_db, request_session
from quizapp.db.erasure import OwnAccount
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web.auth import require_admin
from quizapp.web.lti import bp

_URL = [DataRequired(), Length(max=500)]


class PlatformForm(FlaskForm):
    name = StringField(
        _l("Name here"), validators=[Optional(), Length(max=100)],
        description=_l("What to call it in quizapp, e.g. District Canvas."),
    )  # fmt: skip
    issuer = StringField(
        _l("Issuer"), validators=[DataRequired(), Length(max=255)],
        description=_l("The platform's iss, e.g. https://canvas.instructure.com."),
    )  # fmt: skip
    client_id = StringField(_l("Client ID"), validators=[DataRequired(), Length(max=255)])
    deployments = TextAreaField(_l("Deployment IDs"), validators=[DataRequired(), Length(max=3000)],
                                description=_l("One a line."))  # fmt: skip
    login_url = StringField(_l("OIDC authorisation (login) URL"), validators=_URL)
    token_url = StringField(_l("Token URL"), validators=_URL)
    jwks_url = StringField(_l("Public key set (JWKS) URL"), validators=_URL)
    audience = StringField(
        _l("Token audience"), validators=[Optional(), Length(max=500)],
        description=_l("Only if the platform names one (Brightspace)."),
    )  # fmt: skip
    frame_origins = TextAreaField(
        _l("Origins of its course pages"), validators=[Optional(), Length(max=1000)],
        description=_l("One a line, e.g. https://yourschool.instructure.com. Empty: the "
                       "issuer's and the login URL's."),
    )  # fmt: skip


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@bp.route("/platforms", methods=["GET", "POST"])
def platforms() -> str | Response:
    """The registered platforms, the tool's addresses, and registering another."""
    refused = require_admin(_("Only administrators register learning platforms."))
    if refused is not None:
        return refused
    form = PlatformForm()
    if form.validate_on_submit():
        try:
            store.register_platform(
                get_db(), name=form.name.data or "", issuer=form.issuer.data or "",
                client_id=form.client_id.data or "", auth_login_url=form.login_url.data or "",
                auth_token_url=form.token_url.data or "", key_set_url=form.jwks_url.data or "",
                deployment_ids=_lines(form.deployments.data),
                auth_audience=form.audience.data or None,
                frame_origins=_lines(form.frame_origins.data),
            )  # fmt: skip
        except WriteError as exc:
            flash(say(exc), "error")
        else:
            flash(
                _(
                    "%(issuer)s is registered: its launches are accepted now.",
                    issuer=form.issuer.data,
                ),
                "info",
            )
            return redirect(url_for("lti.platforms"))
    rows = store.platforms(request_session())
    return render_template("lti/platforms.html", form=form, rows=rows)


@bp.route("/platforms/<int(max=2147483647):platform_id>/remove", methods=["GET", "POST"])
def remove_platform(platform_id: int) -> str | Response | tuple[str, int]:
    """Confirm with counts, then remove a platform: its launches stop; its accounts and
    classes stay, or are deleted with it, as the administrator chooses."""
    refused = require_admin(_("Only administrators remove learning platforms."))
    if refused is not None:
        return refused
    found = removal.reach(request_session(), platform_id)
    if found is None:
        abort(404, description=_("There is no such platform."))
    if request.method == "GET":
        return render_template("lti/remove_platform.html", reach=found, platform_id=platform_id)
    choice = request.form.get("people", "")
    if choice not in ("keep", "delete"):
        error = _("Choose whether to keep the platform's accounts and classes or delete them.")
        page = render_template("lti/remove_platform.html", reach=found,
                               platform_id=platform_id, error=error)  # fmt: skip
        return page, 400
    try:
        removal.remove_platform(get_db(), platform_id, current_user.id,
                                delete_people=choice == "delete")  # fmt: skip
    except OwnAccount:
        abort(400, description=_("Your own account came from this platform: another "
                                 "administrator deletes its accounts."))  # fmt: skip
    except LookupError:
        abort(404, description=_("There is no such platform."))
    if choice == "delete":
        flash(_("%(name)s is removed, with its accounts and classes.", name=found.name), "info")
    else:
        flash(_("%(name)s is removed: its launches are refused from now on; its accounts and "
                "classes stay.", name=found.name), "info")  # fmt: skip
    return redirect(url_for("lti.platforms"))
