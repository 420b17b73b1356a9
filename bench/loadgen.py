"""The load generator: simulated students over HTTP on loopback, in a process of its own.

``python -m bench.loadgen < spec.json > result.json``. One asyncio loop and one aiohttp
session drive every student, so the generator's own CPU stays small; each student keeps its
own session cookie. Every loop is bounded in count and in time, and only 127.0.0.1 is ever
addressed.

Scenarios (``spec["scenario"]``):

* ``write``: N clients post the baseline write (``/bench/write``) back to back.
* ``submit``: N students log in, open the quiz page, then submit answers back to back (a fresh
  submission token each time, as a reloaded page would give).

  Both take ``think`` ([low, high] seconds): each client then waits a random time in that
  range after every answer (and before its first request, so that the clients do not start
  in step). Without it the loop is closed with no think time: the server is saturated.
* ``get``: N clients fetch one path back to back (the quiz page, or a static file).
* ``morning``: N students arrive over ``login_window`` seconds, log in, open an assignment,
  and each submits once at a random moment of the last ``submit_window`` seconds.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import resource
import secrets
import sys
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp

FIELD = re.compile(r'name="(csrf_token|version|token)"[^>]*value="([^"]*)"')
TIMEOUT = aiohttp.ClientTimeout(total=120)
MAX_REQUESTS = 2_000_000  # a hard bound on any one run, whatever its duration


@dataclass
class Tally:
    """Latencies (s) of the requests that ended inside the measured window, and errors."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def summary(self, seconds: float | None = None) -> dict[str, Any]:
        lat = sorted(self.latencies)

        def pct(p: float) -> float | None:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else None

        out: dict[str, Any] = {
            "ok": len(lat),
            "errors": sum(self.errors.values()),
            "error_kinds": self.errors,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        }
        if seconds:
            out["per_s"] = round(len(lat) / seconds, 1)
        if self.bytes and lat:
            out["mean_bytes"] = round(self.bytes / len(lat))
        return out


class Student:
    """One simulated student: a cookie of their own, and the fields of their last page."""

    def __init__(self, http: aiohttp.ClientSession, base: str, name: str = "") -> None:
        self.http, self.base, self.name = http, base, name
        self.cookie = ""
        self.fields: dict[str, str] = {}

    async def request(
        self, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        headers = {"Cookie": f"session={self.cookie}"} if self.cookie else {}
        async with self.http.request(
            method, self.base + path, data=data, headers=headers, allow_redirects=False
        ) as r:
            body = await r.text()
            morsel = r.cookies.get("session")
            if morsel is not None:
                self.cookie = morsel.value
            return r.status, body, r.headers.get("Location", "")

    async def login(self, password: str) -> tuple[bool, float]:
        """Fetch the form, post the password; True with the time the post took."""
        status, html, _ = await self.request("GET", "/login")
        if status != 200:
            return False, 0.0
        token = dict(FIELD.findall(html)).get("csrf_token", "")
        started = time.perf_counter()
        status, _, location = await self.request(
            "POST", "/login", {"username": self.name, "password": password, "csrf_token": token}
        )
        return status == 302 and "/login" not in location, time.perf_counter() - started

    async def open(self, path: str) -> bool:
        status, html, _ = await self.request("GET", path)
        self.fields = dict(FIELD.findall(html))
        return status == 200 and len(self.fields) == 3

    async def submit(self, path: str, answer: dict[str, str], fresh: bool) -> tuple[int, str]:
        form = {**self.fields, **answer}
        if fresh:
            form["token"] = secrets.token_urlsafe(24)
        status, _, location = await self.request("POST", path, form)
        return status, location


def _kind(exc: BaseException) -> str:
    return type(exc).__name__


async def _closed_loop(
    spec: dict[str, Any], one: Any, tally: Tally, clients: list[Any]
) -> dict[str, Any]:
    """Each client repeats ``one(client)`` (-> ok, bytes), back to back or with a think time
    between; count the requests that end in the measured window."""
    warmup, duration = float(spec["warmup"]), float(spec["duration"])
    think = spec.get("think")
    rng = random.Random(11)
    start = time.perf_counter()
    window = (start + warmup, start + warmup + duration)
    issued = 0

    async def loop(client: Any) -> None:
        nonlocal issued
        if think:
            await asyncio.sleep(rng.uniform(0, think[1]))
        while time.perf_counter() < window[1] and issued < MAX_REQUESTS:
            issued += 1
            began = time.perf_counter()
            try:
                ok, size = await one(client)
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                ok, size = _kind(exc), 0
            ended = time.perf_counter()
            if window[0] <= ended <= window[1]:
                if ok is True:
                    tally.latencies.append(ended - began)
                    tally.bytes += size
                else:
                    tally.error(str(ok))
            if think:
                await asyncio.sleep(rng.uniform(think[0], think[1]))

    await asyncio.wait_for(
        asyncio.gather(*(loop(c) for c in clients)), timeout=warmup + duration + 150
    )
    return tally.summary(duration)


async def run_write(spec: dict[str, Any], http: aiohttp.ClientSession) -> dict[str, Any]:
    clients = [Student(http, spec["base"]) for _ in range(spec["clients"])]

    async def one(c: Student) -> tuple[bool | str, int]:
        status, _, _ = await c.request("POST", "/bench/write", {"value": secrets.token_hex(8)})
        return (True, 0) if status == 204 else (f"status {status}", 0)

    return await _closed_loop(spec, one, Tally(), clients)


async def run_get(spec: dict[str, Any], http: aiohttp.ClientSession) -> dict[str, Any]:
    clients = [Student(http, spec["base"], n) for n in spec.get("students") or [""]]
    clients = (clients * (spec["clients"] // len(clients) + 1))[: spec["clients"]]
    if spec.get("password"):
        await _login_all(spec, clients)

    async def one(c: Student) -> tuple[bool | str, int]:
        status, body, _ = await c.request("GET", spec["path"])
        return (True, len(body.encode())) if status == 200 else (f"status {status}", 0)

    return await _closed_loop(spec, one, Tally(), clients)


async def _login_all(spec: dict[str, Any], students: list[Student]) -> Tally:
    """Log every student in, a few at a time (set-up, not the measured part)."""
    tally = Tally()
    gate = asyncio.Semaphore(int(spec.get("login_concurrency", 16)))

    async def one(s: Student) -> None:
        async with gate:
            try:
                ok, took = await s.login(spec["password"])
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                tally.error(_kind(exc))
                return
            if ok:
                tally.latencies.append(took)
            else:
                tally.error("login refused")

    unique = list({id(s): s for s in students}.values())
    await asyncio.wait_for(asyncio.gather(*(one(s) for s in unique)), timeout=600)
    return tally


async def run_submit(spec: dict[str, Any], http: aiohttp.ClientSession) -> dict[str, Any]:
    students = [Student(http, spec["base"], n) for n in spec["students"]]
    logins = await _login_all(spec, students)
    pages = Tally()
    gate = asyncio.Semaphore(32)

    async def open_page(s: Student) -> None:
        async with gate:
            began = time.perf_counter()
            try:
                ok = await s.open(spec["page"])
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                pages.error(_kind(exc))
                return
            if ok:
                pages.latencies.append(time.perf_counter() - began)
            else:
                pages.error("page")

    await asyncio.wait_for(asyncio.gather(*(open_page(s) for s in students)), timeout=600)

    async def one(s: Student) -> tuple[bool | str, int]:
        status, location = await s.submit(spec["action"], spec["answer"], fresh=True)
        return (True, 0) if status == 302 and "/attempts/" in location else (f"status {status}", 0)

    ready = [s for s in students if s.fields]
    result = await _closed_loop(spec, one, Tally(), ready)
    result["login"] = logins.summary()
    result["page"] = pages.summary()
    return result


async def run_morning(spec: dict[str, Any], http: aiohttp.ClientSession) -> dict[str, Any]:
    """Arrive, log in, open the assignment; all submit within the last seconds."""
    login_window, submit_window = float(spec["login_window"]), float(spec["submit_window"])
    logins, pages, submits = Tally(), Tally(), Tally()
    start = time.perf_counter()
    rng = random.Random(7)

    async def student(name: str) -> None:
        s = Student(http, spec["base"], name)
        arrive, submit_at = rng.uniform(0, login_window), rng.uniform(0, submit_window)
        await asyncio.sleep(max(0.0, start + arrive - time.perf_counter()))
        try:
            ok, took = await s.login(spec["password"])
            if not ok:
                logins.error("login refused")
                return
            logins.latencies.append(took)
            began = time.perf_counter()
            if not await s.open(spec["page"]):
                pages.error("page")
                return
            pages.latencies.append(time.perf_counter() - began)
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            logins.error(_kind(exc))
            return
        await asyncio.sleep(max(0.0, start + login_window + submit_at - time.perf_counter()))
        began = time.perf_counter()
        try:
            status, location = await s.submit(spec["action"], spec["answer"], fresh=False)
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            submits.error(_kind(exc))
            return
        if status == 302 and "/attempts/" in location:
            submits.latencies.append(time.perf_counter() - began)
        else:
            submits.error(f"status {status}")

    await asyncio.wait_for(
        asyncio.gather(*(student(n) for n in spec["students"])),
        timeout=login_window + submit_window + 300,
    )
    return {
        "students": len(spec["students"]),
        "seconds": round(time.perf_counter() - start, 1),
        "login": logins.summary(),
        "page": pages.summary(),
        "submit": submits.summary(),
        "errors": sum(sum(t.errors.values()) for t in (logins, pages, submits)),
    }


SCENARIOS = {"write": run_write, "get": run_get, "submit": run_submit, "morning": run_morning}


async def main(spec: dict[str, Any]) -> dict[str, Any]:
    host = urlsplit(spec["base"]).hostname
    if host != "127.0.0.1":  # loopback only, whatever the spec says
        raise SystemExit(f"refusing to send load to {host}: only 127.0.0.1 is allowed")
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    cpu0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    async with aiohttp.ClientSession(
        connector=connector, timeout=TIMEOUT, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        result = await SCENARIOS[spec["scenario"]](spec, http)
    cpu1, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - wall0
    used = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    result["loadgen_cpu_share"] = round(used / wall, 3)  # of one core, over the whole run
    return result


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(json.load(sys.stdin)))))
