"""F4 as the review found it: gunicorn started as docs/deploy.md says, with no key in the
environment. The workers make one key between them, kept private in the instance folder,
and a cookie signed with any published key logs nobody in."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

from quizapp.web.keys import PUBLISHED
from tests.deploy.conftest import BIN
from tests.deploy.test_gunicorn import Browser, field, free_port, wait_until_up
from tests.factories import ROOT
from tests.security.hostile_inputs import session_cookie
from tests.web.conftest import PASSWORD

# The keys the project ever printed, and the examples its docs and tests show.
PUBLISHED_KEYS = [*PUBLISHED, "test", "t", "browser-tests"]


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "quizapp:create_app()"],
        env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    return server, port


def test_gunicorn_without_a_key_makes_one_and_ignores_published_ones(
    any_env: dict[str, str], tmp_path: Path
) -> None:
    env = {k: v for k, v in any_env.items() if k != "QUIZAPP_SECRET_KEY"}
    for args in (["db", "upgrade"], ["import"]):
        subprocess.run([str(BIN / "quizapp"), *args], env=env, check=True, timeout=120,
                       capture_output=True)  # fmt: skip
    subprocess.run(
        [str(BIN / "python"), "-m", "tests.deploy.helpers", "create-user", "ada", PASSWORD],
        env=env, cwd=ROOT, check=True, timeout=60,
    )  # fmt: skip
    server, port = _start(env, tmp_path / "gunicorn.log")
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        wait_until_up(browser)
        key_file = Path(env["QUIZAPP_INSTANCE_PATH"]) / "secret_key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        key = key_file.read_text().strip()
        for published in PUBLISHED_KEYS:
            forged = Browser(browser.base)
            cookie = session_cookie({"_user_id": "1:0", "_fresh": True}, published)
            forged.opener.addheaders = [("Cookie", cookie)]
            status, _, location = forged.get("/progress")
            assert (status, location) == (302, "/login?next=%2Fprogress"), published
        # The control: the same cookie signed with the key the workers made is honoured.
        real = Browser(browser.base)
        cookie = session_cookie({"_user_id": "1:0", "_fresh": True}, key)
        real.opener.addheaders = [("Cookie", cookie)]
        assert real.get("/progress")[0] == 200
        # Both workers sign with that one key: a login holds whichever worker answers.
        status, html, _ = browser.get("/login")
        form = {"username": "Ada", "password": PASSWORD, "csrf_token": field(html, "csrf_token")}
        assert browser.post("/login", form)[0] == 302
        assert all(browser.get("/progress")[0] == 200 for _ in range(20))
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = (tmp_path / "gunicorn.log").read_text()
    assert len(set(re.findall(r"Booting worker with pid: (\d+)", output))) == 2
    assert "Traceback" not in output


def test_gunicorn_refuses_to_start_with_the_published_key(
    any_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**any_env, "QUIZAPP_SECRET_KEY": "dev-only-change-me"}
    server, _ = _start(env, tmp_path / "gunicorn.log")
    try:
        assert server.wait(timeout=60) != 0
    finally:
        if server.poll() is None:
            server.kill()
    output = (tmp_path / "gunicorn.log").read_text()
    assert "refusing to start" in output and "published example key" in output
