"""Running as a service: every command gives the same result while a real dashboard holds the
database as when it is stopped; the clock is the plan's whatever the server's TZ; backups come back
whole; the server connects nowhere and guards /media/ with the viewer password."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import openpyxl
import pytest
from browser import CHROMIUM, ROOT, _free_port, _tail
from conftest import fingerprint, small_plan

from plantrack import auth, backup, importer, proxies, service
from plantrack.cli import main
from plantrack.db import connect
from plantrack.excel import workbook_bytes

PASSWORD = "mật khẩu đủ dài"
VIEWER_PASSWORD = "xem chung 2019"
AUDIT_COLUMNS = "user_name, action, plan_id, version_id, file_name, sha256, outcome, detail"


@contextlib.contextmanager
def serving(db: Path, log: Path, net_log: Path, env: dict | None = None, timeout: float = 90):
    """`streamlit run dashboard.py` on its own database; yields once it owns the file."""
    port = _free_port()
    environment = {
        **os.environ,
        "PLANTRACK_DB": str(db),
        "PYTHONPATH": os.pathsep.join((str(ROOT / "tests" / "netwatch"), str(ROOT))),
        "PLANTRACK_TEST_NET_LOG": str(net_log),
        **(env or {}),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port)],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + timeout
        while not service.service_file(db).exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard did not take the database:\n{_tail(str(log))}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@functools.cache
def plan_bytes() -> bytes:
    """One workbook for every database: a workbook written a second later has another hash."""
    return workbook_bytes(small_plan())


def prepared(path: Path) -> Path:
    """A database with one small plan imported, the same every time it is made."""
    with connect(path) as con:
        preview = importer.prepare(con, plan_bytes(), "plan.xlsx")
        importer.commit(con, preview, "lan")
    return path


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """Two equal databases: one held by a running dashboard (with a viewer password on), one not."""
    base = tmp_path_factory.mktemp("service")
    served, stopped = prepared(base / "served" / "db.duckdb"), prepared(base / "stopped" / "db.duckdb")
    files = base / "files"
    files.mkdir()
    (files / "plan.xlsx").write_bytes(workbook_bytes(small_plan(progress=80.0)))
    frames = small_plan()
    frames["tasks"].loc[0, "lead_unit"] = "Phòng X"
    (files / "bad.xlsx").write_bytes(workbook_bytes(frames))
    (files / "fake.xlsx").write_text("Mã NV,Nội dung\nNV1,x\n", encoding="utf-8")
    env = {auth.VIEWER_ENV: auth.viewer_hash(VIEWER_PASSWORD)}
    with serving(served, base / "server.log", base / "net.log", env) as url:
        yield {"served": served, "stopped": stopped, "files": files, "base": base, "url": url}
    # Stopped: the same audit entries, in the same order, on both (backup folders are named for the time).
    logs = []
    for db in (served, stopped):
        with connect(db) as con:
            rows = con.execute(f"select {AUDIT_COLUMNS} from audit_log order by logged_at, event_id").fetchall()
        # Logins come from the browser test, which only the served twin has.
        rows = [row for row in rows if row[1] not in ("login", "viewer_login")]
        logs.append([tuple(same_words(v, db.parent) if isinstance(v, str) else v for v in row) for row in rows])
    assert len(logs[0]) == len(logs[1])
    for ours, theirs in zip(*logs):
        assert ours == theirs
    assert logs[0]


def run(capsys, monkeypatch, db: Path, cwd: Path, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setenv("PLANTRACK_DB", str(db))
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def same_words(text: str, folder: Path) -> str:
    """The output with what must differ between the two databases taken out: their folder, clock times."""
    text = text.replace(str(folder), "<folder>")
    text = re.sub(r"plantrack-\d{8}-\d{6}Z(-\d+)?", "<backup>", text)
    return re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d", "<time>", text)


COMMANDS = [
    (["template", "out/template.xlsx"], ""),
    (["versions"], ""),
    (["validate", "{files}/plan.xlsx"], ""),
    (["validate", "{files}/bad.xlsx"], ""),
    (["--lang", "en", "import", "{files}/fake.xlsx", "--user", "lan"], ""),
    (["import", "{files}/bad.xlsx", "--user", "lan"], ""),
    (["import", "{files}/plan.xlsx", "--user", "lan", "--as-of", "30/06/2019"], ""),
    (["import", "{files}/plan.xlsx", "--user", "lan", "--as-of", "30/06/2019"], ""),
    (["export", "out/v1.xlsx", "--version", "1"], ""),
    (["export", "out/none.xlsx", "--version", "99"], ""),
    (["rollback", "1", "--user", "lan"], ""),
    (["versions", "--plan", "2019"], ""),
    (["users", "add", "hoa", "--admin"], PASSWORD + "\n"),
    (["users", "add", "minh"], "short\n"),
    (["users", "reset", "hoa"], PASSWORD + "!\n"),
    (["users", "reset", "nobody"], PASSWORD + "\n"),
    (["users", "disable", "hoa"], ""),
    (["users", "list"], ""),
    (["demo"], ""),
    (["demo", "--clear"], ""),
    (["backup", "out/backups"], ""),
]


@pytest.mark.parametrize(("argv", "stdin"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_each_command_says_and_returns_the_same_while_the_dashboard_holds_the_database(
    twins, capsys, monkeypatch, argv, stdin
):
    results = []
    for name in ("stopped", "served"):
        folder = twins[name].parent
        (folder / "out").mkdir(exist_ok=True)
        command = [part.replace("{files}", str(twins["files"])) for part in argv]
        code, out, err = run(capsys, monkeypatch, twins[name], folder, command, stdin)
        results.append((code, same_words(out, folder), same_words(err, folder)))
    assert results[0] == results[1]
    assert "Traceback" not in results[1][2]
    if argv[0] in ("export", "template") and results[0][0] == 0:
        assert cells(twins["stopped"].parent / argv[1]) == cells(twins["served"].parent / argv[1])


def cells(path: Path) -> list[list[tuple]]:
    return [list(sheet.values) for sheet in openpyxl.load_workbook(path)]


def test_a_command_sent_to_the_dashboard_does_not_wait_for_stdin_to_close(twins):
    """At a terminal stdin never ends: only the password commands may read it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "plantrack", "versions"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PLANTRACK_DB": str(twins["served"])},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    # Its output is read while its stdin stays open; a command that waited for stdin is killed after a minute.
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        out = process.stdout.read()
    finally:
        watchdog.cancel()
        process.stdin.close()
        process.wait(timeout=10)
    assert process.returncode == 0 and "Phiên bản | Kế hoạch" in out


def test_restore_while_serving_brings_the_backup_back(twins, capsys, monkeypatch):
    folder = twins["served"].parent
    code, out, _ = run(capsys, monkeypatch, twins["served"], folder, ["backup", "out/again"])
    assert code == 0
    taken = next((folder / "out" / "again").iterdir())
    code, out, err = run(capsys, monkeypatch, twins["served"], folder, ["restore", str(taken)])
    assert (code, err) == (0, "")
    assert "Đã khôi phục" in out
    code, _, err = run(capsys, monkeypatch, twins["served"], folder, ["restore", str(folder)])
    assert code == 1 and "không phải là một bản sao lưu" in err
    # The same on the stopped twin, so the audit logs still match at the end.
    stopped = twins["stopped"].parent
    run(capsys, monkeypatch, twins["stopped"], stopped, ["backup", "out/again"])
    run(capsys, monkeypatch, twins["stopped"], stopped, ["restore", str(next((stopped / "out" / "again").iterdir()))])
    run(capsys, monkeypatch, twins["stopped"], stopped, ["restore", str(stopped)])


def test_the_served_media_files_need_the_viewer_password(twins):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{twins['url']}/media/0123456789abcdef.xlsx", timeout=10)
    assert refused.value.code == 403
    with urllib.request.urlopen(f"{twins['url']}/_stcore/health", timeout=10) as health:
        assert health.status == 200


def test_starting_the_server_connects_to_nothing_outside_the_machine(twins):
    log = _tail(str(twins["base"] / "server.log"), 20000)
    assert "Did not auto detect external IP" not in log
    assert "External URL" not in log
    watched = (twins["base"] / "net.log").read_text(encoding="utf-8").splitlines()
    assert watched[0].startswith("watching ")
    for line in watched[1:]:
        assert re.search(r"'(127\.0\.0\.1|localhost|::1|0\.0\.0\.0)'", line), line


def test_a_database_held_by_a_program_without_the_endpoint_gets_one_sentence(tmp_path):
    db = prepared(tmp_path / "held.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"ok"
        done = subprocess.run(
            [sys.executable, "-m", "plantrack", "--db", str(db), "versions"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "đang được một chương trình khác giữ" in done.stderr


def test_the_audit_log_is_in_the_order_things_happened_whatever_the_servers_time_zone(tmp_path):
    db = prepared(tmp_path / "tz.duckdb")
    shown = []
    for name, zone in (("west", "America/Los_Angeles"), ("east", "Asia/Tokyo"), ("utc", "UTC")):
        environment = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": zone, "PLANTRACK_DB": str(db)}
        for argv, stdin in ((["users", "add", name], PASSWORD + "\n"), (["versions"], "")):
            done = subprocess.run(
                [sys.executable, "-m", "plantrack", *argv],
                cwd=ROOT,
                env=environment,
                input=stdin,
                capture_output=True,
                text=True,
                check=True,
            )
        shown.append(done.stdout)
    with connect(db) as con:
        rows = con.execute(
            "select user_name from audit_log where action = 'user_add' order by logged_at, event_id"
        ).fetchall()
    assert [r[0] for r in rows] == ["west", "east", "utc"]
    # The version's time is shown in the plan's zone, the same text whatever TZ the command ran in.
    assert shown[0] == shown[1] == shown[2]


def test_backup_then_restore_then_export_equals_the_original(tmp_path, capsys, monkeypatch):
    original = prepared(tmp_path / "original.duckdb")
    with connect(original) as con:
        preview = importer.prepare(con, workbook_bytes(small_plan(progress=90.0)), "q2.xlsx")
        importer.commit(con, preview, "lan")
        auth.add_user(con, "hoa", PASSWORD, admin=True)
        folder, counts = backup.backup(con, tmp_path / "backups")
        before = fingerprint(con)
    assert counts["versions"] == 2
    fresh = tmp_path / "restored.duckdb"
    code, out, err = run(capsys, monkeypatch, fresh, tmp_path, ["restore", str(folder)])
    assert (code, err) == (0, "")
    with connect(fresh) as con:
        after = fingerprint(con)
    restored_audit = after.pop("audit_log")
    assert restored_audit[:-1] == before.pop("audit_log")
    assert restored_audit[-1][3] == "restore"
    assert after == before
    for db, name in ((original, "a.xlsx"), (fresh, "b.xlsx")):
        assert run(capsys, monkeypatch, db, tmp_path, ["export", name])[0] == 0
    assert cells(tmp_path / "a.xlsx") == cells(tmp_path / "b.xlsx")


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_in_a_browser_the_viewer_pass_and_the_login_survive_a_reload_and_guard_the_downloads(
    twins, capsys, monkeypatch
):
    from browser import chromium, download, open_page, wait_idle

    for name in ("stopped", "served"):
        run(capsys, monkeypatch, twins[name], twins[name].parent, ["users", "add", "thu"], PASSWORD + "\n")
    url = twins["url"]
    with chromium() as context:
        page, _ = open_page(context, url, timeout=90_000)
        page.get_by_label("Mật khẩu xem").fill(VIEWER_PASSWORD)
        page.get_by_role("button", name="Xem bảng điều khiển").click()
        page.get_by_text("Kế hoạch thử nghiệm").first.wait_for(timeout=30_000)
        wait_idle(page)  # the script's last element sets the cookie
        page.reload()
        wait_idle(page)
        assert page.get_by_label("Mật khẩu xem").count() == 0

        page.goto(f"{url}/Cap_nhat_du_lieu")
        wait_idle(page)
        page.get_by_label("Tên đăng nhập").fill("thu")
        page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Đang đăng nhập: thu").wait_for(timeout=30_000)
        wait_idle(page)
        page.reload()
        page.get_by_text("Đang đăng nhập: thu").wait_for(timeout=30_000)
        wait_idle(page)
        file = download(page, page.get_by_role("button", name="Tải mẫu trống (.xlsx)"))
        assert Path(file.path()).read_bytes()[:2] == b"PK"
        media_url = file.url
        cookies = {c["name"] for c in context.cookies()}
        assert {auth.EDITOR_COOKIE, auth.VIEWER_COOKIE} <= cookies

        page.get_by_role("button", name="Đăng xuất").click()
        page.get_by_label("Tên đăng nhập").wait_for(timeout=30_000)
        page.reload()
        wait_idle(page)
        assert page.get_by_text("Đang đăng nhập: thu").count() == 0
        assert auth.EDITOR_COOKIE not in {c["name"] for c in context.cookies()}
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(media_url, timeout=10)
    assert refused.value.code == 403


def test_every_command_and_setting_of_the_service_is_in_the_readme():
    from plantrack.cli import _parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = next(a for a in _parser()._actions if a.dest == "command").choices
    users = next(a for a in commands["users"]._actions if a.dest == "users_command").choices
    for name in [*commands, *(f"users {u}" for u in users)]:
        assert f"python -m plantrack {name}" in readme, name
    for setting in (
        auth.IDLE_ENV,
        "PLANTRACK_TIME_ZONE",
        proxies.TRUSTED_PROXIES_ENV,
        "browser.serverAddress",
        ".service",
        "PORT=",
    ):
        assert setting in readme, setting
