"""The only module that imports the LTI library (pylti1p3next, imported as ``pylti1p3``):
OIDC login, launch validation, the deep-linking response, scores (AGS) and rosters
(NRPS). Callers pass plain values and get plain values or ``LaunchRefused``; swapping the
library means rewriting this module alone."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import requests
from pylti1p3.cookie import CookieService
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException, LtiServiceException, OIDCException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.message_launch import MessageLaunch
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.oidc_login import OIDCLogin
from pylti1p3.redirect import Redirect
from pylti1p3.registration import Registration
from pylti1p3.request import Request
from pylti1p3.service_connector import ServiceConnector
from pylti1p3.session import SessionService
from pylti1p3.tool_config.abstract import ToolConfAbstract

from quizapp.core.texts import N_
from quizapp.lti.keys import public_pem
from quizapp.lti.model import (
    Finder,
    Launch,
    LaunchRefused,
    LoginStart,
    LtiServiceError,
    Member,
    PlatformConf,
    ToolKey,
)

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
STATE_COOKIE_PREFIX = "lti1p3-"


# A browser that keeps no cookie inside another site's frame (Safari, or any browser
# blocking third-party cookies) brings no state cookie back: the web offers a new window.
NO_STATE_COOKIE = N_(
    "This launch was refused: your browser blocks this tool inside the course page. It kept "
    "no cookie for quizapp there, so quizapp cannot tell that this launch began in this "
    "browser."
)
NONCE = N_(
    "This launch was refused: its nonce does not match the login that began it. Start it "
    "again from the course."
)
MALFORMED = N_("This launch was refused: the id_token is malformed.")
# The library's messages (English, for developers) mapped to ours: the first whose words
# appear in its message wins; anything else is the last, general one.
_LIBRARY: tuple[tuple[str, str], ...] = (
    ("State not found", NO_STATE_COOKIE),
    ("Missing state param", N_("This launch was refused: it brings no state.")),
    ("Invalid Nonce", NONCE),
    ('"nonce" field is empty', NONCE),
    ("Signature has expired", N_("This launch was refused: its token has expired.")),
    (
        "not yet valid",
        N_(
            "This launch was refused: its token was issued in the future (check the platform's "
            "clock)."
        ),
    ),
    (
        "Token is missing the",
        N_("This launch was refused: its token lacks a time it must carry (exp and iat)."),
    ),
    (
        "Signature verification failed",
        N_("This launch was refused: its signature does not match the platform's key set."),
    ),
    ("KID not found", N_("This launch was refused: its token names no key (kid).")),
    (
        "Unable to find public key",
        N_(
            "This launch was refused: the platform's key set has no key for its token (its kid "
            "and algorithm)."
        ),
    ),
    (
        "public key",
        N_(
            "This launch was refused: the platform's key set could not be read from its key set "
            "URL."
        ),
    ),
    ("must contain 3 parts", MALFORMED),
    ("can't be decoded", MALFORMED),
    ('"id_token" field is empty', N_("This launch was refused: it brings no id_token.")),
    (
        "Can't decode id_token",
        N_("This launch was refused: its token does not verify against the platform's key set."),
    ),
    ('"iss" field', N_("This launch was refused: its token names no issuer (iss).")),
    ("deployment_id", N_("This launch was refused: its token names no deployment.")),
    (
        "Must have a user",
        N_(
            "This launch was refused: it names no user (sub); anonymous launches are not supported."
        ),
    ),
    ("Incorrect version", N_("This launch was refused: its LTI version is not 1.3.0.")),
    ("Missing Roles", N_("This launch was refused: it names no roles.")),
    ("Resource Link", N_("This launch was refused: it names no resource link (its id).")),
    (
        "Deep Linking",
        N_("This launch was refused: its deep-linking settings are missing or incomplete."),
    ),
    (
        "placement types",
        N_("This launch was refused: its deep-linking settings accept no resource link."),
    ),
    (
        "presentation type",
        N_("This launch was refused: its deep-linking settings accept no presentation."),
    ),
    (
        "message type",
        N_("This launch was refused: its message type is missing or not one quizapp handles."),
    ),
    ("", N_("This launch was refused: the platform's message does not meet LTI 1.3.")),
)


def library_refusal(exc: Exception) -> LaunchRefused:
    """The library's refusal in our words (translatable); its own words stay in the logs."""
    said = str(exc)
    for words, reason in _LIBRARY:
        if words in said:
            kind = "cookie" if reason == NO_STATE_COOKIE else ""
            return LaunchRefused(reason, kind=kind)
    raise AssertionError("the last entry matches every message")


class _Request(Request):
    def __init__(self, params: Mapping[str, str], cookies: Mapping[str, str]) -> None:
        self._params, self._cookies = params, cookies

    @property
    def session(self) -> None:
        return None

    def is_secure(self) -> bool:
        return True  # LTI runs over HTTPS only; the web layer refuses plain HTTP.

    def get_param(self, key: str) -> str:
        return self._params.get(key) or ""

    def get_cookie(self, key: str) -> str | None:
        return self._cookies.get(key)


class _Cookies(CookieService):
    """Reads the browser's state cookie; records the one to set (the web layer sets it)."""

    def __init__(self, cookies: Mapping[str, str]) -> None:
        self._cookies = cookies
        self.to_set: dict[str, str] = {}

    def get_cookie(self, name: str) -> str | None:
        return self._cookies.get(STATE_COOKIE_PREFIX + name)

    def set_cookie(self, name: str, value: str | int, exp: int | None = 3600) -> None:
        self.to_set[name] = str(value)


class _Session(SessionService):
    """State and nonce live in the database (one row a login, used once), not in the
    library's session store: the launch arrives in a cross-site POST without our session."""

    def __init__(self, request: Request, expected_nonce: str | None = None) -> None:
        super().__init__(request)
        self.expected_nonce = expected_nonce
        self.nonce: str | None = None

    def save_nonce(self, nonce: str) -> None:
        self.nonce = nonce

    def check_nonce(self, nonce: str) -> bool:
        return self.expected_nonce is not None and nonce == self.expected_nonce

    def check_state_is_valid(self, state: str, id_token_hash: str) -> bool:
        return False  # no reload of a used launch: the state cookie must match

    def save_launch_data(self, key: str, jwt_body: Mapping[str, Any]) -> None:
        pass

    def set_state_valid(self, state: str, id_token_hash: str) -> None:
        pass


class _Registration(Registration):
    def __init__(self, platform: PlatformConf, key: ToolKey | None) -> None:
        self.set_issuer(platform.issuer).set_client_id(platform.client_id)
        self.set_auth_login_url(platform.auth_login_url)
        self.set_auth_token_url(platform.auth_token_url).set_key_set_url(platform.key_set_url)
        if platform.auth_audience:
            self.set_auth_audience(platform.auth_audience)
        self._kid = key.kid if key else None
        if key:
            self.set_tool_private_key(key.private_pem)
            self.set_tool_public_key(public_pem(key.private_pem))

    def get_kid(self) -> str | None:
        return self._kid


class _ToolConf(ToolConfAbstract[_Request]):
    """Every issuer may have several client ids: registrations come from ``find``."""

    def __init__(self, find: Finder, key: ToolKey | None = None) -> None:
        self._find, self._key = find, key
        self.found: PlatformConf | None = None

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Registration:
        raise NotImplementedError

    def find_registration_by_params(
        self, iss: str, client_id: str | None, *args: Any, **kwargs: Any
    ) -> Registration:
        self.found = self._find(iss, client_id or None)
        if self.found is None:
            raise LaunchRefused(
                N_(
                    "No platform is registered with issuer “%(issuer)s” and client id "
                    "“%(client_id)s”: an administrator registers it first (quizapp lti "
                    "register)."
                ),
                403,
                params={"issuer": iss[:200], "client_id": (client_id or "")[:200]},
            )
        return _Registration(self.found, self._key)

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        raise NotImplementedError

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Deployment | None:
        found = self.found or self._find(iss, client_id)
        if found is None or deployment_id not in found.deployment_ids:
            raise LaunchRefused(
                N_("The deployment “%(deployment)s” is not registered for this platform."),
                403,
                params={"deployment": deployment_id[:200]},
            )
        return Deployment().set_deployment_id(deployment_id)


class _Redirect(Redirect[str]):
    def __init__(self, url: str) -> None:
        self.url = url

    def do_redirect(self) -> str:
        return self.url

    def do_js_redirect(self) -> str:
        return self.url

    def set_redirect_url(self, location: str) -> None:
        self.url = location

    def get_redirect_url(self) -> str:
        return self.url


class _Login(OIDCLogin[_Request, _ToolConf, _Session, _Cookies, str]):
    def get_redirect(self, url: str) -> Redirect[str]:
        return _Redirect(url)


def start_login(params: Mapping[str, str], find: Finder, launch_url: str) -> LoginStart:
    """The OIDC third-party login: check the platform, then the redirect to its
    authorisation endpoint with a fresh state and nonce."""
    request = _Request(params, {})
    conf, cookies, session = _ToolConf(find), _Cookies({}), _Session(request)
    login = _Login(request, conf, session_service=session, cookie_service=cookies)
    try:
        url = login.get_redirect_object(launch_url).get_redirect_url()
    except (LtiException, OIDCException) as exc:
        raise _login_refusal(exc) from None
    (state,) = cookies.to_set
    assert session.nonce is not None and conf.found is not None
    return LoginStart(url, state, session.nonce, conf.found.id)


_LOGIN: tuple[tuple[str, str], ...] = (
    ("issuer", N_("This login was refused: it names no issuer (iss).")),
    ("login hint", N_("This login was refused: it brings no login_hint.")),
    ("", N_("This login was refused: it does not meet LTI 1.3 (iss, login_hint, client_id).")),
)


def _login_refusal(exc: Exception) -> LaunchRefused:
    said = str(exc)
    return LaunchRefused(next(reason for words, reason in _LOGIN if words in said))


class _Launch(MessageLaunch[_Request, _ToolConf, _Session, _Cookies]):
    def _get_request_param(self, key: str) -> str:
        return self._request.get_param(key)


def verify_launch(
    form: Mapping[str, str],
    cookies: Mapping[str, str],
    find: Finder,
    expected_nonce: str | None,
    http: requests.Session | None = None,
) -> Launch:
    """Check a launch (state against its cookie, nonce against the login's, the token's
    signature against the platform's key set, its times, audience, deployment and claims)."""
    request = _Request(form, cookies)
    conf = _ToolConf(find)
    launch = _Launch(
        request, conf, session_service=_Session(request, expected_nonce),
        cookie_service=_Cookies(cookies), requests_session=http,
    )  # fmt: skip
    # exp and iat must be present (PyJWT checks them when they are); aud is checked below.
    launch.set_jwt_verify_options({"verify_aud": False, "require": ["exp", "iat"]})
    try:
        claims: dict[str, Any] = dict(launch.validate().get_launch_data())
    except LtiException as exc:
        raise library_refusal(exc) from None
    except (AttributeError, KeyError, TypeError, ValueError):
        # A token whose parts decode to something other than JSON objects.
        raise LaunchRefused(MALFORMED) from None
    assert conf.found is not None
    _check_audience(claims, conf.found.client_id)
    return _reduce(conf.found.id, claims)


def _check_audience(claims: Mapping[str, Any], client_id: str) -> None:
    aud = claims.get("aud")
    auds = aud if isinstance(aud, list) else [aud]
    if client_id not in auds:
        raise LaunchRefused(N_("This launch was refused: the token is not meant for this tool."))
    if len(auds) > 1 and claims.get("azp") != client_id:
        raise LaunchRefused(
            N_("This launch was refused: a token for several audiences names no azp.")
        )


def _text(value: object, limit: int = 255) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _claim(c: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = c.get(name)
    return value if isinstance(value, dict) else {}


def _reduce(platform_id: int, c: Mapping[str, Any]) -> Launch:
    context, link = _claim(c, CLAIM + "context"), _claim(c, CLAIM + "resource_link")
    ags, nrps, custom = _claim(c, AGS), _claim(c, NRPS), _claim(c, CLAIM + "custom")
    roles = c.get(CLAIM + "roles")
    return Launch(
        platform_id=platform_id,
        deployment_id=_text(c.get(CLAIM + "deployment_id")),
        subject=_text(c.get("sub")),
        roles=tuple(r for r in roles if isinstance(r, str)) if isinstance(roles, list) else (),
        message_type=_text(c.get(CLAIM + "message_type")),
        context_id=_text(context.get("id")) or None,
        context_title=_text(context.get("title") or context.get("label"), 100),
        resource_link_id=_text(link.get("id")) or None,
        custom={str(k): str(v) for k, v in custom.items()},
        lineitem_url=_text(ags.get("lineitem"), 500) or None,
        ags=ags or None,
        memberships_url=_text(nrps.get("context_memberships_url"), 500) or None,
        deep_linking=_claim(c, DL) or None,
        claims=c,
    )


def deep_link_response(
    platform: PlatformConf,
    key: ToolKey,
    launch: Launch,
    *,
    title: str,
    url: str,
    custom: Mapping[str, str],
    score_maximum: float = 1.0,
    resource_id: str = "",
) -> tuple[str, str]:
    """The signed deep-linking response: (the platform's return URL, the JWT to post there),
    one resource link with a line item for its scores."""
    assert launch.deep_linking is not None
    item = (
        DeepLinkResource()
        .set_url(url).set_title(title).set_custom_params(dict(custom))
        .set_lineitem(
            LineItem().set_score_maximum(score_maximum).set_label(title)
            .set_resource_id(resource_id)
        )
    )  # fmt: skip
    link = DeepLink(_Registration(platform, key), launch.deployment_id, launch.deep_linking)  # type: ignore[arg-type]
    return launch.deep_linking["deep_link_return_url"], link.get_response_jwt([item])


class _Connector(ServiceConnector):
    """Access tokens kept for the life of the connector (one run of the grade sender)."""

    def __init__(self, registration: Registration, http: requests.Session | None) -> None:
        super().__init__(registration, http)
        self._tokens: dict[str, tuple[str, float]] = {}

    def _get_cached_access_token(self, scope_key: str) -> str | None:
        token, until = self._tokens.get(scope_key, ("", 0.0))
        return token if until > time.monotonic() else None

    def _cache_access_token(self, scope_key: str, access_token: str, expires_in: float) -> None:
        self._tokens[scope_key] = (access_token, time.monotonic() + float(expires_in) - 30)


def connector(
    platform: PlatformConf, key: ToolKey, http: requests.Session | None = None
) -> ServiceConnector:
    """A client for the platform's services, signing its token requests with our key."""
    return _Connector(_Registration(platform, key), http)


def post_score(
    service: ServiceConnector,
    lineitem_url: str,
    user_subject: str,
    score: float,
    comment: str,
    submitted_at: datetime,
) -> None:
    """Post one score (0 to 1 of 1) to a line item; ``LtiServiceError`` if the platform
    refuses or cannot be reached."""
    from pylti1p3.assignments_grades import AssignmentsGradesService

    grade = (
        Grade()
        .set_score_given(round(score, 4)).set_score_maximum(1.0)
        .set_activity_progress("Completed").set_grading_progress("FullyGraded")
        .set_user_id(user_subject).set_comment(comment[:1000])
        .set_timestamp(submitted_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"))
    )  # fmt: skip
    endpoint: Any = {"scope": [SCORE_SCOPE], "lineitem": lineitem_url}
    ags = AssignmentsGradesService(service, endpoint)
    try:
        ags.put_grade(grade)
    except (LtiException, requests.RequestException, KeyError, ValueError) as exc:
        raise LtiServiceError(_why(exc)[:280]) from None


def _why(exc: Exception) -> str:
    """A platform's refusal as the teacher's page shows it: its status and what it said."""
    if isinstance(exc, LtiServiceException) and exc.response is not None:
        return f"{exc} HTTP {exc.response.status_code}: {exc.response.text[:200]}"
    return str(exc)


def roster(service: ServiceConnector, memberships_url: str) -> list[Member]:
    """Every member of the course, from the platform's roster service (all pages)."""
    nrps = NamesRolesProvisioningService(service, {"context_memberships_url": memberships_url})
    try:
        members = nrps.get_members()
    except (LtiException, requests.RequestException, KeyError, ValueError) as exc:
        raise LtiServiceError(_why(exc)[:280]) from None
    return [
        Member(_text(m.get("user_id")), tuple(m.get("roles") or ()),
               m.get("status", "Active") == "Active")
        for m in members
        if _text(m.get("user_id"))
    ]  # fmt: skip


def find_or_create_lineitem(
    service: ServiceConnector,
    ags: Mapping[str, Any],
    *,
    label: str,
    resource_link_id: str,
    resource_id: str,
) -> str:
    """The URL of the resource link's line item on the platform: the one already made for
    this link (a bind tried again), else a new one (AGS ``lineitems``, score of 1).
    ``LtiServiceError`` when the platform refuses, cannot be reached or gives no id."""
    from pylti1p3.assignments_grades import AssignmentsGradesService

    lineitems = ags.get("lineitems")
    scopes = [s for s in ags.get("scope") or () if isinstance(s, str)]
    if not isinstance(lineitems, str) or LINEITEM_SCOPE not in scopes:
        raise LtiServiceError("The platform offers no line items service for this link.")
    endpoint: Any = {"scope": scopes, "lineitems": lineitems}
    wanted = (
        LineItem().set_score_maximum(1.0).set_label(label[:200])
        .set_resource_link_id(resource_link_id).set_resource_id(resource_id)
    )  # fmt: skip
    ags_service = AssignmentsGradesService(service, endpoint)
    try:
        item = ags_service.find_or_create_lineitem(wanted, find_by="resource_link_id")
    except (LtiException, requests.RequestException, KeyError, ValueError) as exc:
        raise LtiServiceError(_why(exc)[:280]) from None
    url = item.get_id()
    if not isinstance(url, str) or not url.startswith("https://") or len(url) > 500:
        raise LtiServiceError("The platform's new line item has no usable id (an https URL).")
    return url
