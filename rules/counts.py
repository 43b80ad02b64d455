"""Counts read from tokens: every count with its counter and the phrase it counts.

'[초등] 신규임용예정교사 직무연수 등 9과정, 1,079명' gives
('신규임용예정교사 직무연수 등', 9, '과정') and (…, 1079, '명');
'… 학습 지원을 위한 유튜브 교육콘텐츠 개발 10편' gives ('유튜브 교육콘텐츠 개발', 10, '편').

The subject of a count is the text before it, back to the nearest boundary: the start of its
comma-separated part, a colon (unless nothing follows it: '직무연수: 30과정'), a connective
ending ('…하여', '…위해') or a relating clause ('…을 위한', '…에 따른', '…을 통한'). A part
that is only counts ('…, 1,079명') counts what the part before it named. Boundaries inside
brackets and quotes do not count: a quoted course name is one name.
"""

from __future__ import annotations

from typing import NamedTuple

from .korean import QTY_RE, Token, quantity, tokenize

# Verbs whose adnominal form relates a phrase to the next rather than naming it: '…을 위한'.
RELATING_VERBS = frozenset({"위하", "따르", "통하", "대하", "관하", "의하", "인하", "향하"})
# Words around a subject that are not part of it: '총 14개 과정', '약 300명'.
EDGE_WORDS = frozenset({"총", "약", "및", "각", "연"})
EDGE_TAGS = frozenset({"SP", "SF", "SE", "SO", "JKB", "JKO", "JX", "JC"})


class Counted(NamedTuple):
    """One count: what it counts, how many, the counter, where in the text (`text[start:end]`
    is the count as printed)."""

    subject: str | None
    quantity: int
    counter: str
    start: int
    end: int


def read_counts(text: str, tokens: list[Token] | None = None) -> list[Counted]:
    """Every count of `text`, with its subject."""
    if tokens is None and not QTY_RE.search(text):
        return []  # no count the tokenizer could read: half the lines of a list, not tokenized
    tokens = tokenize(text) if tokens is None else tokens
    out: list[Counted] = []
    subject: str | None = None
    span_start = 0  # index of the first token of the current subject's span
    head: tuple[int, int] | None = None  # the span before a colon: '직무연수: 30과정'
    depth = 0
    for i, token in enumerate(tokens):
        q = quantity(token)
        if q is not None:
            named = _subject(text, tokens[span_start:i])
            if named is None and head is not None:
                named = _subject(text, tokens[head[0] : head[1]])
            head = None
            if named is not None:
                subject = named
            out.append(Counted(subject, q.value, q.counter, q.start, q.end))
            span_start = i + 1
            continue
        if token.tag == "SSO":
            depth += 1
        elif token.tag == "SSC":
            depth = max(0, depth - 1)
        elif depth == 0 and _is_boundary(tokens, i):
            head = (span_start, i) if token.form in (":", "：") else None
            span_start = i + 1
    return out


def _is_boundary(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    if token.form in (",", ":", "：", ";"):
        return True
    if token.tag in ("EC", "EF"):
        return True
    return token.tag == "ETM" and i > 0 and tokens[i - 1].form in RELATING_VERBS


def _subject(text: str, span: list[Token]) -> str | None:
    """The text the tokens cover, without the words and marks at its edges."""
    span = _trim(span)
    if not span:
        return None
    return text[span[0].start : span[-1].end].strip() or None


def _trim(span: list[Token]) -> list[Token]:
    start, end = 0, len(span)
    while start < end and _is_edge(span[start], leading=True):
        start += 1
    while end > start and _is_edge(span[end - 1], leading=False):
        end -= 1
    return _balanced(span[start:end])


def _is_edge(token: Token, *, leading: bool) -> bool:
    if token.form in EDGE_WORDS or token.tag in EDGE_TAGS or token.tag == "DATE":
        return True
    # An opening bracket at the end ('운영(1,549과정') or a closing one at the start.
    return token.tag == ("SSC" if leading else "SSO")


def _balanced(span: list[Token]) -> list[Token]:
    """Drop a bracket the span opens and does not close (or closes and never opened)."""
    depth = 0
    for token in span:
        if token.tag == "SSO":
            depth += 1
        elif token.tag == "SSC":
            depth -= 1
    if depth > 0 and span and span[-1].tag == "SSO":
        return _trim(span[:-1])
    if depth < 0 and span and span[0].tag == "SSC":
        return _trim(span[1:])
    return span
