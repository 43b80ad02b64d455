"""The outline every report has: headings and bullets by their marks, as a tree.

Marks rank in the order Korean public documents nest them: Ⅰ. › 1. › 가. › □ › ㅇ/○ › ◦ › - ›
· › * / ※. A line without a mark that follows a heading continues it (a wrapped line).
"""
from __future__ import annotations

import regex

from .facts import OutlineNode
from .lines import Item, Line

MAX_CONTINUED = 300   # a heading does not swallow whole paragraphs of prose

MARKERS: list[tuple[int, regex.Pattern]] = [
    (1, regex.compile(r"^((?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|Ⅷ|Ⅸ|Ⅹ|Ⅺ|Ⅻ)\.?|(?=[IVX])(?:X{0,3}(?:IX|IV|V?I{0,3}))\.)"
                      r"\s*(?=\S)")),
    (2, regex.compile(r"^(\d{1,2}(?:-\d{1,2}){1,3}|\d{1,2}[.)]|\d{1,2}(?=\s+\p{Hangul}))\s*(?=\S)")),
    (3, regex.compile(r"^([가-하][.)]|\(\d{1,2}\)|[①-⑳])\s*(?=\S)")),
    (4, regex.compile(r"^([□■▣◆◇▶▷])\s*(?=\S)")),
    (5, regex.compile(r"^([ㅇ○])\s*(?=\S)")),
    (6, regex.compile(r"^([◦❍●◎•])\s*(?=\S)")),
    (7, regex.compile(r"^([-–])\s*(?=\S)")),
    (8, regex.compile(r"^([·])\s*(?=\S)")),
    (9, regex.compile(r"^([*※])\s*(?=\S)")),
]


def match_marker(text: str) -> tuple[int, str, str] | None:
    """(level, marker, rest) for a line that starts with an outline mark."""
    for level, pattern in MARKERS:
        m = pattern.match(text)
        if m and m.group(1):
            rest = text[m.end():].strip()
            if rest:
                return level, m.group(1), rest
    return None


def extract_outline(stream: list[Item]) -> list[OutlineNode]:
    nodes: list[OutlineNode] = []
    open_node = False         # the last item was a heading that a wrapped line may continue
    for item in stream:
        if not isinstance(item, Line):
            open_node = False
            continue
        found = match_marker(item.text)
        if found is None:
            if open_node and nodes and len(nodes[-1].text) < MAX_CONTINUED:
                nodes[-1] = nodes[-1]._replace(text=f"{nodes[-1].text} {item.text}")
            continue
        level, marker, rest = found
        parent = next((n.node_id for n in reversed(nodes) if n.level < level), None)
        nodes.append(OutlineNode(len(nodes) + 1, parent, level, marker, rest, item.page))
        open_node = True
    return nodes
