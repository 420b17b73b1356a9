"""The hostile-input corpus: requests an attacker, a curious student or a broken client sends.

Each case is data: what is sent (method, path, form fields or a raw body and its content
type), by whom (an anonymous visitor or the student alice), with which CSRF token, and what
must hold: the statuses it may get (never a 5xx), where a redirect may lead, and which rows it
may add (none, unless it is a request the app rightly accepts).

Paths and field values may hold placeholders, resolved by the test against its fresh
database: ``{own_attempt}`` (alice's), ``{foreign_attempt}`` (bob's), ``{unknown_attempt}``,
``{own_assignment}``, ``{foreign_assignment}`` (another class's), ``{unknown_assignment}``,
``{own_class}``, ``{foreign_class}``, ``{foreign_user}`` (bob), ``{version}`` (the seed
quiz's current digest; ``{VERSION}`` in capitals), ``{other_version}`` (another quiz's),
``{token}`` (a fresh submission token) and ``{foreign_token}`` (that of bob's attempt).
Any other brace, such as a template-injection payload's, is sent as it is.

Cases come in groups (the XSS cases of one field, the oversized bodies, ...): a group shares
one fresh database, and each case is still checked on its own, from a fresh client.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from flask.json.tag import TaggedJSONSerializer
from itsdangerous import URLSafeTimedSerializer

from quizapp.web.keys import PUBLISHED

PUBLISHED_KEY = PUBLISHED[0]  # dev-only-change-me, the default of old

ANONYMOUS, STUDENT = "anonymous", "student"
# How the CSRF token is sent: the session's own token as a form field (VALID) or as the
# X-CSRFToken header (HEADER); none at all; a made-up one; one from another session.
VALID, HEADER, MISSING, FORGED, FOREIGN = "valid", "header", "missing", "forged", "foreign"

SEED = "iran-hamas-meeting"
OTHER_QUIZ = "fuel-prices"
SPOT = "find-statistics"  # a spot question of the seed quiz
CLASSIFY = "classify-1"
CHOICE = "trust-the-figure"  # a single-answer choice question
PASSWORD = "correct horse battery"
CODE = "CLASS234"
INVITE = "teacher-invite-2345"  # the test sets it as TEACHER_INVITE_CODE
KIB = 1024
LIMIT = 256 * KIB  # MAX_CONTENT_LENGTH

Value = str | bytes  # bytes are sent as they are: they need not be UTF-8
Fields = tuple[tuple[Value, Value], ...]  # pairs, so a field may be repeated


@dataclass(frozen=True)
class Payload:
    """A hostile string, and the fragments that would show it was not escaped."""

    id: str
    value: Value
    markers: tuple[str, ...] = ()

    @property
    def unescaped(self) -> tuple[str, ...]:
        """What must never appear in a response: the raw payload when it holds markup
        characters, and the dangerous fragments a truncated message could still carry."""
        value = self.value
        raw = (value,) if isinstance(value, str) and ("<" in value or '"' in value) else ()
        return (*raw, *self.markers)


PAYLOADS: tuple[Payload, ...] = (
    Payload("script", "<script>alert(1)</script>", ("<script>alert",)),
    Payload("img-onerror", '"><img src=x onerror=alert(1)>', ('"><img', "<img src=x")),
    Payload("attribute-breakout", '" autofocus onfocus="alert(1)', ('" autofocus',)),
    Payload("javascript-url", "javascript:alert(document.cookie)", ('href="javascript:',)),
    Payload("svg-onload", "<svg/onload=alert(1)>", ("<svg/onload",)),
    # Evaluated, these print 'ssti-probe' and the app's config; sent as text, they print as is.
    Payload("template-expression", "{{'ssti'~'-probe'}}{{7*7}}", ("ssti-probe",)),
    Payload("template-raw", "{% raw %}{{config.items()}}{% endraw %}", ("SECRET_KEY",)),
    Payload("rtl-override", "\u202e</title><script>alert(1)</script>", ("<script>alert",)),
    Payload("null-byte", "a\x00<script>alert(1)</script>", ("<script>alert",)),
    # '<' and '>' written as overlong two-byte UTF-8: a decoder that accepts them makes tags.
    Payload("overlong-utf8", b"\xc0\xbcscript\xc0\xbealert(1)\xc0\xbc/script\xc0\xbe",
            ("<script>alert",)),
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One request and what must hold of its answer."""

    id: str
    method: str
    path: str
    fields: Fields | None = None  # sent form-encoded, with the CSRF token the case asks for
    body: bytes | None = None  # sent as it is (the CSRF token only as a header, if at all)
    content_type: str | None = None
    who: str = ANONYMOUS
    csrf: str = VALID
    status: tuple[int, ...] = (400,)
    location: str | None = None  # the exact redirect target, when one is expected
    adds: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    markers: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    group: str = ""
    payload: str | None = None  # for XSS cases: the payload id and the target it is sent in
    target: str | None = None


def enc(value: Value) -> str:
    """A value as one percent-encoded path segment or query value."""
    return quote(value, safe="")


# Mark where a target puts the payload, and the payload's id (private-use characters).
P, ID = "\ue000", "\ue001"
SUBMIT = f"/quiz/{SEED}/submit"
BASE: Fields = (("version", "{version}"), ("token", "{token}"))


def _put(template: str, value: Value, payload_id: str) -> Value:
    template = template.replace(ID, payload_id)
    if P not in template:
        return template
    if isinstance(value, str):
        return template.replace(P, value)
    return template.encode("utf-8").replace(P.encode("utf-8"), value)


@dataclass(frozen=True)
class Target:
    """A text field or path segment a person can send: where ``P`` stands, the payload goes
    (percent-encoded in the path, as it is in a field name or value)."""

    id: str
    method: str
    path: str
    fields: Fields | None = None
    who: str = ANONYMOUS
    status: tuple[int, ...] = (400,)
    location: str | None = None
    adds: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def case(self, p: Payload) -> Case:
        fields = (
            None
            if self.fields is None
            else tuple(
                (_put(str(k), p.value, p.id), _put(str(v), p.value, p.id)) for k, v in self.fields
            )
        )
        return Case(
            f"xss-{self.id}-{p.id}",
            self.method,
            self.path.replace(P, enc(p.value)),
            fields,
            who=self.who,
            status=self.status,
            location=self.location,
            adds=self.adds,
            markers=p.unescaped,
            group=f"xss-{self.id}",
            payload=p.id,
            target=self.id,
        )


def _account(username: str, password: str, code: str) -> Fields:
    return (("username", username), ("password", password), ("join_code", code))


def _teacher(username: str, password: str, invite: str) -> Fields:
    return (("username", username), ("password", password), ("invite", invite))


# Every text field and path segment a visitor or student can send.
TARGETS: tuple[Target, ...] = (
    Target("login-username", "POST", "/login", (("username", P), ("password", "wrong pw!")),
           status=(200,)),
    Target("login-password", "POST", "/login", (("username", "alice"), ("password", P)),
           status=(200,)),
    # The right password: the login succeeds, and the hostile 'next' is not followed.
    Target("login-next", "POST", f"/login?next={P}",
           (("username", "bob"), ("password", PASSWORD)), status=(302,), location="/"),
    Target("login-page-next", "GET", f"/login?next={P}", status=(200,)),
    Target("register-username", "POST", "/register", _account(P, PASSWORD, CODE),
           status=(200,)),
    # Any password is allowed: the account is made; the password is only ever hashed.
    Target("register-password", "POST", "/register", _account(f"carol-{ID}", P, CODE),
           status=(302,), location="/", adds=MappingProxyType({"users": 1, "memberships": 1})),
    Target("register-join-code", "POST", "/register", _account("carol", PASSWORD, P),
           status=(200,)),
    Target("join-code", "POST", "/join", (("join_code", P),), STUDENT),
    Target("teacher-username", "POST", "/register/teacher", _teacher(P, PASSWORD, INVITE),
           status=(200,)),
    Target("teacher-password", "POST", "/register/teacher",
           _teacher(f"teacher-{ID}", P, INVITE), status=(302,), location="/teach",
           adds=MappingProxyType({"users": 1})),
    Target("teacher-invite", "POST", "/register/teacher", _teacher("dana", PASSWORD, P),
           status=(200,)),
    Target("question-id", "POST", SUBMIT, (*BASE, (f"q.{P}.tokens", "1")), STUDENT),
    Target("token-list", "POST", SUBMIT, (*BASE, (f"q.{SPOT}.tokens", P)), STUDENT),
    Target("classify-choice", "POST", SUBMIT, (*BASE, (f"q.{CLASSIFY}.choice", P)), STUDENT),
    Target("choice-option", "POST", SUBMIT, (*BASE, (f"q.{CHOICE}.option", P)), STUDENT),
    Target("version", "POST", SUBMIT, (("version", P), ("token", "{token}")), STUDENT,
           status=(404,)),
    Target("submission-token", "POST", SUBMIT, (("version", "{version}"), ("token", P)),
           STUDENT),
    Target("csrf-token", "POST", SUBMIT, (*BASE, ("csrf_token", P)), STUDENT),
    Target("quiz-id", "GET", f"/quiz/{P}", status=(404,)),
    Target("submit-quiz-id", "POST", f"/quiz/{P}/submit", BASE, STUDENT, status=(404,)),
    Target("practice-quiz-id", "GET", f"/practice/{P}/result", status=(404,)),
    Target("attempt-id", "GET", f"/attempts/{P}", who=STUDENT, status=(404,)),
    Target("assignment-id", "GET", f"/assignments/{P}", who=STUDENT, status=(404,)),
    Target("assignment-submit-id", "POST", f"/assignments/{P}/submit", BASE, STUDENT,
           status=(404,)),
)  # fmt: skip

XSS_CASES = tuple(t.case(p) for t in TARGETS for p in PAYLOADS)


def _big(n: int = LIMIT + KIB) -> bytes:
    return b"1," * (n // 2)


def _group(name: str, *cases: Case) -> tuple[Case, ...]:
    return tuple(replace(c, group=name) for c in cases)


def session_cookie(data: dict[str, Any], secret: str = PUBLISHED_KEY) -> str:
    """A session cookie signed as Flask signs its own, by default with the development key
    this project once published (which no app accepts any more)."""
    signer = {"key_derivation": "hmac", "digest_method": hashlib.sha1}
    serializer = URLSafeTimedSerializer(
        secret, salt="cookie-session", serializer=TaggedJSONSerializer(), signer_kwargs=signer
    )
    return f"session={serializer.dumps(data)}"


_UNSIGNED = base64.urlsafe_b64encode(b'{"_user_id":"2:0","_fresh":true}').decode().rstrip("=")


OTHER_CASES: tuple[Case, ...] = (
    # Oversized bodies: refused before a byte is parsed.
    *_group(
        "oversized",
    Case("big-login-form", "POST", "/login", status=(413,),
         fields=(("username", "alice"), ("password", _big()))),
    Case("big-register-form", "POST", "/register", status=(413,),
         fields=(("username", "carol"), ("password", _big()), ("join_code", CODE))),
    Case("big-quiz-submission", "POST", SUBMIT, who=STUDENT, status=(413,),
         fields=(*BASE, (f"q.{SPOT}.tokens", _big()))),
    Case("big-assignment-submission", "POST", "/assignments/{own_assignment}/submit",
         who=STUDENT, status=(413,), fields=(*BASE, (f"q.{SPOT}.tokens", _big()))),
    Case("big-logout", "POST", "/logout", who=STUDENT, status=(413,),
         fields=(("padding", _big()),)),
    Case("big-multipart-upload", "POST", "/login", status=(413,),
         body=b"--b\r\nContent-Disposition: form-data; name=\"username\"; filename=\"x\"\r\n\r\n"
         + _big() + b"\r\n--b--\r\n", content_type="multipart/form-data; boundary=b"),
    Case("big-json", "POST", SUBMIT, who=STUDENT, status=(413,),
         body=b'{"tokens": [' + _big() + b"1]}", content_type="application/json"),
    Case("big-many-small-fields", "POST", SUBMIT, who=STUDENT, status=(413,),
         fields=BASE + tuple((f"f{i}", "x") for i in range(40_000))),
    ),
    # Malformed JSON, and JSON where a form is expected.
    *_group(
        "json",
    Case("json-truncated-login", "POST", "/login", body=b'{"username": "alice", "pass',
         content_type="application/json"),
    Case("json-array-register", "POST", "/register", body=b'["carol", "x", "CLASS234"]',
         content_type="application/json"),
    Case("json-garbage-submit", "POST", SUBMIT, who=STUDENT, body=b"{'q': [1,2,,]",
         content_type="application/json"),
    Case("json-submit-csrf-header", "POST", SUBMIT, who=STUDENT, csrf=HEADER, status=(404,),
         body=b'{"version": "{version}", "token": "{token}", "q.find-statistics.tokens": "1"}',
         content_type="application/json"),
    Case("json-nested-deep", "POST", SUBMIT, who=STUDENT, csrf=HEADER, status=(404,),
         body=b"[" * 100_000 + b"]" * 100_000, content_type="application/json"),
    Case("json-assignment-csrf-header", "POST", "/assignments/{own_assignment}/submit",
         who=STUDENT, csrf=HEADER, body=b'{"version": "{version}"}',
         content_type="application/json"),
    Case("multipart-no-boundary", "POST", "/login", body=b"--x\r\n\r\n",
         content_type="multipart/form-data"),
    Case("form-bad-percent-escapes", "POST", SUBMIT, who=STUDENT, csrf=HEADER, status=(404,),
         body=b"version=%ZZ&token=%&q.find-statistics.tokens=%E2%82",
         content_type="application/x-www-form-urlencoded"),
    Case("content-length-lies", "POST", "/login", status=(413,),
         fields=(("username", "alice"),), headers=(("Content-Length", str(2**30)),)),
    ),
    # Wrong types and repeated fields.
    *_group(
        "wrong-types",
    Case("repeated-token-list", "POST", SUBMIT, who=STUDENT,
         fields=BASE + ((f"q.{SPOT}.tokens", "1"), (f"q.{SPOT}.tokens", "2"))),
    Case("repeated-classify-choice", "POST", SUBMIT, who=STUDENT,
         fields=BASE + ((f"q.{CLASSIFY}.choice", "placeholder"),
                                    (f"q.{CLASSIFY}.choice", "nothing-wrong"))),  # fmt: skip
    Case("two-options-for-one-answer", "POST", SUBMIT, who=STUDENT,
         fields=BASE + ((f"q.{CHOICE}.option", "o1"), (f"q.{CHOICE}.option", "o2"))),
    Case("repeated-version-first-foreign", "POST", SUBMIT, who=STUDENT,
         fields=(("version", "{other_version}"), ("version", "{version}"), ("token", "{token}"))),
    Case("list-style-field-name", "POST", SUBMIT, who=STUDENT,
         fields=(*BASE, (f"q.{SPOT}.tokens[]", "1"))),
    Case("unknown-field-of-a-question", "POST", SUBMIT, who=STUDENT,
         fields=(*BASE, (f"q.{CLASSIFY}.answer", "placeholder"))),
    Case("field-name-without-question", "POST", SUBMIT, who=STUDENT,
         fields=(*BASE, ("q.", "1"), ("q..", "2"))),
    Case("tokens-as-json-list", "POST", SUBMIT, who=STUDENT,
         fields=(*BASE, (f"q.{SPOT}.tokens", "[1, 2]"))),
    Case("tokens-semicolons", "POST", SUBMIT, who=STUDENT,
         fields=(*BASE, (f"q.{SPOT}.tokens", "1;2"))),
    Case("label-field-on-spot-question", "POST", SUBMIT, who=STUDENT,
         fields=(*BASE, (f"q.{SPOT}.label.placeholder", "1"))),
    Case("repeated-username", "POST", "/login", status=(200,),
         fields=(("username", "alice"), ("username", "bob"), ("password", "wrong password!"))),
    Case("empty-login", "POST", "/login", status=(200,), fields=(("username", ""),)),
    Case("long-username-login", "POST", "/login", status=(200,),
         fields=(("username", "a" * 5000), ("password", "wrong password!"))),
    Case("register-username-taken-in-capitals", "POST", "/register", status=(200,),
         fields=(("username", "ALICE\x00"), ("password", PASSWORD), ("join_code", CODE))),
    ),
    # Token indexes out of range or not whole numbers.
    *_group(
        "token-indexes",
    *(
        Case(f"token-{name}", "POST", SUBMIT, who=STUDENT,
             fields=(*BASE, (f"q.{SPOT}.tokens", value)))
        for name, value in (
            ("negative", "-1"),
            ("huge", "999999999"),
            ("beyond-int32", "2147483648"),
            ("ten-digits", "1234567890"),
            ("thousand-digits", "9" * 1000),
            ("float", "3.5"),
            ("exponent", "1e3"),
            ("hex", "0x1f"),
            ("superscript-digit", "\u00b2"),
            ("arabic-indic-digits", "\u0661\u0662"),
            ("fullwidth-digits", "\uff11\uff12"),
            ("plus-sign", "+1"),
            ("outside-the-question", "0,99999"),
            ("every-index-twice", ",".join(str(i) for i in range(2000)) * 2),
        )
    ),
    ),
    # Forged ids: other people's things, things that do not exist, ids that are not ids.
    *_group(
        "forged-ids",
    Case("foreign-attempt", "GET", "/attempts/{foreign_attempt}", who=STUDENT, status=(404,)),
    Case("own-attempt-anonymous", "GET", "/attempts/{own_attempt}", status=(404,)),
    Case("unknown-attempt", "GET", "/attempts/{unknown_attempt}", who=STUDENT, status=(404,)),
    Case("negative-attempt", "GET", "/attempts/-1", who=STUDENT, status=(404,)),
    Case("huge-attempt", "GET", "/attempts/" + "9" * 30, who=STUDENT, status=(404,)),
    Case("int32-overflow-attempt", "GET", "/attempts/2147483648", who=STUDENT, status=(404,)),
    Case("non-numeric-attempt", "GET", "/attempts/abc", who=STUDENT, status=(404,)),
    Case("float-attempt", "GET", "/attempts/1.5", who=STUDENT, status=(404,)),
    Case("zero-attempt", "GET", "/attempts/0", who=STUDENT, status=(404,)),
    Case("foreign-assignment", "GET", "/assignments/{foreign_assignment}", who=STUDENT,
         status=(404,)),
    Case("unknown-assignment", "GET", "/assignments/{unknown_assignment}", who=STUDENT,
         status=(404,)),
    Case("huge-assignment", "GET", "/assignments/" + "9" * 30, who=STUDENT, status=(404,)),
    Case("foreign-assignment-submit", "POST", "/assignments/{foreign_assignment}/submit",
         who=STUDENT, status=(404,), fields=BASE),
    Case("huge-assignment-submit", "POST", "/assignments/" + "9" * 30 + "/submit",
         who=STUDENT, status=(404,), fields=BASE),
    Case("assignment-submit-other-version", "POST", "/assignments/{own_assignment}/submit",
         who=STUDENT, fields=(("version", "{other_version}"), ("token", "{token}"))),
    Case("assignment-anonymous", "GET", "/assignments/{own_assignment}", status=(302,),
         location="/login?next=%2Fassignments%2F{own_assignment}"),
    Case("other-quiz-version", "POST", SUBMIT, who=STUDENT,
         fields=(("version", "{other_version}"), ("token", "{token}"))),
    Case("unknown-version", "POST", SUBMIT, who=STUDENT, status=(404,),
         fields=(("version", "0" * 64), ("token", "{token}"))),
    Case("version-in-capitals", "POST", SUBMIT, who=STUDENT, status=(404,),
         fields=(("version", "{VERSION}"), ("token", "{token}"))),
    Case("version-too-long", "POST", SUBMIT, who=STUDENT, status=(404,),
         fields=(("version", "{version}" + "0"), ("token", "{token}"))),
    Case("version-sql-injection", "POST", SUBMIT, who=STUDENT, status=(404,),
         fields=(("version", "' OR '1'='1"), ("token", "{token}"))),
    Case("quiz-id-sql-injection", "GET", "/quiz/" + enc("x' OR '1'='1"), status=(404,)),
    Case("quiz-id-path-traversal", "GET", "/quiz/..%2F..%2Fetc%2Fpasswd", status=(404,)),
    Case("quiz-id-unknown", "GET", "/quiz/no-such-quiz", status=(404,)),
    Case("quiz-id-overlong", "GET", "/quiz/" + "a" * 5000, status=(404,)),
    Case("posted-to-another-quiz", "POST", f"/quiz/{OTHER_QUIZ}/submit", who=STUDENT,
         fields=BASE),
    Case("replayed-foreign-token", "POST", SUBMIT, who=STUDENT, status=(409,),
         fields=(("version", "{version}"), ("token", "{foreign_token}"))),
    Case("token-too-short", "POST", SUBMIT, who=STUDENT,
         fields=(("version", "{version}"), ("token", "short"))),
    Case("token-missing", "POST", SUBMIT, who=STUDENT, fields=(("version", "{version}"),)),
    Case("token-too-long", "POST", SUBMIT, who=STUDENT,
         fields=(("version", "{version}"), ("token", "t" * 65))),
    Case("practice-result-without-practice", "GET", f"/practice/{SEED}/result", status=(302,),
         location=f"/quiz/{SEED}"),
    ),
    # CSRF: missing, forged, or another session's token; every state-changing form.
    *_group(
        "csrf",
    Case("csrf-missing-login", "POST", "/login", csrf=MISSING,
         fields=(("username", "alice"), ("password", PASSWORD))),
    Case("csrf-forged-login", "POST", "/login", csrf=FORGED,
         fields=(("username", "alice"), ("password", PASSWORD))),
    Case("csrf-foreign-login", "POST", "/login", csrf=FOREIGN,
         fields=(("username", "alice"), ("password", PASSWORD))),
    Case("csrf-missing-register", "POST", "/register", csrf=MISSING,
         fields=(("username", "carol"), ("password", PASSWORD), ("join_code", CODE))),
    Case("csrf-foreign-register", "POST", "/register", csrf=FOREIGN,
         fields=(("username", "carol"), ("password", PASSWORD), ("join_code", CODE))),
    Case("csrf-missing-logout", "POST", "/logout", who=STUDENT, csrf=MISSING, fields=()),
    Case("csrf-foreign-logout", "POST", "/logout", who=STUDENT, csrf=FOREIGN, fields=()),
    Case("csrf-missing-submit", "POST", SUBMIT, who=STUDENT, csrf=MISSING,
         fields=BASE),
    Case("csrf-forged-submit", "POST", SUBMIT, who=STUDENT, csrf=FORGED,
         fields=BASE),
    Case("csrf-foreign-submit", "POST", SUBMIT, who=STUDENT, csrf=FOREIGN,
         fields=BASE),
    Case("csrf-missing-assignment-submit", "POST", "/assignments/{own_assignment}/submit",
         who=STUDENT, csrf=MISSING, fields=BASE),
    Case("csrf-forged-header", "POST", SUBMIT, who=STUDENT, csrf=MISSING,
         fields=BASE, headers=(("X-CSRFToken", "forged.token.value"),)),
    ),
    # Teachers' pages and the author's preview show answer keys: students and visitors
    # get nothing from them, whatever the ids.
    *_group(
        "teacher-pages",
        *(
            Case(f"student-{name}", method, path, who=STUDENT, status=(403,),
                 fields=fields)
            for name, method, path, fields in (
                ("teach-home", "GET", "/teach", None),
                ("create-class", "POST", "/teach", (("name", "Mine now"),)),
                ("gradebook", "GET", "/teach/classes/{own_class}/gradebook", None),
                ("gradebook-csv", "GET", "/teach/classes/{own_class}/gradebook.csv", None),
                ("heatmap", "GET", "/teach/classes/{own_class}/heatmap", None),
                ("foreign-class", "GET", "/teach/classes/{foreign_class}", None),
                ("classmate", "GET", "/teach/classes/{own_class}/students/{foreign_user}",
                 None),
                ("classmate-attempt", "GET",
                 "/teach/classes/{own_class}/attempts/{foreign_attempt}", None),
                ("rename-class", "POST", "/teach/classes/{own_class}/rename",
                 (("name", "<script>alert(1)</script>"),)),
                ("new-join-code", "POST", "/teach/classes/{own_class}/code", ()),
                ("archive-class", "POST", "/teach/classes/{own_class}/archive", ()),
                ("reset-classmate-password", "POST",
                 "/teach/classes/{own_class}/students/{foreign_user}/password", ()),
                ("remove-classmate", "POST",
                 "/teach/classes/{own_class}/students/{foreign_user}/remove", ()),
                ("new-assignment", "POST", "/teach/classes/{own_class}/assignments/new",
                 (("version", "{version}"),)),
                ("answer-key", "GET", f"/teach/quizzes/{SEED}/key", None),
                ("answer-key-by-version", "GET", "/teach/versions/1/key", None),
                ("preview-list", "GET", "/author/preview/", None),
                ("preview", "GET", f"/author/preview/{SEED}.yaml", None),
                ("preview-state", "GET", f"/author/preview/{SEED}.yaml/state.json", None),
            )
        ),
        # '%2F' is a '/' to the router: no route, or the teachers' gate, whichever first.
        Case("student-preview-traversal", "GET", "/author/preview/..%2F..%2Fetc%2Fpasswd",
             who=STUDENT, status=(403, 404)),
        *(
            Case(f"anonymous-{name}", "GET", path, status=(302,))
            for name, path in (
                ("answer-key", f"/teach/quizzes/{SEED}/key"),
                ("gradebook", "/teach/classes/{own_class}/gradebook"),
                ("preview", f"/author/preview/{SEED}.yaml"),
            )
        ),
    ),
    # Forged session cookies: whoever they claim to be, the visitor stays anonymous.
    *_group(
        "forged-sessions",
        *(
            Case(f"session-{name}", "GET", path, status=(302,),
                 location=f"/login?next={enc(path)}", headers=(("Cookie", cookie),))
            for name, path, cookie in (
                ("garbage", "/progress", "session=not-a-cookie"),
                ("unsigned", "/progress", f"session={_UNSIGNED}"),
                ("unsigned-with-dot", "/progress", f"session={_UNSIGNED}.AAAA.AAAA"),
                ("default-key-student", "/progress", session_cookie({"_user_id": "2:0"})),
                ("default-key-teacher", "/teach", session_cookie({"_user_id": "1:0"})),
                ("default-key-huge-id", "/progress", session_cookie({"_user_id": "9" * 30 + ":0"})),
                ("test-key-nul-id", "/progress", session_cookie({"_user_id": "\x00:0"}, "x")),
                ("oversized", "/progress", "session=" + "A" * 8000),
            )
        ),
        # The session is refused whole, and the CSRF token with it.
        Case("session-default-key-submit", "POST", SUBMIT, fields=BASE,
             headers=(("Cookie", session_cookie({"_user_id": "2:0", "_fresh": True})),)),
    ),
    # Methods a route does not take.
    *_group(
        "methods",
    *(
        Case(f"method-{method.lower()}-{name}", method, path, who=STUDENT, status=(405,),
             fields=BASE)
        for method, name, path in (
            ("PUT", "login", "/login"),
            ("DELETE", "login", "/login"),
            ("PATCH", "register", "/register"),
            ("GET", "logout", "/logout"),
            ("PUT", "submit", SUBMIT),
            ("DELETE", "submit", SUBMIT),
            ("GET", "submit", SUBMIT),
            ("DELETE", "attempt", "/attempts/{own_attempt}"),
            ("POST", "attempt", "/attempts/{own_attempt}"),
            ("PUT", "assignment-submit", "/assignments/{own_assignment}/submit"),
            ("POST", "progress", "/progress"),
            ("POST", "practice-result", f"/practice/{SEED}/result"),
        )
    ),
    ),
)  # fmt: skip

CASES: tuple[Case, ...] = XSS_CASES + OTHER_CASES
