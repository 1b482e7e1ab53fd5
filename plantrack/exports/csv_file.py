"""The .csv writer: text that Excel opens with its diacritics. Kept apart because a .csv's rules (the
byte-order mark, the separator, the decimal mark written into the text) concern no other format.

The file is UTF-8 with a byte-order mark (without it Excel shows "Tiáº¿n Ä‘á»™" for "Tiến độ");
dates are dd/mm/yyyy, whole numbers plain digits, decimals use the language's decimal mark.
"""

from __future__ import annotations

import csv
import io

from plantrack.exports.tables import Column, Table, cell_value, neutralise
from plantrack.i18n import format_date

CSV_MIME = "text/csv"
BOM = "\ufeff"
CSV_SEPARATORS = (";", ",")
# The language's thousands and decimal marks.
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def _csv_cell(value: object, column: Column, lang: str) -> str:
    typed = cell_value(value, column, lang)
    if typed is None:
        return ""
    if column.kind == "date":
        return format_date(typed, lang)
    if column.kind in ("money", "int"):
        return str(typed)
    if column.kind in ("number", "percent"):
        decimal = _SEPARATORS.get(lang, _SEPARATORS["vi"])[1]
        text = f"{typed:.{column.digits}f}".replace(".", decimal)
        return text + "%" if column.kind == "percent" else text
    return neutralise(typed)


def csv_bytes(table: Table, lang: str = "vi", separator: str = ",") -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends: what Excel opens with diacritics.

    `separator` ";" is what Excel expects where the decimal mark is a comma (a Vietnamese Windows);
    "," elsewhere. Cells holding the separator are quoted either way."""
    if separator not in CSV_SEPARATORS:
        raise ValueError(f"separator must be one of {CSV_SEPARATORS}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([neutralise(column.header) for column in table.columns])
    columns = [[_csv_cell(v, column, lang) for v in table.frame[column.name]] for column in table.columns]
    writer.writerows(zip(*columns))
    return (BOM + buffer.getvalue()).encode("utf-8")
