"""A rule that fails on one part of a document costs that part, never the document.

`attempt` runs the rules of one part (a table, a section, a budget table, a family's whole
reading) and, when they raise, records why in `facts.rule_failures` (loaded as `parse_issues`
rows, code 'rules_failed') and gives None: the caller keeps every other part's facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import TypeVar

from kplan.parsers.model import ParseIssue

from .facts import Facts

T = TypeVar("T")
RULES_FAILED = "rules_failed"


def attempt(facts: Facts, part: str, page: int | None, work: Callable[[], T]) -> T | None:
    """`work()`, or None when it raised (the failure recorded against `part`)."""
    kept = _snapshot(facts)
    try:
        return work()
    except MemoryError:
        raise  # the file's limit, not one part's bug: the batch says limit_exceeded
    except Exception as exc:  # a rule bug on odd input: this part's facts are lost, and said so
        _restore(facts, kept)
        facts.rule_failures.append(rule_failure(part, page, exc))
        return None


def rule_failure(part: str, page: int | None, exc: Exception) -> ParseIssue:
    message = f"rules failed on {part}: {type(exc).__name__}: {exc}"[:300]
    return ParseIssue(RULES_FAILED, message, page)


_FIELDS = fields(Facts)


def _snapshot(facts: Facts) -> dict:
    """What `facts` holds now: the length of each list, a copy of each dict."""
    kept: dict = {}
    for f in _FIELDS:
        value = getattr(facts, f.name)
        if f.name == "rule_failures":
            continue  # what failed is kept, whatever else is undone
        if isinstance(value, list):
            kept[f.name] = len(value)
        elif isinstance(value, dict):
            kept[f.name] = {k: (v[:] if isinstance(v, list) else v) for k, v in value.items()}
        else:
            kept[f.name] = value
    return kept


def _restore(facts: Facts, kept: dict) -> None:
    """Undo what a failed part added: no half-read part stays behind."""
    for name, value in kept.items():
        if isinstance(getattr(facts, name), list):
            del getattr(facts, name)[value:]
        else:
            setattr(facts, name, value)
