"""The command line: open the app, build the demo, list, check, back up and restore."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from rich.cells import cell_len

from facilitator import outputs, passphrases, paths
from facilitator.core.clock import today_in
from facilitator.core.dates import parse_date
from facilitator.core.errors import ECHO_LIMIT, FacilitatorError, InputError, clipped
from facilitator.core.model import Listing, ResourceKind
from facilitator.core.privacy import NOT_FOR_SHARING, count_field, hidden_range
from facilitator.core.schedule import describe_series
from facilitator.core.validate import check_count, clean_text
from facilitator.store import DamagedError, Store, StoreError
from facilitator.store.cipher import FirstPageDamagedError, Key, is_encrypted, opens, unlock
from facilitator.store.connection import Error as SQLiteError
from facilitator.store.connection import make_private_dir
from facilitator.store.convert import convert
from facilitator.store.lock import app_open

DEFAULT_WEEKS = 8
MAX_LINE = 400  # characters of an error line on stderr


class _Cli(click.Group):
    """Every error a person can cause is one line on stderr, never a traceback."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            hint = f" (see: {error.ctx.command_path} --help)" if error.ctx else ""
            _fail(f"{error.format_message()}{hint}", error.exit_code)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except (click.Abort, KeyboardInterrupt, EOFError):
            _fail("aborted", 1)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader (e.g. head) has had enough: click's main ends quietly
        except FacilitatorError as error:
            raise click.ClickException(str(error)) from None
        except SQLiteError as error:
            raise click.ClickException(f"database error: {error}") from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None
        except ValueError as error:  # e.g. a path with a NUL byte in it
            raise click.ClickException(f"invalid value: {error}") from None


def _fail(message: str, code: int) -> None:
    # click's own messages quote the input whole (an unknown option, a bad --lines): a word
    # longer than any our messages quote is cut like those, and the line as a last resort
    words = (word if len(word) <= 2 * ECHO_LIMIT else clipped(word) for word in message.split())
    click.echo(f"Error: {clipped(' '.join(words), MAX_LINE)}", err=True)
    sys.exit(code)


class _WholeNumber(click.ParamType):
    """A count in ASCII digits, checked as the forms check one (click's int also reads "١٢")."""

    name = "integer"

    def convert(self, value, param, ctx):
        try:
            return check_count(value, param.name if param else "value")
        except InputError as error:
            self.fail(error.message, param, ctx)


def db_option(command):
    """--db PATH and --demo, on every command that opens a database."""
    command = click.option(
        "--demo",
        is_flag=True,
        expose_value=False,
        callback=_remember_demo,
        help="Use the demo database (the one 'facilitator demo' builds).",
    )(command)
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Database file (default: ${paths.DB_ENV} or the user data folder).",
    )(command)


def _remember_demo(ctx: click.Context, _param, demo: bool) -> None:
    if demo:
        ctx.meta["facilitator.demo"] = True


def _db_path(ctx: click.Context, db_path: Path | None) -> Path:
    root = ctx.find_root().params.get("db_path")
    if ctx.meta.get("facilitator.demo"):
        if db_path or root:
            raise click.UsageError("give --db or --demo, not both")
        return paths.demo_db_path()
    return db_path or root or paths.default_db_path()


def _prepare_default_folder(path: Path) -> None:
    if path.parent == paths.data_dir():
        make_private_dir(path.parent)


def _open_existing(ctx: click.Context, db_path: Path | None, read_only: bool = False) -> Store:
    path = _existing_path(ctx, db_path)
    return _said(Store(path, read_only=read_only, key=passphrases.key_for(path)))


def _said(store: Store) -> Store:
    """Print what opening the file had to say (a mode tightened, read-only media)."""
    for notice in store.notices:
        click.echo(f"Note: {notice}", err=True)
    return store


@contextlib.contextmanager
def _opened(ctx: click.Context, db_path: Path | None) -> Iterator[Store]:
    store = _open_existing(ctx, db_path)
    try:
        yield store
    finally:
        store.close()


@click.group(cls=_Cli, invoke_without_command=True)
@db_option
@click.option("--volunteer", is_flag=True, help="Door mode: today's attendance only, nothing else.")
@click.version_option(package_name="facilitator")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, volunteer: bool) -> None:
    """Run a patient support group from a laptop, offline. With no command: open the app."""
    if ctx.invoked_subcommand is None:
        path = _db_path(ctx, db_path)
        _prepare_default_folder(path)
        _run_app(path, volunteer)


def _run_app(path: Path, volunteer: bool = False) -> None:
    """Open the app; a damaged file opens the recovery screen instead, writing nothing."""
    from facilitator.tui.app import FacilitatorApp, RecoveryApp  # the UI loads only when used

    key = _app_key(path)
    if key is False:
        return  # the passphrase screen was left, or three wrong tries
    damage = key if isinstance(key, FirstPageDamagedError) else None
    try:
        if damage is not None:  # the passphrase is right, and opens the file's backups
            key = damage.key
            raise damage
        store = Store(path, check_later=True, key=key)
    except DamagedError as error:
        from facilitator.store.backup import newest

        if newest(path, paths.backups_dir(path)) is None:
            raise DamagedError(f"{error}; there is no backup beside it") from None
        if RecoveryApp(path, str(error), key).run() is None:
            return
        store = Store(path, key=key)
    try:
        with app_open(path) as notice:  # a restore or a demo rebuild waits until it is closed
            if notice:
                store.notices.append(notice)
            FacilitatorApp(store, volunteer=volunteer).run()
    finally:
        store.close()


def _app_key(path: Path):
    """An encrypted file's key from the app's own passphrase screen (or the passphrase file,
    for scripts); None for a plain file; False when it was not given; the damage when it
    opens the file's backups but not the file."""
    from facilitator.store.cipher import is_encrypted, read_passphrase_file

    if not is_encrypted(path) or read_passphrase_file() is not None:
        try:
            return passphrases.key_for(path)
        except FirstPageDamagedError as damage:
            return damage
    from facilitator.tui.app import PassphraseApp
    from facilitator.tui.screens.passphrase import OUT_OF_TRIES

    app = PassphraseApp(path)
    key = app.run()
    if app.out_of_tries:
        click.echo(OUT_OF_TRIES, err=True)
        raise click.exceptions.Exit(1)
    return key if key is not None else False


@cli.command()
@db_option
@click.option("--no-open", is_flag=True, help="Build the demo database and exit.")
@click.option(
    "--size",
    type=click.Choice(["small", "medium", "large", "tiny"]),
    default="small",
    show_default=True,
    help="small: the sample groups; medium and large: years of invented history for speed tests.",
)
@click.pass_context
def demo(ctx: click.Context, db_path: Path | None, no_open: bool, size: str) -> None:
    """Build a fresh demo database (never your real one) and open the app on it. Without
    --db it is demo.db in the user data folder; $FACILITATOR_DB is not used here."""
    from facilitator.store.demo import fresh_demo

    path = db_path or paths.demo_db_path()
    if path.resolve() == paths.default_db_path().resolve() and not db_path:
        raise StoreError(f"{path} is your real database; pass --db to choose a demo file")
    _prepare_default_folder(path)
    fresh_demo(path, size=size).close()
    click.echo(f"Demo database written to {path}", err=True)
    use = "--demo" if path == paths.demo_db_path() else f"--db {shlex.quote(str(path))}"
    click.echo(f"Point any command at it with {use}, e.g.: facilitator {use} groups list", err=True)
    if not no_open:
        _run_app(path)


@cli.group()
def groups() -> None:
    """The support groups."""


@groups.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of a table.")
@click.pass_context
def groups_list(ctx: click.Context, db_path: Path | None, as_json: bool) -> None:
    """List the groups and their schedules."""
    store = _open_existing(ctx, db_path)
    rows = []
    for group in store.groups.list():
        schedules = [describe_series(s) for s in store.schedule.series(group.id)]
        rows.append(
            {
                "id": group.id,
                "name": group.name,
                "timezone": group.timezone,
                "privacy": group.privacy.value,
                "language": group.language,
                "languages": list(group.languages),
                "room": group.room,
                "schedule": "; ".join(schedules) or "no sessions scheduled",
            }
        )
    store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    shown = [row | {"languages": ", ".join(row["languages"])} for row in rows]
    _echo_table(shown, ["name", "schedule", "privacy", "languages", "room"])


@cli.group()
def sessions() -> None:
    """Sessions across groups."""


@sessions.command("list")
@db_option
@click.option("--group", "group_name", help="Only this group (its name).")
@click.option("--from", "from_text", help="First day (default: today). E.g. 2026-12-01, tue.")
@click.option("--to", "to_text", help=f"Last day (default: {DEFAULT_WEEKS} weeks after --from).")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of a table.")
@click.option("--exact", is_flag=True, help="Show counts of 1 to k-1 too (not for sharing).")
@click.pass_context
def sessions_list(
    ctx: click.Context,
    db_path: Path | None,
    group_name: str | None,
    from_text: str | None,
    to_text: str | None,
    as_json: bool,
    exact: bool,
) -> None:
    """List sessions with their status, room and how many came (1 to k-1 hidden)."""
    store = _open_existing(ctx, db_path)
    k = int(store.settings.get("k"))
    first = _read_day(from_text, "--from", store) if from_text else _today(store)
    last = _read_day(to_text, "--to", store) if to_text else first + timedelta(weeks=DEFAULT_WEEKS)
    if last < first:
        raise click.ClickException("--to: must not be before --from")
    chosen = [store.groups.by_name(group_name)] if group_name else store.groups.list()
    found: list[Listing] = []
    for group in chosen:
        zone = ZoneInfo(group.timezone)
        start = datetime.combine(first, time(0, 0), zone)
        end = datetime.combine(last + timedelta(days=1), time(0, 0), zone)
        found += store.schedule.listings(start, end, group.id)
    store.close()
    found.sort(key=lambda item: (item.occurrence.start, item.group.name))
    rows = [_session_row(item, k, exact) for item in found]
    if exact:
        click.echo(f"Note: {NOT_FOR_SHARING}", err=True)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        row["when"] = f"{row['start'][:10]} {row['start'][11:16]}-{row['end'][11:16]}"
        hidden = hidden_range(k) if row["present_hidden"] else ""
        row["present"] = hidden if row["present"] is None else row["present"]
        row["note"] = row["public_notice"] or row["warning"]  # never the reason: see below
    _echo_table(rows, ["when", "group", "status", "room", "present", "note"])


def _today(store: Store) -> date:
    """Today in the home time zone: the same answer whatever zone the laptop is set to."""
    return today_in(store.settings.home_timezone, store.conn.now())


def _read_day(text: str, option: str, store: Store) -> date:
    order = store.settings.date_order
    try:
        return parse_date(text, today=_today(store), date_order=order)
    except FacilitatorError as error:
        raise click.ClickException(f"{option}: {getattr(error, 'message', error)}") from None


def _session_row(item: Listing, k: int, exact: bool) -> dict:
    occ = item.occurrence
    return {
        "id": f"{occ.series_id}@{occ.original_start:%Y-%m-%dT%H:%M}",
        "group": item.group.name,
        "group_id": item.group.id,
        "start": occ.start.isoformat(timespec="minutes"),
        "end": occ.end.isoformat(timespec="minutes"),
        "timezone": item.group.timezone,
        "status": occ.status.value,
        "room": occ.room,
        **count_field("present", item.present, k, exact),
        "moved": occ.moved,
        "room_moved": occ.room_moved,  # only this session meets in another room
        # The reason is the facilitators' own note; what leaves the room is the public notice.
        **({"reason": occ.reason} if exact else {}),
        "public_notice": occ.public_notice,
        "warning": occ.warning,
    }


@cli.command()
@db_option
@click.pass_context
def check(ctx: click.Context, db_path: Path | None) -> None:
    """Check the database's integrity and links; exit 1 if anything is wrong. Read-only:
    checking changes no byte of the file or its side files."""
    store = _open_existing(ctx, db_path, read_only=True)
    found = store.check()
    store.close()
    if found:
        raise click.ClickException(f"{store.path}: {len(found)} problem(s); first: {found[0]}")
    click.echo(f"{store.path}: ok")


@cli.command()
@db_option
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File or folder to write.")
@click.pass_context
def backup(ctx: click.Context, db_path: Path | None, output: Path | None) -> None:
    """Copy the database safely while it may be in use (SQLite's backup API)."""
    store = _open_existing(ctx, db_path)
    if output is None:
        output = paths.backups_dir(store.path)
        make_private_dir(output)
    try:
        written = store.backup(output)
    finally:
        store.close()
    click.echo(str(written))


@cli.command()
@db_option
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing (for scripts).")
@click.pass_context
def restore(ctx: click.Context, db_path: Path | None, source: Path, yes: bool) -> None:
    """Replace the database with a backup; the current one is backed up first."""
    from facilitator.store.backup import restore as restore_backup

    path = _db_path(ctx, db_path)
    if not source.is_file():
        raise StoreError(f"no backup file at {source}")
    if not yes and path.exists():
        question = f"Replace {path} with {source}? (the current one is kept in backups)"
        try:
            replace = click.confirm(question, err=True)
        except click.Abort:  # no answer to read (a script): say how to go without asking
            raise click.ClickException(
                "nothing was restored: no answer to the question (scripts add --yes)"
            ) from None
        if not replace:
            click.echo("Nothing was restored.", err=True)
            sys.exit(1)
    live_key = _live_key(path, source)
    kept = restore_backup(
        source, path, paths.backups_dir(path), key=_backup_key(source, live_key), live_key=live_key
    )
    if kept is not None:
        click.echo(f"The database before restoring is kept at {kept}", err=True)
    click.echo(f"Restored {source} into {path}")


def _live_key(path: Path, source: Path) -> Key | None:
    """The live database's key, also when its passphrase opens the backup (or another) but
    not the file: the damaged file is then moved aside, as a damaged plain file is."""
    if not is_encrypted(path):
        return None
    try:
        return unlock(path, passphrases.ask(f"Passphrase for {path.name}"), also=(source,))
    except FirstPageDamagedError as damage:
        return damage.key


def _backup_key(source: Path, live_key: Key | None) -> Key | None:
    """An encrypted backup's key: the database's own when it opens the backup (a backup made
    since the passphrase last changed), else asked for (for scripts, the passphrase file's
    line after the database's)."""
    if not is_encrypted(source):
        return None
    if live_key is not None and opens(source, live_key):
        return live_key
    typed = passphrases.ask(f"Passphrase for the backup {source.name}", line=2 if live_key else 1)
    return unlock(source, typed)


@cli.command()
@db_option
@click.pass_context
def encrypt(ctx: click.Context, db_path: Path | None) -> None:
    """Encrypt the database with a new passphrase (asked twice). Without the passphrase
    nobody, you included, can read it again. Backups made from now on are encrypted too."""
    path = _existing_path(ctx, db_path)
    if is_encrypted(path):
        raise StoreError(f"{path} is already encrypted (facilitator passphrase changes it)")
    _said(Store(path)).close()  # ours, healthy, migrated: before anything is rewritten
    convert(path, None, Key.new(passphrases.ask_new()), "encrypt it")
    click.echo(f"{path} is encrypted. Older backups beside it are not: delete them when sure.")
    _remembered_follows(path, None)  # one left from an earlier encryption opens nothing now


@cli.command()
@db_option
@click.pass_context
def decrypt(ctx: click.Context, db_path: Path | None) -> None:
    """Remove the database's encryption: anyone with the file can then read it."""
    path = _existing_path(ctx, db_path)
    if not is_encrypted(path):
        raise StoreError(f"{path} is not encrypted; nothing was changed")
    key = passphrases.key_for(path)
    Store(path, key=key).close()
    convert(path, key, None, "decrypt it")
    click.echo(f"{path} is no longer encrypted.")
    _remembered_follows(path, None)


@cli.command()
@db_option
@click.pass_context
def passphrase(ctx: click.Context, db_path: Path | None) -> None:
    """Change an encrypted database's passphrase (the current one first, then the new one
    twice; for scripts, the passphrase file's first and second lines)."""
    path = _existing_path(ctx, db_path)
    if not is_encrypted(path):
        raise StoreError(f"{path} is not encrypted (facilitator encrypt encrypts it)")
    key = passphrases.key_for(path)
    Store(path, key=key).close()
    new = passphrases.ask_new(line=2)
    convert(path, key, Key.new(new), "change its passphrase")
    click.echo(f"The passphrase of {path} is changed. Older backups keep the old one.")
    _remembered_follows(path, new)


def _remembered_follows(path: Path, new_passphrase: str | None) -> None:
    from facilitator import remembered

    said = remembered.after_change(path, new_passphrase)
    if said:
        click.echo(said, err=True)


@cli.command("forget-passphrase")
@db_option
@click.pass_context
def forget_passphrase(ctx: click.Context, db_path: Path | None) -> None:
    """Forget the database's passphrase remembered on this computer (the app's "Remember on
    this computer"); it is then asked for again."""
    from facilitator.remembered import Forgot, forget

    path = _db_path(ctx, db_path)
    forgot = forget(path)
    if forgot is Forgot.UNREACHABLE:
        raise StoreError(
            "this computer's keyring did not answer; nothing was forgotten (try again, or "
            "remove the entry 'facilitator' from the keyring yourself)"
        )
    if forgot is Forgot.FORGOTTEN:
        click.echo(f"The passphrase of {path} is no longer remembered on this computer.")
    elif forgot is Forgot.NOTHING:
        click.echo(f"No passphrase of {path} was remembered on this computer.")
    else:
        click.echo("This computer has no keyring, so no passphrase is remembered on it.")


def _existing_path(ctx: click.Context, db_path: Path | None) -> Path:
    path = _db_path(ctx, db_path)
    if not path.exists():
        raise StoreError(f"no database at {path} (try: facilitator demo)")
    return path


# -- exports ---------------------------------------------------------------------------------

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(outputs.FORMATS),
    help="pdf, html or md (default: the -o file's extension, else pdf).",
)
paper_option = click.option(
    "--paper", type=click.Choice(outputs.PAPERS), default="a4", show_default=True
)
large_option = click.option("--large-print", is_flag=True, help="Body text 16 pt or larger.")


def _output_path(_ctx, _param, value: str | None) -> Path | None:
    """-o as typed: 'out/' names a folder, and one that does not exist is refused, never
    written as a file called 'out' (click's Path would drop the slash)."""
    if value is None or value == "-":
        return Path(value) if value else None
    path = Path(value)
    if value.endswith(("/", os.sep)) and not path.is_dir():
        raise click.BadParameter(f"the folder {clipped(value)} does not exist", param_hint="-o")
    return path


output_option = click.option(
    "-o",
    "--output",
    callback=_output_path,
    help="File to write (default: a name here; - for standard output, text formats only).",
)


@cli.group()
def export() -> None:
    """Print-ready documents, calendars and attendance files."""


def _session(store: Store, group_name: str, date_text: str | None, use_next: bool = False):
    group = store.groups.by_name(group_name)
    if use_next:
        return group, outputs.next_session(store, group, store.conn.now())
    if not date_text:
        raise click.ClickException("--date: give the session's date (or --next)")
    day = _read_day(date_text, "--date", store)
    return group, store.documents.session_on(group, day)


def _write(store: Store, rendered: outputs.Rendered, output: Path | None) -> None:
    for warning in rendered.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if output is not None and str(output) == "-":
        outputs.write_stdout(rendered, sys.stdout.buffer)
        return
    click.echo(str(outputs.save(rendered, output, database=store.path)))


def _layout(output: Path | None, fmt: str | None, paper: str, large: bool) -> outputs.Layout:
    return outputs.Layout(outputs.format_for(output, fmt, outputs.FORMATS), paper, large)


@export.command("agenda")
@db_option
@click.option("--group", "group_name", required=True, help="The group's name.")
@click.option("--date", "date_text", help="The session's date, e.g. 2026-12-08 or tue.")
@click.option("--next", "use_next", is_flag=True, help="The group's next session.")
@format_option
@paper_option
@large_option
@output_option
@click.pass_context
def export_agenda(ctx, db_path, group_name, date_text, use_next, fmt, paper, large_print, output):
    """One session's agenda: times, read-aloud text, rules, handouts, help lines."""
    if bool(date_text) == use_next:
        raise click.ClickException("give exactly one of --date and --next")
    layout = _layout(output, fmt, paper, large_print)
    with _opened(ctx, db_path) as store:
        group, occurrence = _session(store, group_name, date_text, use_next)
        _write(store, outputs.agenda(store, group, occurrence, layout), output)


@export.command("handouts")
@db_option
@click.option("--language", help="Only resources in this language (e.g. en, zh).")
@click.option("--category", "categories", multiple=True, help="Only this category (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice([k.value for k in ResourceKind]))
@click.option(
    "--group",
    "group_name",
    help="Worded in this group's languages, listing the resources in them (its name).",
)
@format_option
@paper_option
@large_option
@output_option
@click.pass_context
def export_handouts(
    ctx, db_path, language, categories, kinds, group_name, fmt, paper, large_print, output
):
    """The resource library grouped by category, phone numbers and links in full."""
    layout = _layout(output, fmt, paper, large_print)
    with _opened(ctx, db_path) as store:
        group = store.groups.by_name(group_name) if group_name else None
        rendered = outputs.handouts(store, layout, language, categories, kinds, group)
        _write(store, rendered, output)


@export.command("signin")
@db_option
@click.option("--group", "group_name", required=True)
@click.option("--date", "date_text", required=True)
@click.option("--slips", is_flag=True, help="One slip per person, so no one sees earlier names.")
@click.option(
    "--lines", type=_WholeNumber(), default=20, show_default=True, help="Lines (or slips)."
)
@format_option
@paper_option
@large_option
@output_option
@click.pass_context
def export_signin(
    ctx, db_path, group_name, date_text, slips, lines, fmt, paper, large_print, output
):
    """A sign-in sheet: first name or alias and a tick box, nothing else."""
    layout = _layout(output, fmt, paper, large_print)
    with _opened(ctx, db_path) as store:
        outputs.check_signin(store.groups.by_name(group_name), lines)
        group, occurrence = _session(store, group_name, date_text)
        _write(store, outputs.signin(store, group, occurrence, layout, slips, lines), output)


@export.command("labels")
@db_option
@click.option("--group", "group_name", required=True)
@click.option("--date", "date_text", required=True)
@paper_option
@output_option
@click.pass_context
def export_labels(ctx, db_path, group_name, date_text, paper, output):
    """First-name labels (A4: 21 a sheet, L7160; Letter: 30 a sheet, 5160): the regulars'
    aliases, then blank "Hello, my name is" labels. Never the group's name."""
    layout = outputs.Layout(outputs.format_for(output, None, ("pdf",)), paper)
    with _opened(ctx, db_path) as store:
        group, occurrence = _session(store, group_name, date_text)
        _write(store, outputs.labels(store, group, occurrence, layout), output)


@export.command("door-sign")
@db_option
@click.option("--group", "group_name", required=True)
@click.option("--date", "date_text", required=True)
@click.option("--contact", default="", help="A contact line (default: the facilitators).")
@format_option
@paper_option
@output_option
@click.pass_context
def export_door_sign(ctx, db_path, group_name, date_text, contact, fmt, paper, output):
    """A large-type sign for a cancelled or moved session."""
    layout = _layout(output, fmt, paper, False)
    contact = clean_text(contact, "contact")
    with _opened(ctx, db_path) as store:
        group, occurrence = _session(store, group_name, date_text)
        _write(store, outputs.door_sign(store, group, occurrence, layout, contact), output)


@export.command("privacy-notice")
@db_option
@format_option
@paper_option
@large_option
@output_option
@click.pass_context
def export_privacy_notice(ctx, db_path, fmt, paper, large_print, output):
    """What the app keeps and for how long, from the settings in force."""
    layout = _layout(output, fmt, paper, large_print)
    with _opened(ctx, db_path) as store:
        _write(store, outputs.privacy_notice(store, layout), output)


@export.command("calendar")
@db_option
@click.option("--group", "group_name", help="Only this group (default: all groups).")
@output_option
@click.pass_context
def export_calendar(ctx, db_path, group_name, output):
    """An iCalendar (.ics) file of the schedule, with cancellations and moves. No names."""
    outputs.format_for(output, None, ("ics",))
    with _opened(ctx, db_path) as store:
        group = store.groups.by_name(group_name) if group_name else None
        _write(store, outputs.calendar(store, group, store.conn.now()), output)


@export.command("attendance")
@db_option
@click.option("--group", "group_name", help="Only this group (default: all groups).")
@click.option("--named", is_flag=True, help="One row a person (roster groups only).")
@click.option("--exact", is_flag=True, help="Counts of 1 to k-1 shown too (not for sharing).")
@output_option
@click.pass_context
def export_attendance(ctx, db_path, group_name, named, exact, output):
    """Attendance per session as CSV: counts only unless --named, 1 to k-1 hidden unless --exact."""
    outputs.format_for(output, None, ("csv",))
    with _opened(ctx, db_path) as store:
        group = store.groups.by_name(group_name) if group_name else None
        _write(store, outputs.attendance(store, group, store.conn.now(), named, exact), output)


def _echo_table(rows: list[dict], columns: list[str]) -> None:
    """A plain aligned table; user text printed as typed (no markup is interpreted)."""
    if not rows:
        click.echo("(none)")
        return
    cells = [[str(row[col]) for col in columns] for row in rows]
    widths = [max(cell_len(col), *(cell_len(r[i]) for r in cells)) for i, col in enumerate(columns)]

    def line(values: list[str]) -> str:
        padded = (value + " " * (widths[i] - cell_len(value)) for i, value in enumerate(values))
        return "  ".join(padded).rstrip()

    click.echo(line([col.upper() for col in columns]))
    for row in cells:
        click.echo(line(row))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="facilitator")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
