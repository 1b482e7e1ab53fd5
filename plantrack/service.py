"""One owner of the database: the dashboard's process holds the DuckDB file and runs the command
line's commands for it.

DuckDB lets one process open a file for writing, and refuses every other one, even read-only
("Could not set lock on file"). So the process that serves the dashboard opens the file once
(`own`), and starts a small HTTP endpoint bound to 127.0.0.1 on a port the system picks. It writes
the port and a random token to `<database>.service` (mode 0600, beside the database: only the
service's user, and root, can read it). `python -m plantrack …` tries the file first; when the file
is locked it sends its arguments to that endpoint (`request`), which runs the very same command
(`plantrack.cli.run`) on the server's connection and sends back the exit code and what it printed.
So a command gives the same result, exit code and audit entry whether the dashboard runs or not.

The endpoint takes one request at a time, refuses anything without the token (compared in constant
time) and answers only on the loopback interface. Paths in a command are resolved against the
caller's working directory and read or written by the server's process: the caller and the service
are expected to be the same user (who else can read the token?).

This module never imports Streamlit.
"""

from __future__ import annotations

import atexit
import hmac
import http.client
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb

from plantrack.db import connect, database_path

COMMAND_PATH = "/command"
MAX_REQUEST_BYTES = 1 << 20
# A command may run as long as an import of a national-scale workbook takes.
REQUEST_TIMEOUT = 30 * 60
# How long the dashboard waits for a command line run that holds the file when it starts.
LOCK_WAIT = 60.0


class Unreachable(Exception):
    """The file is locked and no endpoint answers for it (another program, or a dashboard that died)."""


def is_lock_error(error: BaseException) -> bool:
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


def service_file(db: str | Path) -> Path:
    path = Path(db)
    return path.with_name(path.name + ".service")


@dataclass
class Owner:
    """The open database of this process and the endpoint that serves commands on it."""

    path: Path
    con: duckdb.DuckDBPyConnection
    token: str
    server: ThreadingHTTPServer | None = None
    lock: threading.Lock | None = None

    @property
    def port(self) -> int:
        return self.server.server_address[1] if self.server else 0


_OWNERS: dict[str, Owner] = {}
_OWNERS_LOCK = threading.Lock()


def own(path: str | Path | None = None, wait: float = LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """This process's connection to the database, opened once; the command endpoint starts with it.

    A command line run holding the file at that moment is waited for (up to `wait` seconds).
    """
    target = database_path(path).resolve()
    with _OWNERS_LOCK:
        owner = _OWNERS.get(str(target))
        if owner is not None:
            return owner.con
        deadline = time.monotonic() + wait
        while True:
            try:
                con = connect(target)
                break
            except duckdb.IOException as error:
                if not is_lock_error(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        owner = Owner(target, con, secrets.token_urlsafe(32), lock=threading.Lock())
        _start(owner)
        _OWNERS[str(target)] = owner
        return con


def owner(path: str | Path | None = None) -> Owner | None:
    return _OWNERS.get(str(database_path(path).resolve()))


def _start(owner: Owner) -> None:
    owner.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(owner))
    owner.server.daemon_threads = True
    threading.Thread(target=owner.server.serve_forever, name="plantrack-commands", daemon=True).start()
    _write_service_file(owner)
    atexit.register(_remove_service_file, owner)


def _write_service_file(owner: Owner) -> None:
    target = service_file(owner.path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"port": owner.port, "token": owner.token, "pid": os.getpid()}, handle)
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)


def _remove_service_file(owner: Owner) -> None:
    target = service_file(owner.path)
    try:
        if json.loads(target.read_text(encoding="utf-8")).get("pid") == os.getpid():
            target.unlink()
    except (OSError, ValueError):
        pass


def _handler(owner: Owner) -> type[BaseHTTPRequestHandler]:
    class CommandHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            if self.path != COMMAND_PATH:
                return self._answer(404, {"error": "not found"})
            given = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if not hmac.compare_digest(given.encode(), owner.token.encode()):
                return self._answer(403, {"error": "bad token"})
            length = int(self.headers.get("Content-Length") or 0)
            if length <= 0 or length > MAX_REQUEST_BYTES:
                return self._answer(413, {"error": "request too large"})
            try:
                request = json.loads(self.rfile.read(length))
                argv, cwd = [str(a) for a in request["argv"]], str(request["cwd"])
                stdin, login = str(request.get("stdin") or ""), str(request.get("login") or "")
            except (ValueError, KeyError, TypeError):
                return self._answer(400, {"error": "bad request"})
            from plantrack.cli import run_captured

            with owner.lock:
                code, out, err = run_captured(owner.con.cursor(), argv, cwd=cwd, stdin=stdin, login=login)
            self._answer(200, {"code": code, "stdout": out, "stderr": err})

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the commands are in the audit log; the server log is for the dashboard."""

    return CommandHandler


def request(db: str | Path, argv: list[str], *, cwd: str, stdin: str = "", login: str = "") -> tuple[int, str, str]:
    """Runs a command in the process that owns `db`; returns its exit code, stdout and stderr.

    Raises Unreachable when no endpoint answers for the file.
    """
    try:
        found = json.loads(service_file(database_path(db)).read_text(encoding="utf-8"))
        port, token = int(found["port"]), str(found["token"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise Unreachable(str(error)) from error
    body = json.dumps({"argv": argv, "cwd": cwd, "stdin": stdin, "login": login}).encode("utf-8")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(
            "POST",
            COMMAND_PATH,
            body,
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        answer = json.loads(response.read())
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise Unreachable(str(error)) from error
    finally:
        connection.close()
    if response.status != 200:
        raise Unreachable(str(answer.get("error")))
    return int(answer["code"]), str(answer["stdout"]), str(answer["stderr"])


class MediaGuard:
    """ASGI middleware: with a viewer password on, files under /media/ (downloads, images) need a
    browser that gave it (its viewer cookie) or a live editor login; anyone else gets 403."""

    def __init__(self, app, prefix: str = "/media/"):
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") == "http" and str(scope.get("path", "")).startswith(self.prefix):
            from plantrack import auth

            if not auth.cookie_lets_in(_cookies(scope)):
                body = b"A viewer password is required."
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", b"%d" % len(body)),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def _cookies(scope) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name.lower() == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except CookieError:
                continue
    return {key: morsel.value for key, morsel in jar.items()}
