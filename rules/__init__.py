"""Rules: Document → facts. `extract` is a pure function of one Document.

One module per fact kind (sections, contacts, training, budget); `normalize` holds the Korean
text normalization they share.
"""
from __future__ import annotations

from collections import Counter

import regex

from kplan.parsers.model import Document

from . import budget
from .contacts import extract_contacts
from .facts import BudgetLine, BudgetTable, Contact, Facts, Section, TrainingItem
from .lines import Item, Line, TableRef, document_stream
from .normalize import squash
from .sections import section_parts, split_sections, task_outline
from .training import extract_training

__all__ = ["extract", "Facts", "Section", "Contact", "TrainingItem", "BudgetLine",
           "BudgetTable"]

TITLE_RE = regex.compile(r"(\S*?)\s*(20\d\d)\s*(?:년\s*)?(주요\s*업무\s*계획|업무\s*계획|사업\s*계획)")
ORGANIZATION_RE = regex.compile(r"^\p{Hangul}[\p{Hangul}\s]{1,38}(?:원|청|부|처|위원회|공단|공사|센터|재단)$")


class _BudgetRegion:
    """A section's budget table, read into raw rows; names are resolved once all are read."""

    def __init__(self, section: Section, heading: Line, before: list[Line], rows, plan_year,
                 prev_year, block_span, context: str, from_cells: bool):
        self.section, self.heading, self.before = section, heading, before
        self.rows, self.plan_year, self.prev_year = rows, plan_year, prev_year
        self.block_span, self.context, self.from_cells = block_span, context, from_cells


def _budget_region(section: Section, items: list[Item]) -> _BudgetRegion | None:
    heading_at = next((i for i, it in enumerate(items) if isinstance(it, Line)
                       and budget.BUDGET_HEADING_RE.search(it.text)), None)
    if heading_at is None:
        return None
    heading = items[heading_at]
    after = items[heading_at + 1:]
    context_lines = [it.text for it in items[:heading_at] if isinstance(it, Line)]
    table_at = next((i for i, it in enumerate(after) if isinstance(it, TableRef)
                     and budget.is_budget_table(it.table)), None)
    if table_at is not None:
        before = [it for it in after[:table_at] if isinstance(it, Line)]
        ref = after[table_at]
        rows, plan_year, prev_year = budget.rows_from_table(ref.table)
        context = squash(" ".join([section.title] + context_lines + [b.text for b in before]))
        return _BudgetRegion(section, heading, before, rows, plan_year, prev_year,
                             (ref.block, ref.block), context, True)
    lines = [it for it in after if isinstance(it, Line)]
    header_end = next((i for i, ln in enumerate(lines) if "4분기" in ln.text), None)
    if header_end is None:
        return None
    context = squash(" ".join([section.title] + context_lines
                              + [ln.text for ln in lines[:header_end]]))
    rows, header_start, total_at = budget.rows_from_lines(lines, context)
    plan_year, prev_year = budget.years_from_header(lines[header_start:header_end + 1])
    end = lines[total_at].block if total_at >= 0 else lines[-1].block
    return _BudgetRegion(section, heading, lines[:header_start], rows, plan_year, prev_year,
                         (lines[header_start].block, end), context, False)


def _document_identity(stream: list[Item], facts: Facts) -> None:
    lines = [it.text for it in stream if isinstance(it, Line)]
    for text in lines[:5]:
        if ORGANIZATION_RE.match(text) and len(text) <= 30 and text.count(" ") <= 2 \
                and not text.endswith("지원"):
            facts.organization = text
            break
    titles = Counter()
    for text in lines:
        m = TITLE_RE.search(text)
        if m:
            titles[(m.group(1), int(m.group(2)), m.group(3).replace(" ", ""))] += 1
    if titles:
        (org, year, kind), _ = titles.most_common(1)[0]
        facts.title = f"{org} {year} {kind}".strip()
        facts.plan_year = year
        facts.organization = facts.organization or org or None
    years = Counter(t.year for t in facts.budget_tables if t.year)
    if facts.plan_year is None and years:
        facts.plan_year = years.most_common(1)[0][0]
    units = Counter(t.unit for t in facts.budget_tables if t.unit)
    facts.unit = units.most_common(1)[0][0] if units else None


def extract(doc: Document) -> Facts:
    stream = document_stream(doc)
    front, spans = split_sections(stream)
    facts = Facts(tasks=task_outline(front))
    facts.contacts.extend(extract_contacts(None, front))
    regions: list[_BudgetRegion] = []
    for span in spans:
        code = span.section.code
        facts.sections.append(span.section)
        facts.section_parts[code] = section_parts(span.items)
        facts.contacts.extend(extract_contacts(code, span.items))
        items, improvements = extract_training(code, span.items)
        facts.training_items.extend(items)
        facts.improvement_items.extend(improvements)
        region = _budget_region(span.section, span.items)
        if region is not None:
            regions.append(region)
    vocabulary = budget.program_vocabulary([r.rows for r in regions if not r.from_cells])
    for region in regions:
        table = budget.budget_table_header(region.before, region.section.code, region.heading,
                                           region.plan_year, region.prev_year, 6,
                                           region.block_span)
        facts.budget_tables.append(table)
        facts.budget_lines.extend(budget.finish_lines(
            region.rows, section_code=region.section.code, year=region.plan_year,
            factor=table.unit_factor, vocabulary=vocabulary, context=region.context,
            from_cells=region.from_cells))
    _document_identity(stream, facts)
    return facts
