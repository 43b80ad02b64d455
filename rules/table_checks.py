"""Arithmetic checks that work on any table, whatever the report: pure functions over the
typed cells of one table (rules/tables.py), used by the quality check files.

- a row labelled 합계/총계/계 against the rows it totals; a row with indented rows beneath it
  (deeper label column or deeper outline mark: □ › - › ·) against those rows; a 소계 row
  against the other rows of its merged label group; a row '총지출(a+b)' against rows (a), (b);
- a column headed 합계/계/총계 against the columns under the same header;
- a 증감 column that names its columns, '(B-A)', against B − A; a ratio '(B-A)/A' against
  (B − A) / A in per cent.

A table printed as two halves side by side (the same headers twice) is read as one list.
A printed figure is rounded to its unit, so a sum may miss by up to half a unit per summand:
such a difference is `rounding`; the quality check reports it as info, a larger one as an error.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import regex

from . import figures
from .facts import CellFact, TableInfo
from .memo import memoized
from .outline import match_marker

# Any table may also total its rows as 전체 or 합.
TOTAL_LABELS = figures.TOTAL_LABELS | {"전체", "합"}
SUBTOTAL_LABELS = {"소계"}
SHARE_RE = regex.compile(r"%|비율|비중|구성비|점유율|(?:률|율)(?:\(|$)")
EXCLUDED_HEADER_RE = regex.compile(
    r"%|비율|율|비중|증감|대비|순위|번호|연번|코드|비고|기간|연도|년도|단가|평균|배"
)
LETTER_RE = regex.compile(r"\(([A-Z])\)")
DIFF_RE = regex.compile(r"\(?([A-Z])\s*[-–]\s*([A-Z])\)?")
RATIO_RE = regex.compile(r"\(?([A-Z])\s*[-–]\s*([A-Z])\)?\s*/\s*\(?([A-Z])\)?")
ROW_LETTER_RE = regex.compile(r"\(([a-zA-Z])\)")
ROW_FORMULA_RE = regex.compile(r"\(\s*([a-zA-Z](?:\s*[+]\s*[a-zA-Z])+)\s*\)")


PRIORITY = [
    "formula_row",
    "subtotal_row",
    "group_row",
    "total_row",
    "total_col",
    "diff_col",
    "ratio_col",
]


class TableFinding(NamedTuple):
    table_id: int
    row: int
    col: int
    kind: str  # total_row | subtotal_row | group_row | formula_row | total_col |
    #                        diff_col | ratio_col
    label: str  # what was checked, for the message: '합계 > 2022년(B)'
    expected: float
    actual: float
    tolerance: float  # half a printed unit per figure involved

    @property
    def rounding(self) -> bool:
        return abs(self.expected - self.actual) <= self.tolerance + 1e-9


class _Row(NamedTuple):
    """A body row as the checks see it (one half of a side-by-side table is its own row)."""

    row: int
    parts: list[str]  # label parts, spaces removed
    depth: tuple[int, int]  # (first label column, outline mark level)
    values: dict[int, CellFact]  # column (within the half) → figure cell
    span_end: int  # first column right of the row's first label cell


_SPACES_RE = regex.compile(r"\s+")


# A table's labels and header paths are keyed again for every row and column the checks try:
# each distinct text once.
@memoized
def _key(text: str | None) -> str:
    return _SPACES_RE.sub("", text or "")


def _printed_step(cell: CellFact) -> float:
    """Half of one printed unit of the figure, in the stored base unit."""
    m = regex.search(r"\d+(?:\.(\d+))?", cell.text.replace(",", ""))
    if not m or cell.number is None or float(m.group(0)) == 0:
        return 0.0
    scale = abs(cell.number) / float(m.group(0))
    decimals = len(m.group(1) or "")
    if decimals == 0 and abs(scale - 1) < 1e-9 and abs(cell.number) < 1000:
        # A small whole number in its own unit (명, 건) is exact; a large one in a table
        # whose unit is not stated is most likely rounded (억원, 백만원).
        return 0.0
    return scale * (10**-decimals) / 2


def _is_figure(cell: CellFact) -> bool:
    return not cell.is_header and cell.number is not None and cell.colspan == 1


def _number(cell: CellFact) -> float:
    """The figure of a cell `_is_figure` kept (so never None)."""
    assert cell.number is not None, cell
    return cell.number


def _column_paths(cells: list[CellFact]) -> dict[int, str]:
    paths: dict[int, str] = {}
    for c in cells:
        if not c.is_header and c.header_path and c.colspan == 1:
            paths.setdefault(c.col, c.header_path)
    return paths


def _halves(cells: list[CellFact], n_cols: int) -> int:
    """Width of one half when the table repeats its columns side by side, else n_cols."""
    paths = _column_paths(cells)
    for width in range(2, n_cols // 2 + 1):
        if n_cols % width:
            continue
        pairs = [(c, c + width) for c in range(n_cols - width)]
        if all(c in paths and d in paths and _key(paths[c]) == _key(paths[d]) for c, d in pairs):
            return width
    return n_cols


def _rows(info: TableInfo, cells: list[CellFact]) -> tuple[list[_Row], dict[int, str]]:
    width = _halves(cells, info.n_cols)
    by_row: dict[int, list[CellFact]] = defaultdict(list)
    covered: set[tuple[int, int]] = set()  # positions a cell from a row above spans into
    for c in cells:
        if not c.is_header:
            by_row[c.row].append(c)
        for r in range(c.row + 1, c.row + c.rowspan):
            for col in range(c.col, c.col + c.colspan):
                covered.add((r, col))
    rows: list[_Row] = []
    for half in range(info.n_cols // width):
        low, high = half * width, (half + 1) * width
        for r in sorted(by_row):
            own = [c for c in by_row[r] if low <= c.col < high]
            values = {c.col - low: c for c in own if _is_figure(c)}
            first_value = min(values) + low if values else high
            labels = [
                c
                for c in sorted(own, key=lambda c: c.col)
                if c.col < first_value and c.number is None and _key(c.text)
            ]
            if not labels and values:
                # A label merged across the halves ('총계' spanning five columns).
                labels = [
                    c
                    for c in by_row[r]
                    if c.col < low
                    and c.number is None
                    and _key(c.text)
                    and c.col + c.colspan > low - width
                ]
            if not labels and not values:
                continue
            parts = [_key(c.text) for c in labels]
            if width == info.n_cols:
                # Labels merged down from the rows above ('사업비' over its rows) belong to
                # this row too; rules/tables.py read them into row_label.
                labelled = next((c for c in by_row[r] if c.row_label), None)
                if labelled is not None and labelled.row_label:
                    parts = [_key(p) for p in labelled.row_label.split(" > ") if _key(p)]
            # A label merged down over the rows of its group is theirs as much as this one's:
            # the row's mark is its own label's ('주전산센터 서버통합' over '·통합 DB서버' …
            # starts its group's first row, a '·' item like the rest).
            own_label = next((c for c in labels if c.rowspan == 1), labels[0]) if labels else None
            mark = match_marker(own_label.text.strip()) if own_label else None
            # Indented: the row leaves its first label columns empty. A column a merged cell
            # from above spans into is not empty: the row sits inside that group, level with
            # the rows beside it.
            start = next(
                (
                    col - low
                    for col in range(low, high)
                    if (r, col) in covered or any(c.col == col and _key(c.text) for c in own)
                ),
                width,
            )
            depth = (start, mark[0] if mark else 0)
            span_end = (labels[0].col - low + labels[0].colspan) if labels else start
            rows.append(_Row(r, parts, depth, values, span_end))
    paths = {c - 0: p for c, p in _column_paths(cells).items() if c < width}
    return rows, paths


def _summable(path: str) -> bool:
    """A column of amounts or counts, not of ratios, differences, codes or years."""
    last = path.split(" > ")[-1]
    return not (EXCLUDED_HEADER_RE.search(last) or RATIO_RE.search(last))


def _is_total_label(label: str) -> bool:
    return label in TOTAL_LABELS or label.endswith(("합계", "총계"))


def _kind(row: _Row) -> str:
    return _kind_of_parts(tuple(row.parts))


# A row's kind is asked for each column and each row it may total: each distinct label once.
@memoized
def _kind_of_parts(parts: tuple[str, ...]) -> str:
    label = parts[0] if parts else ""
    last = parts[-1] if parts else ""
    if _is_total_label(label):
        return "total"
    if last in SUBTOTAL_LABELS or (len(parts) >= 2 and _is_total_label(last)):
        return "subtotal"
    if any(SHARE_RE.search(p) for p in parts):
        return "share"
    return "item"


def _compare(
    info: TableInfo,
    total: CellFact,
    parts: list[CellFact],
    kind: str,
    label: str,
    expected: float | None = None,
) -> TableFinding | None:
    if expected is None:
        expected = sum(_number(p) for p in parts)
    tolerance = sum(_printed_step(p) for p in parts) + _printed_step(total)
    if abs(expected - _number(total)) <= 1e-6 * max(1.0, abs(expected)):
        return None
    return TableFinding(
        info.table_id, total.row, total.col, kind, label, expected, _number(total), tolerance
    )


def _below(parent: _Row, row: _Row) -> bool:
    """Is `row` indented under `parent`: a deeper outline mark in the same label column, or a
    label starting in a column that the parent's label cell spans over?"""
    if row.depth <= parent.depth:
        return False
    return row.depth[0] == parent.depth[0] or row.depth[0] < parent.span_end


def _children(rows: list[_Row], index: int) -> list[_Row]:
    """The rows indented under rows[index], down to the first row that is not; direct
    children only (the shallowest depth among them)."""
    parent = rows[index]
    below: list[_Row] = []
    for row in rows[index + 1 :]:
        if not _below(parent, row) or _kind(row) != "item":
            break
        below.append(row)
    if not below:
        return []
    top = min(r.depth for r in below)
    return [r for r in below if r.depth == top]


def check_rows(
    info: TableInfo, cells: list[CellFact], read: tuple[list[_Row], dict[int, str]] | None = None
) -> list[TableFinding]:
    rows, paths = read or _rows(info, cells)
    columns = [c for c, p in paths.items() if _summable(p)]
    findings: list[TableFinding] = []
    items = [r for r in rows if _kind(r) == "item"]
    letters = {m.group(1): r for r in rows for p in r.parts for m in [ROW_LETTER_RE.search(p)] if m}
    formulas = [
        next((m for p in r.parts for m in [ROW_FORMULA_RE.search(p)] if m), None) for r in rows
    ]
    for col in columns:
        # Rows with indented rows under them are the sum of those rows.
        for i, row in enumerate(rows):
            if _kind(row) != "item" or col not in row.values:
                continue
            kids = [k for k in _children(rows, i) if col in k.values]
            if len(kids) >= 2 and len(kids) == len(_children(rows, i)):
                found = _compare(
                    info,
                    row.values[col],
                    [k.values[col] for k in kids],
                    "group_row",
                    " > ".join(row.parts),
                )
                findings += [found] if found else []
        # '총지출(a+b)': the rows lettered (a) and (b).
        for row, formula in zip(rows, formulas):
            if _kind(row) == "share":
                continue  # '지방부담률(B/(A+B))' is a ratio of the rows, not their sum
            if formula and col in row.values:
                names = regex.findall(r"[a-zA-Z]", formula.group(1))
                if names and all(n in letters and col in letters[n].values for n in names):
                    found = _compare(
                        info,
                        row.values[col],
                        [letters[n].values[col] for n in names],
                        "formula_row",
                        " > ".join(row.parts),
                    )
                    findings += [found] if found else []
        # 소계: the other rows of its merged label group.
        for row in rows:
            if _kind(row) != "subtotal" or col not in row.values or len(row.parts) < 2:
                continue
            group = [
                r.values[col]
                for r in items
                if r.parts[: len(row.parts) - 1] == row.parts[:-1] and col in r.values
            ]
            if len(group) >= 2:
                found = _compare(
                    info, row.values[col], group, "subtotal_row", " > ".join(row.parts)
                )
                findings += [found] if found else []
        # 합계: the top-level rows, or the 소계 rows and the rows outside any 소계 group, or
        # every row without rows under it — whichever way the table is built.
        totals = [r for r in rows if _kind(r) == "total" and col in r.values]
        for total in totals:
            if len(totals) > 1 and len(total.parts) < 2:
                continue  # several 합계 rows without a measure: which rows each adds is unclear
            candidates = _total_candidates(rows, col, total.parts[1:], columns)
            if not candidates:
                continue
            results = [
                _compare(info, total.values[col], c, "total_row", " > ".join(total.parts))
                for c in candidates
            ]
            differing = [f for f in results if f is not None]
            if len(differing) == len(results):
                findings.append(min(differing, key=lambda f: abs(f.expected - f.actual)))
    return findings


def _total_candidates(
    rows: list[_Row], col: int, measure: list[str], columns: list[int] | None = None
) -> list[list[CellFact]]:
    """Ways the table may build its 합계. A '합계 > 정원' row totals the '… > 정원' rows."""
    body = [
        r
        for r in rows
        if _kind(r) in ("item", "subtotal") and (not measure or r.parts[-len(measure) :] == measure)
    ]
    if not body:
        return []
    top = min(r.depth for r in body)
    level = [
        r.values[col] for r in body if r.depth == top and _kind(r) == "item" and col in r.values
    ]
    subtotals = [r for r in body if _kind(r) == "subtotal"]
    grouped = {tuple(s.parts[:-1]) for s in subtotals}
    by_subtotal = [s.values[col] for s in subtotals if col in s.values] + [
        r.values[col]
        for r in body
        if _kind(r) == "item"
        and col in r.values
        and not any(tuple(r.parts[: len(g)]) == g for g in grouped if g)
    ]
    leaves = [
        r.values[col]
        for i, r in enumerate(rows)
        if r in body and _kind(r) == "item" and col in r.values and not _children(rows, i)
    ]
    implied = _outside_implied_groups([r for r in body if _kind(r) == "item"], col, columns)
    return [c for c in (level, by_subtotal, leaves, implied) if len(c) >= 2]


def _outside_implied_groups(
    items: list[_Row], col: int, columns: list[int] | None
) -> list[CellFact]:
    """The rows left when every row that is the exact sum of the two or more rows right
    under it, in each of the table's figure columns, keeps them as its parts: a hierarchy the
    table shows only by indentation or merged cells that did not survive ('이전수입' over
    '지방교부세', '보조금'). All columns must agree, so that small figures do not add up by
    chance."""
    columns = [c for c in (columns or [col])]
    kept: list[CellFact] = []
    i = 0
    while i < len(items):
        if col in items[i].values:
            kept.append(items[i].values[col])
        i += 1 + _implied_parts(items, i, columns)
    return kept


def _implied_parts(items: list[_Row], i: int, columns: list[int]) -> int:
    """How many rows after items[i] it is the sum of in every column it has a figure in."""
    own = [c for c in columns if c in items[i].values]
    if not own:
        return 0
    totals = dict.fromkeys(own, 0.0)
    for k in range(i + 1, len(items)):
        for c in own:
            if c not in items[k].values:
                return 0
            totals[c] += _number(items[k].values[c])
        if k - i >= 2 and all(
            abs(totals[c] - _number(items[i].values[c])) <= 1e-6 * max(1.0, abs(totals[c]))
            for c in own
        ):
            return k - i
    return 0


def check_total_columns(
    info: TableInfo, cells: list[CellFact], read: tuple[list[_Row], dict[int, str]] | None = None
) -> list[TableFinding]:
    """A column headed 합계/계 against the figure columns under the same header."""
    rows, paths = read or _rows(info, cells)
    totals = {c: p for c, p in paths.items() if _key(p.split(" > ")[-1]) in TOTAL_LABELS}
    findings: list[TableFinding] = []
    for col, path in totals.items():
        parent = path.split(" > ")[:-1]
        parts_cols = [
            c
            for c, p in paths.items()
            if c != col
            and c not in totals
            and p.split(" > ")[: len(parent)] == parent
            and len(p.split(" > ")) > len(parent)
            and _summable(p)
        ]
        if len(parts_cols) < 2:
            continue
        for row in rows:
            if (
                col in row.values
                and all(c in row.values for c in parts_cols)
                and _kind(row) != "share"
            ):
                found = _compare(
                    info, row.values[col], [row.values[c] for c in parts_cols], "total_col", path
                )
                findings += [found] if found else []
    return findings


def check_difference_columns(info: TableInfo, cells: list[CellFact]) -> list[TableFinding]:
    """'증감 (B-A)' = B − A and '(B-A)/A' = (B − A) / A × 100, where columns are lettered."""
    lettered: dict[str, int] = {}
    for c in cells:
        path = c.header_path or ""
        if not c.is_header and not DIFF_RE.search(path):
            for letter in LETTER_RE.findall(path):
                lettered.setdefault(letter, c.col)
    value = {(c.row, c.col): c for c in cells if _is_figure(c)}
    findings: list[TableFinding] = []
    for c in cells:
        if not _is_figure(c) or not c.header_path:
            continue
        last = c.header_path.split(" > ")[-1]
        ratio = RATIO_RE.search(last)
        diff = DIFF_RE.search(c.header_path) if not ratio else None
        if ratio:
            b, a, base = (lettered.get(x) for x in ratio.groups())
            if a is None or b is None or base is None:
                continue
            if not all((c.row, k) in value for k in (a, b, base)):
                continue
            vb, va, vbase = (_number(value[(c.row, k)]) for k in (b, a, base))
            if not vbase:
                continue
            expected = (vb - va) / vbase * 100
            step = max(_printed_step(c), 0.05)
            if abs(expected - _number(c)) > step + 1e-9:  # a ratio is printed rounded
                findings.append(
                    TableFinding(
                        info.table_id,
                        c.row,
                        c.col,
                        "ratio_col",
                        c.header_path,
                        round(expected, 4),
                        _number(c),
                        step,
                    )
                )
        elif diff and ("증감" in c.header_path.replace(" ", "") or "차" in c.header_path):
            b, a = (lettered.get(x) for x in diff.groups())
            if a is None or b is None or not all((c.row, k) in value for k in (a, b)):
                continue
            cb, ca = value[(c.row, b)], value[(c.row, a)]
            found = _compare(
                info, c, [cb, ca], "diff_col", c.header_path, expected=_number(cb) - _number(ca)
            )
            findings += [found] if found else []
    return findings


def check_table(info: TableInfo, cells: list[CellFact]) -> list[TableFinding]:
    """Every generic finding of one table, in (row, col) order, one per cell and kind."""
    if info.header_rows == 0 or not cells:
        return []
    read = _rows(info, cells)  # both row checks read the rows alike: once
    found = (
        check_rows(info, cells, read)
        + check_total_columns(info, cells, read)
        + check_difference_columns(info, cells)
    )
    # One finding per cell: the most specific way the table says how it adds up.
    unique: dict[tuple[int, int], TableFinding] = {}
    for f in sorted(found, key=lambda f: PRIORITY.index(f.kind)):
        unique.setdefault((f.row, f.col), f)
    return sorted(unique.values(), key=lambda f: (f.row, f.col))
