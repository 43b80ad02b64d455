"""Counts read from tokens: every count with its counter and the phrase it counts.

'[초등] 신규임용예정교사 직무연수 등 9과정, 1,079명' gives
('신규임용예정교사 직무연수 등', 9, '과정') and (…, 1079, '명');
'… 학습 지원을 위한 유튜브 교육콘텐츠 개발 10편' gives ('유튜브 교육콘텐츠 개발', 10, '편').

The subject of a count is the text before it, back to the nearest boundary: the start of its
comma-separated part, a colon (unless nothing follows it: '직무연수: 30과정'), a connective
ending ('…하여', '…위해') or a relating clause ('…을 위한', '…에 따른', '…을 통한'). A part
that is only counts ('…, 1,079명') counts what the part before it named. Boundaries inside
brackets and quotes do not count: a quoted course name is one name.

A half of the year or a term before a count is its period, not its subject: '특수분야연수기관
운영: 상반기 43개 기관, 하반기 40개 기관' counts 특수분야연수기관 운영 in 상반기 and in 하반기
(the subject is what the colon heads, else what was named before the period). A total after
counts of the same counter ('직무역량 12편(총 104편)') counts them all, not the last one: its
subject is what the colon heads, else none (the list's own line names it: rules/training.py).
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from .korean import QTY_RE, Token, quantity, tokenize

# Verbs whose adnominal form relates a phrase to the next rather than naming it: '…을 위한'.
RELATING_VERBS = frozenset({"위하", "따르", "통하", "대하", "관하", "의하", "인하", "향하"})
# Words around a subject that are not part of it: '총 14개 과정', '약 300명'.
EDGE_WORDS = frozenset({"총", "약", "및", "각", "연"})
EDGE_TAGS = frozenset({"SP", "SF", "SE", "SO", "JKB", "JKO", "JX", "JC"})
# Marks a note or a list starts with ('※ 교직･행정실무 60편'): never part of a subject.
EDGE_MARKS = frozenset({"※", "*", "＊", "☞", "▶", "▷"})
# A period a count is for, at the end of the text before it: '상반기', '상·하반기', '2학기'.
PERIOD_RE = regex.compile(
    r"(?:^|\s)(?P<period>(?:상\s?[·･‧・ㆍ]\s?)?[상하]반기|\d\s?[분학]기|연중)$"
)

_SPACE_RE = regex.compile(r"\s")


class Counted(NamedTuple):
    """One count: what it counts, how many, the counter, where in the text (`text[start:end]`
    is the count as printed)."""

    subject: str | None
    quantity: int
    counter: str
    start: int
    end: int
    period: str | None = None  # '상반기', '하반기', '2학기': the part of the year it is for
    total: bool = False  # '(총 104편)' after counts of the same counter: their sum


def read_counts(text: str, tokens: list[Token] | None = None) -> list[Counted]:
    """Every count of `text`, with its subject."""
    if tokens is None and not QTY_RE.search(text):
        return []  # no count the tokenizer could read: half the lines of a list, not tokenized
    tokens = tokenize(text) if tokens is None else tokens
    out: list[Counted] = []
    subject: str | None = None
    period: str | None = None
    topic: str | None = None  # what a colon heads: '특수분야연수기관 운영: 상반기 …'
    span_start = 0  # index of the first token of the current subject's span
    head: tuple[int, int] | None = None  # the span before a colon: '직무연수: 30과정'
    depth = 0
    for i, token in enumerate(tokens):
        q = quantity(token) if token.tag == "QTY" else None  # the test first: most are not
        if q is not None:
            span = tokens[span_start:i]
            if _is_total(span, q.counter, out):
                out.append(Counted(topic, q.value, q.counter, q.start, q.end, None, True))
                span_start = i + 1
                continue
            named = _subject(text, span)
            if named is None and head is not None:
                named = _subject(text, tokens[head[0] : head[1]])
            head = None
            if named is not None:
                named, named_period = _split_period(named)
                period = named_period
                subject = named or topic or (subject if named_period else None)
            out.append(Counted(subject, q.value, q.counter, q.start, q.end, period))
            span_start = i + 1
            continue
        if token.tag == "SSO":
            depth += 1
        elif token.tag == "SSC":
            depth = max(0, depth - 1)
        elif depth == 0 and _is_boundary(tokens, i):
            if token.form in (":", "："):
                head = (span_start, i)
                topic = _subject(text, tokens[span_start:i]) or topic
            else:
                head = None
            span_start = i + 1
    return out


def _is_total(span: list[Token], counter: str, before: list[Counted]) -> bool:
    """'(총 104편)' after '…60편, …31편': the count sums the ones before it."""
    return any(t.form == "총" for t in span) and any(c.counter == counter for c in before)


def _split_period(named: str) -> tuple[str | None, str | None]:
    """('특수분야연수기관 운영', '상반기') from '특수분야연수기관 운영 상반기'; (None, '하반기')
    from '하반기'; (named, None) when it ends in no period."""
    m = PERIOD_RE.search(named)
    if m is None:
        return named, None
    rest = named[: m.start()].strip()
    return rest or None, _SPACE_RE.sub("", m.group("period"))


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
    if token.form in EDGE_MARKS:
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
