"""`python -m plantrack …`: everything the upload page does, for administrators and scheduled jobs."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import io as io_module
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import duckdb

from plantrack import auth, backup, clock, demo, draft, importer, mapping, service
from plantrack.contract import CLEARABLE, MEDIA, SHEETS_BY_NAME, sheet_lookup
from plantrack.db import connect, database_path
from plantrack.document import UnreadableDocument
from plantrack.excel import write_workbook
from plantrack.i18n import format_date, t
from plantrack.references import count_phrase, join_words
from plantrack.values import Unreadable, read_date
from plantrack.workbook import UnreadableFile, more_problems

# 3: the database cannot be opened, nor reached through the dashboard that holds it.
EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_BUSY = 0, 1, 2, 3


def _as_of(text: str) -> dt.date:
    try:
        return read_date(text)
    except Unreadable:
        raise argparse.ArgumentTypeError(f"{text!r}: dd/mm/yyyy") from None


AS_OF_HELP = (
    "data as of DD/MM/YYYY (default: the newest Cập nhật ngày in the file, else today, at most the plan year's end)"
)
CLEAR_HELP = (
    'empty this sheet on purpose (Vietnamese or English name, e.g. "Nhiệm vụ" or Tasks); repeatable. '
    "A sheet with headers and no rows otherwise changes nothing"
)


def _clear_names(names: list[str], lang: str) -> set[str]:
    """Sheet names as typed (any language, case, diacritics) -> contract names; ValueError names a wrong one."""
    lookup = sheet_lookup()
    found = set()
    for typed in names:
        name = lookup.get(typed)
        if name not in CLEARABLE:
            known = ", ".join(SHEETS_BY_NAME[n].title(lang) for n in CLEARABLE)
            raise ValueError(t("cli_unknown_sheet", lang, sheet=typed, known=known))
        found.add(name)
    return found


def _text(value: object) -> str:
    """A text column of a listing; pandas reads a missing one as NaN, which would print "nan"."""
    return value if isinstance(value, str) else ""


def _version_file(row, lang: str) -> str:
    """What a version was made from: its file, or for a rollback the version it restored."""
    if row.kind == "rollback":
        return t("versions_rollback_file", lang, version=int(row.rollback_of))
    return _text(row.file_name) or "—"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m plantrack", description="Plan-implementation dashboard: data commands"
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages (default vi)")
    parser.add_argument("--db", help="database file (default $PLANTRACK_DB or data/plantrack.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="read and check a workbook; print problems and the preview")
    validate.add_argument("file", type=Path)
    validate.add_argument("--plan", help="plan id, number or year for a workbook without a Kế hoạch sheet")
    validate.add_argument("--as-of", type=_as_of, help=AS_OF_HELP)
    validate.add_argument("--replace-media", action="store_true", help="treat log sheets as full replacements")
    validate.add_argument("--clear", action="append", default=[], metavar="SHEET", help=CLEAR_HELP)
    _mapping_options(validate)

    load = commands.add_parser("import", help="validate, then commit one version")
    load.add_argument("file", type=Path)
    load.add_argument("--plan")
    load.add_argument("--as-of", type=_as_of, help=AS_OF_HELP)
    load.add_argument("--user", help="who imports, for the audit (default: your login)")
    load.add_argument(
        "--replace-media", action="store_true", help="replace the Báo chí and Giải ngân logs instead of adding"
    )
    load.add_argument("--clear", action="append", default=[], metavar="SHEET", help=CLEAR_HELP)
    _mapping_options(load)

    export = commands.add_parser("export", help="a version's data as a workbook in the template's format")
    export.add_argument("out", type=Path)
    export.add_argument("--version", type=int)
    export.add_argument("--plan")

    template = commands.add_parser("template", help="the empty template")
    template.add_argument("out", type=Path)

    draft = commands.add_parser("draft", help="a plan document (.docx, .pdf, .txt, .md) as a draft workbook to check")
    draft.add_argument("plan_file", type=Path)
    draft.add_argument("out", type=Path)

    load_demo = commands.add_parser("demo", help="load the demo plan (idempotent)")
    load_demo.add_argument("--clear", action="store_true", help="remove the demo plan and its history")

    listing = commands.add_parser("versions", help="version history")
    listing.add_argument("--plan")

    back = commands.add_parser("rollback", help="a new version equal to version N")
    back.add_argument("version", type=int)
    back.add_argument("--user", required=True)

    users = commands.add_parser("users", help="editors, who may upload and roll back")
    user_commands = users.add_subparsers(dest="users_command", required=True)
    add_user = user_commands.add_parser("add", help="create an editor or reset its password (prompt, or stdin)")
    add_user.add_argument("name")
    add_user.add_argument("--admin", action="store_true", help="an administrator, who manages editors in the app")
    reset_user = user_commands.add_parser("reset", help="a new password for an editor (enables it again)")
    reset_user.add_argument("name")
    disable_user = user_commands.add_parser("disable", help="disable an editor: its sessions end, its history stays")
    disable_user.add_argument("name")
    user_commands.add_parser("list", help="every editor, its role and last login")
    user_commands.add_parser("viewer-hash", help="print PLANTRACK_VIEWER_PASSWORD_HASH for a shared viewer password")
    save = commands.add_parser("backup", help="a consistent copy of the database in a new folder inside OUT_DIR")
    save.add_argument("out_dir", type=Path)
    put_back = commands.add_parser("restore", help="replace the database with a backup folder")
    put_back.add_argument("dir", type=Path)
    return parser


def _mapping_options(command: argparse.ArgumentParser) -> None:
    chosen = command.add_mutually_exclusive_group()
    chosen.add_argument("--mapping", metavar="NAME", help="read a monitoring export with this saved column mapping")
    chosen.add_argument(
        "--accept-suggested-mapping",
        action="store_true",
        help="read a monitoring export with the suggested column mapping",
    )


def _print_mapping(heading: str, matches: list[mapping.Match], lang: str, out: TextIO) -> None:
    print(heading, file=out)
    for match in matches:
        if match.field:
            print(
                t("map_line_field", lang, header=match.header, field=MEDIA.column(match.field).header(lang)), file=out
            )
        else:
            reason = t(match.reason, lang, other=match.other or "")
            print(t("map_line_left_out", lang, header=match.header, reason=reason), file=out)


@dataclass
class Streams:
    """Where a command reads and writes: the terminal, or buffers when the dashboard runs it."""

    out: TextIO
    err: TextIO
    stdin: TextIO
    cwd: Path
    login: str

    def path(self, path: Path) -> Path:
        return path if path.is_absolute() else self.cwd / path


def _print_preview(preview: importer.Preview, lang: str, out: TextIO) -> None:
    for applied in preview.mappings:
        key = "map_used_saved" if applied.name else "map_used_suggested"
        heading = t(key, lang, sheet=applied.sheet, name=applied.name, row=applied.header_row)
        _print_mapping(heading, applied.matches, lang, out)
    for waiting in preview.pending:
        _print_mapping(t("map_pending", lang, sheet=waiting.sheet, row=waiting.header_row), waiting.matches, lang, out)
    for problem in preview.problems:
        print(problem.line(lang), file=out)
    more_errors, more_warnings = more_problems(preview.problems), more_problems(preview.problems, "warning")
    if more_errors:
        print(t("more_problems", lang, count=more_errors, shown=len(preview.errors)), file=out)
    if more_warnings:
        print(t("more_warnings", lang, count=more_warnings, shown=len(preview.warnings)), file=out)
    unknown = preview.unknown_outlets
    for outlet in unknown:
        print(t("out_unknown_line", lang, outlet=outlet.outlet, count=outlet.mentions, row=outlet.first_row), file=out)
    if unknown:
        print(t("out_unknown_hint", lang), file=out)
    if preview.errors:
        print(t("problems_found", lang, count=len(preview.errors) + more_errors), file=out)
        return
    if preview.warnings:
        print(t("warnings_found", lang, count=len(preview.warnings) + more_warnings), file=out)
    for title in preview.validated.empty:
        print(t("cli_empty_sheet", lang, sheet=title), file=out)
    removed = [count_phrase(name, c.removed, lang) for name, c in preview.changes.items() if c.removed]
    if removed:
        print(t("cli_removals", lang, what=join_words(removed, lang)), file=out)
    print(t(f"upd_as_of_from_{preview.as_of_source}", lang, as_of=format_date(preview.as_of, lang)), file=out)
    print(t("preview_header", lang), file=out)
    for change in preview.changes.values():
        print(
            f"{change.title} | {change.added} | {change.changed} | {change.removed} | {change.unchanged + change.kept}",
            file=out,
        )


def _prepare(con, args, io: Streams) -> importer.Preview | int:
    try:
        data = io.path(args.file).read_bytes()
    except OSError as error:
        print(f"{args.file}: {error.strerror}", file=io.err)
        return EXIT_UNREADABLE
    try:
        clear = _clear_names(args.clear, args.lang)
    except ValueError as wrong:
        print(wrong, file=io.err)
        return EXIT_PROBLEMS
    try:
        return importer.prepare(
            con,
            data,
            args.file.name,
            plan=args.plan,
            as_of=args.as_of,
            replace_logs=args.replace_media,
            clear=clear,
            mapping_name=args.mapping,
            accept_suggested_mapping=args.accept_suggested_mapping,
        )
    except UnreadableFile as refused:
        print(refused.problem.line(args.lang), file=io.out)
        importer.log_event(
            con,
            getattr(args, "user", None),
            args.command,
            "unreadable",
            file_name=args.file.name,
            detail=refused.problem.code,
        )
        return EXIT_UNREADABLE


def _draft(args, lang: str, io: Streams) -> int:
    """Like `template`, needs no database: a draft is only a file for staff to check, then import."""
    try:
        data = io.path(args.plan_file).read_bytes()
    except OSError as error:
        print(f"{args.plan_file}: {error.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        result = draft.read_plan(data, args.plan_file.name)
    except UnreadableDocument as refused:
        print(f"{args.plan_file.name}: {t(refused.code, lang, **refused.params)}", file=sys.stderr)
        return EXIT_UNREADABLE
    result.workbook(io.path(args.out), lang=lang)
    print(t("draft_written", lang, path=args.out, source=args.plan_file.name))
    for line in result.summary(lang):
        print(line)
    none = t("draft_none", lang)
    for row in result.frames["tasks"].itertuples():
        timing = (row.timing_text or none).replace("\n", " / ")
        print("  " + t("draft_task_line", lang, code=row.task_code, timing=timing, lead=row.lead_unit or none))
    for line in result.check_lines(lang):
        print("  " + line)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    lang = args.lang
    sys.stdout.reconfigure(encoding="utf-8")
    # Only `users add` and `reset` read stdin (the password, asked below); nothing else may wait on it.
    io = Streams(sys.stdout, sys.stderr, io_module.StringIO(""), Path.cwd(), getpass.getuser())
    if args.command == "template":
        # The template needs no database: writing it must not create one.
        write_workbook(io.path(args.out), lang=lang)
        print(t("template_written", lang, path=args.out))
        return EXIT_OK
    if args.command == "draft":
        return _draft(args, lang, io)
    if args.command == "users" and args.users_command in ("add", "reset", "viewer-hash"):
        # Asked here, at this terminal, before the command may be sent to the dashboard's process.
        try:
            password = auth.read_new_password(lang)
        except auth.BadCredentials as refused:
            print(t(refused.code, lang, **refused.params), file=sys.stderr)
            return EXIT_PROBLEMS
        if args.users_command == "viewer-hash":
            return auth.viewer_hash_command(password, lang)
        io.stdin = io_module.StringIO(password + "\n")
    path = database_path(args.db)
    try:
        con = connect(path)
    except duckdb.IOException as error:
        if not service.is_lock_error(error):
            print(t("db_unopenable", lang, path=path, reason=str(error).splitlines()[0]), file=sys.stderr)
            return EXIT_BUSY
        return _forward(path, argv, io, lang)
    try:
        return run(args, con, io)
    finally:
        con.close()


def _forward(path: Path, argv: list[str], io: Streams, lang: str) -> int:
    """The file is locked: ask the dashboard that owns it to run the command (plantrack.service)."""
    try:
        code, out, err = service.request(path, argv, cwd=str(io.cwd), stdin=io.stdin.read(), login=io.login)
    except service.Unreachable:
        print(t("db_locked", lang, path=path, file=service.service_file(path)), file=io.err)
        return EXIT_BUSY
    io.out.write(out)
    io.err.write(err)
    return code


def run_captured(con, argv: list[str], *, cwd: str, stdin: str = "", login: str = "") -> tuple[int, str, str]:
    """Runs a command on an open connection (the dashboard's) and returns its exit code and output."""
    out, err = io_module.StringIO(), io_module.StringIO()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0), "", "bad arguments\n"
    try:
        code = run(args, con, Streams(out, err, io_module.StringIO(stdin), Path(cwd), login))
    except Exception as error:
        # The caller gets a sentence; the dashboard's log keeps the detail.
        logging.getLogger(__name__).exception("command %s failed", argv[:2])
        return (
            EXIT_PROBLEMS,
            out.getvalue(),
            err.getvalue() + t("command_failed", args.lang, error=type(error).__name__) + "\n",
        )
    return code, out.getvalue(), err.getvalue()


def run(args: argparse.Namespace, con, io: Streams) -> int:
    """One command on an open connection; everything it says goes to `io`."""
    lang = args.lang
    out, err = io.out, io.err
    if args.command in ("validate", "import"):
        if args.command == "import":
            args.user = args.user or io.login
        preview = _prepare(con, args, io)
        if isinstance(preview, int):
            return preview
        _print_preview(preview, lang, out)
        if preview.errors:
            if args.command == "import":
                importer.log_event(
                    con,
                    args.user,
                    "import",
                    "refused",
                    file_name=preview.file_name,
                    sha256=preview.sha256,
                    detail=f"{len(preview.errors)} problems",
                )
            return EXIT_PROBLEMS
        if args.command == "validate":
            print(t("importable", lang), file=out)
            return EXIT_OK
        if preview.nothing_changed:
            print(t("nothing_changed", lang, version=preview.base_version), file=out)
            return EXIT_OK
        version = importer.commit(con, preview, args.user)
        print(t("committed", lang, version=version, as_of=format_date(preview.as_of, lang)), file=out)
        return EXIT_OK
    if args.command == "export":
        plan_id = importer.resolve_plan(con, args.plan)
        if args.version is not None:
            rows = con.execute("select plan_id from versions where version_id = $v", {"v": args.version}).fetchall()
            if not rows:
                print(t("no_version", lang, version=args.version), file=err)
                return EXIT_PROBLEMS
            plan_id = rows[0][0]
        if plan_id is None or plan_id == -1:
            print(t("no_plan", lang), file=err)
            return EXIT_PROBLEMS
        frames = importer.state(con, plan_id, args.version)
        version = args.version or importer.latest_version(con, plan_id)
        write_workbook(io.path(args.out), frames, lang=lang)
        print(t("exported", lang, version=version, path=args.out), file=out)
        return EXIT_OK
    if args.command == "demo":
        if args.clear:
            print(t("demo_cleared" if demo.clear(con) else "no_demo", lang), file=out)
            return EXIT_OK
        loaded, plan_id = demo.load(con)
        print(t("demo_loaded", lang, versions=loaded) if loaded else t("demo_present", lang, plan=plan_id), file=out)
        return EXIT_OK
    if args.command == "versions":
        plan_id = importer.resolve_plan(con, args.plan) if args.plan else None
        print(t("versions_header", lang), file=out)
        for row in importer.versions(con, plan_id).itertuples():
            print(
                f"{row.version_id} | {row.plan_id} | {clock.local(row.created_at):%d/%m/%Y %H:%M} | "
                f"{_text(row.user_name)} | {_version_file(row, lang)} | {format_date(row.as_of, lang)} | "
                f"{t('kind_' + row.kind, lang)}",
                file=out,
            )
        return EXIT_OK
    if args.command == "users":
        return _users(args, con, io)
    if args.command == "rollback":
        rows = con.execute("select plan_id from versions where version_id = $v", {"v": args.version}).fetchall()
        if not rows:
            print(t("no_version", lang, version=args.version), file=err)
            return EXIT_PROBLEMS
        plan_id = rows[0][0]
        version = importer.rollback(con, plan_id, args.version, args.user)
        if version is None:
            print(t("nothing_changed", lang, version=importer.latest_version(con, plan_id)), file=out)
        else:
            print(t("rolled_back", lang, target=args.version, version=version), file=out)
        return EXIT_OK
    if args.command == "backup":
        folder, counts = backup.backup(con, io.path(args.out_dir))
        print(t("backup_written", lang, path=folder, versions=counts["versions"]), file=out)
        return EXIT_OK
    if args.command == "restore":
        try:
            counts = backup.restore(con, io.path(args.dir), user=f"{io.login} (cli)")
        except backup.BadBackup as refused:
            print(t(refused.code, lang, **refused.params), file=err)
            return EXIT_PROBLEMS
        print(t("backup_restored", lang, path=args.dir, versions=counts["versions"]), file=out)
        return EXIT_OK
    return EXIT_OK


def _users(args: argparse.Namespace, con, io: Streams) -> int:
    lang, by = args.lang, f"{io.login} (cli)"
    if args.users_command == "list":
        print(t("users_header", lang), file=io.out)
        for user in auth.users(con):
            print(
                " | ".join(
                    (
                        user["user_name"],
                        t("users_role_admin" if user["is_admin"] else "users_role_editor", lang),
                        _when(user["created_at"]),
                        _when(user["disabled_at"]) or t("users_enabled", lang),
                        _when(user["last_login"]),
                    )
                ),
                file=io.out,
            )
        return EXIT_OK
    if args.users_command == "disable":
        if not auth.disable_user(con, args.name, by=by):
            print(t("users_no_such", lang, name=args.name), file=io.err)
            return EXIT_PROBLEMS
        print(t("users_disabled", lang, name=args.name), file=io.out)
        return EXIT_OK
    try:
        password = auth.read_new_password(lang, io.stdin)
    except auth.BadCredentials as refused:
        print(t(refused.code, lang, **refused.params), file=io.err)
        return EXIT_PROBLEMS
    if args.users_command == "reset" and not auth.user_exists(con, args.name):
        print(t("users_no_such", lang, name=args.name), file=io.err)
        return EXIT_PROBLEMS
    admin = True if getattr(args, "admin", False) else None
    return auth.add_user_command(con, args.name, password, lang, admin=admin, by=by, out=io.out, err=io.err)


def _when(instant) -> str:
    return "" if instant is None else f"{clock.local(instant):%d/%m/%Y %H:%M}"
