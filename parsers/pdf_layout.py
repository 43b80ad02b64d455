"""Where a PDF page's tables are: the ruled grids pdfplumber finds, the boxes it leaves out, and
the parts Hancom's export draws apart that are one table in the HWP.

Hancom's PDF export draws what the HWP holds as a table only where the table has rulings: a
title box may be a gradient fill, a table's spacer cells draw nothing, an organisation chart is
boxes and connector lines, a cover is two coloured bars. Each function here turns one such
drawing back into the cell rectangles of one table; `pdf.table_from_cells` makes the grid.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from .pdf_settings import DEFAULT_SETTINGS, PdfSettings

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class DottedRule(NamedTuple):
    vertical: bool
    at: float  # x of a vertical rule, y of a horizontal one
    start: float
    end: float


def dotted_rules(page, settings: PdfSettings = DEFAULT_SETTINGS) -> list[DottedRule]:
    """Dotted rulings, as Hancom exports them: runs of dashes of 0.4 pt (which pdfplumber's
    table search leaves out, being shorter than its 1 pt floor) or of round dots, on one
    line."""
    dashes_of: dict[bool, list[tuple[float, float, float]]] = {False: [], True: []}
    for ln in page.lines:
        if max(ln["width"], ln["height"]) > settings.dash_max:
            continue
        vertical = ln["height"] > ln["width"]
        dashes_of[vertical].append(
            (ln["x0"], ln["top"], ln["bottom"]) if vertical else (ln["top"], ln["x0"], ln["x1"])
        )
    # Round dots (tiny closed curves) of a dotted border, spaced wider than dashes: each is a
    # dash of either direction, stretched by half the wider spacing for the gap test.
    for dot in page.curves if len(page.curves) <= settings.max_dots else []:
        w, h = dot["x1"] - dot["x0"], dot["bottom"] - dot["top"]
        if 0.3 <= w <= settings.dot_max and 0.3 <= h <= settings.dot_max and abs(w - h) <= 0.5:
            cx, cy, pad = (
                (dot["x0"] + dot["x1"]) / 2,
                (dot["top"] + dot["bottom"]) / 2,
                settings.dot_pad,
            )
            dashes_of[False].append((cy, dot["x0"] - pad, dot["x1"] + pad))
            dashes_of[True].append((cx, dot["top"] - pad, dot["bottom"] + pad))
    # Dashes on one line (within 0.3 pt across), whatever rounding their coordinates need.
    runs: dict[tuple[bool, float], list[tuple[float, float]]] = {}
    for vertical, dashes in dashes_of.items():
        at = None
        for pos, a, b in sorted(dashes):
            if at is None or pos - at > 0.3:
                at = pos
            runs.setdefault((vertical, round(at, 1)), []).append((a, b))
    rules = []
    for (vertical, at), run in runs.items():
        run.sort()
        start, end, count = run[0][0], run[0][1], 1
        for a, b in run[1:] + [(float("inf"), float("inf"))]:
            if a - end <= settings.dash_gap:
                end, count = max(end, b), count + 1
                continue
            if count >= settings.dash_min_count:
                rules.append(DottedRule(vertical, at, start, end))
            start, end, count = a, b, 1
    return rules


def crosses(rule: DottedRule, bbox: tuple, tol: float) -> bool:
    """Whether a dotted rule runs across the whole of `bbox`, edge to edge, inside it."""
    x0, top, x1, bottom = bbox
    if rule.vertical:
        return (
            abs(rule.start - top) <= tol
            and abs(rule.end - bottom) <= tol
            and x0 + tol < rule.at < x1 - tol
        )
    return (
        abs(rule.start - x0) <= tol
        and abs(rule.end - x1) <= tol
        and top + tol < rule.at < bottom - tol
    )


def cuts_whole_cells(rule: DottedRule, cells: list[tuple], tol: float) -> bool:
    """Whether a horizontal dotted rule runs from one ruled cell border to another at its
    height, through the inside of the cells between: it then splits those cells whole (the
    rows beside a label cell spanning them), and the cells outside it keep their spans. A rule
    ending inside a cell says nothing of the rows of the other columns; it is not used."""
    if rule.vertical:
        return False
    at_height = [c for c in cells if c[1] + tol < rule.at < c[3] - tol]
    if not at_height:
        return False
    edges = {x for c in at_height for x in (c[0], c[2])}

    def on_edge(x: float) -> bool:
        return any(abs(x - e) <= tol for e in edges)

    inside = [c for c in at_height if rule.start - tol <= c[0] and c[2] <= rule.end + tol]
    return on_edge(rule.start) and on_edge(rule.end) and bool(inside)


def closed_boxes(
    rules: list[DottedRule], settings: PdfSettings = DEFAULT_SETTINGS
) -> set[DottedRule]:
    """Dotted rulings that close a box among themselves — a top and a bottom rule whose ends
    the two side rules join, corner to corner — as Hancom exports a table drawn with dotted
    borders only (a note box under a chart); such a box has no solid ruling to be found by."""
    across = [r for r in rules if not r.vertical]
    sides = [r for r in rules if r.vertical]
    found: set[DottedRule] = set()
    tol = settings.edge_tolerance
    if len(across) > settings.max_dotted_rules or len(sides) > settings.max_dotted_rules:
        return found  # a page of dotted leaders or hatching, not a few boxes
    for top in across:
        for bottom in across:
            if (
                bottom.at <= top.at + tol
                or abs(bottom.start - top.start) > tol
                or abs(bottom.end - top.end) > tol
            ):
                continue
            edges = [
                next(
                    (
                        v
                        for v in sides
                        if abs(v.at - x) <= tol
                        and abs(v.start - top.at) <= tol
                        and abs(v.end - bottom.at) <= tol
                    ),
                    None,
                )
                for x in (top.start, top.end)
            ]
            if edges[0] is not None and edges[1] is not None:
                found.update([top, bottom, edges[0], edges[1]])
                found.update(
                    r
                    for r in across
                    if top.at < r.at < bottom.at
                    and abs(r.start - top.start) <= tol
                    and abs(r.end - top.end) <= tol
                )
    return found


def _as_line(rule: DottedRule, page) -> dict:
    if rule.vertical:
        x0 = x1 = rule.at
        top, bottom = rule.start, rule.end
    else:
        x0, x1 = rule.start, rule.end
        top = bottom = rule.at
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "doctop": top + page.initial_doctop,
    }


class _Box(NamedTuple):
    """A ruled box around text: a table of one cell, which pdfplumber leaves out."""

    bbox: tuple
    cells: list


def find_tables(page, settings: PdfSettings) -> list:
    """pdfplumber's tables, plus the single ruled boxes holding text or a picture that it
    drops (Hancom draws a title, a note or a picture in a box as a one-cell table). The
    strips of a gradient fill are no rulings: they are left out of the search, and a gradient
    box holding text is a box."""
    stacks = gradient_stacks(page)
    strips = {_key(r) for _, members in stacks for r in members}
    ruled = (
        page.filter(lambda o: o.get("object_type") != "rect" or _key(o) not in strips)
        if strips
        else page
    )
    try:
        return _find_tables(page, ruled, stacks, settings)
    finally:
        if ruled is not page:  # a page is in a reference cycle: its objects go now, not later
            ruled.close()


def _find_tables(page, ruled, stacks: list, settings: PdfSettings) -> list:
    """`find_tables` on `ruled`, the page without its gradient strips."""
    finding = {**TABLE_SETTINGS, "snap_tolerance": settings.snap_tolerance}
    finder = ruled.debug_tablefinder(finding)
    # Dotted rulings that cross a whole table are its row (or column) rulings. One that
    # crosses part of a table only (one cell's inner border) is left out: cutting by it, with
    # nothing to say which rows of the other columns it separates, scrambles them.
    in_a_table = {tuple(c) for t in finder.tables for c in t.cells}
    boxes = [tuple(t.bbox) for t in finder.tables] + [
        tuple(c) for c in finder.cells if tuple(c) not in in_a_table
    ]  # the one-cell boxes
    rules = dotted_rules(page, settings)
    framing = closed_boxes(rules, settings)
    tol = settings.edge_tolerance
    dotted = [r for r in rules if r in framing or any(crosses(r, box, tol) for box in boxes)]

    def with_dotted(used: list[DottedRule]):
        return ruled.debug_tablefinder(
            {
                **finding,
                "explicit_horizontal_lines": [_as_line(r, page) for r in used if not r.vertical],
                "explicit_vertical_lines": [_as_line(r, page) for r in used if r.vertical],
            }
        )

    if dotted:
        finder = with_dotted(dotted)
    # Then the rules that run between cell borders — borders the whole-table rules may draw.
    cells = [tuple(c) for t in finder.tables for c in t.cells]
    partial = [r for r in rules if r not in dotted and cuts_whole_cells(r, cells, tol)]
    if partial:
        finder = with_dotted(dotted + partial)
    # Then the bottom a page break leaves out: a table's column rulings running on below its
    # last row ruling to one end are its last rows, closed there.
    boxes_now = [tuple(t.bbox) for t in finder.tables]
    closing = open_bottoms(boxes_now, page.edges, tol, settings.open_bottom_columns)
    # And the sides a table printed open at both ends leaves out.
    closing += open_sides(page.edges, tol)
    if closing:
        finder = with_dotted(dotted + partial + closing)
    tables = [t for t in finder.tables if t.cells]
    in_tables = {tuple(c) for t in tables for c in t.cells}
    chars = page.chars
    for cell in finder.cells:
        if tuple(cell) in in_tables:
            continue
        x0, top, x1, bottom = cell
        inside = any(
            x0 <= (c["x0"] + c["x1"]) / 2 <= x1
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            and c["text"].strip()
            for c in chars
        )
        enclosed = any(
            t.bbox[0] - 1 <= x0
            and x1 <= t.bbox[2] + 1
            and t.bbox[1] - 1 <= top
            and bottom <= t.bbox[3] + 1
            for t in tables
        )
        if inside and not enclosed:
            box = with_cut_words(tuple(cell), chars)
            tables.append(_Box(box, [box]))
        elif not enclosed and holds_picture(tuple(cell), page.images, settings.picture_margin):
            tables.append(_Box(tuple(cell), [tuple(cell)]))
    for box in gradient_boxes(page, stacks):
        if not any(overlaps(box, t.bbox) for t in tables):
            tables.append(_Box(box, [box]))
    return tables


def open_bottoms(
    boxes: list[tuple], edges: list[dict], tol: float, min_columns: int = 3
) -> list[DottedRule]:
    """The missing bottom ruling of each table whose column rulings run on below its box to
    one common end — both sides and an inner one at least — as Hancom's PDF export draws the
    part of a table a page break cuts off (a 목별 예산 table's rows on, no rule under them, the
    table going on over the page): a rule across the box at that end."""
    downs = [e for e in edges if e.get("orientation") == "v"]
    closing: list[DottedRule] = []
    for x0, top, x1, bottom in boxes:
        running = [
            e
            for e in downs
            if x0 - tol <= e["x0"] <= x1 + tol
            and top - tol <= e["top"] <= bottom + tol
            and e["bottom"] > bottom + tol
        ]
        if len(running) < min_columns:
            continue
        end = max(e["bottom"] for e in running)
        at_end = [e for e in running if abs(e["bottom"] - end) <= tol]
        sides = [any(abs(e["x0"] - x) <= tol for e in at_end) for x in (x0, x1)]
        if len(at_end) >= min_columns and all(sides):
            closing.append(DottedRule(False, end, x0, x1))
    return closing


def open_sides(edges: list[dict], tol: float, min_rules: int = 3) -> list[DottedRule]:
    """The side rulings of tables drawn without them: row rulings of one width, stacked, with
    a column ruling inside running from each to the next, and no ruling at all down either
    end (lh's 소득 및 자산 보유기준, p.4: '구분 | 소득 및 자산보유 기준' over 소득 and 자산, the
    sides open, as many Korean notices print their tables). Each run of `min_rules` such rules
    or more gets a rule down each open end. An end with any ruling beside it (a side drawn a
    little in or out, or a piece a row) is the table's own: it is left as it is."""
    across = [e for e in edges if e.get("orientation") == "h" and e["x1"] - e["x0"] > 4 * tol]
    downs = [e for e in edges if e.get("orientation") == "v"]
    widths: dict[tuple[float, float], list[float]] = {}
    for e in across:
        key = next(
            (k for k in widths if abs(k[0] - e["x0"]) <= tol and abs(k[1] - e["x1"]) <= tol),
            (e["x0"], e["x1"]),
        )
        ys = widths.setdefault(key, [])
        if not any(abs(y - e["top"]) <= tol for y in ys):
            ys.append(e["top"])
    sides: list[DottedRule] = []
    for (x0, x1), ys in widths.items():
        ys.sort()
        inner = [d for d in downs if x0 + tol < d["x0"] < x1 - tol]
        run, columns = ys[:1], []
        for y in [*ys[1:], None]:
            # the column rulings running from the run's last rule down to this one
            found = (
                [d for d in inner if d["top"] <= run[-1] + tol and d["bottom"] >= y - tol]
                if y is not None
                else []
            )
            if found and y is not None:
                run.append(y)
                columns += found
                continue
            if len(run) >= min_rules:
                sides += _open_ends(downs, x0, x1, run[0], run[-1], columns, tol)
            run, columns = ([y] if y is not None else []), []
    return sides


def _open_ends(
    downs: list[dict], x0: float, x1: float, top: float, bottom: float, columns: list, tol: float
) -> list[DottedRule]:
    """Rules down the ends of rows `x0`–`x1` from `top` to `bottom` where the rulings between
    the end and the outermost column ruling `columns` hold cover less than half that height (a
    shaded header row's own box may close its row only)."""
    left = min(d["x0"] for d in columns)
    right = max(d["x0"] for d in columns)

    def covered(lo: float, hi: float) -> float:
        spans = sorted(
            (max(d["top"], top), min(d["bottom"], bottom))
            for d in downs
            if lo <= d["x0"] <= hi and d["bottom"] > top and d["top"] < bottom
        )
        length, reached = 0.0, top
        for a, b in spans:
            a = max(a, reached)
            if b > a:
                length, reached = length + b - a, b
        return length

    half = (bottom - top) / 2
    out = []
    if covered(x0 - 4 * tol, left - tol) < half:
        out.append(DottedRule(True, x0, top, bottom))
    if covered(right + tol, x1 + 4 * tol) < half:
        out.append(DottedRule(True, x1, top, bottom))
    return out


def holds_picture(box: tuple, images: list, margin: float) -> bool:
    """Whether a ruled box with no text holds a picture inside the cell's margins: Hancom
    exports a picture placed in a one-cell table as the picture within the cell's four rulings
    (nikl_2022_work_plan.pdf p.25, a 1×1 table round a picture in the HWP; the cell's inner
    margin keeps the picture 1.5 pt off them). A frame flush with the picture is the picture's
    own outline or background (keit_ai_product_rnd_business_plan_2026.pdf p.19), no table."""
    x0, top, x1, bottom = box
    return any(
        im["x0"] >= x0 + margin
        and im["x1"] <= x1 - margin
        and im["top"] >= top + margin
        and im["bottom"] <= bottom - margin
        for im in images
    )


def with_cut_words(box: tuple, chars: list) -> tuple:
    """A one-cell box widened to the words its sides cut: a label `FOCUS` whose last letter
    runs past the straight side of its rounded box is the box's word, not the next line's."""
    x0, top, x1, bottom = box
    line = sorted(
        (c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom and c["text"].strip()),
        key=lambda c: c["x0"],
    )
    for word in _touching_runs(line):
        inside = [c for c in word if x0 <= (c["x0"] + c["x1"]) / 2 <= x1]
        if inside and 2 * len(inside) > len(word):
            x0, x1 = min(x0, word[0]["x0"]), max(x1, word[-1]["x1"])
    return (x0, top, x1, bottom)


def _touching_runs(chars: list, gap: float = 0.1) -> list[list]:
    """Runs of chars whose glyph boxes touch, one font and size: the letters of one word."""
    runs: list[list] = []
    for ch in chars:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and abs(ch["x0"] - last["x1"]) <= gap
            and ch["fontname"] == last["fontname"]
            and abs(ch["size"] - last["size"]) < 0.1
        ):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    return runs


def _key(obj) -> tuple:
    return (round(obj["x0"], 2), round(obj["top"], 2), round(obj["x1"], 2), round(obj["bottom"], 2))


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def gradient_stacks(page, *, min_strips: int = 5) -> list[tuple[tuple, list]]:
    """Gradient fills as Hancom exports them: runs of thin filled strips, without stroke,
    each touching the next and of the same extent, across (horizontal strips) or along
    (vertical strips) the box. Returns (bbox, strips) per run of at least `min_strips`."""
    thin = [
        r
        for r in page.rects
        if r.get("fill")
        and not r.get("stroke")
        and min(r["width"], r["height"]) < 3
        and max(r["width"], r["height"]) > 8
    ]
    found = []
    for vertical in (False, True):
        a0, a1, b0, b1 = (
            ("top", "bottom", "x0", "x1") if vertical else ("x0", "x1", "top", "bottom")
        )
        strips = sorted(
            (r for r in thin if (r["width"] < r["height"]) == vertical),
            key=lambda r: (round(r[a0]), round(r[a1]), r[b0]),
        )
        runs: list[list] = []
        for r in strips:
            last = runs[-1][-1] if runs else None
            if (
                last is not None
                and abs(last[a0] - r[a0]) <= 1
                and abs(last[a1] - r[a1]) <= 1
                and r[b0] <= last[b1] + 1.5
            ):
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            if len(run) >= min_strips:
                bbox = (
                    min(r["x0"] for r in run),
                    min(r["top"] for r in run),
                    max(r["x1"] for r in run),
                    max(r["bottom"] for r in run),
                )
                found.append((bbox, run))
    return found


def gradient_boxes(
    page, stacks: list[tuple[tuple, list]], *, min_height: float = 12.0
) -> list[tuple]:
    """Boxes drawn as a gradient fill of horizontal strips with no ruling, as Hancom exports a
    title box (a one-cell table), that lie on the page and hold text. (A fill reaching off the
    page is clipped to a shape pdfplumber does not see: no box.)"""
    chars = page.chars
    found = []
    for (x0, top, x1, bottom), run in stacks:
        if run[0]["width"] < run[0]["height"] or bottom - top < min_height:
            continue
        if x0 < 0 or top < 0 or x1 > page.width or bottom > page.height:
            continue
        if any(
            x0 <= (c["x0"] + c["x1"]) / 2 <= x1
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            and c["text"].strip()
            for c in chars
        ):
            found.append((x0, top, x1, bottom))
    return found


def group_lines(objects: list, tolerance: float = 1.5) -> list[tuple[float, list]]:
    """Chars or words in lines: (vertical centre, members left to right), top to bottom."""
    lines: list[tuple[float, list]] = []
    for obj in sorted(objects, key=lambda o: (o["top"], o["x0"])):
        centre = (obj["top"] + obj["bottom"]) / 2
        if lines and abs(lines[-1][0] - centre) <= tolerance:
            lines[-1][1].append(obj)
        else:
            lines.append((centre, [obj]))
    return [(centre, sorted(group, key=lambda o: o["x0"])) for centre, group in lines]


def line_centres(chars: list) -> list[tuple[float, str]]:
    """(vertical centre, text) of each text line among `chars`, top to bottom."""
    return [
        (centre, "".join(c["text"] for c in group).strip()) for centre, group in group_lines(chars)
    ]


class LayoutPart(NamedTuple):
    """Cell rectangles that end up as one table, and the box around them."""

    bbox: tuple
    cells: list
    parts: int = 1  # how many separately drawn boxes or tables it was joined from


def _merge(members: list[LayoutPart], extra: Sequence[tuple] = ()) -> LayoutPart:
    return LayoutPart(
        (
            min(m.bbox[0] for m in members),
            min(m.bbox[1] for m in members),
            max(m.bbox[2] for m in members),
            max(m.bbox[3] for m in members),
        ),
        [c for m in members for c in m.cells] + list(extra),
        sum(m.parts for m in members),
    )


def join_side_by_side(
    units: list[LayoutPart], chars: list, settings: PdfSettings
) -> list[LayoutPart]:
    """Boxes drawn side by side are one table when they fill the same height: a box and, a
    small gap beside it, a column of boxes (one or more, stacked, of one width) whose first
    top and last bottom are the box's. Hancom exports a table whose spacer columns and rows
    have no rulings this way — a schedule boxed column by column, a label box beside three
    stacked boxes, a flow of boxes with '⇨' between them. The gaps stay in the grid, so text
    drawn there (the arrows) lands in the cell between; a gap holding other text, or a join
    whose box would take in another box, is no table."""
    units = list(units)
    joined = len(units) <= settings.max_layout_parts  # a page of a thousand boxes is a form: as is
    while joined:
        joined = False
        for unit in sorted(units, key=lambda u: (u.bbox[0], u.bbox[1])):
            if unit not in units:
                continue  # joined earlier in this pass
            column = _column_beside(unit, units, settings, right=True) or _column_beside(
                unit, units, settings, right=False
            )
            if not column:
                continue
            members = [unit] + column
            gaps = _gaps(unit, column, settings.edge_tolerance)
            merged = _merge(members, gaps)
            if _takes_in_others(merged, members, units, settings.edge_tolerance) or _holds_text(
                gaps, chars
            ):
                continue
            units = [u for u in units if u not in members] + [merged]
            joined = True
    return units


def _takes_in_others(
    merged: LayoutPart, members: list[LayoutPart], units: list[LayoutPart], tol: float
) -> bool:
    """Whether the joined box would reach over another box (a frame drawn around the whole
    diagram does not count)."""
    return any(
        overlaps(merged.bbox, u.bbox) and not contains(u.bbox, merged.bbox, tol)
        for u in units
        if u not in members
    )


def contains(outer: tuple, inner: tuple, tol: float) -> bool:
    return (
        outer[0] - tol <= inner[0]
        and outer[1] - tol <= inner[1]
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def _holds_text(gaps: list[tuple], chars: list) -> bool:
    """Whether any gap holds a character other than an arrow (a spacer holds nothing else)."""
    return any(
        c["text"].strip() and c["text"] not in ARROWS and _centre_in(c, gap)
        for gap in gaps
        for c in chars
    )


def _gaps(unit: LayoutPart, column: list[LayoutPart], tol: float) -> list[tuple]:
    """The unruled space between a box and the column beside it, and between the column's
    boxes: cells of their own, as the spacer cells they were."""
    x0, top, x1, bottom = unit.bbox
    c0, c1 = column[0].bbox[0], column[0].bbox[2]
    gaps = []
    if c0 - x1 > tol:
        gaps.append((x1, top, c0, bottom))
    elif x0 - c1 > tol:
        gaps.append((c1, top, x0, bottom))
    gaps.extend(
        (c0, a.bbox[3], c1, b.bbox[1])
        for a, b in zip(column, column[1:])
        if b.bbox[1] - a.bbox[3] > tol
    )
    return gaps


def _column_beside(
    unit: LayoutPart, units: list[LayoutPart], settings: PdfSettings, *, right: bool
) -> list:
    x0, top, x1, bottom = unit.bbox
    tol = settings.edge_tolerance
    near = [
        u
        for u in units
        if u is not unit
        and -tol <= ((u.bbox[0] - x1) if right else (x0 - u.bbox[2])) <= settings.side_by_side_gap
        and u.bbox[1] >= top - tol
        and u.bbox[3] <= bottom + tol
    ]
    if not near:
        return []
    nearest = min(near, key=lambda u: abs(u.bbox[0] - x1) if right else abs(x0 - u.bbox[2]))
    column = sorted(
        (
            u
            for u in near
            if abs(u.bbox[0] - nearest.bbox[0]) <= tol and abs(u.bbox[2] - nearest.bbox[2]) <= tol
        ),
        key=lambda u: u.bbox[1],
    )
    stacked = all(a.bbox[3] <= b.bbox[1] + tol for a, b in zip(column, column[1:]))
    if stacked and abs(column[0].bbox[1] - top) <= tol and abs(column[-1].bbox[3] - bottom) <= tol:
        return column
    return []


def banded_boxes(page, units: list[LayoutPart], settings: PdfSettings) -> list[LayoutPart]:
    """A title framed by two filled bars of one width, with no ruling at its sides — a cover
    whose table has blue first and last rows and no borders — is a table of three rows: bar,
    title, bar. Only a few lines of text, each centred on the bars, and nothing else drawn,
    may lie between them (a heading underlined by a bar, bullets, and the next heading, are
    text)."""
    tol = settings.edge_tolerance
    bars = sorted(
        (
            r
            for r in page.rects
            if r.get("fill")
            and not r.get("stroke")
            and 3 <= r["height"] <= 20
            and r["width"] >= 100
            and not any(overlaps(_bbox(r), u.bbox) for u in units)
        ),
        key=lambda r: r["top"],
    )
    found: list[LayoutPart] = []
    if len(bars) > settings.band_max_bars:  # a bar chart, not a cover
        return found
    used: set[int] = set()
    for i, upper in enumerate(bars):
        if i in used:
            continue
        for j in range(i + 1, len(bars)):
            lower = bars[j]
            if (
                j in used
                or abs(lower["x0"] - upper["x0"]) > tol
                or abs(lower["x1"] - upper["x1"]) > tol
            ):
                continue
            between = (upper["x0"], upper["bottom"], upper["x1"], lower["top"])
            if not 0 < between[3] - between[1] <= settings.band_max_gap:
                break
            lines = group_lines(
                [c for c in page.chars if c["text"].strip() and _centre_in(c, between)]
            )
            middle = (upper["x0"] + upper["x1"]) / 2
            centred = all(
                abs((group[0]["x0"] + group[-1]["x1"]) / 2 - middle)
                <= settings.band_centre_tolerance
                for _, group in lines
            )
            drawn = any(
                overlaps(_bbox(o), between)
                for o in page.rects + page.lines
                if o is not upper and o is not lower
            )
            if (
                1 <= len(lines) <= settings.band_max_lines
                and centred
                and not drawn
                and not any(overlaps(between, u.bbox) for u in units)
            ):
                found.append(
                    LayoutPart(
                        (upper["x0"], upper["top"], upper["x1"], lower["bottom"]),
                        [_bbox(upper), between, _bbox(lower)],
                    )
                )
                used.update((i, j))
            break
    return found


def _bbox(obj) -> tuple:
    return (obj["x0"], obj["top"], obj["x1"], obj["bottom"])


def _centre_in(ch, box: tuple) -> bool:
    return (
        box[0] <= (ch["x0"] + ch["x1"]) / 2 <= box[2]
        and box[1] <= (ch["top"] + ch["bottom"]) / 2 <= box[3]
    )


# Arrows typed as characters between boxes, as flow diagrams in HWP tables draw them, by the
# way they point: across (left/right), down or up, or slanting (either).
ACROSS_ARROWS = set("←→⇐⇒⇦⇨➔➜➝➞➟➠➡➢➤▶▷◀◁")
UPDOWN_ARROWS = set("↑↓⇑⇓⇧⇩▼▽")
SLANT_ARROWS = set("↖↗↘↙⇖⇗⇘⇙")
ARROWS = ACROSS_ARROWS | UPDOWN_ARROWS | SLANT_ARROWS


def join_connected(
    units: list[LayoutPart], lines: list, chars: list, settings: PdfSettings
) -> list[LayoutPart]:
    """Boxes joined by connectors are one table: an organisation chart or a flow that Hancom
    draws as a table whose spacer cells rule only the connecting lines, or hold an arrow
    character. A connector line is a line outside every box; lines that touch link what they
    touch. An arrow character links the boxes it points between: above and below it, or left
    and right of it, each within `arrow_gap` and across from it."""
    if not 2 <= len(units) <= settings.max_layout_parts:
        return units
    tol = settings.edge_tolerance

    def inside_a_box(line) -> bool:
        mx, my = (line["x0"] + line["x1"]) / 2, (line["top"] + line["bottom"]) / 2
        return any(
            u.bbox[0] - tol <= mx <= u.bbox[2] + tol and u.bbox[1] - tol <= my <= u.bbox[3] + tol
            for u in units
        )

    # Dashes of dotted rulings are no connectors (and would crowd out the real ones).
    connectors = [
        (ln["x0"], ln["top"], ln["x1"], ln["bottom"])
        for ln in lines
        if max(ln["width"], ln["height"]) > settings.dash_max and not inside_a_box(ln)
    ]
    if len(connectors) > settings.max_connectors:
        connectors = []
    parent = list(range(len(units) + len(connectors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    for k, seg in enumerate(connectors):
        ends = ((seg[0], seg[1]), (seg[2], seg[3]))
        for i, unit in enumerate(units):
            if any(_touches(end, unit.bbox, tol) for end in ends):
                union(len(units) + k, i)
        for j, other in enumerate(connectors[:k]):
            if any(_touches(end, other, tol) for end in ends) or any(
                _touches(end, seg, tol) for end in ((other[0], other[1]), (other[2], other[3]))
            ):
                union(len(units) + k, len(units) + j)
    arrows = [c for c in chars if c["text"] in ARROWS]
    for arrow in arrows:
        if _alone(arrow, chars):
            linked = _arrow_ends(arrow, units, settings)
            for i, j in zip(linked, linked[1:]):
                union(i, j)
    groups: dict[int, list[LayoutPart]] = {}
    for i, unit in enumerate(units):
        groups.setdefault(find(i), []).append(unit)
    out: list[LayoutPart] = []
    for members in groups.values():
        merged = _merge(members) if len(members) > 1 else None
        if (
            merged is None
            or _takes_in_others(merged, members, units, tol)
            or _text_between(merged, members, chars)
        ):
            out.extend(members)  # a chart around another box, or text between: apart
        else:
            out.append(merged)
    return out


def _text_between(merged: LayoutPart, members: list[LayoutPart], chars: list) -> bool:
    """Whether the joined box would take in text that lies in none of its boxes (a note or a
    heading between two tables), arrows aside."""
    return any(
        c["text"].strip()
        and c["text"] not in ARROWS
        and _centre_in(c, merged.bbox)
        and not any(_centre_in(c, m.bbox) for m in members)
        for c in chars
    )


def _alone(arrow, chars: list) -> bool:
    """An arrow with no other character beside it on its line: a connector, not a bullet
    ('▶ 향후 추진계획') or a sign in a figure."""
    reach = 2 * max(arrow["x1"] - arrow["x0"], 4)
    middle = (arrow["top"] + arrow["bottom"]) / 2
    return not any(
        c is not arrow
        and c["text"].strip()
        and c["top"] <= middle <= c["bottom"]
        and c["x0"] - reach <= arrow["x1"]
        and arrow["x0"] <= c["x1"] + reach
        for c in chars
    )


def _arrow_ends(arrow, units: list[LayoutPart], settings: PdfSettings) -> list[int]:
    """The boxes an arrow character points between: one on each side of it, vertically or
    horizontally, each within `arrow_gap` and overlapping it across; [] if not both."""
    tol = settings.edge_tolerance
    cx, cy = (arrow["x0"] + arrow["x1"]) / 2, (arrow["top"] + arrow["bottom"]) / 2
    if any(u.bbox[0] <= cx <= u.bbox[2] and u.bbox[1] <= cy <= u.bbox[3] for u in units):
        return []  # inside a box: text, not a link

    def nearest(gaps: list[tuple[float, int]]) -> int | None:
        near = [(gap, i) for gap, i in gaps if -tol <= gap <= settings.arrow_gap]
        return min(near)[1] if near else None

    across_x = [i for i, u in enumerate(units) if u.bbox[0] <= cx <= u.bbox[2]]
    across_y = [i for i, u in enumerate(units) if u.bbox[1] <= cy <= u.bbox[3]]
    pairs = []
    if arrow["text"] not in ACROSS_ARROWS:  # points down or up (or slants)
        pairs.append(
            (
                nearest([(arrow["top"] - units[i].bbox[3], i) for i in across_x]),
                nearest([(units[i].bbox[1] - arrow["bottom"], i) for i in across_x]),
            )
        )
    if arrow["text"] not in UPDOWN_ARROWS:  # points across (or slants)
        pairs.append(
            (
                nearest([(arrow["x0"] - units[i].bbox[2], i) for i in across_y]),
                nearest([(units[i].bbox[0] - arrow["x1"], i) for i in across_y]),
            )
        )
    for first, second in pairs:
        if first is not None and second is not None and first != second:
            return [first, second]
    return []


def _touches(point: tuple, box: tuple, tol: float) -> bool:
    """Whether `point` lies on the outline of `box` (or on a line, a box of no width)."""
    x, y = point
    x0, top, x1, bottom = box
    if not (x0 - tol <= x <= x1 + tol and top - tol <= y <= bottom + tol):
        return False
    return min(abs(x - x0), abs(x - x1), abs(y - top), abs(y - bottom)) <= tol


def with_column_captions(
    page, part: LayoutPart, others: list[LayoutPart], settings: PdfSettings
) -> LayoutPart:
    """A diagram joined from several boxes whose columns are labelled just below them —
    '[한국어교원 3급 취득 경로]' under one column, '[k-teacher 인증 경로]' under the other,
    the last row of the HWP table, without rulings — takes that line as its last row. Each
    label must sit centred under its own box of the last row, and there must be two or more."""
    if part.parts < 2:
        return part
    tol = settings.edge_tolerance
    x0, top, x1, bottom = part.bbox
    below = [
        c
        for c in page.chars
        if c["text"].strip()
        and 0 <= c["top"] - bottom <= settings.caption_gap
        and x0 <= (c["x0"] + c["x1"]) / 2 <= x1
        and not any(_centre_in(c, o.bbox) for o in others if o is not part)
    ]
    if not below:
        return part
    first = min(c["top"] for c in below)
    line = [c for c in below if abs(c["top"] - first) <= tol]
    pieces = _pieces(line)
    last_row = [c for c in part.cells if abs(c[3] - bottom) <= tol]
    if len(pieces) < 2:
        return part
    under = []
    for a, b in pieces:
        box = next(
            (
                c
                for c in last_row
                if c[0] - tol <= a
                and b <= c[2] + tol
                and abs((a + b) / 2 - (c[0] + c[2]) / 2) <= 0.1 * (c[2] - c[0]) + 4
            ),
            None,
        )
        if box is None or box in under:
            return part
        under.append(box)
    line_bottom = max(c["bottom"] for c in line) + 0.5
    return LayoutPart(
        (x0, top, x1, line_bottom),
        part.cells + [(c[0], bottom, c[2], line_bottom) for c in under],
        part.parts,
    )


def _pieces(chars: list) -> list[tuple[float, float]]:
    """(x0, x1) of the runs of a line's chars split at gaps wider than two spaces' worth."""
    pieces: list[list[float]] = []
    for ch in sorted(chars, key=lambda c: c["x0"]):
        if pieces and ch["x0"] - pieces[-1][1] <= 2 * max(ch["x1"] - ch["x0"], 4):
            pieces[-1][1] = max(pieces[-1][1], ch["x1"])
        else:
            pieces.append([ch["x0"], ch["x1"]])
    return [(a, b) for a, b in pieces]


def table_regions(page, settings: PdfSettings) -> list[LayoutPart]:
    """Every table of the page, as the cell rectangles that make it and the box around them."""
    parts = [
        LayoutPart(tuple(t.bbox), [tuple(c) for c in t.cells]) for t in find_tables(page, settings)
    ]
    chars = page.chars
    parts = join_connected(join_side_by_side(parts, chars, settings), page.lines, chars, settings)
    parts = [with_column_captions(page, part, parts, settings) for part in parts]
    parts += banded_boxes(page, parts, settings)
    return parts + titled_frames(page, parts, settings)


def column_gutter(page, boxes: list[tuple], settings: PdfSettings) -> float | None:
    """The x of the gutter between two columns of a page — two printed pages on one PDF page
    (a spread, as a designer's export draws them), or a two-column layout: a band near the
    middle that no char and no table crosses from the top of the text to its bottom, with
    several lines of text on either side. None for a page of one column."""
    inked = [c for c in page.chars if c["text"].strip()]
    if not inked:
        return None
    lo, hi = settings.gutter_band_start * page.width, settings.gutter_band_end * page.width
    spans = sorted(
        [(c["x0"], c["x1"]) for c in inked if c["x1"] > lo and c["x0"] < hi]
        + [(b[0], b[2]) for b in boxes if b[2] > lo and b[0] < hi]
    )
    best, reach = None, lo
    for x0, x1 in spans + [(hi, hi)]:
        if x0 - reach >= settings.gutter_min_width and (
            best is None or x0 - reach > best[1] - best[0]
        ):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None:
        return None
    gutter = (best[0] + best[1]) / 2
    sides = [
        [c for c in inked if ((c["x0"] + c["x1"]) / 2 < gutter) == left] for left in (True, False)
    ]
    if any(len(group_lines(side)) < settings.gutter_min_lines for side in sides):
        return None
    return gutter


def titled_frames(page, units: list[LayoutPart], settings: PdfSettings) -> list[LayoutPart]:
    """A frame whose top border stops on either side of a title printed in it — '<2025년 …
    요약>' set into the line — as Hancom draws a 3×3 table: the title cell spanning two rows
    in the middle, the border's two pieces the bottoms of the cells beside it, and the body a
    last row across all three columns holding the tables inside. pdfplumber finds no cell
    there, the border being open; this is that table, its tables nested in its last row."""
    tol = settings.edge_tolerance
    edges = [e for e in page.edges if e.get("orientation") in ("h", "v")]
    across = EdgesByTop([e for e in edges if e["orientation"] == "h"])
    sides = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 20]
    if len(sides) > settings.max_frame_sides:
        return []
    found: list[LayoutPart] = []
    for left in sides:
        for right in sides:
            x0, x1 = left["x0"], right["x0"]
            top, bottom = left["top"], left["bottom"]
            if (
                x1 - x0 < settings.frame_min_width
                or abs(right["top"] - top) > tol
                or abs(right["bottom"] - bottom) > tol
            ):
                continue
            pieces = _joined(
                (e["x0"], e["x1"])
                for e in across.near(top, tol)
                if abs(e["top"] - top) <= tol and e["x1"] > x0 - tol and e["x0"] < x1 + tol
            )
            closed = any(
                abs(e["top"] - bottom) <= tol and e["x0"] <= x0 + tol and e["x1"] >= x1 - tol
                for e in across.near(bottom, tol)
            )
            # The top border in exactly two pieces, from each side to the title's gap; a
            # piece no longer than a ruling is thick is the end of a side's ruling (a browser
            # draws each row's side borders as rectangles of their own), not a border.
            if not (
                closed
                and len(pieces) == 2
                and abs(pieces[0][0] - x0) <= tol
                and abs(pieces[1][1] - x1) <= tol
                and min(b - a for a, b in pieces) >= settings.frame_min_border
            ):
                continue
            gap = (pieces[0][1], pieces[1][0])
            on_line = [
                c
                for c in page.chars
                if c["text"].strip()
                and x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                and c["top"] < top < c["bottom"]
            ]
            title = [c for c in on_line if gap[0] <= (c["x0"] + c["x1"]) / 2 <= gap[1]]
            if len(title) < 2 or len(title) < len(on_line):
                continue
            upper = min(c["top"] for c in title)
            lower = max(c["bottom"] for c in title)
            cells = [
                (x0, upper, gap[0], top),
                (gap[0], upper, gap[1], lower),
                (gap[1], upper, x1, top),
                (x0, top, gap[0], lower),
                (gap[1], top, x1, lower),
                (x0, lower, x1, bottom),
            ]
            frame = LayoutPart((x0, upper, x1, bottom), cells)
            if not any(_bbox_equal(frame.bbox, other.bbox, tol) for other in found + units):
                found.append(frame)
    return found


class EdgesByTop:
    """A page's horizontal edges ordered by their height, to find those near one height
    without a scan of them all (a frame's search asks for every pair of side rulings)."""

    def __init__(self, edges: list[dict]) -> None:
        self.edges = sorted(edges, key=lambda e: e["top"])
        self.tops = [e["top"] for e in self.edges]
        # Bisection needs a total order: with a NaN height among them, every edge is near.
        self.ordered = all(a <= b for a, b in zip(self.tops, self.tops[1:]))

    def near(self, y: float, tol: float) -> list[dict]:
        """The edges that may lie within `tol` of `y`: all that do, and a few more (the
        window is widened past any rounding), for the caller's own test to pick from."""
        if not self.ordered:
            return self.edges
        margin = tol + 1.0 + abs(y) * 1e-9
        lo = bisect.bisect_left(self.tops, y - margin)
        return self.edges[lo : bisect.bisect_right(self.tops, y + margin)]


def _joined(spans, gap: float = 1.0) -> list[tuple[float, float]]:
    """Intervals (x0, x1) joined where they touch or overlap, left to right."""
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + gap:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _bbox_equal(a: tuple, b: tuple, tol: float) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(a, b))
