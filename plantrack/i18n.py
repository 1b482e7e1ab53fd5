"""One message catalogue per language, and the locale formats of numbers, money and dates."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LANGS = ("vi", "en")
LOCALES = {"vi": "vi_VN", "en": "en_GB"}

MESSAGES: dict[str, dict[str, str]] = {
    "vi": {
        # Files that cannot be read at all.
        "file_empty": "Tệp rỗng (0 byte). Hãy chọn tệp Excel .xlsx có dữ liệu.",
        "file_too_large": "Tệp nặng {size} MB, vượt giới hạn {limit} MB.",
        "file_not_xlsx": "Tệp không phải là sổ tính Excel .xlsx (có thể là tệp CSV, .xls cũ hoặc tệp khác bị đổi tên). Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.",
        "file_corrupt": "Tệp .xlsx bị hỏng hoặc chưa tải lên đủ ({detail}). Hãy lưu lại tệp bằng Excel rồi tải lên lần nữa.",
        "file_too_big_unpacked": "Tệp .xlsx khi giải nén lớn bất thường ({size} MB, giới hạn {limit} MB): có thể là tệp độc hại hoặc quá nhiều dữ liệu. Tệp bị từ chối.",
        "no_known_sheet": "Sổ tính không có trang nào của mẫu. Tên trang cần là một trong: {expected}.",
        "duplicate_sheet": "Có hai trang cùng là «{sheet}». Chỉ giữ một trang.",
        # Sheet and column structure.
        "no_header": "Không tìm thấy dòng tiêu đề trong {rows} dòng đầu. Cần các cột: {expected}.",
        "missing_column": "Thiếu cột bắt buộc «{column}».",
        "duplicate_column": "Cột «{column}» xuất hiện hai lần (cột {first} và cột {second}).",
        "plan_field_missing": "Thiếu dòng «{column}» trong trang kế hoạch.",
        # Cell values.
        "required": "Ô trống: cột «{column}» bắt buộc phải có giá trị.",
        "formula_no_value": "Ô chứa công thức chưa được tính (tệp do chương trình tạo, chưa mở và lưu bằng Excel). Hãy mở tệp bằng Excel, lưu lại rồi tải lên, hoặc nhập giá trị thay cho công thức.",
        "expect_date": "«{value}» không phải là ngày. Cần ngày dạng dd/mm/yyyy (ví dụ 05/03/2019) hoặc yyyy-mm-dd.",
        "no_such_date": "«{value}» không phải là ngày có thật (ngày/tháng không hợp lệ). Cần ngày dạng dd/mm/yyyy.",
        "expect_money": "«{value}» không phải là số tiền. Cần số đồng, ví dụ 1.234.567 hoặc 1234567.",
        "negative_money": "Số tiền «{value}» âm. Cần số tiền từ 0 trở lên.",
        "fractional_money": "Số tiền «{value}» có phần lẻ. Cần số nguyên đồng, ví dụ 1.234.567.",
        "expect_number": "«{value}» không phải là số. Cần một số, ví dụ 80 hoặc 2,5.",
        "negative_number": "«{value}» là số âm. Cần số từ 0 trở lên.",
        "expect_int": "«{value}» không phải là số nguyên. Cần số nguyên, ví dụ 1500.",
        "expect_percent": "«{value}» không phải là tỷ lệ phần trăm. Cần số từ 0 đến 100, ví dụ 60 hoặc 60%.",
        "percent_range": "Tiến độ «{value}» nằm ngoài khoảng cho phép. Cần số từ 0 đến 100 (%).",
        "expect_quarter": "«{value}» không phải là quý. Cần I, II, III, IV (hoặc 1–4).",
        "not_in_list": "«{value}» không có trong danh sách. Cần một trong: {allowed}.",
        "duplicate_key": "Trùng khóa {key} với dòng {first_row}. Mỗi dòng cần khóa khác nhau.",
        "unknown_unit": "Đơn vị «{value}» không có trong danh sách đơn vị (trang Đơn vị). Cần mã hoặc tên một đơn vị đã khai báo.",
        "unknown_task": "Mã nhiệm vụ «{value}» không có trong trang Nhiệm vụ. Cần mã của một nhiệm vụ đã khai báo.",
        "unknown_line": "Mã dòng «{value}» không có trong trang Ngân sách. Cần mã của một dòng kinh phí đã khai báo.",
        "due_required": "Nhiệm vụ không thường xuyên phải có hạn hoàn thành. Cần ngày dạng dd/mm/yyyy, hoặc ghi «Có» ở cột Thường xuyên.",
        "start_after_due": "Ngày bắt đầu {start} sau hạn hoàn thành {due}. Cần ngày bắt đầu không muộn hơn hạn.",
        "responded_before_published": "Ngày xử lý {responded} trước ngày đăng {published}. Cần ngày xử lý từ ngày đăng trở đi.",
        "no_plan": "Cơ sở dữ liệu chưa có kế hoạch nào và tệp không có trang «Kế hoạch». Hãy thêm trang Kế hoạch (tên, năm, số hiệu).",
        "unknown_plan": "Không có kế hoạch «{plan}». Các kế hoạch hiện có: {known}.",
        # Warnings: the file can be imported, but someone should look.
        "warn_over_budget": "Tổng giải ngân của dòng {line} là {paid} ₫, vượt dự toán {planned} ₫.",
        "warn_completed_after_as_of": "Ngày hoàn thành {completed} sau ngày số liệu {as_of}.",
        "warn_done_below_100": "Trạng thái «Hoàn thành» nhưng tiến độ chỉ {progress}%.",
        "warn_quarter_mismatch": "Quý {quarter} không khớp với hạn {due} (thuộc quý {expected}); dùng quý theo hạn.",
        "warn_done_without_date": "Trạng thái «Hoàn thành» nhưng chưa có ngày hoàn thành; không xếp được vào nhóm đúng hạn/quá hạn.",
        # Preview and results.
        "nothing_changed": "Không có gì thay đổi so với phiên bản hiện tại (phiên bản {version}).",
        "committed": "Đã ghi phiên bản {version} (số liệu đến ngày {as_of}).",
        "data_changed_since_preview": "Dữ liệu đã thay đổi kể từ khi xem trước (phiên bản hiện tại {current}, lúc xem trước {base}). Hãy xem trước lại.",
        "problems_found": "Tệp có {count} lỗi, chưa ghi gì vào cơ sở dữ liệu.",
        "warnings_found": "{count} cảnh báo (không chặn việc cập nhật).",
        "importable": "Tệp hợp lệ, có thể cập nhật.",
        "rolled_back": "Đã khôi phục về phiên bản {target}: tạo phiên bản mới {version}.",
        "demo_loaded": "Đã nạp kế hoạch mẫu: {versions} phiên bản.",
        "demo_present": "Kế hoạch mẫu đã có sẵn (kế hoạch số {plan}); không nạp lại.",
        "demo_cleared": "Đã xóa dữ liệu mẫu.",
        "no_demo": "Không có dữ liệu mẫu để xóa.",
        "no_version": "Không có phiên bản {version}.",
        "exported": "Đã xuất phiên bản {version} ra {path}.",
        "template_written": "Đã tạo mẫu nhập liệu {path}.",
        "severity_error": "Lỗi",
        "severity_warning": "Cảnh báo",
        "row": "dòng",
        "sheet_file": "Tệp",
        "preview_header": "Trang | thêm | sửa | xóa | giữ nguyên",
        "change_added": "thêm",
        "change_changed": "sửa",
        "change_removed": "xóa",
        "change_unchanged": "giữ nguyên",
        "versions_header": "Phiên bản | Kế hoạch | Thời điểm | Người cập nhật | Tệp | Số liệu đến ngày | Loại",
        "kind_import": "Nhập tệp",
        "kind_rollback": "Khôi phục",
        "kind_demo": "Dữ liệu mẫu",
        "demo_label": "DỮ LIỆU MẪU",
    },
    "en": {
        "file_empty": "The file is empty (0 bytes). Choose an Excel .xlsx file with data.",
        "file_too_large": "The file is {size} MB, over the {limit} MB limit.",
        "file_not_xlsx": "The file is not an Excel .xlsx workbook (perhaps a CSV, an old .xls or another file renamed). Open it in Excel and save it as .xlsx.",
        "file_corrupt": "The .xlsx file is damaged or was not uploaded completely ({detail}). Save it again in Excel and upload it once more.",
        "file_too_big_unpacked": "The .xlsx file unpacks to an abnormal size ({size} MB, limit {limit} MB): it may be malicious or hold too much data. The file is refused.",
        "no_known_sheet": "The workbook has none of the template's sheets. Sheet names must be one of: {expected}.",
        "duplicate_sheet": "Two sheets are both «{sheet}». Keep only one.",
        "no_header": "No header row found in the first {rows} rows. Expected columns: {expected}.",
        "missing_column": "Required column «{column}» is missing.",
        "duplicate_column": "Column «{column}» appears twice (columns {first} and {second}).",
        "plan_field_missing": "The plan sheet has no «{column}» row.",
        "required": "Empty cell: column «{column}» requires a value.",
        "formula_no_value": "The cell holds a formula that was never calculated (the file was written by a program, not saved by Excel). Open the file in Excel and save it, or type the value instead of the formula.",
        "expect_date": "«{value}» is not a date. Expected a date as dd/mm/yyyy (e.g. 05/03/2019) or yyyy-mm-dd.",
        "no_such_date": "«{value}» is not a real date (invalid day or month). Expected a date as dd/mm/yyyy.",
        "expect_money": "«{value}» is not an amount of money. Expected đồng, e.g. 1.234.567 or 1234567.",
        "negative_money": "The amount «{value}» is negative. Expected 0 or more.",
        "fractional_money": "The amount «{value}» has a fraction. Expected whole đồng, e.g. 1.234.567.",
        "expect_number": "«{value}» is not a number. Expected a number, e.g. 80 or 2.5.",
        "negative_number": "«{value}» is negative. Expected 0 or more.",
        "expect_int": "«{value}» is not a whole number. Expected a whole number, e.g. 1500.",
        "expect_percent": "«{value}» is not a percentage. Expected a number from 0 to 100, e.g. 60 or 60%.",
        "percent_range": "Progress «{value}» is out of range. Expected a number from 0 to 100 (%).",
        "expect_quarter": "«{value}» is not a quarter. Expected I, II, III, IV (or 1–4).",
        "not_in_list": "«{value}» is not in the list. Expected one of: {allowed}.",
        "duplicate_key": "Duplicate key {key}, already on row {first_row}. Each row needs its own key.",
        "unknown_unit": "Unit «{value}» is not in the list of units (Units sheet). Expected the code or name of a declared unit.",
        "unknown_task": "Task code «{value}» is not in the Tasks sheet. Expected the code of a declared task.",
        "unknown_line": "Line code «{value}» is not in the Budget sheet. Expected the code of a declared budget line.",
        "due_required": "A task that is not ongoing needs a due date. Expected a date as dd/mm/yyyy, or «Yes» in the Ongoing column.",
        "start_after_due": "Start date {start} is after the due date {due}. Expected a start no later than the due date.",
        "responded_before_published": "Response date {responded} is before the publication date {published}. Expected a date on or after publication.",
        "no_plan": "The database holds no plan and the file has no «Plan» sheet. Add a Plan sheet (title, year, number).",
        "unknown_plan": "There is no plan «{plan}». Plans: {known}.",
        "warn_over_budget": "Disbursements of line {line} total {paid} ₫, above its plan of {planned} ₫.",
        "warn_completed_after_as_of": "Completion date {completed} is after the data as-of date {as_of}.",
        "warn_done_below_100": "State is «Done» but progress is only {progress}%.",
        "warn_quarter_mismatch": "Quarter {quarter} does not match the due date {due} (quarter {expected}); the due date's quarter is used.",
        "warn_done_without_date": "State is «Done» but there is no completion date; it cannot be counted as on time or late.",
        "nothing_changed": "Nothing changed from the current version (version {version}).",
        "committed": "Committed version {version} (data as of {as_of}).",
        "data_changed_since_preview": "The data changed since your preview (current version {current}, preview made on {base}). Preview again.",
        "problems_found": "The file has {count} problems; nothing was written to the database.",
        "warnings_found": "{count} warnings (they do not block the update).",
        "importable": "The file is valid and can be imported.",
        "rolled_back": "Rolled back to version {target}: created version {version}.",
        "demo_loaded": "Loaded the demo plan: {versions} versions.",
        "demo_present": "The demo plan is already there (plan {plan}); not loaded again.",
        "demo_cleared": "Demo data cleared.",
        "no_demo": "There is no demo data to clear.",
        "no_version": "There is no version {version}.",
        "exported": "Exported version {version} to {path}.",
        "template_written": "Wrote the template {path}.",
        "severity_error": "Error",
        "severity_warning": "Warning",
        "row": "row",
        "sheet_file": "File",
        "preview_header": "Sheet | added | changed | removed | unchanged",
        "change_added": "added",
        "change_changed": "changed",
        "change_removed": "removed",
        "change_unchanged": "unchanged",
        "versions_header": "Version | Plan | At | By | File | Data as of | Kind",
        "kind_import": "Import",
        "kind_rollback": "Rollback",
        "kind_demo": "Demo data",
        "demo_label": "DEMO DATA",
    },
}


def t(key: str, lang: str = "vi", **params: object) -> str:
    catalogue = MESSAGES.get(lang, MESSAGES["vi"])
    return catalogue[key].format(**params)


def format_number(value: float | int, lang: str = "vi", digits: int = 0) -> str:
    pattern = "#,##0" if digits == 0 else "#,##0." + "0" * digits
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def format_money(value: float | int, lang: str = "vi") -> str:
    return f"{format_number(round(value), lang)} ₫"


def format_date(value: dt.date | None, lang: str = "vi") -> str:
    if value is None:
        return ""
    return _babel_date(value, format="dd/MM/yyyy", locale=LOCALES[lang])
