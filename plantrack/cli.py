"""`python -m plantrack …`: everything the upload page does, for administrators and scheduled jobs."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from plantrack import auth, demo, importer
from plantrack.db import connect
from plantrack.excel import write_workbook
from plantrack.i18n import format_date, t
from plantrack.values import Unreadable, read_date
from plantrack.workbook import UnreadableFile, more_problems

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def _as_of(text: str) -> dt.date:
    try:
        return read_date(text)
    except Unreadable:
        raise argparse.ArgumentTypeError(f"{text!r}: dd/mm/yyyy") from None


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
    validate.add_argument("--as-of", type=_as_of, help="data as of DD/MM/YYYY (default today)")
    validate.add_argument("--replace-media", action="store_true", help="treat log sheets as full replacements")

    load = commands.add_parser("import", help="validate, then commit one version")
    load.add_argument("file", type=Path)
    load.add_argument("--plan")
    load.add_argument("--as-of", type=_as_of)
    load.add_argument("--user", default=getpass.getuser())
    load.add_argument(
        "--replace-media", action="store_true", help="replace the Báo chí and Giải ngân logs instead of adding"
    )

    export = commands.add_parser("export", help="a version's data as a workbook in the template's format")
    export.add_argument("out", type=Path)
    export.add_argument("--version", type=int)
    export.add_argument("--plan")

    template = commands.add_parser("template", help="the empty template")
    template.add_argument("out", type=Path)

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
    user_commands.add_parser("viewer-hash", help="print PLANTRACK_VIEWER_PASSWORD_HASH for a shared viewer password")
    return parser


def _print_preview(preview: importer.Preview, lang: str) -> None:
    for problem in preview.problems:
        print(problem.line(lang))
    more_errors, more_warnings = more_problems(preview.problems), more_problems(preview.problems, "warning")
    if more_errors:
        print(t("more_problems", lang, count=more_errors, shown=len(preview.errors)))
    if more_warnings:
        print(t("more_warnings", lang, count=more_warnings, shown=len(preview.warnings)))
    if preview.errors:
        print(t("problems_found", lang, count=len(preview.errors) + more_errors))
        return
    if preview.warnings:
        print(t("warnings_found", lang, count=len(preview.warnings) + more_warnings))
    print(t("preview_header", lang))
    for change in preview.changes.values():
        print(
            f"{change.title} | {change.added} | {change.changed} | {change.removed} | {change.unchanged + change.kept}"
        )


def _prepare(con, args) -> importer.Preview | int:
    try:
        data = args.file.read_bytes()
    except OSError as error:
        print(f"{args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        return importer.prepare(
            con, data, args.file.name, plan=args.plan, as_of=args.as_of, replace_logs=args.replace_media
        )
    except UnreadableFile as refused:
        print(refused.problem.line(args.lang))
        importer.log_event(
            con,
            getattr(args, "user", None),
            args.command,
            "unreadable",
            file_name=args.file.name,
            detail=refused.problem.code,
        )
        return EXIT_UNREADABLE


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang
    sys.stdout.reconfigure(encoding="utf-8")
    if args.command == "template":
        # The template needs no database: writing it must not create one.
        write_workbook(args.out, lang=lang)
        print(t("template_written", lang, path=args.out))
        return EXIT_OK
    con = connect(args.db)
    try:
        if args.command in ("validate", "import"):
            preview = _prepare(con, args)
            if isinstance(preview, int):
                return preview
            _print_preview(preview, lang)
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
                print(t("importable", lang))
                return EXIT_OK
            if preview.nothing_changed:
                print(t("nothing_changed", lang, version=preview.base_version))
                return EXIT_OK
            version = importer.commit(con, preview, args.user)
            print(t("committed", lang, version=version, as_of=format_date(preview.as_of, lang)))
            return EXIT_OK
        if args.command == "export":
            plan_id = importer.resolve_plan(con, args.plan)
            if args.version is not None:
                rows = con.execute("select plan_id from versions where version_id = $v", {"v": args.version}).fetchall()
                if not rows:
                    print(t("no_version", lang, version=args.version), file=sys.stderr)
                    return EXIT_PROBLEMS
                plan_id = rows[0][0]
            if plan_id is None or plan_id == -1:
                print(t("no_plan", lang), file=sys.stderr)
                return EXIT_PROBLEMS
            frames = importer.state(con, plan_id, args.version)
            version = args.version or importer.latest_version(con, plan_id)
            write_workbook(args.out, frames, lang=lang)
            print(t("exported", lang, version=version, path=args.out))
            return EXIT_OK
        if args.command == "demo":
            if args.clear:
                print(t("demo_cleared" if demo.clear(con) else "no_demo", lang))
                return EXIT_OK
            loaded, plan_id = demo.load(con)
            print(t("demo_loaded", lang, versions=loaded) if loaded else t("demo_present", lang, plan=plan_id))
            return EXIT_OK
        if args.command == "versions":
            plan_id = importer.resolve_plan(con, args.plan) if args.plan else None
            print(t("versions_header", lang))
            for row in importer.versions(con, plan_id).itertuples():
                print(
                    f"{row.version_id} | {row.plan_id} | {row.created_at:%d/%m/%Y %H:%M} | {row.user_name or ''} | "
                    f"{row.file_name or ''} | {format_date(row.as_of, lang)} | {t('kind_' + row.kind, lang)}"
                )
            return EXIT_OK
        if args.command == "users":
            try:
                password = auth.read_new_password(lang)
            except auth.BadCredentials as refused:
                print(t(refused.code, lang, **refused.params), file=sys.stderr)
                return EXIT_PROBLEMS
            if args.users_command == "viewer-hash":
                return auth.viewer_hash_command(password, lang)
            return auth.add_user_command(con, args.name, password, lang)
        if args.command == "rollback":
            rows = con.execute("select plan_id from versions where version_id = $v", {"v": args.version}).fetchall()
            if not rows:
                print(t("no_version", lang, version=args.version), file=sys.stderr)
                return EXIT_PROBLEMS
            plan_id = rows[0][0]
            version = importer.rollback(con, plan_id, args.version, args.user)
            if version is None:
                print(t("nothing_changed", lang, version=importer.latest_version(con, plan_id)))
            else:
                print(t("rolled_back", lang, target=args.version, version=version))
            return EXIT_OK
    finally:
        con.close()
    return EXIT_OK
