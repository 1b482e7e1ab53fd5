"""python-docx helpers for a document in the shape NĐ 30/2020 asks: Times New Roman, centred heading
blocks with short rules, page numbers from page 2, plain grids."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"


def set_font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def add_paragraph(
    container,
    text: str = "",
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    after: float = 6,
    before: float = 0,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Cm(1)
    if text:
        set_font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def add_rule(container, width_cm: float, cell_cm: float) -> None:
    """A short centred line (under the agency, the motto and the title): the bottom border of an
    empty paragraph of its own, whose indents set the line's length without squeezing any text."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(4)
    side = max((cell_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def remove_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def fill_cell(
    cell, lines: list[tuple[str, float, bool, bool]], rule: tuple[int, float] | None = None, cell_cm: float = 0
) -> None:
    """Centred lines in a cell; `rule` = (after which line, its length in cm)."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for n, (text, size, bold, italic) in enumerate(lines):
        paragraph = add_paragraph(cell, text, size, bold, italic, WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
        paragraph.paragraph_format.line_spacing = 1.0
        if rule and rule[0] == n:
            add_rule(cell, rule[1], cell_cm)


def add_page_numbers(section) -> None:
    """Page numbers centred at the top from page 2 on, as NĐ 30/2020 asks."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    set_font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def add_blank_table(document, widths: tuple[float, ...]):
    """A one-row table without borders, its columns fixed (Word and LibreOffice read the grid)."""
    table = document.add_table(rows=1, cols=len(widths))
    remove_borders(table)
    table.autofit = False
    for n, width in enumerate(widths):
        table.columns[n].width = Cm(width)
        table.rows[0].cells[n].width = Cm(width)
    return table


def add_grid(
    document, header: list[str], rows: list[list[str]], widths: list[float], numeric: set[int], bold_last: bool = False
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for n, text in enumerate(header):
        cell = table.rows[0].cells[n]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for r, row in enumerate(rows):
        cells = table.add_row().cells
        for n, text in enumerate(row):
            paragraph = cells[n].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if n in numeric else WD_ALIGN_PARAGRAPH.LEFT
            set_font(paragraph.add_run(text), 12, bold=bold_last and r == len(rows) - 1)
    table.autofit = False
    for n, width in enumerate(widths):
        table.columns[n].width = Cm(width)
        for cell in table.columns[n].cells:
            cell.width = Cm(width)
    add_paragraph(document, after=0)


def add_heading(document, text: str, level: int) -> None:
    heading = add_paragraph(
        document, text, 14, bold=True, italic=level == 3, indent=True, before=6 if level == 1 else 3
    )
    heading.paragraph_format.keep_with_next = True  # never alone at the foot of a page


def add_bullets(document, lines: list[str]) -> None:
    for line in lines:
        add_paragraph(document, f"- {line}", after=3)
