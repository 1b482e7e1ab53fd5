"""Exports of what is on screen: .xlsx with the shown headers and formats, and .csv that Excel opens.

A table is exported with the columns, headers and order the page shows (`tables.table`, from the
columns' definitions in `measures`); `xlsx` writes it as a workbook, `csv_file` as text. Both take a
cell's value and neutralise formula-like text the same way (`tables`), so the two downloads of one
table hold the same data.

Callers use the package as one module (`exports.table`, `exports.xlsx_bytes`, …).
"""

from plantrack.exports.csv_file import CSV_MIME, CSV_SEPARATORS, csv_bytes
from plantrack.exports.tables import Column, Table, neutralise, slug, table
from plantrack.exports.xlsx import MIN_WIDTH, XLSX_MIME, sheet_name, xlsx_bytes

__all__ = [
    "CSV_MIME",
    "CSV_SEPARATORS",
    "MIN_WIDTH",
    "XLSX_MIME",
    "Column",
    "Table",
    "csv_bytes",
    "neutralise",
    "sheet_name",
    "slug",
    "table",
    "xlsx_bytes",
]
