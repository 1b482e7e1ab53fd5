"""How much work one uploaded file may cost, in one place (the README's security section lists them).

A workbook is a zip of XML: a 2 KB file can name a cell at XFD1048576 (a dense grid of 17 billion
cells), unpack to gigabytes, or merge the same 100.000 cells two thousand times. Each limit below
is checked before the work it bounds, and each refusal names the limit in the user's language.
The values leave room for the largest real files measured (docs/PERFORMANCE.md: a month of
100.000 mentions × 14 columns, 1,4 million cells, ~60 MB of sheet XML).
"""

from __future__ import annotations

MIB = 2**20

# The file as uploaded, and as unpacked (every part together, and the compression ratio).
MAX_FILE_BYTES = 100 * MIB
MAX_UNPACKED_BYTES = 1024 * MIB
MAX_RATIO = 200
# One part of the zip (a sheet's XML, the shared strings), unpacked.
MAX_PART_BYTES = 256 * MIB
# One sheet's used range, from A1 to its last filled row and column, in cells: the reader builds
# that grid densely, so this bounds memory whatever the cells hold.
MAX_SHEET_CELLS = 3_000_000
# The used ranges of all the template's sheets in one file together.
MAX_WORKBOOK_CELLS = 6_000_000
# Text the cells of one sheet take from the shared strings, in bytes of XML: the reader copies a
# shared string into every cell that uses it.
MAX_SHEET_TEXT_BYTES = 128 * MIB
# Merged ranges of one sheet, and the cells they cover together (overlaps counted each time).
MAX_MERGED_RANGES = 10_000
MAX_MERGED_CELLS = 1_000_000
# Wall-clock time for reading one file and checking every cell of it (validation runs under the
# same clock; the diff and the commit after it are bounded by the rows these limits allow).
READ_SECONDS = 120
# Problems kept per severity; the rest are counted ("và N lỗi khác").
MAX_PROBLEMS = 1_000
# What an Excel cell holds at most, so an export gives back what was imported.
MAX_CELL_CHARS = 32_767
# Numbers the database columns and the pages' formatting hold with room for sums: money in đồng
# (a million billion đồng, 10^15, is far above any provincial budget), reach, and indicator targets.
MAX_MONEY = 10**15
MAX_INT = 10**12
MAX_NUMBER = 10**12
