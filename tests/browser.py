"""A real Streamlit server and Debian's chromium driven by Playwright, for tests and screenshots."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    db_path: Path,
    timeout: float = 60,
    script: Path = ROOT / "dashboard.py",
    launcher: tuple[str, ...] = ("-m", "streamlit"),
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Serves `script` (dashboard.py) on a free loopback port with its own database; yields the base URL.

    `launcher` runs `streamlit` (bench/timed_server.py records the script runs); `env` is added."""
    port = _free_port()
    env = {**os.environ, "PLANTRACK_DB": str(db_path), "PYTHONPATH": str(ROOT), **(env or {})}
    # The server writes to a file, never to a pipe nobody reads while the test runs (a full pipe stalls it);
    # a failing test prints the file's end, so the server's side of the failure is in the report.
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            *launcher,
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start:\n{_tail(log.name)}") from None
                time.sleep(0.3)
        yield url
    except BaseException:
        print(f"--- the end of the Streamlit server's output ---\n{_tail(log.name)}", file=sys.stderr)
        raise
    finally:
        log.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        Path(log.name).unlink(missing_ok=True)


def _tail(path: str, size: int = 6000) -> str:
    return Path(path).read_bytes()[-size:].decode(errors="replace")


@contextlib.contextmanager
def chromium(width: int = 1440, height: int = 900):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        try:
            yield context
        finally:
            context.close()
            browser.close()


def open_page(context, url: str, timeout: float = 30_000):
    """Opens a page, waits until Streamlit has finished running the script; returns (page, console errors)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    wait_idle(page, timeout)
    return page, errors


def wait_idle(page, timeout: float = 30_000) -> None:
    """Waits until the script run has drawn the page: its title is there, nothing running, no skeletons.

    Every page starts with a title, so a page still blank after a cold server start is not taken for done.
    """
    page.wait_for_timeout(500)
    page.wait_for_function(
        """() => !!document.querySelector('[data-testid="stMain"] h1')
                 && !document.querySelector('[data-testid="stStatusWidget"]')
                 && document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') !== 'running'
                 && !document.querySelector('[data-testid="stSkeleton"]')
                 && document.querySelectorAll('[data-stale="true"]').length === 0""",
        timeout=timeout,
    )
    page.wait_for_timeout(1000)


def download(page, button, timeout: float = 90_000):
    """Clicks a download button once the page is idle; returns Playwright's Download.

    A button whose file is made on click (Streamlit's deferred download) shows its error under itself
    instead of downloading; that error, not a bare timeout, is what a failure reports.
    """
    wait_idle(page, timeout)
    try:
        with page.expect_download(timeout=timeout) as started:
            button.click()
    except Exception:
        errors = page.get_by_test_id("stDownloadButtonError").all_inner_texts()
        raise AssertionError(f"no download from {button}; the button says: {errors or 'nothing'}") from None
    return started.value
