"""Rules: Document → facts. `extract` is a pure function of one Document.

One module per fact kind (sections, contacts, training, budget, outline, tables); `normalize`
holds the Korean text normalization they share; `families/` holds one rule set per report family.
"""

from __future__ import annotations

from kplan.parsers.model import Document

from .facts import BudgetLine, BudgetTable, Contact, Facts, Section, TrainingItem
from .families import classify
from .identity import document_identity
from .lines import Item, document_stream
from .outline import extract_outline
from .search_index import search_index
from .tables import table_facts

# Bump when a change to the rules changes the facts they extract: documents loaded by an older
# version are read again on the next ingest, even when their bytes did not change.
RULES_VERSION = 8

__all__ = [
    "extract",
    "RULES_VERSION",
    "Facts",
    "Section",
    "Contact",
    "TrainingItem",
    "BudgetLine",
    "BudgetTable",
]


def _document_identity(doc: Document, stream: list[Item], facts: Facts) -> None:
    """Title, organization, plan year and unit: see rules/identity.py."""
    document_identity(doc, stream, facts)


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
    _document_identity(doc, stream, facts)
    facts.search_units, facts.search_terms = search_index(
        stream, facts.outline, facts.tables, facts.table_cells
    )
    return facts
