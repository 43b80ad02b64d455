"""The Korean tokenizer: one Kiwi per process, made on first use and reused.

Loading Kiwi's model takes a second or two, so it is paid once per process (a batch worker pays
it on its first file) and never by a command that tokenizes nothing (`kplan sql`, `--help`):
kiwipiepy is imported inside `kiwi()`, not at the top of this module.

Before analysis, regular expressions make the spans the rules read whole tokens (their tag in
brackets): a count with its counter `358명`, `9 과정`, `3개 기관` [QTY], an amount with its unit
`54,486천원` [QTY], a unit alone `천원` [UNIT], a section code `1-1-1` [CODE], a program code
`456.` [PCODE] and a date `'25.4~11월` [DATE]. Tokens carry character offsets into the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi

# Counters a count is printed with. One-syllable counters that begin common words (교 of 교육,
# 회 of 회의, 실 of 실시, 대 of 대상, 종 of 종합, 편 of 편성) must not run into a syllable.
COUNTERS = (
    "과정",
    "기관",
    "차시",
    "개소",
    "개교",
    "개월",
    "시간",
    "명",
    "건",
    "권",
    "팀",
    "곳",
    "교",
    "편",
    "종",
    "회",
    "실",
    "대",
    "개",
)
# Money units, longest first so that '백만원' is not read as '만원'.
MONEY_UNITS = ("십억원", "백만원", "천원", "만원", "억원", "조원", "원")
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_HANGUL = "[가-힣]"
_COUNTER = "|".join(
    f"{c}(?!{_HANGUL})" if len(c) == 1 else c for c in COUNTERS
)  # 'N개 과정': the 개 before another counter goes with the count
_UNIT = "|".join(u.replace("원", r"\s?원") for u in MONEY_UNITS)
QTY_RE = re.compile(
    rf"(?<![\d,.])(?P<value>{_NUMBER})\s?(?:(?P<unit>{_UNIT})(?!{_HANGUL})"
    rf"|(?:개\s?)?(?P<counter>{_COUNTER}))"
)
UNIT_RE = re.compile(rf"(?<![\d가-힣])(?:{'|'.join(MONEY_UNITS[:-1])})(?!{_HANGUL})")
SECTION_CODE_RE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}-\d{1,2}(?![\d-])")
PROGRAM_CODE_RE = re.compile(r"^\d{2,4}\.(?=\s|$)")
DATE_RE = re.compile(r"['’‘]\d{2}\.\s?\d{1,2}(?:\s?[~・·･]\s?(?:['’‘]\d{2}\.)?\s?\d{1,2})*\s?월")
# (pattern, tag): the order Kiwi tries them in.
PATTERNS = (
    (DATE_RE, "DATE"),
    (SECTION_CODE_RE, "CODE"),
    (PROGRAM_CODE_RE, "PCODE"),
    (QTY_RE, "QTY"),
    (UNIT_RE, "UNIT"),
)
# Words of the reports Kiwi's model splits ('중등' as 중 + 등, the '등' of lists).
SCHOOL_WORDS = ("중등", "초등", "초중등", "유초등")
# Tags of the morphemes that carry content: nouns, roots, foreign words, numbers, our spans.
CONTENT_TAGS = frozenset(
    {"NNG", "NNP", "NR", "XR", "SL", "SH", "SN", "QTY", "CODE", "PCODE", "DATE", "UNIT"}
)


WARM_UP = "연수 358명 운영"


class Token(NamedTuple):
    """A morpheme: its form, its tag and where it is, `text[start:end]`."""

    form: str
    tag: str
    start: int
    end: int


class Quantity(NamedTuple):
    """A count and its counter read from one QTY token: '1,079명' → (1079, '명'); '3개 기관' →
    (3, '기관'); '54,486천원' → (54486, '천원')."""

    value: int
    counter: str
    start: int
    end: int


# What the model's load runs inside. A batch worker that loads it on first use, under its memory
# cap, sets this to lift the cap for the load (pipeline/batch.py): the model is the worker's, not
# the file's, and its address space (some 400 MB) would count against the file's share (and
# Kiwi aborts the process when an allocation fails).
loading_guard: Callable[[], AbstractContextManager[object]] = nullcontext


@cache
def kiwi() -> Kiwi:
    """This process's tokenizer, made on its first call.

    It runs in Kiwi's single-thread mode (`num_workers=0`): a Kiwi with a thread pool hangs in a
    process forked from the one that made it as soon as work goes to the pool (a batch call;
    the fork copies the pool's queue, not its threads), while one without threads analyses
    alike after a fork; its many-text calls analyse one text a call (`_one_thread_kiwi_class`).
    So a batch of several files has its forkserver load it once (pipeline/worker_preload.py),
    and every worker forked from it shares that model instead of loading its own (1.9 s CPU and
    some hundred MB a worker); the workers of one or two files load it on first use, if at all
    (pipeline/batch.py).
    """
    import warnings

    # One thread, none in a pool: a batch already runs a worker per core, and the rules call
    # Kiwi one text at a time (tokens are the same as with a one-thread pool: tested).
    # No multi-word dictionary (WikiData proper nouns that contain spaces): the rules want
    # each printed word's morphemes, and without it a worker holds 180 MB less and loads in
    # half the time (kiwipiepy 0.24: 528 -> 344 MB, 2.2 -> 1.0 CPU s). No typo dictionary
    # either: it serves typo correction, which kplan does not ask for (a further 0.25 s).
    with loading_guard():
        with warnings.catch_warnings():
            # kiwipiepy 0.21 made 0 mean single-thread mode (it had meant every core) and warns
            # of that change on every construction; single-thread mode is what is asked for.
            warnings.filterwarnings(
                "ignore", message=".*num_workers=0", category=DeprecationWarning
            )
            model = _one_thread_kiwi_class()(
                num_workers=0, load_multi_dict=False, load_typo_dict=False
            )
        for pattern, tag in PATTERNS:
            model.add_re_word(pattern, "NNB", user_value={"tag": tag})
        for unit in MONEY_UNITS[:-1]:
            model.add_user_word(unit, "NNB")
        for word in SCHOOL_WORDS:
            model.add_user_word(word, "NNG")
        # Kiwi builds the rest of its model on its first analysis (a second of CPU): done here,
        # it is part of the load, inside the guard, not the first file's analysis.
        model.tokenize(WARM_UP)
    return model


# Kiwi's methods that take one text or many: given many, Kiwi hands them to its thread pool,
# which single-thread mode does not have (`asyncAnalyze doesn't work at single thread mode`).
MANY_TEXT_METHODS = ("tokenize", "analyze", "split_into_sents", "space")


@cache
def _one_thread_kiwi_class() -> type:
    """Kiwi whose many-text calls (`kiwi().tokenize(texts)`, as a family plug-in may make them)
    analyse the texts one call each, as single-thread mode must, and give what Kiwi gives for
    many texts: a lazy iterator of each text's result, `(result, text)` pairs with `echo`."""
    import inspect

    from kiwipiepy import Kiwi

    def one_at_a_time(name: str):
        method = getattr(Kiwi, name)
        signature = inspect.signature(method)

        def call(self, text, *args, **kwargs):
            if isinstance(text, str):
                return method(self, text, *args, **kwargs)
            bound = signature.bind(self, text, *args, **kwargs)
            echo = bool(bound.arguments.pop("echo", False))
            options = {k: v for k, v in bound.arguments.items() if k not in ("self", "text")}
            results = ((method(self, t, **options), t) for t in text)
            return results if echo else (result for result, _ in results)

        call.__name__ = call.__qualname__ = name
        call.__doc__ = method.__doc__
        return call

    return type("OneThreadKiwi", (Kiwi,), {n: one_at_a_time(n) for n in MANY_TEXT_METHODS})


def tokenize(text: str) -> list[Token]:
    """The morphemes of one text, with offsets into it."""
    if not text.strip():
        return []
    return [
        _new_token(Token, (t.form, t.tag, t.start, t.start + t.len)) for t in kiwi().tokenize(text)
    ]


def tokenize_many(texts: list[str]) -> list[list[Token]]:
    """The morphemes of many texts in one call, each distinct text analysed once (a table
    repeats '연수운영' in every row)."""
    model = kiwi()
    # One call per text: single-thread mode has no batch call (Kiwi's batch analysis is its
    # thread pool's), and a call per text costs the same in one thread.
    analysed = {
        text: [_token(t) for t in model.tokenize(text)]
        for text in dict.fromkeys(t for t in texts if t.strip())
    }
    return [list(analysed.get(t, ())) for t in texts]


def _token(t) -> Token:
    return Token(t.form, t.tag, t.start, t.start + t.len)


_new_token = tuple.__new__  # Token(...) without its Python-level __new__: thousands a file


def quantity(token: Token) -> Quantity | None:
    """The count a QTY token holds; None for any other token."""
    if token.tag != "QTY":
        return None
    m = QTY_RE.match(token.form)
    if m is None:
        return None
    counter = (m.group("unit") or m.group("counter")).replace(" ", "")
    counter = "교" if counter == "개교" else counter
    return Quantity(int(m.group("value").replace(",", "")), counter, token.start, token.end)


def quantities(tokens: list[Token]) -> list[Quantity]:
    return [q for q in map(quantity, tokens) if q is not None]


def content_morphemes(tokens: list[Token]) -> list[str]:
    """The forms of the content-bearing tokens, in order."""
    return [t.form for t in tokens if t.tag in CONTENT_TAGS]
