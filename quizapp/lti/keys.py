"""The tool's own RSA keys: made, named (kid) and published as a JWKS."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from jwcrypto.jwk import JWK  # type: ignore[import-untyped]

# A retired key stays published this long: tokens signed just before a rotation (and
# platforms that cache our key set for a day) still verify.
RETIRED_KEY_PUBLISHED = timedelta(days=7)


def new_key() -> tuple[str, str]:
    """A fresh 2048-bit RSA key: (kid, private key as PEM)."""
    key = JWK.generate(kty="RSA", size=2048)
    kid: str = key.thumbprint()
    pem = key.export_to_pem(private_key=True, password=None).decode("ascii")
    return kid, pem


def public_pem(private_pem: str) -> str:
    pem: bytes = JWK.from_pem(private_pem.encode("ascii")).export_to_pem()
    return pem.decode("ascii")


def public_jwk(kid: str, private_pem: str) -> dict[str, Any]:
    """The public half of a key as a JWK, with its kid, for /lti/jwks."""
    jwk = json.loads(JWK.from_pem(private_pem.encode("ascii")).export_public())
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


def published(retired_at: datetime | None, now: datetime) -> bool:
    """Whether a key still belongs in the key set: unretired, or retired lately."""
    return retired_at is None or now - retired_at < RETIRED_KEY_PUBLISHED
