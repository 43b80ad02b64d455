"""Totals, sub-totals, 증감 and ratio columns of any table, whatever the report.

A Python check: which rows a 합계 adds up (merged label groups, indented rows, '(a+b)' rows,
two halves printed side by side) is read from the table's shape, which SQL does not say well.
The arithmetic itself is rules/table_checks.py. Tables a family rule already read (the
training plan's 예산 집행 계획) are left to that family's own checks.
"""

from __future__ import annotations

from kplan.rules.facts import CellFact, TableInfo
from kplan.rules.normalize import unit_factor
from kplan.rules.table_checks import check_table

CHECK = {
    "id": "table_arithmetic",
    "severity": "error",
    "message_ko": "표 {table_id}{caption_ko} ‘{row_label}’ {column}: {actual_text} ≠ "
    "{kind_ko} {expected_text} (차이 {difference_text}){rounding_ko}",
    "message_en": "Table {table_id}{caption_en} ‘{row_label}’ {column}: {actual_text} ≠ "
    "{kind_en} {expected_text} (difference {difference_text}){rounding_en}",
    "about": "Any table: a row labelled 합계/총계/계 against the rows it totals; a 소계 row "
    "against its group; a row with indented rows under it against them; "
    "'총지출(a+b)' against rows (a) and (b); a column headed 합계/계 against the columns "
    "under the same header; '증감 (B-A)' against B − A; '(B-A)/A' against the ratio. "
    "A difference within the rounding of the printed figures is info.",
}
KINDS = {
    "total_row": ("내역 합", "the sum of its rows"),
    "subtotal_row": ("소계 대상 합", "the sum of its group"),
    "group_row": ("하위 항목 합", "the sum of the rows under it"),
    "formula_row": ("수식 항목 합", "the rows its formula names"),
    "total_col": ("항목 열 합", "the sum of its columns"),
    "diff_col": ("B − A", "B − A"),
    "ratio_col": ("(B − A)/A", "(B − A)/A"),
}


def _printed(value: float, scale: float, ratio: bool) -> str:
    shown = value / scale if scale else value
    if ratio or abs(shown - round(shown)) > 1e-6:
        return f"{shown:,.1f}"
    return f"{round(shown):,}"


def _scale(cell: CellFact, unit: str | None, ratio: bool) -> float:
    """Won (or whatever base unit) per printed unit of the cell, to show figures as printed."""
    if ratio:
        return 1.0
    try:
        printed = float(cell.text.replace(",", "").strip("()△▲ %"))
    except ValueError:
        printed = 0.0
    if printed and cell.number is not None:
        return abs(cell.number) / printed
    return unit_factor(unit)


def run(con, doc_ids):
    scope = (
        ""
        if doc_ids is None
        else f"AND t.doc_id IN ({', '.join(str(int(d)) for d in doc_ids) or 'NULL'})"
    )
    # Only tables the checks can find anything in: a header (check_table reads none without)
    # and at least one figure cell; most tables of a report are text, and their cells are
    # most of its cells.
    checked = f"""
        SELECT t.* FROM tables t
        WHERE NOT coalesce(t.read_by_family, false) AND coalesce(t.header_rows, -1) <> 0 {scope}
          AND EXISTS (SELECT 1 FROM table_cells f
                      WHERE f.doc_id = t.doc_id AND f.table_id = t.table_id
                        AND f.number IS NOT NULL AND NOT f.is_header AND f.colspan = 1)"""
    tables = con.execute(f"""
        SELECT t.doc_id, t.table_id, t.page, t.caption, t.unit, t.n_rows, t.n_cols,
               t.header_rows, t.block
        FROM ({checked}) t ORDER BY t.doc_id, t.table_id""").fetchall()
    if not tables:
        return
    cells: dict[tuple[int, int], list[CellFact]] = {}
    for row in con.execute(f"""
            SELECT c.doc_id, {", ".join(f"c.{name}" for name in CellFact._fields)}
            FROM table_cells c JOIN ({checked}) t USING (doc_id, table_id)""").fetchall():
        cells.setdefault((row[0], row[1]), []).append(CellFact(*row[1:]))
    for doc_id, table_id, page, caption, unit, n_rows, n_cols, header_rows, block in tables:
        info = TableInfo(table_id, page, caption, unit, n_rows, n_cols, header_rows, block)
        table_cells = cells.get((doc_id, table_id), [])
        by_position = {(c.row, c.col): c for c in table_cells}
        for finding in check_table(info, table_cells):
            cell = by_position[(finding.row, finding.col)]
            ratio = finding.kind == "ratio_col"
            scale = _scale(cell, unit, ratio)
            kind_ko, kind_en = KINDS[finding.kind]
            caption_text = f" ({caption})" if caption else ""
            difference = finding.actual - finding.expected
            yield {
                "doc_id": doc_id,
                "page": page,
                "table_id": table_id,
                "cell_row": finding.row,
                "cell_col": finding.col,
                "severity": "info" if finding.rounding else None,
                "expected": _printed(finding.expected, scale, ratio),
                "actual": cell.text,
                "difference": round(difference)
                if not ratio and abs(difference - round(difference)) < 1e-6
                else None,
                "source": f"{cell.row_label or ''} | {cell.header_path or ''} | {cell.text}",
                "row_label": cell.row_label or "",
                "column": cell.header_path or "",
                "caption_ko": caption_text,
                "caption_en": caption_text,
                "kind_ko": kind_ko,
                "kind_en": kind_en,
                "actual_text": cell.text,
                "expected_text": _printed(finding.expected, scale, ratio),
                "difference_text": ("+" if difference > 0 else "")
                + _printed(difference, scale, ratio),
                "rounding_ko": " — 인쇄 단위의 반올림 차이로 보임" if finding.rounding else "",
                "rounding_en": " — within the rounding of the printed figures"
                if finding.rounding
                else "",
            }
