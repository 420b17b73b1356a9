"""``quizapp lti register|list|remove|rotate-key|send-grades|sync-roster``."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from quizapp.db import lti as store
from quizapp.db.engine import get_db
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
@with_appcontext
def remove(platform_id: int) -> None:
    """Forget a platform: its launches stop; accounts, classes and attempts stay."""
    try:
        store.remove_platform(get_db(), platform_id)
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Platform {platform_id} removed.")


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
