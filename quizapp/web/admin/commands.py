"""``quizapp admin grant|revoke|reset-password USER`` and ``quizapp purge [--dry-run]``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from quizapp.db import retention
from quizapp.db.admins import give_new_password, set_admin
from quizapp.db.engine import get_db
from quizapp.db.writes import WriteError


@click.group("admin")
def admin_command() -> None:
    """Make a teacher an administrator of this site, or end it; give an account a new
    password."""


def _set(username: str, flag: bool) -> None:
    try:
        name, changed = set_admin(get_db(), username, flag)
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    if flag:
        click.echo(f"'{name}' is an administrator" + ("." if changed else " already."))
    else:
        click.echo(f"'{name}' is no longer an administrator." if changed
                   else f"'{name}' was not an administrator.")  # fmt: skip


@admin_command.command("grant")
@click.argument("username")
@with_appcontext
def grant(username: str) -> None:
    """Make the teacher USERNAME an administrator (at their next page)."""
    _set(username, True)


@admin_command.command("revoke")
@click.argument("username")
@with_appcontext
def revoke(username: str) -> None:
    """End USERNAME's administrator rights (at their next page)."""
    _set(username, False)


@admin_command.command("reset-password")
@click.argument("username")
@with_appcontext
def reset_password(username: str) -> None:
    """Give USERNAME a new password, printed once, and log them out everywhere."""
    try:
        name, password = give_new_password(get_db(), username, None)
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"New password for '{name}' (shown only this once; their sessions are ended):")
    click.echo(password)


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Delete the data whose retention period is over (QUIZAPP_RETENTION_DAYS: unused
    student accounts and archived classes; QUIZAPP_AUDIT_RETENTION_DAYS: audit events)."""
    try:
        days = retention.period(current_app.config.get("RETENTION_DAYS"), "QUIZAPP_RETENTION_DAYS")
        audit_days = retention.period(
            current_app.config.get("AUDIT_RETENTION_DAYS"), "QUIZAPP_AUDIT_RETENTION_DAYS"
        )
    except retention.RetentionError as exc:
        raise click.ClickException(str(exc)) from None
    if days is None and audit_days is None:
        raise click.ClickException(
            "Neither QUIZAPP_RETENTION_DAYS nor QUIZAPP_AUDIT_RETENTION_DAYS is set: nothing "
            "was purged. Set them to a number of days (docs/privacy.md)."
        )
    for name, value in (("QUIZAPP_RETENTION_DAYS", days),
                        ("QUIZAPP_AUDIT_RETENTION_DAYS", audit_days)):  # fmt: skip
        if value is None:
            click.echo(f"{name} is not set: that part is kept, nothing of it purged.", err=True)
    done = retention.purge(get_db(), days, audit_days, dry_run=dry_run)
    verb = "would be deleted" if dry_run else "deleted"
    click.echo(f"{done.accounts} unused student account(s) and {done.classes} archived "
               f"class(es) {verb}" + (f" (older than {days} days)." if days else "."))  # fmt: skip
    for table, n in sorted(done.counts.items()):
        click.echo(f"  {table}: {n}")
    if dry_run:
        click.echo("Dry run: nothing was deleted.")
