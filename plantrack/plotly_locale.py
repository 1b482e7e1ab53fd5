"""Plotly's own words in Vietnamese: the chart toolbar's tooltips and the month and day names of dates.

Passed in each chart's config (`locale` and `locales`), so no locale script has to be fetched.
"""

from __future__ import annotations

# The toolbar's tooltips and messages a reader can meet on our charts.
_TOOLBAR_VI = {
    "Autoscale": "Tự co giãn",
    "Box Select": "Chọn vùng chữ nhật",
    "Compare data on hover": "So sánh dữ liệu khi rê chuột",
    "Double-click on legend to isolate one trace": "Nhấp đúp vào chú giải để chỉ xem một chuỗi",
    "Double-click to zoom back out": "Nhấp đúp để thu nhỏ lại",
    "Download plot as a png": "Tải biểu đồ (PNG)",
    "Download plot": "Tải biểu đồ",
    "Lasso Select": "Chọn vùng tự do",
    "Pan": "Kéo",
    "Produced with Plotly.js": "Vẽ bằng Plotly.js",
    "Reset": "Đặt lại",
    "Reset axes": "Đặt lại trục",
    "Reset view": "Đặt lại khung nhìn",
    "Reset views": "Đặt lại khung nhìn",
    "Show closest data on hover": "Hiện dữ liệu gần nhất khi rê chuột",
    "Snapshot succeeded": "Đã chụp ảnh biểu đồ",
    "Sorry, there was a problem downloading your snapshot!": "Không tải được ảnh biểu đồ.",
    "Taking snapshot - this may take a few seconds": "Đang chụp ảnh biểu đồ, xin chờ vài giây",
    "Toggle Spike Lines": "Bật/tắt đường gióng",
    "Toggle show closest data on hover": "Bật/tắt hiện dữ liệu gần nhất",
    "Zoom": "Phóng to vùng",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "trace": "chuỗi",
}

_FORMAT_VI = {
    "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    "months": [f"Tháng {n}" for n in range(1, 13)],
    "shortMonths": [f"Th{n}" for n in range(1, 13)],
    "date": "%d/%m/%Y",
    "decimal": ",",
    "thousands": ".",
}


def config(lang: str) -> dict[str, object]:
    """The `locale` part of a chart's Plotly config for the interface language."""
    if lang != "vi":
        return {"locale": "en"}
    return {"locale": "vi", "locales": {"vi": {"dictionary": _TOOLBAR_VI, "format": _FORMAT_VI}}}
