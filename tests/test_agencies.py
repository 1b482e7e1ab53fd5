"""Units as people name them in a plan: lists split without cutting names, one body written two ways is one unit."""

from __future__ import annotations

import pytest

from plantrack.agencies import Registry, split_units, unit_key


@pytest.mark.parametrize(
    ("written", "units"),
    [
        ("Sở Nội vụ, Sở Tư pháp.", ["Sở Nội vụ", "Sở Tư pháp"]),
        (
            "Sở Văn hóa, Thể thao và Du lịch và các cơ quan có liên quan",
            ["Sở Văn hóa, Thể thao và Du lịch", "các cơ quan có liên quan"],
        ),
        (
            "Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan.",
            ["Sở Tư pháp", "các cơ quan, đơn vị, địa phương liên quan"],
        ),
        (
            "Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan.",
            ["Văn phòng Chính phủ", "Bộ Tư pháp", "các cơ quan có liên quan"],
        ),
        ("Sở, ban, ngành có liên quan", ["Sở, ban, ngành có liên quan"]),
        ("Sở Công Thương\nBan Quản lý khu Kinh tế", ["Sở Công Thương", "Ban Quản lý khu Kinh tế"]),
        ("Bộ Công an tiến hành rà soát các văn bản", ["Bộ Công an"]),
        ("Báo và Phát thanh, Truyền hình tỉnh; Sở Tư pháp", ["Báo và Phát thanh, Truyền hình tỉnh", "Sở Tư pháp"]),
    ],
)
def test_lists_of_units_split_without_cutting_names(written, units):
    assert split_units(written) == units


def test_one_body_written_two_ways_is_one_unit_with_a_stable_code():
    registry = Registry()
    pairs = [
        ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hoá Thể thao du lịch"),
        ("Sở Tài nguyên và Môi trường", "Sở TNMT"),
        ("Ban Quản lý khu Kinh tế", "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp"),
    ]
    for full, other in pairs:
        assert registry.add(full) is registry.add(other), other
    assert [u.code for u in registry.units] == ["SKHCN", "SVHTTDL", "STNMT", "BQLKKT"]
    assert registry.add("Phòng Kế hoạch - Tài chính").code == "P.KHTC"
    assert registry.add("Sở Tư pháp").code != registry.add("Sở Tài chính").code == "STC"
    assert unit_key("Uỷ ban nhân dân tỉnh") == unit_key("UBND tỉnh")
