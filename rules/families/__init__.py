"""Rule sets per report family. A family is one module (or any object) with:

- `NAME`: the value stored in `documents.family`;
- `signature(stream) -> float`: how strongly a document looks like this family (0 = not at all);
- `extract(stream, facts)`: fill the family's facts (`facts.rows(table)` is each table's list);
- `FACT_TABLES`: the warehouse tables it fills, one `FactTable` each: the loader creates,
  checks and fills them from the fact type's fields, with no code of its own;
- `summary(counts) -> str`: what was found, in the family's words, from the number of rows
  per table (`kplan ingest` prints it after the family's name);
and, optionally:
- `check_summary(counts) -> str`: the same for `kplan check` and `kplan quality` (default
  `summary`);
- `REPORT`: the family's section of the HTML report, a sequence of `ReportTable` (or
  `BuiltIn`, a part the report draws itself);
- `CHECK`: lines `kplan check` prints under the summary, a sequence of `CheckLines`;
- `read_blocks(facts) -> set[int]`: the Document blocks the family read (their tables are
  `tables.read_by_family`).

Adding a family is adding a module and listing it in `FAMILIES` (or `register(module)`, as the
tests do). A document whose best score is below `MIN_SCORE` has no family and gets only the
generic layer (outline, tables).
"""

from __future__ import annotations

from kplan.rules.facts import CellFact, OutlineNode, TableInfo
from kplan.rules.search_index import SearchUnit

from . import budget_program, training_plan, work_plan
from .base import BuiltIn, CheckLines, FactTable, ReportTable, plural

__all__ = [
    "BuiltIn",
    "CheckLines",
    "FactTable",
    "ReportTable",
    "plural",
    "register",
    "named",
    "classify",
    "fact_tables",
    "counts_of",
    "summary_of",
    "generic_summary",
]

REQUIRED = ("NAME", "signature", "extract", "FACT_TABLES", "summary")


# The generic layer: filled for every document, whatever its family.
GENERIC_TABLES = (
    FactTable("outline", OutlineNode),
    FactTable("tables", TableInfo),
    FactTable("table_cells", CellFact),
    FactTable("search_units", SearchUnit),
)

FAMILIES = [training_plan, budget_program, work_plan]
# The families kplan ships: FAMILIES beyond these were registered at run time (plug-ins).
BUILT_IN = tuple(FAMILIES)
MIN_SCORE = 1.0


def register(family) -> None:
    """Add a family (a module or any object with the attributes above)."""
    missing = [a for a in REQUIRED if not hasattr(family, a)]
    if missing:
        raise TypeError(f"family {getattr(family, 'NAME', family)!r} lacks {', '.join(missing)}")
    if family not in FAMILIES:
        FAMILIES.append(family)


def named(name: str | None):
    """The family called `name`, or None."""
    return next((f for f in FAMILIES if f.NAME == name), None)


def fact_tables() -> list[FactTable]:
    """Every table filled from facts: the generic layer's, then each family's."""
    out = list(GENERIC_TABLES)
    for family in FAMILIES:
        out.extend(t for t in family.FACT_TABLES if t not in out)
    return out


def classify(stream):
    """The family module with the highest signature score, or None."""
    scored = [(family.signature(stream), i, family) for i, family in enumerate(FAMILIES)]
    best = max(scored, key=lambda s: (s[0], -s[1]), default=None)
    if best is None or best[0] < MIN_SCORE:
        return None
    return best[2]


def counts_of(facts, family) -> dict[str, int]:
    """{table: rows} of the family's tables in one document's facts."""
    return {t.table: len(t.values(facts)) for t in family.FACT_TABLES}


def summary_of(family, counts: dict[str, int], *, check: bool = False) -> str:
    if check and hasattr(family, "check_summary"):
        return family.check_summary(counts)
    return family.summary(counts)


def generic_summary(n: dict[str, int]) -> str:
    """What the generic layer found in a document of no family: '12 tables, 340 figures, 40
    outline nodes' (a figure: a table cell below the header that holds a number)."""
    return (
        f"{plural(n['tables'], 'table')}, {plural(n['figures'], 'figure')}, "
        f"{plural(n['outline'], 'outline node')}"
    )
