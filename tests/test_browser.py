"""Every page in real Chromium (Debian's, through Playwright): no exception, no console error, Vietnamese on screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium, open_page, streamlit_server, wait_idle

from plantrack.i18n import t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

# Streamlit's client probes <page>/_stcore/health and host-config before falling back to the root;
# those two 404s happen on any page opened by its own URL and are not errors of this app.
BASE_PATH_PROBE = re.compile(r"status of 404")

PAGES = {
    "": [
        "Kế hoạch triển khai công tác thông tin đối ngoại năm 2019",
        "Kết quả thực hiện theo bốn nhóm báo cáo",
        "Hạn sắp tới",
        "Giải ngân / dự toán",
    ],
    "Tien_do_theo_don_vi": [
        "Tiến độ theo đơn vị",
        "Nhiệm vụ theo đơn vị và tình trạng",
        "Từng nhiệm vụ",
    ],
    "Moc_theo_quy": ["Mốc theo quý", "Tiến trình nhiệm vụ và các mốc trong năm", "Quý III/2019", "Danh sách mốc"],
    "Ngan_sach": ["Ngân sách", "Theo nguồn kinh phí", "Ngân sách nhà nước", "923.000.000 ₫"],
    "Du_luan_bao_chi": [
        "Dư luận báo chí",
        "Số tin bài theo thời gian và sắc thái",
        "Sắc thái",
        "Thông tin sai lệch",
    ],
}


@pytest.fixture(scope="module")
def server(demo_db):
    with streamlit_server(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context():
    with chromium(width=1440, height=2400) as context:
        yield context


def _errors(errors: list[str]) -> list[str]:
    return [e for e in errors if not BASE_PATH_PROBE.search(e)]


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_in_vietnamese_without_errors(server, browser_context, path):
    page, errors = open_page(browser_context, f"{server}/{path}")
    try:
        for expected in PAGES[path]:
            # A cold first run can still be drawing its last elements when the script has finished.
            page.get_by_text(expected, exact=False).first.wait_for(timeout=20_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert _errors(errors) == []
    finally:
        page.close()


def test_each_part_of_the_press_page_draws_its_charts_and_is_named_in_the_link(server, browser_context):
    page, _ = open_page(browser_context, f"{server}/Du_luan_bao_chi")
    drawn = """() => [...document.querySelectorAll('.js-plotly-plot')]
                     .filter(chart => chart.checkVisibility() && chart.querySelector('.main-svg')).length"""
    try:
        assert page.evaluate(drawn) == 1
        for part, charts, link in (
            ("press_sources", 3, "tab=press_sources"),
            ("press_sentiment", 2, "tab=press_sentiment"),
            ("press_volume", 1, None),  # the first part: the link names none
        ):
            page.get_by_role("tab", name=t(f"sec_{part}", "vi"), exact=True).click()
            if link:
                page.wait_for_function(f"() => window.location.search.includes('{link}')", timeout=20_000)
            else:
                page.wait_for_function("() => !window.location.search.includes('tab=')", timeout=20_000)
            wait_idle(page)
            page.wait_for_function(f"() => ({drawn})() === {charts}", timeout=20_000)
    finally:
        page.close()


def test_a_copied_link_reopens_the_same_filtered_view(server, browser_context):
    page, errors = open_page(browser_context, f"{server}/Ngan_sach?asof=2019-06-30&units=VP&q=2&lang=en")
    try:
        for expected in ("Data as of 30/06/2019 (version 2)", "Units: VP", "Quarter: II", "Budget"):
            page.get_by_text(expected, exact=False).first.wait_for(timeout=20_000)
        assert _errors(errors) == []
    finally:
        page.close()


def test_switching_language_keeps_the_filters_in_the_url(server, browser_context):
    page, _ = open_page(browser_context, f"{server}/?q=3")
    try:
        page.get_by_text("English", exact=True).click()
        page.wait_for_function("() => window.location.search.includes('lang=en')", timeout=20_000)
        assert "q=3" in page.url
    finally:
        page.close()


@pytest.mark.parametrize(("lang", "grouped"), [("vi", r"\d{1,3}(\.\d{3})+"), ("en", r"\d{1,3}(,\d{3})+")])
def test_numbers_inside_the_charts_svg_are_written_the_languages_way(server, browser_context, lang, grouped):
    # The demo's mentions by scope: 1.188 domestic ones, as a bar label and on the axis ticks.
    query = "x_ds=media&x_g1=scope" + ("&lang=en" if lang == "en" else "")
    page, _ = open_page(browser_context, f"{server}/Kham_pha?{query}")
    try:
        page.locator(".js-plotly-plot .main-svg text").first.wait_for(timeout=30_000)
        texts = [t.strip() for t in page.locator(".js-plotly-plot .main-svg text").all_text_contents() if t.strip()]
        numbers = [t for t in texts if re.fullmatch(r"[\d.,]+", t)]
        assert any(re.fullmatch(grouped, t) for t in numbers), numbers
        assert not [t for t in numbers if re.fullmatch(r"\d{4,}", t)], numbers  # "1188" is not written
    finally:
        page.close()


def test_the_task_box_shows_another_task_and_only_the_tab_chosen(server, browser_context):
    page, errors = open_page(browser_context, f"{server}/Tien_do_theo_don_vi?task=NV1")
    try:
        main = page.get_by_test_id("stMain")
        main.get_by_text("NV1", exact=True).wait_for(timeout=20_000)
        main.get_by_test_id("stSelectbox").locator("input").click()
        page.get_by_role("option").filter(has_text="NV3 —").click()
        page.wait_for_function("() => window.location.search.includes('task=NV3')", timeout=20_000)
        main.get_by_text("NV3", exact=True).wait_for(timeout=20_000)
        budget = page.get_by_role("tab", name=t("tab_budget", "vi"), exact=True)
        budget.click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[role=tab][aria-selected=true]')].some(tab => tab.innerText.trim() === '"
            + t("tab_budget", "vi")
            + "')",
            timeout=20_000,
        )
        wait_idle(page)
        # One table: the budget tab's; the milestones' is no longer drawn.
        visible = (
            "() => [...document.querySelectorAll('[data-testid=stDataFrame]')].filter(e => e.checkVisibility()).length"
        )
        page.wait_for_function(f"() => ({visible})() === 1", timeout=20_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert _errors(errors) == []
    finally:
        page.close()
