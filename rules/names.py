"""One key per program, project or course name, however a report spaces, dots or tags it.

The key is the name's content morphemes run together: nouns, numbers, foreign words, verb and
adjective stems, adverbs. Spacing, particles and endings, middle dots of any kind, '등' and
'및', audience tags ('[초등 집합]') and the aside a name ends with ('(시·도교육정책과정)',
'(초등)') do not change it: '[초등 집합] 유･초등 교(원)장 자격연수(시･도교육정책과정 등)' and
'유ㆍ초등 교(원)장자격 연수' have the same key, '유초등교원장자격연수'. Brackets inside a name
name what it is and stay: '교수학습(기초학력) 직무연수' is not '교수학습(문화예술체육) 직무연수'.
"""

from __future__ import annotations

import unicodedata

import regex

from .korean import tokenize
from .memo import memoized
from .normalize import normalize_dots

TAG_RE = regex.compile(r"\[[^\[\]]*\]")
# The aside a name ends with (innermost brackets first: '(가(나))' goes whole), '등' after it.
TRAILING_ASIDE_RE = regex.compile(r"\s*\([^()]*\)(?=[\s등]*$)")
KEY_TAGS = frozenset(
    {"NNG", "NNP", "NNB", "NR", "NP", "XR", "XPN", "XSN", "SL", "SH", "SN", "VV", "VA", "MAG"}
    | {"QTY", "CODE", "PCODE", "DATE", "UNIT"}
)
# '등', '및', '외' of a list ('직무연수 등', '수업 및 평가'): the dependent noun or adverb, never
# the end of a noun ('중등' is one noun: see korean.SCHOOL_WORDS).
NOT_CONTENT = frozenset({"등", "및", "외"})
LIST_TAGS = frozenset({"NNB", "MAG", "MAJ"})


def without_asides(name: str) -> str:
    """The name without its audience tags and the aside it ends with."""
    name = TAG_RE.sub(" ", name)
    previous = None
    while previous != name:
        previous, name = name, TRAILING_ASIDE_RE.sub("", name)
    return name


# A report names a course in its plan and in its results, often in the same words: each name
# is tokenized once per document.
@memoized
def name_key(name: str | None) -> str | None:
    """The key of a name: its content morphemes, joined; None for no name (or no content)."""
    if not name:
        return None
    text = normalize_dots(unicodedata.normalize("NFKC", name))
    text = without_asides(text)
    forms = [
        t.form
        for t in tokenize(text)
        if t.tag in KEY_TAGS and not (t.form in NOT_CONTENT and t.tag in LIST_TAGS)
    ]
    return "".join(forms) or None
