"""gunicorn 'quizapp:create_app()' with two workers on PostgreSQL, driven over HTTP."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.deploy.conftest import BIN
from tests.factories import ROOT
from tests.web.conftest import PASSWORD


def wait_until_up(browser: Browser, tries: int = 100) -> None:
    """Poll /healthz until the server answers 200 (about 20 s at most)."""
    for _ in range(tries):
        try:
            if browser.get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """Cookies and form posts over plain HTTP, without following redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=10) as r:
                return r.status, r.read().decode(), r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), e.headers.get("Location", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
    assert match, name
    return match.group(1)


def test_two_gunicorn_workers_serve_login_quiz_and_submission(
    pg_env: dict[str, str], tmp_path: Path
) -> None:
    def quizapp(*args: str) -> str:
        done = subprocess.run([str(BIN / "quizapp"), *args], env=pg_env, capture_output=True,
                              text=True, timeout=120, check=True)  # fmt: skip
        return done.stdout

    assert "database at revision" in quizapp("db", "upgrade")
    quizapp("import")
    subprocess.run(
        [str(BIN / "python"), "-m", "tests.deploy.helpers", "create-user", "ada", PASSWORD],
        env=pg_env, cwd=ROOT, check=True, timeout=60,
    )  # fmt: skip
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "-", "quizapp:create_app()"],
        env=pg_env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        wait_until_up(browser)
        status, html, _ = browser.get("/login")
        assert status == 200
        status, _, location = browser.post(
            "/login",
            {"username": "ada", "password": PASSWORD, "csrf_token": field(html, "csrf_token")},
        )
        assert (status, location) == (302, "/")
        status, html, _ = browser.get("/quiz/iran-hamas-meeting")
        assert status == 200 and "Log out (ada)" in html
        form = {k: field(html, k) for k in ("csrf_token", "version", "token")}
        form["q.classify-1.choice"] = "nothing-wrong"
        status, _, location = browser.post("/quiz/iran-hamas-meeting/submit", form)
        assert status == 302 and location.startswith("/attempts/")
        assert browser.post("/quiz/iran-hamas-meeting/submit", form)[2] == location  # once
        status, html, _ = browser.get(location)
        assert status == 200 and "Your result" in html
        for _ in range(20):  # spread over both workers
            assert browser.get("/progress")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "gunicorn.log").read_text()
    assert len(set(re.findall(r"Booting worker with pid: (\d+)", output))) == 2
    assert " 500 " not in output and "Traceback" not in output
