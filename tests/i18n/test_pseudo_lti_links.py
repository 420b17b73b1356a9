"""The pages of a course link made without deep linking, in the pseudo-language: the
teacher's page choosing its quiz and the student's waiting page show no English that
skipped the catalogue."""

from __future__ import annotations

from flask import Flask

from quizapp.core.loader import Bank
from tests.i18n.pseudo import CODE, english_left
from tests.i18n.test_pseudo import ALLOWED, app, quiz_data  # noqa: F401 - the fixture
from tests.web.conftest import Auth
from tests.web.teach_data import class_id


def test_the_bind_page_and_the_waiting_page_are_translated(
    app: Flask,  # noqa: F811
    bank: Bank,
) -> None:
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    with teacher.session_transaction() as session:
        session["lti_bind"] = {"platform_id": 1, "resource_link_id": "pasted",
                               "classroom_id": class_id(app), "lineitem_url": None,
                               "ags": {}}  # fmt: skip
    pages = [teacher.get("/lti/link"), app.test_client().get("/lti/link/waiting")]
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and f'<html lang="{CODE}"' in html
        assert english_left(html, ALLOWED, data=quiz_data(bank)) == []


def test_the_add_activity_picker_and_a_refused_launch_are_translated(
    app: Flask,  # noqa: F811
    bank: Bank,
) -> None:
    """The teacher's quiz picker of the course's "add activity", and a launch refused (here
    for its lost state: the page that offers a new window)."""
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    with teacher.session_transaction() as session:
        session["lti_deep_link"] = {"platform_id": 1, "deployment_id": "d", "settings": {},
                                    "classroom_id": class_id(app)}  # fmt: skip
    picker = teacher.get("/lti/deep-link")
    refused = app.test_client().post(
        "/lti/launch", data={"id_token": "a.b.c", "state": "lost"},
        base_url="https://localhost",
    )  # fmt: skip
    assert picker.status_code == 200 and 400 <= refused.status_code < 500
    for response in (picker, refused):
        html = response.get_data(as_text=True)
        assert f'<html lang="{CODE}"' in html
        assert english_left(html, ALLOWED, data=quiz_data(bank)) == []
