"""The plain values of LTI: a registered platform, the tool's key, a login and a verified
launch, and the refusals. Shared by the adapter, the database layer and the web layer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quizapp.core.texts import Text


class LaunchRefused(Exception):
    """A login or launch refused, with a reason a platform administrator can act on.

    ``text`` is the core's message value (an English msgid marked ``N_`` with named
    %-style ``params``: ids, addresses, never translated); the web says it in the reader's
    language (``quizapp.i18n.refusals.say``), ``str()`` is the English. ``kind`` names a
    refusal the page offers a way out of: ``"cookie"``, the browser kept no state cookie
    inside the platform's frame."""

    def __init__(
        self,
        reason: str | Text,
        status: int = 400,
        *,
        params: Mapping[str, str] | None = None,
        kind: str = "",
    ) -> None:
        self.text = reason if isinstance(reason, Text) else Text(reason, params)
        self.status = status
        self.kind = kind
        super().__init__(str(self.text))

    @property
    def reason(self) -> str:
        """The reason in English."""
        return str(self.text)


@dataclass(frozen=True)
class PlatformConf:
    """A registered platform as the library needs it."""

    id: int
    issuer: str
    client_id: str
    auth_login_url: str
    auth_token_url: str
    key_set_url: str
    auth_audience: str | None = None
    deployment_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ToolKey:
    kid: str
    private_pem: str


# (issuer, client id or None) -> the platform, or None when it is not registered.
Finder = Callable[[str, "str | None"], "PlatformConf | None"]


@dataclass(frozen=True)
class LoginStart:
    """Where to send the browser, and the state and nonce to keep for the launch."""

    url: str
    state: str
    nonce: str
    platform_id: int


@dataclass(frozen=True)
class Launch:
    """A verified launch, reduced to what quizapp uses."""

    platform_id: int
    deployment_id: str
    subject: str
    roles: tuple[str, ...]
    message_type: str
    context_id: str | None
    context_title: str
    resource_link_id: str | None
    custom: Mapping[str, str]
    lineitem_url: str | None
    ags: Mapping[str, Any] | None
    memberships_url: str | None
    deep_linking: Mapping[str, Any] | None
    claims: Mapping[str, Any] = field(repr=False)

    @property
    def is_deep_link(self) -> bool:
        return self.message_type == "LtiDeepLinkingRequest"


@dataclass(frozen=True)
class Member:
    subject: str
    roles: tuple[str, ...]
    active: bool


class LtiServiceError(Exception):
    """A platform's service refused a request or could not be reached."""
