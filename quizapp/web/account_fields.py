"""The username and new-password fields of every registration form, with their rules shown
up front (a person should not have to fail once to learn them)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from wtforms import Field, PasswordField, StringField
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, Length, ValidationError

from quizapp.core.usernames import RULE, problem
from quizapp.passwords import MIN_LENGTH

# core.usernames.RULE, in the reader's language (keep the two in step: a test checks).
USERNAME_HELP = _l("3 to 40 letters (a to z), digits, dots, dashes or underscores.")
PASSWORD_HELP = _l("At least %(num)d characters, not the same as your username.", num=MIN_LENGTH)


# The reasons the account rules give in English (core.usernames, quizapp.passwords), in the
# reader's language: said by their English text, so the rules stay plain Python. A reason
# not listed here is shown as it is. (The account writes' refusals carry their own message
# value: quizapp.i18n.refusals.say.)
REASONS = {
    f"A username cannot hold line breaks, tabs or invisible characters. Use {RULE}.": _l(
        "A username cannot hold line breaks, tabs or invisible characters. Use 3 to 40 "
        "letters (a to z), digits, dots, dashes or underscores."
    ),
    f"A username cannot hold spaces. Use {RULE}.": _l(
        "A username cannot hold spaces. Use 3 to 40 letters (a to z), digits, dots, dashes "
        "or underscores."
    ),
    f"A username cannot mix alphabets. Use {RULE}.": _l(
        "A username cannot mix alphabets. Use 3 to 40 letters (a to z), digits, dots, dashes "
        "or underscores."
    ),
    f"Use only {RULE}: no accents or other alphabets.": _l(
        "Use only 3 to 40 letters (a to z), digits, dots, dashes or underscores: no accents "
        "or other alphabets."
    ),
    f"Use {RULE}.": _l("Use 3 to 40 letters (a to z), digits, dots, dashes or underscores."),
    f"Use at least {MIN_LENGTH} characters.": _l(
        "Use at least %(num)d characters.", num=MIN_LENGTH
    ),
    "Use at most 200 characters.": _l("Use at most %(num)d characters.", num=200),
    "The password must differ from the username.": _l(
        "The password must differ from the username."
    ),
}


def reason(english: str) -> str:
    """An account rule's reason in the reader's language (as it is if not known)."""
    said = REASONS.get(english)
    return str(said) if said is not None else english


def username_rule(form: BaseForm, field: Field) -> None:
    """The rule of core.usernames, whole string: no trailing newline slips past a ``$``."""
    if field.data and (why := problem(field.data)):
        raise ValidationError(reason(why))


def username_field(advice: object = "") -> StringField:
    """``advice``: a further line of help (lazy, as forms are built at import)."""
    return StringField(
        _l("Username"),
        validators=[DataRequired(), username_rule],
        description=LazyString(lambda: f"{USERNAME_HELP} {advice}".strip()),
    )


def new_password_field() -> PasswordField:
    return PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=200)],
        description=PASSWORD_HELP,
    )
