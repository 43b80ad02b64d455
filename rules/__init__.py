"""Rules: Document → facts. `extract` is a pure function of one Document.

One module per fact kind (sections, contacts, training, budget, outline, tables); `normalize`
holds the Korean text normalization they share; `families/` holds one rule set per report family.
"""
from __future__ import annotations

from collections import Counter

import regex

from kplan.parsers.model import Document

from .facts import BudgetLine, BudgetTable, Contact, Facts, Section, TrainingItem
from .families import classify
from .lines import Item, Line, document_stream
from .outline import extract_outline
from .tables import table_facts

# Bump when a change to the rules changes the facts they extract: documents loaded by an older
# version are read again on the next ingest, even when their bytes did not change.
RULES_VERSION = 6

__all__ = ["extract", "RULES_VERSION", "Facts", "Section", "Contact", "TrainingItem", "BudgetLine",
           "BudgetTable"]

TITLE_RE = regex.compile(r"(\S*?)\s*(20\d\d)\s*(?:년\s*)?(주요\s*업무\s*계획|업무\s*계획|사업\s*계획)")
ORGANIZATION_RE = regex.compile(r"^\p{Hangul}[\p{Hangul}\s]{1,38}(?:원|청|부|처|위원회|공단|공사|센터|재단)$")


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


def _block_position(doc: Document, block: int | None) -> str | None:
    return doc.blocks[block].position if block is not None and block < len(doc.blocks) else None


def extract(doc: Document) -> Facts:
    """Facts of one document: the generic layer for every document, then the rules of the
    report family whose signature it matches (none when no family does)."""
    stream = document_stream(doc)
    facts = Facts()
    facts.outline = extract_outline(stream)
    facts.tables, facts.table_cells = table_facts(document_stream(doc, unbox=False))
    family = classify(stream)
    if family is not None:
        facts.family = family.NAME
        family.extract(stream, facts)
        read = family.read_blocks(facts) if hasattr(family, "read_blocks") else set()
        facts.tables = [t._replace(read_by_family=t.block in read) for t in facts.tables]
    facts.tables = [t._replace(position=_block_position(doc, t.block)) for t in facts.tables]
    _document_identity(stream, facts)
    return facts
