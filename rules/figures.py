"""How a printed figure reads, for every rule: one reader for '1,234', '△120', '12.5%',
'(56.5)', '1,234억원', and the dash that stands for no figure; and the labels of total rows.

Korean tables write negatives with △/▲/▽ (or '-'), put shares and 'of which' figures in
parentheses — so '(56.5)' is 56.5, not a negative — and print '-' where there is nothing.
"""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

# A cell printed as a dash holds no figure (zero, or not applicable).
DASHES = frozenset({"-", "–", "—", "－", "‐"})
# Labels of a row or column that sums the others, in every rule set; the generic checks add
# a few of their own (table_checks.TOTAL_LABELS).
TOTAL_LABELS = frozenset({"합계", "총계", "계", "총합계"})

FIGURE_RE = regex.compile(
    r"^(?P<neg>[△▲▽-])?(?P<open>\()?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<close>\))?\s*"
    r"(?P<suffix>%|%p|%p\.|조원|억원|백만원|천원|만원|원|명|건|개|개소|가구|세대|호|대|회|배)?$")


class Figure(NamedTuple):
    value: Decimal            # signed, as printed (no unit applied)
    suffix: str | None        # a unit written after it: '%', '억원', '명' …
    parenthesised: bool       # '(56.5)': a share or an 'of which' figure
    integral: bool            # printed without decimals


def read_figure(text: str) -> Figure | None:
    """The one figure a cell or token holds, or None (text, a dash, or empty)."""
    t = " ".join(text.split())
    m = FIGURE_RE.match(t)
    if not m:
        return None
    value = Decimal(m.group("num").replace(",", ""))
    return Figure(-value if m.group("neg") else value, m.group("suffix"),
                  bool(m.group("open") or m.group("close")), "." not in m.group("num"))


def is_dash(text: str) -> bool:
    return " ".join(text.split()) in DASHES
