"""Rate limits: one Flask-Limiter for the app, keyed by the client's address, and failure
counters kept in its storage.

Routes decorate themselves (``@limiter.limit("20 per hour", methods=["POST"])``) where every
request may count. Where only failures may count and a refusal must fall on the one who
failed (logins, class codes), a route asks a ``Failures`` counter before it acts and records
a failure after: Flask-Limiter's ``deduct_when`` only decides what is counted, and once a
limit is full it refuses every request under its key, successes included (F5, F8).
The storage comes from ``RATELIMIT_STORAGE_URI`` (env ``QUIZAPP_RATELIMIT_STORAGE_URI``), in
memory by default. Use Redis in production so every worker process counts against the same
limit.
"""

from __future__ import annotations

import ipaddress

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter
from limits import RateLimitItem, parse


def client_address() -> str:
    """The client's address, as ProxyFix gives it (only ``PROXY_COUNT`` proxies are
    believed, so a forged X-Forwarded-For changes nothing). An IPv6 client counts by its
    /64, which one home or school holds whole: otherwise each of its 2^64 addresses would
    have limits of its own."""
    address = request.remote_addr or "127.0.0.1"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


limiter = Limiter(key_func=client_address)

# The teacher invite code: rare enough that its limit may refuse an address whole.
CODE_TRIES = "20 per hour"


def failed(response: Response) -> bool:
    return response.status_code != 302


class Failures:
    """Failures counted under a limit named by a setting (``"10 per 15 minutes"``).

    ``count`` and ``full`` only read; ``record`` adds one. Two requests at the same moment
    may both read before either records, so a limit can be passed by as many requests as
    run at once: a few, which does not change what guessing can achieve."""

    def __init__(self, name: str, setting: str) -> None:
        self.name = name
        self.setting = setting

    def _item(self) -> RateLimitItem:
        return parse(current_app.config[self.setting])

    @staticmethod
    def _on() -> bool:
        return bool(current_app.config.get("RATELIMIT_ENABLED", True))

    def count(self, *key: str) -> int:
        if not self._on():
            return 0
        item = self._item()
        remaining = limiter.limiter.get_window_stats(item, self.name, *key).remaining
        return item.amount - remaining

    def full(self, *key: str) -> bool:
        return self._on() and self.count(*key) >= self._item().amount

    def record(self, *key: str) -> None:
        if self._on():
            limiter.limiter.hit(self._item(), self.name, *key)


def init_app(app: Flask) -> None:
    # One limiter serves every app a process builds (tests build many): state each setting,
    # so one app turning limits off cannot leave them off for the next.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
