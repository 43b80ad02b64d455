"""Rule sets per report family. A family is one module here with:

- `NAME`: the value stored in `documents.family`;
- `signature(stream) -> float`: how strongly a document looks like this family (0 = not at all);
- `extract(stream, facts)`: fill the family's facts.

Adding a family is adding a module and listing it in `FAMILIES`. A document whose best score is
below `MIN_SCORE` has no family and gets only the generic layer (outline, tables).
"""
from __future__ import annotations

from . import budget_program, training_plan

FAMILIES = [training_plan, budget_program]
MIN_SCORE = 1.0


def classify(stream):
    """The family module with the highest signature score, or None."""
    scored = [(family.signature(stream), i, family) for i, family in enumerate(FAMILIES)]
    best = max(scored, key=lambda s: (s[0], -s[1]), default=None)
    if best is None or best[0] < MIN_SCORE:
        return None
    return best[2]
