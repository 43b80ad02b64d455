"""The data-quality report: one self-contained HTML page for planners.

Per report: how much of it was understood (sections, tables and items found), the budget by
section and quarter as an inline SVG chart, the plan year's totals against the year before, and
the findings per section with the page and the source snippet they were read from. A report
that arrived in several formats (one report_key) is shown once, from its primary file, with
its formats listed. No script, no font, no image or style sheet from the network: the page
opens the same offline, and prints on A4 (print CSS). The markup is in templates/ (Jinja2,
autoescaped: every text from a document or a check is escaped); this module reads the
warehouse and hands the templates plain values.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import markupsafe

from kplan.rules import families

from . import quality
from .quality import format_amount
from .redact import Redactor
from .scope import in_scope
from .summary import found_line, short_place

TEMPLATES = Path(__file__).with_name("templates")
QUARTERS = ("q1", "q2", "q3", "q4")
QUARTER_LABELS = ("1분기", "2분기", "3분기", "4분기")
QUARTER_COLORS = ("#4e79a7", "#59a14f", "#f28e2b", "#b07aa1")
YEAR_COLORS = ("#bab0ac", "#4e79a7")  # previous year, plan year
SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "정보"}
PARTS = ("목적", "근거", "실적", "계획", "예산")


def _thousands(value: Any) -> str:
    """A numeric column's cell: ints with thousands separators, anything else as it is."""
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else str(value)


def _printer(mask: Callable[[str], str] | None) -> Callable[[Any], Any]:
    """What every `{{ value }}` prints: None nothing, text escaped as html.escape does (quotes
    too, as `&quot;`), after `mask` (the contact redaction) when there is one; a macro's output
    is already markup."""

    def finalize(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, markupsafe.Markup):
            return value
        text = mask(value) if mask is not None and isinstance(value, str) else str(value)
        return markupsafe.Markup(html.escape(text, quote=True))

    return finalize


def _environment(mask: Callable[[str], str] | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=_printer(mask),
    )
    env.filters["amount"] = lambda won, factor, unit="", signed=False: format_amount(
        won, factor, unit, signed=signed
    )
    env.filters["thousands"] = _thousands
    return env


@cache
def environment() -> jinja2.Environment:
    """The templates' environment (compiled templates kept between reports)."""
    return _environment()


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r)) for r in cursor.fetchall()]


# ---------------------------------------------------------------- data


def _documents(con, doc_ids) -> list[dict[str, Any]]:
    scope = in_scope("doc_id", doc_ids)
    return _rows(con, f"SELECT * FROM documents WHERE {scope} ORDER BY doc_id")


def _budget(con, doc_id: int) -> tuple[list[dict[str, Any]], str, int]:
    """Per section with a budget table: the 합계 row's figures (a cell it left blank: the lines'
    sum), its years, and the document's unit."""
    # Tables are keyed by table_no (the section code in warehouses loaded before it), so two
    # tables under one section are two rows, as the checks count them.
    rows = _rows(
        con,
        """
        WITH lines AS (
            SELECT *, coalesce(CAST(table_no AS VARCHAR), section_code) AS table_key
            FROM budget_lines WHERE doc_id = ?
        ), sums AS (
            SELECT table_key, sum(amount) AS amount, sum(amount_prev) AS amount_prev,
                   sum(q1) AS q1, sum(q2) AS q2, sum(q3) AS q3, sum(q4) AS q4
            FROM lines WHERE NOT is_total GROUP BY table_key
        ), totals AS (
            SELECT table_key, any_value(amount) AS amount,
                   any_value(amount_prev) AS amount_prev, any_value(q1) AS q1,
                   any_value(q2) AS q2, any_value(q3) AS q3, any_value(q4) AS q4
            FROM lines WHERE is_total GROUP BY table_key
        ), tables AS (
            SELECT *, coalesce(CAST(table_no AS VARCHAR), section_code) AS table_key
            FROM budget_tables WHERE doc_id = ?
        )
        SELECT t.section_code, s.title, s.ordinal, t.year, t.prev_year, t.unit, t.unit_factor,
               coalesce(tt.amount, su.amount) AS amount,
               coalesce(tt.amount_prev, su.amount_prev) AS amount_prev,
               coalesce(tt.q1, su.q1) AS q1, coalesce(tt.q2, su.q2) AS q2,
               coalesce(tt.q3, su.q3) AS q3, coalesce(tt.q4, su.q4) AS q4
        FROM tables t
        LEFT JOIN sections s ON s.doc_id = t.doc_id AND s.code = t.section_code
        LEFT JOIN totals tt ON tt.table_key IS NOT DISTINCT FROM t.table_key
        LEFT JOIN sums su ON su.table_key IS NOT DISTINCT FROM t.table_key
        ORDER BY s.ordinal NULLS LAST, t.section_code, t.table_no""",
        [doc_id, doc_id],
    )
    units = Counter((r["unit"], r["unit_factor"]) for r in rows if r["unit"])
    unit, factor = units.most_common(1)[0][0] if units else ("원", 1)
    return rows, unit, int(factor or 1)


def _coverage(con, doc: dict[str, Any]) -> dict[str, Any]:
    d = doc["doc_id"]

    def one(sql: str) -> Any:
        return con.execute(sql, [d]).fetchone()[0]

    return {
        "sections": one("SELECT count(*) FROM sections WHERE doc_id = ?"),
        "complete": one(
            "SELECT count(*) FROM sections WHERE doc_id = ? AND parts = '목적,근거,실적,계획,예산'"
        ),
        "tasks": one("SELECT count(*) FROM outline_tasks WHERE doc_id = ?"),
        "tasks_covered": one("""SELECT count(*) FROM outline_tasks o WHERE o.doc_id = ? AND
                EXISTS (SELECT 1 FROM sections s WHERE s.doc_id = o.doc_id
                        AND try_cast(split_part(s.code, '-', 1) AS INTEGER) = o.number)"""),
        "budget_headings": one(
            "SELECT count(*) FROM sections WHERE doc_id = ? "
            "AND contains(coalesce(parts, ''), '예산')"
        ),
        "budget_read": one(
            "SELECT count(DISTINCT section_code) FROM budget_lines WHERE doc_id = ?"
        ),
        "budget_lines": one("SELECT count(*) FROM budget_lines WHERE doc_id = ? AND NOT is_total"),
        "totals": one("SELECT count(*) FROM budget_lines WHERE doc_id = ? AND is_total"),
        "totals_ok": one("""SELECT count(*) FROM budget_lines l WHERE l.doc_id = ? AND is_total
                AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.doc_id = l.doc_id
                    AND f.section_code IS NOT DISTINCT FROM l.section_code
                    AND f.rule LIKE 'budget\\_%' ESCAPE '\\'
                    AND f.rule NOT IN ('budget_year_mismatch'))"""),
        "actual": one("SELECT count(*) FROM training_items WHERE doc_id = ? AND stage = 'actual'"),
        "plan": one("SELECT count(*) FROM training_items WHERE doc_id = ? AND stage = 'plan'"),
        "improvements": one("SELECT count(*) FROM improvement_items WHERE doc_id = ?"),
        "contacts": one("SELECT count(*) FROM contacts WHERE doc_id = ?"),
    }


# ---------------------------------------------------------------- the one chart


@dataclass(frozen=True)
class Series:
    key: str  # the row's field, and the bar's class
    label: str
    color: str


@dataclass
class Chart:
    """A horizontal bar chart as the template draws it: every coordinate computed here."""

    kind: str  # the svg's second class: 'quarters', 'years'
    chart_id: str
    title: str
    aria_label: str
    width: int
    height: int
    labels: list[dict[str, Any]] = field(default_factory=list)
    bars: list[dict[str, Any]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)


LABEL_W, BAR_W, VALUE_W = 150, 600, 110


def bar_chart(
    rows: list[dict[str, Any]],
    series: tuple[Series, ...],
    *,
    kind: str,
    chart_id: str,
    title: str,
    aria_label: str,
    money: Any,
    stacked: bool,
) -> Chart:
    """One bar per row with a segment per series (`stacked`), or one thin bar per series.
    Bars are scaled to the largest row; `money(won)` writes a value the way the table does."""
    row_h = 24 if stacked else 30
    top = 10
    chart = Chart(
        kind, chart_id, title, aria_label, LABEL_W + BAR_W + VALUE_W, top + row_h * len(rows) + 10
    )
    chart.legend = [(s.label, s.color) for s in series]

    def extent(r: dict[str, Any]) -> float:
        values = [r[s.key] or 0 for s in series]
        return sum(values) if stacked else max(values, default=0)

    biggest = max((extent(r) for r in rows), default=0) or 1
    for i, r in enumerate(rows):
        y = top + i * row_h
        code = r["section_code"] or "-"
        label_y = y + (15 if stacked else 17)
        chart.labels.append(
            {"x": LABEL_W - 8, "y": label_y, "anchor": "end", "title": r.get("title"), "text": code}
        )
        x = float(LABEL_W)
        for j, s in enumerate(series):
            value = r[s.key] or 0
            if stacked and value <= 0:
                continue
            w = BAR_W * value / biggest
            bar_y = y + 3 if stacked else y + 3 + j * 12
            chart.bars.append(
                {
                    "key": s.key,
                    "x": f"{x:.1f}" if stacked else LABEL_W,
                    "y": bar_y,
                    "width": f"{max(w, 0.5):.1f}",
                    "height": row_h - 8 if stacked else 11,
                    "color": s.color,
                    "section": code,
                    "quarter": s.key if stacked else None,
                    "won": value,
                    "title": f"{code} {s.label}: {money(value)}",
                }
            )
            if stacked:
                x += w
            else:
                chart.labels.append(
                    {"x": f"{LABEL_W + w + 6:.1f}", "y": bar_y + 10, "size": 11,
                     "text": money(value)}
                )  # fmt: skip
        if stacked:
            total = sum(r[s.key] or 0 for s in series)
            chart.labels.append({"x": f"{x + 6:.1f}", "y": y + 15, "text": money(total)})
    return chart


def quarter_chart(budget: list[dict[str, Any]], unit: str, factor: int, chart_id: str) -> Chart:
    """Horizontal stacked bars, one per section, one colour per quarter."""
    return bar_chart(
        budget,
        tuple(Series(*s) for s in zip(QUARTERS, QUARTER_LABELS, QUARTER_COLORS)),
        kind="quarters",
        chart_id=chart_id,
        title="절별·분기별 예산",
        aria_label="절별 분기 예산",
        money=lambda won: format_amount(won, factor, unit),
        stacked=True,
    )


def year_chart(
    budget: list[dict[str, Any]], unit: str, factor: int, chart_id: str, years: tuple[str, str]
) -> Chart:
    """Paired bars per section: the previous year and the plan year."""
    return bar_chart(
        budget,
        tuple(Series(*s) for s in zip(("amount_prev", "amount"), years, YEAR_COLORS)),
        kind="years",
        chart_id=chart_id,
        title=f"절별 {years[0]} 대비 {years[1]} 예산",
        aria_label=f"{years[0]} 대비 {years[1]}",
        money=lambda won: format_amount(won, factor, unit),
        stacked=False,
    )


def _years(budget: list[dict[str, Any]], plan_year: int | None) -> tuple[str, str]:
    year = Counter(r["year"] for r in budget if r["year"]).most_common(1)
    prev = Counter(r["prev_year"] for r in budget if r["prev_year"]).most_common(1)
    plan = year[0][0] if year else plan_year
    before = prev[0][0] if prev else (plan - 1 if plan else None)
    return (f"{before}년" if before else "전년"), (f"{plan}년" if plan else "올해")


# ---------------------------------------------------------------- the parts of a document


@dataclass
class Part:
    """One part of a document's section: its template under parts/ and what it shows."""

    template: str
    data: dict[str, Any]

    def __getattr__(self, name: str) -> Any:  # the template reads part.rows, part.title …
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None


def _read_amount_row(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "what": "읽은 양",
        "found": f"글자 {doc.get('n_chars') or 0:,}자 · 문단 {doc.get('n_paragraphs') or 0:,}개"
        f" · 표 {doc.get('n_tables') or 0:,}개",
        "note": f"{doc['pages']}쪽" if doc.get("pages") else "쪽 정보 없음",
    }


def _training_plan_coverage(con, doc: dict[str, Any]) -> Part:
    c = _coverage(con, doc)
    rows = [
        {"what": "절 (1-1-1 …)", "found": f"{c['sections']}개", "note": ""},
        {
            "what": "목차의 과제 중 절이 있는 과제",
            "ratio": (c["tasks_covered"], c["tasks"]),
            "note": "보고서 앞의 과제 목록(1. …)" if c["tasks"] else "목차를 찾지 못함",
        },
        {
            "what": "다섯 항목(목적·근거·실적·계획·예산)을 다 갖춘 절",
            "ratio": (c["complete"], c["sections"]),
            "note": "",
        },
        {
            "what": "예산 표를 읽은 절 / ‘예산 집행 계획’ 제목이 있는 절",
            "ratio": (c["budget_read"], c["budget_headings"]),
            "note": "",
        },
        {
            "what": "합계가 맞는 예산 표",
            "ratio": (c["totals_ok"], c["totals"]),
            "note": f"예산 내역 {c['budget_lines']}행",
        },
        {
            "what": "연수 항목",
            "found": f"실적 {c['actual']}개 · 계획 {c['plan']}개",
            "note": f"주요 개선 사항 {c['improvements']}개",
        },
        {"what": "연락처", "found": f"{c['contacts']}개", "note": ""},
        _read_amount_row(doc),
    ]
    return Part("parts/coverage.html.j2", {"rows": rows})


def _budget_by_section(con, doc: dict[str, Any]) -> Part:
    d = doc["doc_id"]
    budget, unit, factor = _budget(con, d)
    years = _years(budget, doc.get("plan_year"))
    prev = sum(r["amount_prev"] or 0 for r in budget)
    plan = sum(r["amount"] or 0 for r in budget)
    return Part(
        "parts/budget_by_section.html.j2",
        {
            "rows": budget,
            "unit": unit,
            "factor": factor,
            "years": years,
            "prev": prev,
            "plan": plan,
            "change_pct": f" ({(plan - prev) / prev * 100:+.1f}%)" if prev else "",
            "quarters": QUARTERS,
            "quarter_labels": QUARTER_LABELS,
            "quarter_totals": [sum(r[q] or 0 for r in budget) for q in QUARTERS],
            "year_chart": year_chart(budget, unit, factor, f"chart-years-doc-{d}", years),
            "quarter_chart": quarter_chart(budget, unit, factor, f"chart-quarters-doc-{d}"),
        },
    )


BUILT_IN_PARTS = {
    "training_plan_coverage": _training_plan_coverage,
    "budget_by_section": _budget_by_section,
}


def _read_amount(con, doc: dict[str, Any]) -> Part:
    """What was read, in the family's words (or the generic layer's), and how much text."""
    found = {
        "what": "찾은 것",
        "found": found_line(con, doc["doc_id"], doc.get("family")),
        "note": doc.get("family") or "보고서 유형을 알 수 없음: 표와 개요만",
    }
    return Part("parts/coverage.html.j2", {"rows": [found, _read_amount_row(doc)]})


def _report_table(con, doc_id: int, part: families.ReportTable) -> Part:
    numeric = [c in part.numeric for c in part.columns]
    rows = [list(zip(r, numeric)) for r in con.execute(part.sql, [doc_id]).fetchall()]
    return Part(
        "parts/family_table.html.j2",
        {
            "title": part.title,
            "empty": part.empty,
            "columns": list(zip(part.columns, numeric)),
            "rows": rows,
        },
    )


def _family_parts(con, doc: dict[str, Any]) -> list[Part]:
    """The family's own section (its REPORT parts), or the generic one for no family."""
    family = families.named(doc.get("family"))
    declared = tuple(getattr(family, "REPORT", ())) if family is not None else ()
    out = []
    if not any(isinstance(p, families.BuiltIn) for p in declared):
        out.append(_read_amount(con, doc))
    for part in declared:
        if isinstance(part, families.BuiltIn):
            out.append(BUILT_IN_PARTS[part.name](con, doc))
        else:
            out.append(_report_table(con, doc["doc_id"], part))
    return out


def _figure(value: Any) -> str:
    """An expected/actual value: won figures get thousands separators ('104,700,000')."""
    text = "" if value is None else str(value)
    return f"{int(text):,}" if text.lstrip("-").isdigit() and len(text) > 4 else text


def _finding_groups(found: list[dict[str, Any]], sections: dict[str, str | None]) -> list:
    """[(heading, rows)] per section, document-wide findings under '문서 전체'."""
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for f in found:
        groups[f["section_code"]].append(f)
    out = []
    for code, items in groups.items():
        title = "문서 전체" if code is None else f"{code} {sections.get(code) or ''}".strip()
        out.append((title, [_finding_row(f, code) for f in items]))
    return out


def _finding_row(f: dict[str, Any], code: str | None) -> dict[str, Any]:
    if f["page"] is not None:
        page = f"p.{f['page']}"
    else:
        page = short_place(f) if f.get("position") else "—"
    return {
        "severity": f["severity"],
        "severity_ko": SEVERITY_KO.get(f["severity"], f["severity"]),
        "rule": f["rule"],
        "section": code or "",
        "message": f["message"],
        "message_en": f["message_en"],
        "source": f["source"],
        "page": page,
        "expected": _figure(f["expected"]),
        "actual": _figure(f["actual"]),
        "difference": "" if f["difference"] is None else f"{f['difference']:+,}",
    }


def _count_text(found: list[dict[str, Any]]) -> str:
    counts = Counter(f["severity"] for f in found)
    return " · ".join(f"{SEVERITY_KO[s]} {counts.get(s, 0)}" for s in quality.SEVERITIES)


# ---------------------------------------------------------------- one report, its formats


def reports_of(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The documents grouped by report (report_key), the one to show first in each: its
    primary (PDF before HWPX, HWP, text), else the first readable. Groups keep the order of
    their first document; a document with no key is a report of its own."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for doc in docs:
        groups.setdefault(doc.get("report_key") or ("doc", doc["doc_id"]), []).append(doc)

    def shown_first(doc: dict[str, Any]) -> tuple:
        return (not doc.get("is_primary", True), doc["status"] == "failed", doc["doc_id"])

    return [sorted(group, key=shown_first) for group in groups.values()]


def _document_view(con, group: list[dict[str, Any]], by_doc: dict[int, list]) -> dict[str, Any]:
    doc = group[0]
    d = doc["doc_id"]
    found = by_doc[d]
    meta = [
        doc["file_name"],
        doc.get("format") or "?",
        doc.get("family"),
        f"{doc['pages']}쪽" if doc.get("pages") else None,
        doc.get("organization"),
        f"계획 연도 {doc['plan_year']}" if doc.get("plan_year") else None,
        None if doc.get("is_primary", True) else "같은 보고서의 다른 형식",
    ]
    sections = dict(
        con.execute("SELECT code, title FROM sections WHERE doc_id = ?", [d]).fetchall()
    )
    formats = [
        {
            "doc_id": other["doc_id"],
            "format": other.get("format") or "?",
            "file_name": other["file_name"],
            "pages": other.get("pages"),
            "status": other["status"],
            "counts": _count_text(by_doc[other["doc_id"]]),
            "shown": other is doc,
        }
        for other in group
    ]
    return {
        "doc": doc,
        "heading": doc.get("title") or doc["file_name"],
        "files": ", ".join(other["file_name"] for other in group),
        "meta": " · ".join(m for m in meta if m),
        "counts": _count_text(found),
        "formats": formats,
        "parts": [] if doc["status"] == "failed" else _family_parts(con, doc),
        "findings": _finding_groups(found, sections),
    }


# ---------------------------------------------------------------- the page


def render_report(
    con: duckdb.DuckDBPyConnection,
    *,
    db_path: str | Path | None = None,
    doc_ids=None,
    generated_at: datetime | None = None,
    redact_contacts: bool = False,
) -> str:
    """The report as one HTML string (reads the warehouse; runs no check). `redact_contacts`
    masks the staff names and phone numbers the contacts list wherever the page shows them."""
    docs = _documents(con, doc_ids)
    found = quality.findings(con, None if doc_ids is None else [d["doc_id"] for d in docs])
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in found:
        by_doc[f["doc_id"]].append(f)
    reports = [_document_view(con, group, by_doc) for group in reports_of(docs)]
    shown = [f for r in reports for f in by_doc[r["doc"]["doc_id"]]]
    _, checks, failures = quality.load_checks()
    # Redacted, every text the templates print is masked before it is escaped; the style
    # sheet and the markup are the templates' own and stay as they are.
    env = _environment(Redactor(con).text) if redact_contacts else environment()
    return env.get_template("report.html.j2").render(
        db_path=db_path,
        reports=reports,
        documents=len(docs),
        n_findings=len(shown),
        counts=_count_text(shown),
        when=(generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        checks=checks,
        check_failures=failures,
        severity_ko=SEVERITY_KO,
    )


def write_report(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    db_path: str | Path | None = None,
    doc_ids=None,
    redact_contacts: bool = False,
) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = render_report(con, db_path=db_path, doc_ids=doc_ids, redact_contacts=redact_contacts)
    path.write_text(page, "utf-8")
    return path
