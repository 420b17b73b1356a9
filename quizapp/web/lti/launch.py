"""The OIDC login and the launch, the tool's key set and its configuration document."""

from __future__ import annotations

from flask import jsonify, make_response, redirect, render_template, request, session, url_for
from flask_login import login_user
from werkzeug.wrappers import Response

from quizapp.core.texts import N_
from quizapp.db import lti as store
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import User
from quizapp.lti import adapter
from quizapp.lti.keys import public_jwk
from quizapp.lti.model import Launch, LaunchRefused, PlatformConf
from quizapp.lti.roles import quizapp_role
from quizapp.web.auth import Account
from quizapp.web.limits import limiter
from quizapp.web.lti import FRAME_KEY, bp, http_session
from quizapp.web.lti.refusals import refusal_page
from quizapp.web.security import csrf

STATE_COOKIE_LIFETIME = 600
# Set by a login inside the platform's frame; /lti/cookie-check says whether it came back.
CHECK_COOKIE = "lti-cookie-check"
# What a platform sends to start a login: the same again starts it in a new window.
LOGIN_PARAMS = ("iss", "login_hint", "target_link_uri", "lti_message_hint", "client_id",
                "lti_deployment_id")  # fmt: skip
LOGINS_PER_ADDRESS = "600 per minute"


def _find(issuer: str, client_id: str | None) -> PlatformConf | None:
    return store.find_platform(request_session(), issuer, client_id)


def _params() -> dict[str, str]:
    source = request.form if request.method == "POST" else request.args
    # A signed token carries every claim (custom ones too): it may be long; the rest is short.
    return {k: v[: 65536 if k == "id_token" else 2000] for k, v in source.items()}


@bp.route("/login", methods=["GET", "POST"])
@csrf.exempt  # a platform starts the login; the state and nonce protect the launch
# Each login keeps a row for 10 minutes: bounded per address, yet roomy enough for a
# school behind one address whose classes all open quizapp at 8 o'clock.
@limiter.limit(LOGINS_PER_ADDRESS)
def login() -> Response:
    """OIDC third-party login: check the platform, keep a state and nonce, send the browser
    to the platform's authorisation endpoint; inside a frame, first check that the frame
    keeps cookies (``_framed_login``)."""
    params = _params()
    try:
        start = adapter.start_login(params, _find, url_for("lti.launch", _external=True))
    except LaunchRefused as refused:
        return refusal_page(refused)
    store.save_login(get_db(), start)
    framed = request.headers.get("Sec-Fetch-Dest") in ("iframe", "frame")
    response = _framed_login(start.url, params) if framed else redirect(start.url)
    # Bound to this browser: the launch must bring it back. Sent in a cross-site POST from
    # inside the platform's iframe, hence SameSite=None; Secure; Partitioned.
    response.set_cookie(
        adapter.STATE_COOKIE_PREFIX + start.state, start.state, max_age=STATE_COOKIE_LIFETIME,
        path=url_for("lti.launch"), secure=True, httponly=True, samesite="None",
        partitioned=True,
    )  # fmt: skip
    return response


def _framed_login(continue_url: str, params: dict[str, str]) -> Response:
    """A page that asks whether this frame keeps a cookie (Safari, and any browser that
    blocks third-party cookies, keeps none inside another site's page, so the state cookie
    would never come back): kept, it goes on to the platform at once; not kept, it offers
    the same login in a new window, where quizapp is no third party."""
    again = {k: params[k] for k in LOGIN_PARAMS if params.get(k)}
    response = make_response(render_template(
        "lti/opening.html", continue_url=continue_url,
        window_url=url_for("lti.login", _external=True, **again),
    ))  # fmt: skip
    response.set_cookie(
        CHECK_COOKIE, "1", max_age=STATE_COOKIE_LIFETIME, path=url_for("lti.cookie_check"),
        secure=True, httponly=True, samesite="None", partitioned=True,
    )  # fmt: skip
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/cookie-check")
def cookie_check() -> Response:
    """Whether the check cookie of a framed login came back: the frame keeps cookies."""
    response = jsonify({"kept": request.cookies.get(CHECK_COOKIE) == "1"})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/launch", methods=["POST"])
@csrf.exempt  # the signed id_token, its nonce and the state cookie stand in for CSRF
def launch() -> Response:
    """The resource-link or deep-linking launch: verify, then log the person in and send
    them to the assignment, their class or the activity picker."""
    state = request.form.get("state", "")[:200]
    known = store.login_nonce(request_session(), state)
    try:
        verified = adapter.verify_launch(
            _params(), request.cookies, _find, known[0] if known else None, http_session()
        )
        if known is None or known[1] != verified.platform_id:
            raise LaunchRefused(
                N_("This launch has no login of its own: start it from the course again.")
            )
        if verified.is_deep_link and quizapp_role(verified.roles) != "teacher":
            raise LaunchRefused(N_("Only teachers add quizapp activities."), 403)
        arrival = store.complete_launch(get_db(), verified, state)
    except LaunchRefused as refused:
        return refusal_page(refused)
    # A new read: the request's own began before the launch wrote the account.
    with get_db().session() as s:
        user = s.get(User, arrival.user_id)
        origins = store.platform_origins(s, verified.platform_id)
    assert user is not None
    session.clear()  # a new session at every launch, as at login
    login_user(Account(user))
    session[FRAME_KEY] = " ".join(origins)
    response = redirect(_destination(verified, arrival))
    response.delete_cookie(adapter.STATE_COOKIE_PREFIX + state, path=url_for("lti.launch"),
                           secure=True, httponly=True, samesite="None")  # fmt: skip
    return response


def _destination(verified: Launch, arrival: store.Arrival) -> str:
    if verified.is_deep_link:
        session["lti_deep_link"] = {
            "platform_id": verified.platform_id,
            "deployment_id": verified.deployment_id,
            "settings": dict(verified.deep_linking or {}),
            "classroom_id": arrival.classroom_id,
        }
        return url_for("lti.deep_link")
    # A link the course made without deep linking (its launch URL pasted in): no quiz yet.
    unbound = verified.resource_link_id is not None and arrival.assignment_id is None
    if arrival.role == "teacher":
        if arrival.classroom_id is None:
            return url_for("teach.index")
        if arrival.assignment_id is not None:
            return url_for("teach.analysis", classroom_id=arrival.classroom_id,
                           assignment_id=arrival.assignment_id)  # fmt: skip
        if unbound:
            session["lti_bind"] = {
                "platform_id": verified.platform_id,
                "resource_link_id": verified.resource_link_id,
                "classroom_id": arrival.classroom_id,
                "lineitem_url": verified.lineitem_url,
                "ags": _services(verified),
            }
            return url_for("lti.bind_link")
        return url_for("teach.classroom", classroom_id=arrival.classroom_id)
    if arrival.assignment_id is not None:
        return url_for("take.assignment_page", assignment_id=arrival.assignment_id)
    if unbound:
        return url_for("lti.unbound_link")
    return url_for("catalogue.index")


def _services(verified: Launch) -> dict[str, object]:
    """What the bind page needs of the launch's AGS claim to make a line item, bounded
    (it rides in the session cookie)."""
    ags = verified.ags or {}
    lineitems, scope = ags.get("lineitems"), ags.get("scope")
    return {
        "lineitems": lineitems if isinstance(lineitems, str) and len(lineitems) <= 500 else None,
        "scope": [x for x in scope if isinstance(x, str) and len(x) <= 200][:10]
        if isinstance(scope, list) else [],
    }  # fmt: skip


@bp.route("/jwks")
def jwks() -> Response:
    """The tool's public keys: platforms verify our signed messages and token requests."""
    signing = store.signing_key(get_db())
    keys = store.published_keys(request_session())
    if signing.kid not in {k.kid for k in keys}:
        keys.insert(0, signing)
    response = jsonify({"keys": [public_jwk(k.kid, k.private_pem) for k in keys]})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.route("/config.json")
def config() -> Response:
    """The tool's configuration (Canvas's JSON format) for platforms that read one."""
    tool_url = request.host_url.rstrip("/")
    launch_url = url_for("lti.launch", _external=True)
    placements = [
        {"placement": "link_selection", "message_type": "LtiDeepLinkingRequest",
         "target_link_uri": launch_url, "text": "quizapp"},
        {"placement": "assignment_selection", "message_type": "LtiDeepLinkingRequest",
         "target_link_uri": launch_url, "text": "quizapp"},
    ]  # fmt: skip
    document = {
        "title": "quizapp",
        "description": "Read the news critically: quizzes on real-looking articles, scored "
        "with partial credit, grades back to the course.",
        "oidc_initiation_url": url_for("lti.login", _external=True),
        "target_link_uri": launch_url,
        "public_jwk_url": url_for("lti.jwks", _external=True),
        "scopes": [adapter.SCORE_SCOPE, adapter.LINEITEM_SCOPE, adapter.NRPS_SCOPE],
        "extensions": [{
            "domain": request.host, "tool_id": "quizapp", "platform": "canvas.instructure.com",
            "privacy_level": "anonymous",
            "settings": {"text": "quizapp", "placements": placements},
        }],
        "custom_fields": {},
        "tool_url": tool_url,
    }  # fmt: skip
    return jsonify(document)
