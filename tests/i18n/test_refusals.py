"""Refusals in the reader's language (issue 16): what the storage layer refuses (``WriteError``
and its kinds carry a message value, ``Text``) is said through the catalogue on the web,
stays English on the command line, and the untrusted-host refusal follows the browser's
language."""

from __future__ import annotations

import ast
import html
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.core.loader import Bank
from quizapp.core.texts import N_, P_, Text
from quizapp.db.reasons import Moment
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from tests.i18n.pseudo import english_left
from tests.i18n.test_learner_texts import pseudo_app  # noqa: F401
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import add_assignment, add_attempt, add_users, class_id, ids

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "quizapp" / "db"
REFUSALS = {"WriteError", "WrongCode", "InviteError", "DraftGone", "StaleRevision"}
WHEN = datetime(2030, 12, 6, 17, 0)  # stored UTC: 18:00 in Berlin


def test_a_reason_is_english_text_and_keeps_its_params() -> None:
    refused = WriteError(N_("There is no teacher named '%(name)s'."), name="nobody")
    assert str(refused) == "There is no teacher named 'nobody'."
    assert refused.reason == Text("There is no teacher named '%(name)s'.", {"name": "nobody"})
    assert str(WriteError("Plain words, 100% English.")) == "Plain words, 100% English."
    one, two = (P_("%(num)d attempt was made.", "%(num)d attempts were made.", n) for n in (1, 2))
    assert (str(one), str(two)) == ("1 attempt was made.", "2 attempts were made.")
    moment = Moment(WHEN, "Europe/Berlin")
    assert str(Text("Due %(when)s.", {"when": moment})) == (
        "Due 06 Dec 2030, 18:00 CET (Europe/Berlin)."
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "This attempt was voided already, on 06 Dec 2030, 18:00 CET (Europe/Berlin)."),
        ("es", "Este intento ya se anuló el 6 dic 2030, 18:00 CET (Europe/Berlin)."),
        (
            "ar",
            "أُلغيت هذه المحاولة بالفعل في 6 ديسمبر 2030، 18:00 \u2066CET (Europe/Berlin)\u2069.",
        ),
    ],
)
def test_say_translates_the_message_and_writes_a_date_the_readers_way(
    app: Flask, language: str, said: str
) -> None:
    refused = WriteError(
        N_("This attempt was voided already, on %(when)s."), when=Moment(WHEN, "Europe/Berlin")
    )
    with app.test_request_context(headers={"Accept-Language": language}):
        assert say(refused) == said


def test_say_counts_with_the_languages_plural_forms(app: Flask) -> None:
    refused = WriteError(
        P_(
            "%(num)d attempt was submitted; set the due date instead.",
            "%(num)d attempts were submitted; set the due date instead.",
            5,
        )
    )
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert say(refused) == "Попыток уже сдано: 5; вместо этого измените срок сдачи."
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert say(refused).startswith("Ya se entregaron 5 intentos")


def test_an_account_rule_given_as_plain_english_is_translated_too(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert say(WriteError("Use at least 8 characters.")) != "Use at least 8 characters."
        assert say(WriteError("Words no catalogue knows.")) == "Words no catalogue knows."


def _raised_messages() -> list[tuple[str, int, ast.expr]]:
    found = []
    for path in sorted(DB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in REFUSALS
                and node.args
            ):
                found.append((path.name, node.lineno, node.args[0]))
    return found


def test_every_refusal_of_the_storage_layer_is_marked_for_the_catalogue() -> None:
    """A literal or an f-string would reach readers in English: each reason is ``N_(...)``,
    ``P_(...)``, ``M_(...)``, ``Text(...)`` or one passed on (a name, an attribute)."""
    raised = _raised_messages()
    assert len(raised) > 50
    unmarked = [
        f"{name}:{line}"
        for name, line, first in raised
        if isinstance(first, (ast.Constant, ast.JoinedStr, ast.BinOp))
        or (
            isinstance(first, ast.Call)
            and ast.unparse(first.func) not in ("N_", "P_", "M_", "Text")
        )
    ]
    assert unmarked == []


def _lang(client: FlaskClient, language: str) -> FlaskClient:
    client.set_cookie("lang", language)
    return client


def _share(client: FlaskClient, quiz_id: str, username: str) -> str:
    page = client.get("/author/").get_data(as_text=True)
    response = client.post(
        f"/author/quizzes/{quiz_id}/shares",
        data={"csrf_token": csrf_token(page), "username": username},
    )
    assert response.status_code == 303
    return client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("es", "No hay ningún docente con el nombre «nobody-here»."),
        ("en", "There is no teacher named &#39;nobody-here&#39;."),
    ],
)
def test_a_spanish_teacher_is_told_in_spanish_why_a_share_was_refused(
    app: Flask, client: FlaskClient, language: str, said: str
) -> None:
    from tests.web.test_editor_library import published

    quiz_id = published(app)
    assert Auth(client).login("teacher1").status_code == 302
    page = _share(_lang(client, language), quiz_id, "nobody-here")
    assert said in page
    if language != "en":
        assert "There is no teacher named" not in page


def test_a_russian_student_is_told_in_russian_they_are_in_the_class_already(
    client: FlaskClient,
) -> None:
    assert Auth(client).login("alice").status_code == 302
    _lang(client, "ru")
    page = client.get("/join").get_data(as_text=True)
    response = client.post("/join", data={"csrf_token": csrf_token(page), "join_code": "CLASS234"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Вы уже состоите в классе Class 1." in text
    assert "already" not in text


def test_a_russian_student_reads_why_an_assignment_takes_no_more_attempts(
    app: Flask, client: FlaskClient
) -> None:
    assignment = add_assignment(app, class_id(app), max_attempts=1)
    (alice,) = ids(app, "alice")
    add_attempt(app, alice, assignment)
    assert Auth(client).login("alice").status_code == 302
    text = _lang(client, "ru").get(f"/assignments/{assignment}").get_data(as_text=True)
    assert "Вы использовали все попытки (всего: 1)." in text
    assert "You have used all" not in text


def test_the_command_line_stays_english(app: Flask) -> None:
    add_users(app, ["student9"], "student")
    result = app.test_cli_runner().invoke(args=["admin", "grant", "student9"])
    assert result.exit_code != 0
    assert "'student9' is a student's account: only teachers can be administrators." in (
        result.output
    )
    result = app.test_cli_runner().invoke(
        args=["admin", "grant", "nobody"], env={"LANG": "es_ES.UTF-8", "LANGUAGE": "es"}
    )
    assert "There is no account called 'nobody'." in result.output


@pytest.mark.parametrize(
    ("headers", "cookie", "language", "said"),
    [
        ({"Accept-Language": "ar"}, None, "ar", "هذا الموقع لا يستجيب لاسم المضيف هذا"),
        ({"Accept-Language": "es-MX,es;q=0.9"}, None, "es", "este sitio no responde"),
        ({"Accept-Language": "ar"}, "ru", "ru", "этот сайт не отвечает"),
        ({}, None, "en", "this site does not answer to that host name"),
    ],
)
def test_the_untrusted_host_refusal_is_in_the_browsers_language(
    client: FlaskClient, headers: dict[str, str], cookie: str | None, language: str, said: str
) -> None:
    if cookie:
        client.set_cookie("lang", cookie, domain="evil.example")
    response = client.get("/", headers={"Host": "evil.example", **headers})
    assert response.status_code == 400
    assert response.headers["Content-Language"] == language
    assert said in response.get_data(as_text=True)


def test_a_spanish_teacher_reads_a_students_due_date_refusal_and_a_skipped_time_in_spanish(
    app: Flask, client: FlaskClient
) -> None:
    from tests.web.test_class_clock import LA, post

    cid = class_id(app)
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, cid, due_at=WHEN)
    assert Auth(client).login("teacher1").status_code == 302
    post(client, f"/teach/classes/{cid}/timezone", timezone=LA)
    url = f"/teach/classes/{cid}/students/{alice}/assignments/{aid}/due"
    _lang(client, "es")

    refused = post(client, url, due_at="2030-12-06T08:00")
    assert refused.status_code == 400
    text = html.unescape(refused.get_data(as_text=True))
    assert (
        "La fecha de entrega de la clase es el 6 dic 2030, 9:00 PST (America/Los_Angeles); "
        "la fecha propia de alice debe ser posterior."
    ) in text
    gap = html.unescape(post(client, url, due_at="2031-03-09T02:30").get_data(as_text=True))
    assert "no existe en America/Los_Angeles" in gap
    assert "does not exist" not in gap
    unknown = post(client, f"/teach/classes/{cid}/timezone", timezone="Mars/Olympus")
    assert unknown.status_code == 400
    assert "No existe ninguna zona horaria llamada «Mars/Olympus»" in html.unescape(
        unknown.get_data(as_text=True)
    )


def test_say_gives_the_cores_message_values_in_the_readers_language_too(app: Flask) -> None:
    from quizapp.core.article import Article, ArticleError

    with pytest.raises(ArticleError) as refused:
        Article.from_text("article.txt", "")
    with app.test_request_context(headers={"Accept-Language": "es"}):
        said = say(refused.value)
    assert said.startswith("article.txt: ") and said != str(refused.value)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert say(refused.value) == str(refused.value)


def test_refusals_on_pages_leave_no_english_in_the_pseudo_language(
    pseudo_app: Flask,  # noqa: F811 - the fixture imported above
    bank: Bank,
) -> None:
    """Pages that show a refusal of the storage layer: a student's join refused, a closed
    assignment, a teacher's share refused. Any English left skipped the catalogue."""
    from tests.i18n.test_pseudo import ALLOWED, quiz_data
    from tests.web.test_editor_library import published

    app = pseudo_app
    data = quiz_data(bank) | {"nobody-here"}
    student, teacher = app.test_client(), app.test_client()
    assert Auth(student).login("alice").status_code == 302
    page = student.get("/join").get_data(as_text=True)
    joined = student.post("/join", data={"csrf_token": csrf_token(page), "join_code": "CLASS234"})
    assert joined.status_code == 400
    aid = add_assignment(app, class_id(app), max_attempts=1)
    add_attempt(app, ids(app, "alice")[0], aid)
    closed = student.get(f"/assignments/{aid}")
    assert Auth(teacher).login("teacher1").status_code == 302
    refused = _share(teacher, published(app), "nobody-here")
    for name, html_text in (
        ("join refused", joined.get_data(as_text=True)),
        ("assignment closed", closed.get_data(as_text=True)),
        ("share refused", refused),
    ):
        assert english_left(html_text, ALLOWED, data=data) == [], name


def test_an_administrator_reads_a_bad_retention_period_in_russian_and_the_cli_in_english(
    app: Flask,
) -> None:
    from tests.web.test_admin import admin_client

    app.config["RETENTION_DAYS"] = 0
    client = _lang(admin_client(app), "ru")
    text = client.get("/admin/retention").get_data(as_text=True)
    assert "QUIZAPP_RETENTION_DAYS = 0: срок хранения должен быть не меньше 1 дня" in text
    assert "a retention period must be" not in text
    result = app.test_cli_runner().invoke(args=["purge", "--dry-run"])
    assert "QUIZAPP_RETENTION_DAYS is 0: a retention period must be at least 1 day" in (
        result.output
    )


def test_the_editors_json_errors_are_in_the_teachers_language(app: Flask) -> None:
    """A refusal the editor's API answers in JSON, made by Flask-WTF (a missing CSRF token)
    or by a view (a stale revision), in Spanish: no library's English."""
    from tests.web.test_editor_drafts import login

    editor = login(app, "teacher1")
    draft_id = editor.start()
    _lang(editor.client, "es")
    document = editor.data(draft_id).get_json()["document"]
    forged = editor.put(draft_id, {"document": document, "revision": 1}, token="forged")
    assert forged.status_code == 400
    assert forged.get_json()["error"].startswith("El formulario era demasiado antiguo")
    assert editor.put(draft_id, {"document": document, "revision": 1}).status_code == 200
    stale = editor.put(draft_id, {"document": document, "revision": 1})
    assert stale.status_code == 409
    assert stale.get_json()["error"].startswith("Este borrador se guardó en otro lugar")
