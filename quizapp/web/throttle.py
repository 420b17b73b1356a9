"""Who may try again: failed logins and wrong class codes slow the one who fails, never the
owner of an account or the classmates behind the same school address.

Logins (F5). Only failures count, and a success is never refused for others' failures:
  * a name from one address: ``LOGIN_FAILS_PER_NAME_AND_ADDRESS`` (10 per 15 minutes);
  * one address, all names: ``LOGIN_FAILS_PER_ADDRESS`` (300 per 15 minutes), against one
    address trying many names; high, since a school logs in from one address;
  * one name, all addresses: ``LOGIN_FAILS_PER_NAME`` (100 per hour). Reaching it refuses
    nobody outright: each address may then fail only ``UNDER_ATTACK`` times (3) a window for
    that name, so an owner who has not failed is still let in from anywhere, while guessing
    spread over many addresses slows to 3 tries each.

Class codes (F8), at /join and /register. A code is 8 characters of 31, 31^8 = 8.5e11
codes. Failures count for the person (the account at /join, the address and browser session
at /register: ``CODE_FAILS_PER_PERSON``, 10 an hour) and for the address
(``CODE_FAILS_PER_ADDRESS``, 200 an hour). One pupil stops at 10, and a class mistyping by
hand stays far below 200, so a right code from anyone else is taken. Past 200 (a script):
/register refuses the address for the rest of the hour, as a session costs nothing to
change; /join still takes anyone who has not failed themselves, each account then allowed
one wrong code an hour, and accounts cost a registration with a real code, each on a
roster. So one address tests at most about 200 codes an hour, 4,800 a day: with 10,000
live classes, one hit per 8.5e11 / 1e4 / 4,800 = about 17,700 days, 48 years.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import abort, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from quizapp.web.limits import Failures, client_address

LOGIN_NAME_AND_ADDRESS = Failures("login-name-address", "LOGIN_FAILS_PER_NAME_AND_ADDRESS")
LOGIN_ADDRESS = Failures("login-address", "LOGIN_FAILS_PER_ADDRESS")
LOGIN_NAME = Failures("login-name", "LOGIN_FAILS_PER_NAME")
UNDER_ATTACK = 3
CODE_PERSON = Failures("code-person", "CODE_FAILS_PER_PERSON")
CODE_ADDRESS = Failures("code-address", "CODE_FAILS_PER_ADDRESS")

TOO_MANY = _l("Too many tries. Wait a few minutes, then try again.")


def _name(folded: str) -> str:
    # Hashed: the limiter's storage (Redis) need not hold the names children log in with.
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def check_login(folded: str) -> None:
    """Refuse (429) a login attempt for a name (folded) from this address if this address has
    failed too often, for this name or for all."""
    address, name_key = client_address(), _name(folded)
    if LOGIN_ADDRESS.full(address):
        abort(429, description=TOO_MANY)
    own = LOGIN_NAME_AND_ADDRESS.count(address, name_key)
    if LOGIN_NAME_AND_ADDRESS.full(address, name_key):
        abort(429, description=TOO_MANY)
    if own >= UNDER_ATTACK and LOGIN_NAME.full(name_key):
        abort(429, description=TOO_MANY)


def login_failed(folded: str) -> None:
    address, name_key = client_address(), _name(folded)
    LOGIN_NAME_AND_ADDRESS.record(address, name_key)
    LOGIN_ADDRESS.record(address)
    LOGIN_NAME.record(name_key)


def _person() -> tuple[str, ...]:
    """Whose code failures these are: the account, or this address and browser session."""
    if current_user.is_authenticated:
        return ("user", str(current_user.id))
    if "code_person" not in session:
        session["code_person"] = secrets.token_urlsafe(12)
    return ("visitor", client_address(), str(session["code_person"]))


def check_code() -> None:
    """Refuse (429) a class code from whoever failed too often; see the module's notes."""
    person = _person()
    if CODE_PERSON.full(*person):
        abort(429, description=TOO_MANY)
    if CODE_ADDRESS.full(client_address()):
        accounts_without_failures = person[0] == "user" and CODE_PERSON.count(*person) == 0
        if not accounts_without_failures:
            abort(429, description=TOO_MANY)


def code_failed() -> None:
    CODE_PERSON.record(*_person())
    CODE_ADDRESS.record(client_address())
