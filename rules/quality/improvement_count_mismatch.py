"""An item counted both in a section's '주요 개선 사항' box and in its 추진계획 list, with
different numbers of courses or participants.

A Python check: the box and the list word the same item a little differently ('… 직무연수' and
'… 직무연수 등'; a line broken elsewhere), so items are paired by name similarity, which SQL
does not say well. Names are compared with whitespace squashed and a trailing '등' dropped;
failing an exact match, the most similar plan item of the same audience counts when the two
names are at least 90% alike.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from kplan.rules.normalize import squash

CHECK = {
    "id": "improvement_count_mismatch",
    "severity": "error",
    "message_ko": "주요 개선 사항의 ‘{name}’ {actual} ≠ 추진계획 {expected}",
    "message_en": "‘{name}’ counts {actual} in the 주요 개선 사항 box but {expected} in the "
    "plan list",
    "about": "An item of the 주요 개선 사항 box against the same item in the section's plan "
    "list (추진계획): the numbers of courses (과정) and participants (명) must agree.",
}
SIMILAR = 0.9


def name_key(name: str | None) -> str:
    key = squash(name or "")
    return key[:-1] if key.endswith("등") else key


def counts(courses: int | None, participants: int | None) -> str:
    parts = []
    if courses is not None:
        parts.append(f"{courses:,}과정")
    if participants is not None:
        parts.append(f"{participants:,}명")
    return ", ".join(parts) or "-"


def _match(item: dict, plan: list[dict]) -> list[dict]:
    same_audience = [
        p
        for p in plan
        if not item["audience"] or not p["audience"] or p["audience"] == item["audience"]
    ]
    key = name_key(item["name"])
    exact = [p for p in same_audience if name_key(p["name"]) == key]
    if exact:
        return exact
    scored = sorted(
        (
            (SequenceMatcher(None, key, name_key(p["name"])).ratio(), i)
            for i, p in enumerate(same_audience)
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= SIMILAR:
        return [same_audience[scored[0][1]]]
    return []


def _rows(con, table: str, extra: str = "") -> list[dict]:
    cursor = con.execute(f"""
        SELECT doc_id, section_code, audience, mode, name, courses, participants, page, source
        FROM {table} {extra} ORDER BY doc_id, section_code""")
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r)) for r in cursor.fetchall()]


def run(con, doc_ids):
    plan_by_section: dict[tuple, list[dict]] = {}
    for p in _rows(con, "training_items", "WHERE stage = 'plan'"):
        plan_by_section.setdefault((p["doc_id"], p["section_code"]), []).append(p)
    for item in _rows(con, "improvement_items"):
        if doc_ids is not None and item["doc_id"] not in doc_ids:
            continue
        matches = _match(item, plan_by_section.get((item["doc_id"], item["section_code"]), []))
        if not matches:
            continue
        agree = [
            p
            for p in matches
            if (item["courses"] is None or p["courses"] == item["courses"])
            and (item["participants"] is None or p["participants"] == item["participants"])
        ]
        if agree:
            continue
        plan = matches[0]
        yield {
            "doc_id": item["doc_id"],
            "section_code": item["section_code"],
            "page": item["page"],
            "name": item["name"],
            "expected": counts(plan["courses"], plan["participants"]),
            "actual": counts(item["courses"], item["participants"]),
            "source": f"{item['source']} | 추진계획: {plan['source']}",
        }
