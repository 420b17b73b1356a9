"""``quizapp lti register|list|remove|rotate-key|send-grades|sync-roster``."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from quizapp.db import lti as store
from quizapp.db import lti_removal as removal
from quizapp.db.admins import COMMAND_LINE
from quizapp.db.engine import get_db
from quizapp.db.erasure import OwnAccount, summary
from quizapp.db.models import User
from quizapp.db.writes import WriteError


@click.group("lti")
def lti_cli() -> None:
    """Learning platforms that launch quizapp (LTI 1.3)."""


@lti_cli.command("register")
@click.option("--name", default="", help="What to call it here, e.g. 'District Canvas'.")
@click.option(
    "--issuer",
    required=True,
    help="The platform's issuer (iss), e.g. https://canvas.instructure.com.",
)
@click.option("--client-id", required=True, help="The client id the platform gave quizapp.")
@click.option("--login-url", required=True, help="The platform's OIDC authorisation endpoint.")
@click.option("--token-url", required=True, help="The platform's OAuth2 token endpoint.")
@click.option("--jwks-url", required=True, help="The platform's public key set (JWKS) URL.")
@click.option(
    "--deployment",
    "deployments",
    multiple=True,
    required=True,
    help="A deployment id (repeat for several).",
)
@click.option("--audience", default=None, help="The token audience, if not the token URL.")
@click.option(
    "--frame-origin",
    "frame_origins",
    multiple=True,
    help="An origin whose pages frame quizapp (repeat); default: the issuer's and the login URL's.",
)
@with_appcontext
def register(name: str, issuer: str, client_id: str, login_url: str, token_url: str,
             jwks_url: str, deployments: tuple[str, ...], audience: str | None,
             frame_origins: tuple[str, ...]) -> None:  # fmt: skip
    """Register a platform, so its launches are accepted."""
    try:
        platform_id = store.register_platform(
            get_db(), name=name, issuer=issuer, client_id=client_id, auth_login_url=login_url,
            auth_token_url=token_url, key_set_url=jwks_url, deployment_ids=list(deployments),
            auth_audience=audience, frame_origins=list(frame_origins),
        )  # fmt: skip
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Platform {platform_id} registered.")


@lti_cli.command("list")
@with_appcontext
def list_platforms() -> None:
    """Every registered platform, its deployments and endpoints."""
    with get_db().session() as s:
        rows = store.platforms(s)
    if not rows:
        click.echo("No platform is registered: quizapp lti register --help.")
    for row in rows:
        p = row.conf
        click.echo(f"{p.id}  {row.name}\n    issuer {p.issuer}\n    client id {p.client_id}\n"
                   f"    deployments {', '.join(sorted(p.deployment_ids))}\n"
                   f"    login {p.auth_login_url}\n    token {p.auth_token_url}\n"
                   f"    key set {p.key_set_url}\n    framed by {row.frame_origins}")  # fmt: skip


@lti_cli.command("remove")
@click.argument("platform_id", type=int)
@click.option(
    "--keep-accounts",
    "choice",
    flag_value="keep",
    help="Keep its accounts, classes and attempts (no longer linked to it).",
)
@click.option(
    "--delete-accounts",
    "choice",
    flag_value="delete",
    help="Delete its accounts and classes too, with every attempt in them.",
)
@click.option(
    "--admin",
    "admin_name",
    default=None,
    metavar="USERNAME",
    help="With --delete-accounts: the administrator its teachers' quizzes pass to.",
)
@click.option("--dry-run", is_flag=True, help="Say what it reaches; change nothing.")
@with_appcontext
def remove(platform_id: int, choice: str | None, admin_name: str | None, dry_run: bool) -> None:
    """Remove a platform: its launches stop; keep or delete its accounts and classes."""
    with get_db().session() as s:
        found = removal.reach(s, platform_id)
        admin_id = s.scalar(select(User.id).where(User.username == admin_name,
                                                  User.is_admin.is_(True)))  # fmt: skip
    if found is None:
        raise click.ClickException(f"There is no platform {platform_id}.")
    click.echo(
        f"{found.name} ({found.issuer}) reaches {found.teachers} teacher and "
        f"{found.students} student accounts, {found.classes} classes, "
        f"{found.attempts} attempts and {found.unsent_grades} scores not yet sent."
    )
    if dry_run:
        return
    if choice is None:
        raise click.ClickException(
            "Choose --keep-accounts (accounts, classes and attempts stay; these accounts have "
            "no password) or --delete-accounts (deleted with the platform)."
        )
    if choice == "delete" and found.teachers and admin_id is None:
        raise click.ClickException(
            "Its teachers' quizzes pass to an administrator: give --admin USERNAME."
        )
    try:
        counts = removal.remove_platform(
            get_db(), platform_id, admin_id, delete_people=choice == "delete",
            actor_name=None if admin_id else COMMAND_LINE,
        )  # fmt: skip
    except (LookupError, OwnAccount) as exc:
        raise click.ClickException(str(exc)) from None
    kept = "deleted" if choice == "delete" else "kept"
    click.echo(f"Platform {platform_id} removed; its accounts and classes {kept} "
               f"({summary(counts)}).")  # fmt: skip


@lti_cli.command("rotate-key")
@with_appcontext
def rotate_key() -> None:
    """Make a new signing key; the old one stays published at /lti/jwks for 7 days."""
    kid = store.rotate_key(get_db())
    click.echo(f"New signing key {kid}; the previous one is retired.")


@lti_cli.command("send-grades")
@click.option(
    "--base-url",
    default=None,
    help="The site's address for the feedback links (default QUIZAPP_LTI_TOOL_URL).",
)
@click.option(
    "--every",
    type=int,
    default=0,
    help="Keep running, sending every this many seconds (a worker); 0: once.",
)
@with_appcontext
def send_grades(base_url: str | None, every: int) -> None:
    """Send queued scores to the platforms' gradebooks, with retries and backoff."""
    from quizapp.web.lti import http_session
    from quizapp.web.lti.grades import send_due

    base = base_url or current_app.config.get("LTI_TOOL_URL") or ""
    if not base.startswith("https://"):
        raise click.ClickException(
            "Give the site's https:// address: --base-url or QUIZAPP_LTI_TOOL_URL."
        )
    while True:
        report = send_due(get_db(), base, http_session())
        click.echo(f"{report.sent} sent, {report.retried} to retry, {report.failed} failed, "
                   f"{report.held} held until feedback opens.")  # fmt: skip
        for error in report.errors:
            click.echo(f"  {error}")
        if not every:
            break
        time.sleep(every)


@lti_cli.command("sync-roster")
@click.argument("classroom_id", type=int)
@with_appcontext
def sync_roster(classroom_id: int) -> None:
    """Make a course class's roster match the platform's (Names and Role Provisioning)."""
    from quizapp.web.lti import http_session
    from quizapp.web.lti.roster import sync

    try:
        change = sync(get_db(), classroom_id, http_session())
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"{change.added} added ({change.accounts_made} new accounts), {change.removed} taken off."
    )
