"""Golden workbooks of import integrity (issue 9), added to make_golden.py's cases by `define(g)`.

Kept apart from make_golden.py, which is already long; `g` is that module, whose builders and base
plan these cases reuse. Beyond make_golden's keys, a case's JSON may hold:

- ``clear``: sheets (contract names) the user chose to empty on purpose (`--clear`, the checkbox);
- ``as_of``: the data's as-of date (yyyy-mm-dd) instead of the tests' default, or null for the
  importer's own default (the newest Cập nhật ngày in the file);
- ``empty``: the titles of the sheets the preview must report as empty, "not given";
- ``expect_as_of``: the as-of date the preview must settle on.
"""

from __future__ import annotations

import datetime as dt


def _meta(g, description: str, **extra) -> dict:
    return {"description": description, "base": g.BASE, **extra}


def _refused(g, name: str, description: str, grids: list, problems: list[dict], **extra) -> None:
    meta = _meta(g, description, plan=None, unreadable=False, only=True, problems=problems, **extra)
    g.CASES.append(g.Case("refused", name, g.workbook(*grids), meta))


def _valid(g, name: str, description: str, grids: list, rows: dict, expect: dict, warnings=(), **extra) -> None:
    meta = _meta(g, description, rows=rows, expect=expect, warnings=list(warnings), **extra)
    g.CASES.append(g.Case("valid", name, g.workbook(*grids), meta))


# make_golden's refused cases that send a partial Nhiệm vụ (or Đơn vị) sheet against the base: besides
# the cell problem each is about, the rows of the base's other sheets would point at what the partial
# sheet leaves out, and every problem of a file is reported at once.
DANGLING_TOO = {
    "date_no_such_day": ("tasks",),
    "date_not_a_date": ("tasks",),
    "due_required": ("tasks",),
    "duplicate_column": ("tasks",),
    "duplicate_sheet": ("tasks",),
    "duplicate_task": ("tasks",),
    "formula_without_value": ("tasks",),
    "missing_required_column": ("tasks",),
    "start_after_due": ("tasks",),
    "task_not_in_list": ("units", "tasks"),
    "unit_missing_from_file_units": ("units", "tasks"),
    "unknown_lead_unit": ("tasks",),
    "unknown_support_unit": ("tasks",),
}
DANGLING_PLACE = {"tasks": ("dangling_tasks", "Nhiệm vụ", "Mã NV"), "units": ("dangling_units", "Đơn vị", "Mã đơn vị")}


def define(g) -> None:
    d, Grid, p, row = g.d, g.Grid, g.p, g.row
    for case in g.CASES:
        for target in DANGLING_TOO.get(case.name, ()) if case.folder == "refused" else ():
            code, sheet, column = DANGLING_PLACE[target]
            case.meta["problems"].append(p(code, sheet, None, column))
    tasks = {r[0]: r for r in g.TASK_ROWS}
    # A Nhiệm vụ sheet keeping only NV2 and adding NV5: NV1, NV3 and NV4 are still pointed at by the
    # base's 3 indicators, 4 milestones, 3 budget lines and 2 mentions.
    _refused(
        g,
        "partial_tasks_leave_references",
        "Only a Nhiệm vụ sheet, without NV1, NV3, NV4: the base's indicators, milestones, budget lines and "
        "mentions would point at nothing. Refused once, on the Nhiệm vụ sheet's Mã NV, with the counts.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    g.TASK_HEADERS,
                    tasks["NV2"],
                    [
                        "NV5",
                        "Nhiệm vụ mới",
                        "VP",
                        None,
                        None,
                        "Không",
                        None,
                        d(2019, 12, 31),
                        0,
                        None,
                        None,
                        None,
                        None,
                    ],
                ],
            )
        ],
        [p("dangling_tasks", "Nhiệm vụ", None, "Mã NV")],
    )
    _refused(
        g,
        "removed_unit_still_referenced",
        "A Đơn vị sheet without P.KHTC, which leads NV4, supports NV3, carries out M1–M3 and manages NS01.",
        [Grid("Đơn vị", [g.UNIT_HEADERS, *(r for r in g.UNIT_ROWS if r[0] != "P.KHTC")])],
        [p("dangling_units", "Đơn vị", None, "Mã đơn vị")],
    )
    _refused(
        g,
        "removed_budget_line_with_payments",
        "A Ngân sách sheet (English headers) without NS01, which has a disbursement in the Giải ngân log.",
        [
            Grid(
                "Budget",
                [
                    ["Line code", "Task code", "Item", "Funding source", "Planned (VND)"],
                    *([r[0], r[1], r[2], r[3], r[5]] for r in g.BUDGET_ROWS if r[0] != "NS01"),
                ],
            )
        ],
        [p("dangling_budget_lines", "Budget", None, "Line code")],
    )
    _refused(
        g,
        "cleared_tasks_leave_references",
        "Nhiệm vụ emptied on purpose (--clear) while the base's other sheets still point at its tasks.",
        [Grid("Đơn vị", [g.UNIT_HEADERS, *g.UNIT_ROWS])],
        [p("dangling_tasks", "Nhiệm vụ", None, "Mã NV")],
        clear=["tasks"],
    )
    kept = [r for r in g.TASK_ROWS if r[0] != "NV4"]
    _valid(
        g,
        "partial_upload_with_its_dependents",
        "NV4 removed together with its indicator and milestones; its budget line NS01 (which has payments) "
        "stays, no longer tied to a task. The plan stays whole, so the import goes through.",
        [
            Grid("Nhiệm vụ", [g.TASK_HEADERS, *kept]),
            Grid("Chỉ tiêu", [g.INDICATOR_HEADERS, *(r for r in g.INDICATOR_ROWS if r[0] != "NV4")]),
            Grid("Mốc tiến độ", [g.MILESTONE_HEADERS, *(r for r in g.MILESTONE_ROWS if r[1] != "NV4")]),
            Grid(
                "Ngân sách",
                [g.BUDGET_HEADERS, *([*r[:1], None, *r[2:]] if r[1] == "NV4" else r for r in g.BUDGET_ROWS)],
            ),
        ],
        {"tasks": 3, "indicators": 2, "milestones": 1, "budget_lines": 3, "disbursements": 1, "media": 2},
        {"budget_lines": [row({"line_code": "NS01"}, task_code=None, planned=300_000_000)]},
    )
    plan_labels = [[label] for label, _ in g.PLAN_ROWS[1:]]
    empty_sheets = ["Kế hoạch", "Đơn vị", "Chỉ tiêu", "Mốc tiến độ", "Ngân sách", "Giải ngân", "Báo chí"]
    progressed = [[*r[:8], 50 if r[0] == "NV1" else r[8], *r[9:]] for r in g.TASK_ROWS]
    _valid(
        g,
        "template_with_only_tasks_filled",
        "The downloaded template with only Nhiệm vụ filled: the empty Kế hoạch (labels, no values), Đơn vị, "
        "Chỉ tiêu, Mốc tiến độ, Ngân sách, Giải ngân and Báo chí sheets are 'not given' and change nothing.",
        [
            Grid("Kế hoạch", [["Thông tin", "Giá trị"], *plan_labels]),
            Grid("Đơn vị", [g.UNIT_HEADERS]),
            Grid("Nhiệm vụ", [g.TASK_HEADERS, *progressed]),
            Grid("Chỉ tiêu", [g.INDICATOR_HEADERS, [], []]),
            Grid("Mốc tiến độ", [g.MILESTONE_HEADERS]),
            Grid("Ngân sách", [g.BUDGET_HEADERS]),
            Grid("Giải ngân", [g.DISBURSEMENT_HEADERS]),
            Grid("Báo chí", [g.MEDIA_HEADERS]),
        ],
        {"units": 6, "tasks": 4, "indicators": 3, "milestones": 4, "budget_lines": 3, "disbursements": 1, "media": 2},
        {"tasks": [row({"task_code": "NV1"}, progress=50)]},
        empty=empty_sheets,
    )
    _valid(
        g,
        "cleared_media_on_purpose",
        "Báo chí emptied on purpose (--clear 'Báo chí'): the two logged mentions are removed, nothing else.",
        [Grid("Báo chí", [g.MEDIA_HEADERS])],
        {"media": 0, "tasks": 4},
        {},
        clear=["media"],
    )
    media = g.MEDIA_HEADERS
    words = [
        # Ngày đăng, Cơ quan, Phạm vi, Loại hình, Tiêu đề, Đường dẫn, Sắc thái, Sai lệch, Ngày xử lý
        (
            "01/10/2019 08:15",
            "Báo Gia Lai",
            "Trong nước",
            "Báo mạng",
            "Bài 1",
            "https://x.vn/1",
            "Trung tính",
            "x",
            None,
        ),
        ("02/10/2019", "Báo Gia Lai", "trong nuoc", "Báo giấy", "Bài 2", "https://x.vn/2", "trung bình", "✓", None),
        (
            dt.datetime(2019, 10, 3, 14, 30),
            "Fanpage X",
            "Trong nước",
            "Facebook",
            "Bài 3",
            "https://x.vn/3",
            "TRUNG TINH",
            None,
            None,
        ),
        (
            "04/10/2019",
            "Kênh Y",
            "Quốc tế",
            "YouTube",
            "Bài 4",
            "https://x.vn/4",
            "Tiêu cực",
            "X",
            dt.datetime(2019, 10, 5, 9, 0),
        ),
        ("2019-10-05 10:00", "Tài khoản Z", "quoc te", "tiktok", "Bài 5", "https://x.vn/5", None, "Không", None),
        ("06/10/2019", "Nhóm Zalo", "Trong nước", "Zalo", "Bài 6", "https://x.vn/6", "Tích cực", "", None),
    ]
    media_rows = []
    for published, outlet, scope, medium, title, url, sentiment, false_info, responded in words:
        cells = dict.fromkeys(media)
        cells.update(
            {
                "Ngày đăng": published,
                "Cơ quan báo chí": outlet,
                "Phạm vi": scope,
                "Loại hình": medium,
                "Tiêu đề": title,
                "Đường dẫn": url,
                "Sắc thái": sentiment,
                "Sai lệch": false_info,
                "Ngày xử lý": responded,
            }
        )
        media_rows.append([cells[h] for h in media])
    states = {"NV1": "Đang triển khai", "NV2": "Đã hoàn thành", "NV3": "Chưa thực hiện", "NV4": "dang trien khai"}
    ongoing = {"NV1": "✓", "NV2": None, "NV3": "", "NV4": "không"}
    worded = [[*r[:5], ongoing[r[0]], *r[6:9], states[r[0]], *r[10:]] for r in g.TASK_ROWS]
    _valid(
        g,
        "people_words",
        "Words people write: Trung tính / trung bình (Trung lập), Báo mạng, Báo giấy, Facebook / YouTube / "
        "TikTok / Zalo (Mạng xã hội), Quốc tế (Nước ngoài), Đang triển khai, Đã hoàn thành, Chưa thực hiện, "
        "x / ✓ / blank for Có/Không, dates with a time as text and as Excel datetimes.",
        [Grid("Nhiệm vụ", [g.TASK_HEADERS, *worded]), Grid("Báo chí", [media, *media_rows])],
        {"tasks": 4, "media": 8},
        {
            "tasks": [
                row({"task_code": "NV1"}, state="in_progress", is_ongoing=True),
                row({"task_code": "NV2"}, state="done", is_ongoing=False),
                row({"task_code": "NV3"}, state="not_started", is_ongoing=False),
                row({"task_code": "NV4"}, state="in_progress", is_ongoing=False),
            ],
            "media": [
                row({"title": "Bài 1"}, published_on="2019-10-01", medium="online", sentiment="neutral", is_false=True),
                row({"title": "Bài 2"}, medium="print", sentiment="neutral", is_false=True, scope="domestic"),
                row(
                    {"title": "Bài 3"}, published_on="2019-10-03", medium="social", sentiment="neutral", is_false=False
                ),
                row({"title": "Bài 4"}, scope="foreign", medium="social", is_false=True, responded_on="2019-10-05"),
                row({"title": "Bài 5"}, published_on="2019-10-05", scope="foreign", medium="social", is_false=False),
                row({"title": "Bài 6"}, medium="social", sentiment="positive", is_false=False),
            ],
        },
    )
    _valid(
        g,
        "suspicious_values_warn",
        "Tiến độ typed 0,8 (text) and 0.5 (a number) in plain cells, 0,8% typed with its sign and 0.6 in a "
        "percentage cell; data as of 15/01/2020, outside the 2019 plan; a completion date after the as-of.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    [*g.T_MIN, "Trạng thái", "Ngày hoàn thành"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, "0,8", "Đang thực hiện", None],
                    ["NV2", "Tổng hợp danh sách", "VP", "Không", d(2019, 3, 31), 100, "Hoàn thành", d(2020, 2, 1)],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", d(2019, 7, 31), 0.5, "Đang thực hiện", None],
                    ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), "0,8%", "Đang thực hiện", None],
                    ["NV5", "Nhiệm vụ thêm", "VP", "Không", d(2019, 9, 30), 0.6, "Đang thực hiện", None],
                ],
                formats={"F6": "0%"},
            )
        ],
        {"tasks": 5},
        {
            "tasks": [
                row({"task_code": "NV1"}, progress=0.8),
                row({"task_code": "NV3"}, progress=0.5),
                row({"task_code": "NV5"}, progress=60),
            ]
        },
        warnings=[
            p("warn_progress_fraction", "Nhiệm vụ", 2, "Tiến độ (%)"),
            p("warn_progress_fraction", "Nhiệm vụ", 4, "Tiến độ (%)"),
            p("warn_as_of_outside_year"),
            p("warn_completed_after_as_of", "Nhiệm vụ", 3, "Ngày hoàn thành"),
        ],
        no_warnings=[
            p("warn_progress_fraction", "Nhiệm vụ", 5, "Tiến độ (%)"),
            p("warn_progress_fraction", "Nhiệm vụ", 6, "Tiến độ (%)"),
        ],
        as_of="2020-01-15",
    )
    newest = [[*r[:11], d(2019, 9, 20) if r[0] == "NV4" else r[11], *r[12:]] for r in g.TASK_ROWS]
    _valid(
        g,
        "as_of_defaults_to_newest_update",
        "No as-of given: the data is as of the newest Cập nhật ngày in the file (20/09/2019), not today.",
        [Grid("Nhiệm vụ", [g.TASK_HEADERS, *newest])],
        {"tasks": 4},
        {"tasks": [row({"task_code": "NV4"}, updated_on="2019-09-20")]},
        as_of=None,
        expect_as_of="2019-09-20",
    )
