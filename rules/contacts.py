"""작성자 contacts: department, role, name and phone of each person listed under a section."""

from __future__ import annotations

import regex

from .facts import Contact
from .lines import Item, Line

AUTHOR_RE = regex.compile(r"^작성자\s*(.*)$")
AUTHOR_END_RE = regex.compile(r"사업\s*목적|추진\s*배경|추진\s*내용")
# '기획평가부장: 김종범 ☎ 3019-8003', '담당: 신미경, 한이랑 ☎ 8106, 8107', '담당 백효은 ☎ 8114'
CONTACT_RE = regex.compile(
    r"(?P<label>\p{Hangul}[\p{Hangul}\d]*(?: \p{Hangul}[\p{Hangul}\d]*)?)\s*(?::|(?<=담당)\s)\s*"
    r"(?P<names>\p{Hangul}{2,4}(?:\s*,\s*\p{Hangul}{2,4})*)"
    r"(?:\s*☎\s*(?P<phones>\d[\d-]*(?:\s*,\s*\d[\d-]*)*))?"
)
PHONES_ONLY_RE = regex.compile(r"[\d\s,-]+")
UNIT_SUFFIXES = ("부", "과", "팀", "실", "센터", "담당")
HEAD_ROLES = ("부장", "과장", "팀장", "실장", "원장", "센터장")


def split_label(label: str) -> tuple[str | None, str]:
    """'기획평가부장' → ('기획평가부', '부장'); '초등교원연수부수석연구사' → ('초등교원연수부',
    '수석연구사'); '담당' → (None, '담당')."""
    label = label.replace(" ", "")
    for head in HEAD_ROLES:
        if label.endswith(head) and len(label) > len(head):
            return label[:-1], head  # 기획평가부 + 장
    # The first unit boundary: '교육행정연수부연수1담당사무관' is 교육행정연수부's 연수1담당사무관.
    best = next((i for i in range(1, len(label)) if label[:i].endswith(UNIT_SUFFIXES[:-1])), None)
    if best is None:
        best = next((i for i in range(1, len(label)) if label[:i].endswith("담당")), None)
    if best is None:
        return None, label
    return label[:best], label[best:]


def author_block(items: list[Item]) -> list[Line]:
    """The lines from '작성자' up to the section's first part heading."""
    block: list[Line] = []
    inside = False
    for item in items:
        if not isinstance(item, Line):
            if inside:
                break
            continue
        m = AUTHOR_RE.match(item.text.replace(" ", "", 3)) if not inside else None
        if m:
            inside = True
            rest = item.text.split("작성자", 1)[1].strip() if "작성자" in item.text else ""
            if rest:
                block.append(item._replace(text=rest))
            continue
        if inside:
            if AUTHOR_END_RE.search(item.text):
                break
            block.append(item)
    return block


def _join_phone_lines(block: list[Line]) -> list[Line]:
    """A name on one line and its '☎ 3019-8009' on the next are one entry, and so is a line
    wrapped between '☎' and its number."""
    out: list[Line] = []
    for line in block:
        continues = (
            line.text.startswith("☎")
            or PHONES_ONLY_RE.fullmatch(line.text)
            or (out and out[-1].text.endswith("☎"))
        )
        if continues and out:
            out[-1] = out[-1]._replace(text=f"{out[-1].text} {line.text}")
        else:
            out.append(line)
    return out


def extract_contacts(section_code: str | None, items: list[Item]) -> list[Contact]:
    contacts: list[Contact] = []
    heads: list[str | None] = []  # departments of the heads, in order
    # 담당 entries listed apart from any head, with the department of the last head above them.
    orphans: list[tuple[list[int], str | None]] = []
    for line in _join_phone_lines(author_block(items)):
        line_department = None
        for m in CONTACT_RE.finditer(line.text):
            department, role = split_label(m.group("label"))
            names = [n.strip() for n in m.group("names").split(",")]
            phones = [p.strip() for p in (m.group("phones") or "").split(",") if p.strip()]
            if role in HEAD_ROLES:
                heads.append(department)
            if department is None and role == "담당":
                if line_department is None:
                    orphans.append(
                        (
                            list(range(len(contacts), len(contacts) + len(names))),
                            heads[-1] if heads else None,
                        )
                    )
                department = line_department  # the person named just before on the line
            line_department = department or line_department
            for k, name in enumerate(names):
                phone = phones[k] if k < len(phones) else (phones[-1] if phones else None)
                contacts.append(
                    Contact(section_code, department, role, name, phone, line.page, line.position)
                )
    # Staff listed in a column under their heads ('담당: 한이랑', '담당: 서진아', …) belong to
    # the heads in the same order when the counts agree; otherwise to the last head above.
    pairs = (
        zip([o[0] for o in orphans], heads)
        if len(orphans) == len(heads)
        else ((indices, above) for indices, above in orphans)
    )
    for indices, department in pairs:
        for index in indices:
            contacts[index] = contacts[index]._replace(department=department)
    return contacts
