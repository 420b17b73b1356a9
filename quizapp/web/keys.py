"""The secret key that signs sessions and CSRF tokens: the administrator's, or one made once.

Anyone who knows the key can forge a session cookie for any account, teachers included, so
there is no default: a server started without ``QUIZAPP_SECRET_KEY`` makes a random key once
and keeps it in the instance folder (``instance/secret_key``, readable by its owner only),
and every later start, and every worker started beside it, reads that same key. Several
hosts need the one key the administrator sets (docs/deploy.md). A key anyone could know, a
published example or a short one, is refused at start, whatever the mode.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

from flask import Flask

FILE_NAME = "secret_key"
MIN_LENGTH = 32
# Random keys of 32 characters or more hold far more distinct characters than this (even a
# hex one about 16); "x" * 40 or "ab" * 20 hold fewer.
MIN_DISTINCT = 10
# Every key this project ever published (code, docs, README) and the usual placeholders:
# refused even if someone pads them past the length rule.
PUBLISHED = ("dev-only-change-me", "change-me", "changeme", "change_me", "change-this",
             "replace-me", "your-secret", "secret-key", "example")  # fmt: skip
HOW = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


def key_problem(key: str | bytes) -> str | None:
    """Why ``key`` may not sign sessions, or None if it may."""
    text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
    folded = text.strip().casefold()
    if any(word in folded for word in PUBLISHED):
        return "it is a published example key, known to anyone who reads the project"
    if len(text) < MIN_LENGTH:
        return f"it is {len(text)} characters long; use at least {MIN_LENGTH} random ones"
    if len(set(text)) < MIN_DISTINCT:
        return "it repeats too few characters to be random"
    return None


def stored_key(folder: Path) -> str:
    """The key kept in ``folder``, made now if there is none.

    Made atomically: the key is written in full to a private temporary file, then linked to
    its name, which fails if another process got there first; then everyone reads the one
    file. So two workers starting at once agree, and nobody reads a half-written key."""
    path = folder / FILE_NAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{FILE_NAME}.")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_urlsafe(48) + "\n")
                f.flush()
                os.fsync(f.fileno())
            # If another worker linked its key first, that key is the key.
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise RuntimeError(
            f"{path} can be read by other users of this machine, who could then log in as "
            f"anyone: run 'chmod 600 {path}' (or delete it to make a new key)"
        )
    return path.read_text(encoding="ascii").strip()


def init_app(app: Flask) -> None:
    """Settle ``SECRET_KEY`` before anything signs with it; refuse to start with a weak one."""
    key = app.config.get("SECRET_KEY")
    if not key:
        if app.config["PRODUCTION"]:
            raise RuntimeError(
                "QUIZAPP_SECRET_KEY must be set in production, to the same long random value "
                f"on every worker and host (make one with: {HOW})"
            )
        key = stored_key(Path(app.instance_path))
        where = f"the key file {Path(app.instance_path) / FILE_NAME}"
    else:
        where = "QUIZAPP_SECRET_KEY"
    if isinstance(key, int | float):  # the environment is read as JSON: a number parses
        key = str(key)
    if problem := key_problem(key):
        raise RuntimeError(
            f"refusing to start: {where} cannot sign sessions safely ({problem}). Anyone "
            f"knowing it could log in as any user. Set QUIZAPP_SECRET_KEY to a long random "
            f"value (make one with: {HOW}), or unset it to have one made and kept in "
            f"{app.instance_path}"
        )
    app.config["SECRET_KEY"] = key
