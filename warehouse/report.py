"""The data-quality report: one self-contained HTML page for planners.

Per document: how much of it was understood (sections, tables and items found), the budget by
section and quarter as an inline SVG chart, the plan year's totals against the year before, and
the findings per section with the page and the source snippet they were read from. No script,
no font, no image or style sheet from the network: the page opens the same offline. Every text
from a document or a check is escaped.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from kplan.rules import families

from . import quality
from .quality import format_amount
from .redact import Redactor
from .summary import found_line, short_position

QUARTERS = ("q1", "q2", "q3", "q4")
QUARTER_LABELS = ("1분기", "2분기", "3분기", "4분기")
QUARTER_COLORS = ("#4e79a7", "#59a14f", "#f28e2b", "#b07aa1")
YEAR_COLORS = ("#bab0ac", "#4e79a7")  # previous year, plan year
SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "정보"}
PARTS = ("목적", "근거", "실적", "계획", "예산")

CSS = """
:root { --fg:#1d1d1f; --muted:#5f6368; --line:#d9d9de; --bg:#fafafa;
        --error:#b3261e; --warning:#8a5a00; --info:#1a5fb4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Malgun Gothic", "Apple SD Gothic Neo",
       "Noto Sans CJK KR", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 32px 0 4px; border-top: 3px solid var(--fg); padding-top: 12px; }
h3 { font-size: 1.05rem; margin: 24px 0 8px; }
h4 { font-size: .98rem; margin: 18px 0 6px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f3; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code, th.code { white-space: nowrap; }
table.budget { font-size: .88rem; }
caption { caption-side: top; text-align: right; color: var(--muted); font-size: .85rem; }
.badge { display: inline-block; padding: 0 8px; border-radius: 9px; font-size: .8rem;
         font-weight: 700; color: #fff; white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
tr.error td:first-child { border-left: 4px solid var(--error); }
tr.warning td:first-child { border-left: 4px solid var(--warning); }
tr.info td:first-child { border-left: 4px solid var(--info); }
code.source { display: block; white-space: pre-wrap; word-break: break-all; font-size: .82rem;
              background: #f5f5f7; padding: 2px 6px; border-radius: 4px; margin-top: 4px; }
.en { color: var(--muted); font-size: .85rem; }
.meter { display: inline-block; width: 120px; height: 10px; background: #e6e6ea;
         border-radius: 5px; vertical-align: middle; overflow: hidden; }
.meter > span { display: block; height: 100%; background: #59a14f; }
nav ul { margin: 4px 0; padding-left: 20px; }
svg.chart { background: #fff; border: 1px solid var(--line); max-width: 100%; height: auto; }
svg.chart text { font-size: 12px; fill: var(--fg); }
.legend span { display: inline-block; margin-right: 14px; font-size: .85rem; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
            vertical-align: -1px; }
.ok { color: #2e7d32; font-weight: 600; }
"""


def esc(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r)) for r in cursor.fetchall()]


# ---------------------------------------------------------------- data


def _documents(con, doc_ids) -> list[dict[str, Any]]:
    where = (
        ""
        if doc_ids is None
        else f"WHERE doc_id IN ({', '.join(str(int(d)) for d in doc_ids) or 'NULL'})"
    )
    return _rows(con, f"SELECT * FROM documents {where} ORDER BY doc_id")


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


# ---------------------------------------------------------------- pieces


def _ratio(n: int, total: int) -> str:
    if not total:
        return '<span class="muted">—</span>'
    pct = round(100 * n / total)
    return (
        f'<span class="meter" role="img" aria-label="{pct}%"><span style="width:{pct}%">'
        f'</span></span> {n} / {total} ({pct}%)'
    )


def _coverage_html(doc: dict[str, Any], c: dict[str, Any]) -> str:
    rows = [
        ("절 (1-1-1 …)", f"{c['sections']}개", ""),
        (
            "목차의 과제 중 절이 있는 과제",
            _ratio(c["tasks_covered"], c["tasks"]),
            "보고서 앞의 과제 목록(1. …)" if c["tasks"] else "목차를 찾지 못함",
        ),
        (
            "다섯 항목(목적·근거·실적·계획·예산)을 다 갖춘 절",
            _ratio(c["complete"], c["sections"]),
            "",
        ),
        (
            "예산 표를 읽은 절 / ‘예산 집행 계획’ 제목이 있는 절",
            _ratio(c["budget_read"], c["budget_headings"]),
            "",
        ),
        (
            "합계가 맞는 예산 표",
            _ratio(c["totals_ok"], c["totals"]),
            f"예산 내역 {c['budget_lines']}행",
        ),
        (
            "연수 항목",
            f"실적 {c['actual']}개 · 계획 {c['plan']}개",
            f"주요 개선 사항 {c['improvements']}개",
        ),
        ("연락처", f"{c['contacts']}개", ""),
        (
            "읽은 양",
            f"글자 {doc.get('n_chars') or 0:,}자 · 문단 {doc.get('n_paragraphs') or 0:,}개"
            f" · 표 {doc.get('n_tables') or 0:,}개",
            f"{doc['pages']}쪽" if doc.get("pages") else "쪽 정보 없음",
        ),
    ]
    body = "".join(
        f"<tr><th scope=\"row\">{esc(a)}</th><td>{b}</td><td class=\"muted\">{esc(n)}</td></tr>"
        for a, b, n in rows
    )
    return (
        f'<table class="coverage" id="coverage-doc-{doc["doc_id"]}"><thead><tr><th>무엇을</th>'
        f"<th>찾은 것</th><th>참고</th></tr></thead><tbody>{body}</tbody></table>"
    )


def quarter_chart(budget: list[dict[str, Any]], unit: str, factor: int, chart_id: str) -> str:
    """Horizontal stacked bars, one per section, one colour per quarter."""
    if not budget:
        return '<p class="muted">예산 표가 없습니다.</p>'
    label_w, bar_w, row_h, top = 150, 600, 24, 10
    width = label_w + bar_w + 110
    height = top + row_h * len(budget) + 10
    biggest = max((sum(r[q] or 0 for q in QUARTERS) for r in budget), default=0) or 1
    parts = [
        f'<svg class="chart quarters" id="{esc(chart_id)}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="절별 분기 예산">',
        "<title>절별·분기별 예산</title>",
    ]
    for i, r in enumerate(budget):
        y = top + i * row_h
        code = r["section_code"] or "-"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">'
            f'<title>{esc(r.get("title"))}</title>{esc(code)}</text>'
        )
        x = float(label_w)
        total = 0
        for q, label, color in zip(QUARTERS, QUARTER_LABELS, QUARTER_COLORS):
            value = r[q] or 0
            total += value
            if value <= 0:
                continue
            w = bar_w * value / biggest
            parts.append(
                f'<rect class="bar {q}" x="{x:.1f}" y="{y + 3}" width="{max(w, 0.5):.1f}" '
                f'height="{row_h - 8}" fill="{color}" data-section="{esc(code)}" '
                f'data-quarter="{q}" data-won="{value}"><title>{esc(code)} {label}: '
                f'{esc(format_amount(value, factor, unit))}</title></rect>'
            )
            x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 15}">{esc(format_amount(total, factor, unit))}</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{c}"></i>{label}</span>'
        for label, c in zip(QUARTER_LABELS, QUARTER_COLORS)
    )
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def year_chart(
    budget: list[dict[str, Any]], unit: str, factor: int, chart_id: str, years: tuple[str, str]
) -> str:
    """Paired bars per section: the previous year and the plan year."""
    if not budget:
        return ""
    label_w, bar_w, pair_h, top = 150, 600, 30, 10
    width = label_w + bar_w + 110
    height = top + pair_h * len(budget) + 10
    biggest = max((max(r["amount"] or 0, r["amount_prev"] or 0) for r in budget), default=0) or 1
    parts = [
        f'<svg class="chart years" id="{esc(chart_id)}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{esc(years[0])} 대비 {esc(years[1])}">',
        f"<title>절별 {esc(years[0])} 대비 {esc(years[1])} 예산</title>",
    ]
    for i, r in enumerate(budget):
        y = top + i * pair_h
        code = r["section_code"] or "-"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f'<title>{esc(r.get("title"))}</title>{esc(code)}</text>'
        )
        for j, (key, color, year) in enumerate(zip(("amount_prev", "amount"), YEAR_COLORS, years)):
            value = r[key] or 0
            w = bar_w * value / biggest
            by = y + 3 + j * 12
            parts.append(
                f'<rect class="bar {key}" x="{label_w}" y="{by}" width="{max(w, 0.5):.1f}" '
                f'height="11" fill="{color}" data-section="{esc(code)}" data-won="{value}">'
                f'<title>{esc(code)} {esc(year)}: {esc(format_amount(value, factor, unit))}'
                f'</title></rect>'
            )
            parts.append(
                f'<text x="{label_w + w + 6:.1f}" y="{by + 10}" font-size="11">'
                f'{esc(format_amount(value, factor, unit))}</text>'
            )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{c}"></i>{esc(y)}</span>' for y, c in zip(years, YEAR_COLORS)
    )
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def _years(budget: list[dict[str, Any]], plan_year: int | None) -> tuple[str, str]:
    year = Counter(r["year"] for r in budget if r["year"]).most_common(1)
    prev = Counter(r["prev_year"] for r in budget if r["prev_year"]).most_common(1)
    plan = year[0][0] if year else plan_year
    before = prev[0][0] if prev else (plan - 1 if plan else None)
    return (f"{before}년" if before else "전년"), (f"{plan}년" if plan else "올해")


def _totals_html(
    budget: list[dict[str, Any]], unit: str, factor: int, years: tuple[str, str], doc_id: int
) -> str:
    if not budget:
        return ""

    def num(won: Any, signed: bool = False) -> str:
        return esc(format_amount(won, factor, "", signed=signed))

    head = (
        "<tr><th class=\"code\">절</th><th>사업</th>"
        f"<th class=\"num\">{esc(years[0])}</th><th class=\"num\">{esc(years[1])}</th>"
        "<th class=\"num\">증감</th>"
        + "".join(f'<th class="num">{q}</th>' for q in QUARTER_LABELS)
        + "</tr>"
    )
    body = []
    for r in budget:
        change = (r["amount"] or 0) - (r["amount_prev"] or 0)
        body.append(
            f"<tr><td class=\"code\">{esc(r['section_code'])}</td><td>{esc(r.get('title'))}</td>"
            f"<td class=\"num\">{num(r['amount_prev'])}</td>"
            f"<td class=\"num\">{num(r['amount'])}</td>"
            f"<td class=\"num\">{num(change, True)}</td>"
            + "".join(f'<td class="num">{num(r[q])}</td>' for q in QUARTERS)
            + "</tr>"
        )
    prev = sum(r["amount_prev"] or 0 for r in budget)
    plan = sum(r["amount"] or 0 for r in budget)
    pct = f" ({(plan - prev) / prev * 100:+.1f}%)" if prev else ""
    foot = (
        f"<tr><th colspan=\"2\">합계</th><th class=\"num\">{num(prev)}</th>"
        f"<th class=\"num\">{num(plan)}</th><th class=\"num\">{num(plan - prev, True)}</th>"
        + "".join(f'<th class="num">{num(sum(r[q] or 0 for r in budget))}</th>' for q in QUARTERS)
        + "</tr>"
    )
    summary = (
        f'<p class="totals" id="totals-doc-{doc_id}">예산 합계 <strong>{esc(years[0])} '
        f'{esc(format_amount(prev, factor, unit))}</strong> → <strong>{esc(years[1])} '
        f'{esc(format_amount(plan, factor, unit))}</strong> '
        f'({esc(format_amount(plan - prev, factor, unit, signed=True))}{esc(pct)})</p>'
    )
    return (
        summary + f'<table class="budget"><caption>단위: {esc(unit)}</caption>'
        f'<thead>{head}</thead><tbody>{"".join(body)}</tbody><tfoot>{foot}</tfoot></table>'
    )


def _figure(value: Any) -> str:
    """An expected/actual value: won figures get thousands separators ('104,700,000')."""
    text = "" if value is None else str(value)
    return f"{int(text):,}" if text.lstrip("-").isdigit() and len(text) > 4 else text


def _findings_html(
    found: list[dict[str, Any]], sections: dict[str, dict[str, Any]], doc_id: int
) -> str:
    if not found:
        return (
            f'<p class="ok" id="findings-doc-{doc_id}">발견 사항이 없습니다 — 모든 검사를 '
            f"통과했습니다.</p>"
        )
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for f in found:
        groups[f["section_code"]].append(f)
    out = []
    for code, items in groups.items():
        title = (
            "문서 전체"
            if code is None
            else f"{code} {sections.get(code, {}).get('title') or ''}".strip()
        )
        rows = []
        for f in items:
            page = (
                f"p.{f['page']}"
                if f["page"] is not None
                else (short_position(f["position"]) if f.get("position") else "—")
            )
            diff = "" if f["difference"] is None else f"{f['difference']:+,}"
            source = f'<code class="source">{esc(f["source"])}</code>' if f["source"] else ""
            rows.append(
                f'<tr class="finding {esc(f["severity"])}" data-rule="{esc(f["rule"])}" '
                f'data-section="{esc(code or "")}">'
                f'<td><span class="badge {esc(f["severity"])}">'
                f'{esc(SEVERITY_KO.get(f["severity"], f["severity"]))}</span></td>'
                f'<td>{esc(f["message"])}<div class="en">{esc(f["message_en"])}</div>{source}'
                f'</td><td class="num">{esc(page)}</td><td><code>{esc(f["rule"])}</code></td>'
                f'<td class="num">{esc(_figure(f["expected"]))}</td>'
                f'<td class="num">{esc(_figure(f["actual"]))}</td>'
                f'<td class="num">{esc(diff)}</td></tr>'
            )
        out.append(
            f"<h4>{esc(title)}</h4>"
            '<table class="findings"><thead><tr><th>심각도</th><th>내용 · 원문</th>'
            '<th class="num">쪽</th><th>검사</th><th class="num">기대값</th>'
            '<th class="num">실제값</th><th class="num">차이(원)</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return f'<div class="findings-doc" id="findings-doc-{doc_id}">{"".join(out)}</div>'


def _count_text(found: list[dict[str, Any]]) -> str:
    counts = Counter(f["severity"] for f in found)
    return " · ".join(f"{SEVERITY_KO[s]} {counts.get(s, 0)}" for s in quality.SEVERITIES)


def _training_plan_coverage(con, doc: dict[str, Any]) -> str:
    return "<h3>얼마나 읽었나</h3>" + _coverage_html(doc, _coverage(con, doc))


def _budget_by_section(con, doc: dict[str, Any]) -> str:
    d = doc["doc_id"]
    budget, unit, factor = _budget(con, d)
    years = _years(budget, doc.get("plan_year"))
    return "".join(
        [
            f"<h3>예산: {esc(years[0])} 대비 {esc(years[1])}</h3>",
            _totals_html(budget, unit, factor, years, d),
            year_chart(budget, unit, factor, f"chart-years-doc-{d}", years),
            "<h3>절별·분기별 예산</h3>",
            '<p class="muted">각 표의 합계 행 기준(합계 행이 비운 칸은 내역의 합).</p>',
            quarter_chart(budget, unit, factor, f"chart-quarters-doc-{d}"),
        ]
    )


BUILT_IN_PARTS = {
    "training_plan_coverage": _training_plan_coverage,
    "budget_by_section": _budget_by_section,
}


def _read_amount_html(doc: dict[str, Any], found_text: str) -> str:
    """What was read, in the family's words (or the generic layer's), and how much text."""
    rows = [
        ("찾은 것", found_text, doc.get("family") or "보고서 유형을 알 수 없음: 표와 개요만"),
        (
            "읽은 양",
            f"글자 {doc.get('n_chars') or 0:,}자 · 문단 {doc.get('n_paragraphs') or 0:,}개"
            f" · 표 {doc.get('n_tables') or 0:,}개",
            f"{doc['pages']}쪽" if doc.get("pages") else "쪽 정보 없음",
        ),
    ]
    body = "".join(
        f'<tr><th scope="row">{esc(a)}</th><td>{esc(b)}</td><td class="muted">{esc(n)}</td></tr>'
        for a, b, n in rows
    )
    return (
        "<h3>얼마나 읽었나</h3>"
        f'<table class="coverage" id="coverage-doc-{doc["doc_id"]}"><thead><tr><th>무엇을</th>'
        f"<th>찾은 것</th><th>참고</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _cell_html(value: Any, numeric: bool) -> str:
    if numeric:
        text = "" if value is None else (f"{value:,}" if isinstance(value, int) else str(value))
        return f'<td class="num">{esc(text)}</td>'
    return f"<td>{esc(value)}</td>"


def _report_table_html(con, doc_id: int, part: families.ReportTable) -> str:
    cursor = con.execute(part.sql, [doc_id])
    rows = cursor.fetchall()
    if not rows:
        return f"<h3>{esc(part.title)}</h3><p class=\"muted\">{esc(part.empty)}</p>"
    numeric = [c in part.numeric for c in part.columns]
    head = "".join(
        f'<th class="num">{esc(c)}</th>' if n else f"<th>{esc(c)}</th>"
        for c, n in zip(part.columns, numeric)
    )
    body = "".join(
        "<tr>" + "".join(_cell_html(v, n) for v, n in zip(r, numeric)) + "</tr>" for r in rows
    )
    return (
        f"<h3>{esc(part.title)}</h3><table class=\"family\"><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _family_html(con, doc: dict[str, Any]) -> str:
    """The family's own section (its REPORT parts), or the generic one for no family."""
    family = families.named(doc.get("family"))
    parts = tuple(getattr(family, "REPORT", ())) if family is not None else ()
    out = []
    if not any(isinstance(p, families.BuiltIn) for p in parts):
        out.append(_read_amount_html(doc, found_line(con, doc["doc_id"], doc.get("family"))))
    for part in parts:
        if isinstance(part, families.BuiltIn):
            out.append(BUILT_IN_PARTS[part.name](con, doc))
        else:
            out.append(_report_table_html(con, doc["doc_id"], part))
    return "".join(out)


def _document_html(con, doc: dict[str, Any], found: list[dict[str, Any]]) -> str:
    d = doc["doc_id"]
    heading = doc.get("title") or doc["file_name"]
    meta = [
        doc["file_name"],
        doc.get("format") or "?",
        doc.get("family"),
        f"{doc['pages']}쪽" if doc.get("pages") else None,
        doc.get("organization"),
        f"계획 연도 {doc['plan_year']}" if doc.get("plan_year") else None,
        None if doc.get("is_primary", True) else "같은 보고서의 다른 형식",
    ]
    out = [
        f'<section class="document" id="doc-{d}">',
        f"<h2>{esc(heading)}</h2>",
        f'<p class="muted">{esc(" · ".join(m for m in meta if m))}</p>',
        f'<p class="counts">발견 사항: {esc(_count_text(found))}</p>',
    ]
    if doc["status"] == "failed":
        out.append(
            f'<p><span class="badge error">읽지 못함</span> {esc(doc.get("error"))}: '
            f'{esc(doc.get("error_message"))}</p>'
        )
    else:
        out.append(_family_html(con, doc))
    sections = {
        s["code"]: s for s in _rows(con, "SELECT code, title FROM sections WHERE doc_id = ?", [d])
    }
    out.append("<h3>발견 사항</h3>")
    out.append(_findings_html(found, sections, d))
    out.append("</section>")
    return "".join(out)


def _checks_html() -> str:
    _, checks, failures = quality.load_checks()
    rows = "".join(
        f"<tr><td><code>{esc(c.id)}</code></td><td><span class=\"badge "
        f"{esc(c.severity)}\">{esc(SEVERITY_KO[c.severity])}</span></td>"
        f"<td>{esc(c.about)}</td></tr>"
        for c in checks
    )
    bad = "".join(f"<li>{esc(f.path)}: {esc(f.message)}</li>" for f in failures)
    return (
        '<h2>검사 목록</h2><table class="checks"><thead><tr><th>검사</th><th>심각도</th>'
        f"<th>무엇을 보나</th></tr></thead><tbody>{rows}</tbody></table>"
        + (f"<p>읽지 못한 검사 파일:</p><ul>{bad}</ul>" if bad else "")
    )


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
    when = (generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    nav = "".join(
        f'<li><a href="#doc-{d["doc_id"]}">{esc(d.get("title") or d["file_name"])}'
        f'</a> <span class="muted">{esc(d["file_name"])} — '
        f'{esc(_count_text(by_doc[d["doc_id"]]))}</span></li>'
        for d in docs
    )
    body = (
        "".join(_document_html(con, d, by_doc[d["doc_id"]]) for d in docs)
        or '<p class="muted">창고에 문서가 없습니다.</p>'
    )
    where = f"창고 {db_path} · " if db_path else ""
    page = (
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>kplan 데이터 품질 보고서</title>"
        f"<style>{CSS}</style></head><body>"
        "<header><h1>데이터 품질 보고서</h1>"
        f'<p class="muted">{esc(where)}문서 {len(docs)}개 · 발견 사항 {len(found)}건 '
        f"({esc(_count_text(found))}) · {esc(when)} 작성</p>"
        f"<nav><ul>{nav}</ul></nav></header>"
        f"<main>{body}{_checks_html()}</main>"
        '<footer class="muted">kplan — 검사는 rules/quality/ 의 파일 하나가 하나입니다 '
        "(docs/checks.md).</footer></body></html>\n"
    )
    return Redactor(con).html(page) if redact_contacts else page


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
