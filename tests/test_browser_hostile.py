"""One Chromium pass over hostile people (issue 16): markup from the workbook stays text in the DOM,
and the viewer password's throttle holds across reloads and new browser contexts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium, open_page, streamlit_server, wait_idle
from test_escaping import hostile_plan

from plantrack import auth, importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
VIEWER_PASSWORD = "xem-chung-2019"
SHOTS = Path(os.environ.get("PLANTRACK_SHOTS", "")) if os.environ.get("PLANTRACK_SHOTS") else None


def _shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for width in (1440, 1024):
            page.set_viewport_size({"width": width, "height": 1000})
            page.wait_for_timeout(500)
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def _give_password(page, password: str) -> None:
    page.get_by_label("Mật khẩu xem").fill(password)
    page.get_by_role("button", name="Xem").click()
    page.wait_for_timeout(800)
    wait_idle(page)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile-browser") / "hostile.duckdb"
    with connect(db) as con:
        importer.commit(con, importer.prepare(con, workbook_bytes(hostile_plan()), "hostile.xlsx"), "tester")
    previous = os.environ.get(auth.VIEWER_ENV)
    os.environ[auth.VIEWER_ENV] = auth.viewer_hash(VIEWER_PASSWORD)
    try:
        with streamlit_server(db) as url:
            yield url
    finally:
        if previous is None:
            os.environ.pop(auth.VIEWER_ENV, None)
        else:
            os.environ[auth.VIEWER_ENV] = previous


def test_hostile_people_in_a_real_browser(hostile_server):
    url = hostile_server
    with chromium(width=1440, height=1000) as context:
        # 2. With the viewer password, the hostile workbook's text shows as typed, links and bold never made.
        page, _ = open_page(context, url)
        _shot(page, "viewer-form")
        _give_password(page, VIEWER_PASSWORD)
        # Through the sidebar: the password holds for this browser session (a reload is a new one).
        for path in ("Tiến độ theo đơn vị", "Ngân sách", "Dư luận báo chí"):
            page.get_by_test_id("stSidebar").get_by_role("link", name=path).click()
            wait_idle(page)
            page.wait_for_timeout(1500)
            assert page.locator("a[href*='evil.example']").count() == 0, (
                path,
                page.eval_on_selector_all(
                    "a[href*='evil.example']",
                    "els => els.map(e => (e.closest('[data-testid]')||e).getAttribute('data-testid') + ' ' + e.outerHTML.slice(0,200))",
                ),
            )
            assert page.locator("b:text-is('BOLD'), strong:text-is('BOLD')").count() == 0, path
            assert page.get_by_text("evil.example", exact=False).count() > 0, path
            _shot(page, f"escaped-{len(path)}")
        page.close()

    # 3. Wrong viewer passwords over reloads and new browser contexts: the address is counted.
    for round_ in range(auth.ADDRESS_FAILURES // 2):
        with chromium(width=1440, height=1000) as stranger:
            page, _ = open_page(stranger, url)
            for attempt in range(2):
                if attempt:
                    page.reload(wait_until="networkidle")
                    wait_idle(page)
                _give_password(page, f"đoán-{round_}-{attempt}")
            page.close()
    with chromium(width=1440, height=1000) as late:
        page, _ = open_page(late, url)
        _give_password(page, VIEWER_PASSWORD)
        page.get_by_text("đang tạm khóa").first.wait_for(timeout=20_000)
        assert page.get_by_text("Theo dõi thực hiện").count() >= 1
        _shot(page, "viewer-locked")
        page.close()
