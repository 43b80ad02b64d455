"""Sections ('1-1-1 교원 자격단계별 …'), the report's task outline, and each section's parts."""

from __future__ import annotations

from typing import NamedTuple

import regex

from .facts import Section
from .lines import Item, Line

# '1-1-1 교원 자격연수', and as other reports print the code: '1-1-1. 교원 …', '[1-1-1] 교원 …',
# '1 - 1 - 1 교원 …' (group 1 the code as printed: `section_code` gives it as '1-1-1').
SECTION_RE = regex.compile(
    r"^(?:[\[【]\s*)?(\d{1,2}\s?-\s?\d{1,2}\s?-\s?\d{1,2})(?:\s*[\]】])?(?:\.\s*|\s+)(\S.*)$"
)


# The codes with dots ('1.1.1 교원 자격연수', '1.1.1. 교원 …'): how many documents number their
# headings, so not a section by itself. Only the training-plan family reads them, in a report
# that has a section's parts and no dashed code (rules/families/training_plan.py).
DOTTED_SECTION_RE = regex.compile(
    r"^(?:[\[【]\s*)?(\d{1,2}\.\d{1,2}\.\d{1,2})(?!\.?\d)(?:\s*[\]】])?(?:\.\s*|\s+)(\S.*)$"
)


def section_code(match) -> str:
    """The code of a SECTION_RE match, without the spaces a report may print in it."""
    return "".join(match.group(1).split())


TASK_RE = regex.compile(r"^(\d{1,2})\.\s+(\D\S*.*)$")
# A heading may carry the box or bullet Hancom draws before it, or the number of its part:
# '□ 2024년 추진 실적', '2. 2024년 추진 실적', '나) 2025년 추진계획', '(3) …'.
HEADING_MARK = r"(?:(?:[□■◆◇▣•●○◦❍ㅇ◊]|\d{1,2}[.)]|[가-하][.)]|\(\d{1,2}\)|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.)\s*)?"
STAGE_RE = regex.compile(HEADING_MARK + r"(\d{4})\s*년\s*(?:도\s*)?추진\s*(실적|계획)")
IMPROVEMENTS_RE = regex.compile(HEADING_MARK + r"(\d{4})\s*년\s*주요\s*개선\s*사항")
PART_PATTERNS = {
    "목적": regex.compile(r"^(?:[◦○❍·-]\s*)?목\s*적\s*$|사업\s*목적"),
    "근거": regex.compile(r"^(?:[◦○❍·-]\s*)?근\s*거\s*$|및\s*근거"),
    "실적": regex.compile(r"추진\s*실적"),
    "계획": regex.compile(r"추진\s*계획"),
    "예산": regex.compile(r"예산\s*집행\s*(?:계획|현황)"),
}


class SectionSpan(NamedTuple):
    section: Section
    items: list[Item]  # everything from the line after the header to the next header


def split_sections(stream: list[Item]) -> tuple[list[Item], list[SectionSpan]]:
    """(front matter before the first section, sections in order)."""
    front: list[Item] = []
    spans: list[SectionSpan] = []
    for item in stream:
        m = SECTION_RE.match(item.text) if isinstance(item, Line) else None
        if m:
            spans.append(
                SectionSpan(
                    Section(section_code(m), m.group(2).strip(), item.page, item.position), []
                )
            )
        elif spans:
            spans[-1].items.append(item)
        else:
            front.append(item)
    return front, spans


def task_outline(front: list[Item]) -> list[tuple[str, str]]:
    """The report's own list of tasks ('1. 성장을 돕는 …'), printed before the sections."""
    tasks = []
    for item in front:
        if isinstance(item, Line):
            m = TASK_RE.match(item.text)
            if m:
                tasks.append((m.group(1), m.group(2).strip()))
    return tasks


# A syllable every match of each part's pattern holds: a line without it is not searched.
PART_SYLLABLES = {"목적": "목", "근거": "근", "실적": "추", "계획": "추", "예산": "예"}


def section_parts(items: list[Item]) -> set[str]:
    parts = set()
    for item in items:
        if isinstance(item, Line):
            for name, pattern in PART_PATTERNS.items():
                if PART_SYLLABLES[name] in item.text and pattern.search(item.text):
                    parts.add(name)
    return parts
