"""Contacts: department, role, name and phone of each person a report lists as its staff.

Two places print them. A training plan's sections list their 작성자 as lines
('기획평가부장: 김종범 ☎ 3019-8003'), or as a table of those lines beside the label '작 성 자':
`extract_contacts`. Other reports print a contact table,
read by `table_contacts` in whichever of the layouts its header text says:

- a grid of roles over names and phones, the 사업 담당자 table of a 예산 사업설명자료: a row
  '실·국·과(팀) | 과 장 | 사무관 | 주무관' over a row of names and a row of phones, the
  department down the first column ('주택토지실', '주거복지지원과'); under it, a row of one
  person with their title, '한국토지주택공사 | 매입전세임대사업처 | 김도관 차장 | 055-922-3485';
- columns named by a header row, '구분 | 소속부서 | 직위 | 성명 | 전화번호': a person a row; or
  a phone column naming its people, '055-771-4876(라선중 과장), 4823(김승희 직원)';
- labelled fields, a press release's '담당 부서 | 대외경제국 | 책임자 | 과 장 | 강병중 |
  (044-215-7630)' or '담당과장 | 장인숙(02-2110-2430)';
- and, where none of these is printed, cells of people a line each, unit, rank, name and
  phone: a specification's '항공사 651항공대대 6급 조광표 010-4759-7682'.

A name is a cell of two to four syllables where the layout puts one; '홍길동', the name forms
print as an example, is none. A table with none of these headers or labels holds no contacts.
"""

from __future__ import annotations

import regex

from kplan.parsers.model import Cell, Table

from .facts import Contact
from .figures import is_dash
from .lines import Item, Line, TableRef, normalize_paragraph
from .normalize import join_wrapped, squash

AUTHOR_RE = regex.compile(r"^작성자\s*(.*)$")
AUTHOR_END_RE = regex.compile(r"사업\s*목적|추진\s*배경|추진\s*내용")
# '기획평가부장: 김종범 ☎ 3019-8003', '담당: 신미경, 한이랑 ☎ 8106, 8107', '담당 백효은 ☎ 8114';
# as other reports print them: '기획평가부장 김종범 ☎ …' (a head's title and no colon),
# '김종범(☎3019-8003)', '김종범(3019-8003)', '김종범 / ☎ …', '☏', 'T. …', 'Tel …', '전화 …'.
# A name after a comma is one only where no colon follows it ('김종범, 담당: 김태은'). A label's
# digits may stand apart, as text extraction sets a run of another font ('연수 1 담당사무관').
_PHONES = r"\d[\d-]*(?:\s*,\s*\d[\d-]*)*"
CONTACT_RE = regex.compile(
    r"(?P<label>\p{Hangul}[\p{Hangul}\d]*(?: \d+ (?=\p{Hangul})[\p{Hangul}\d]*)*"
    r"(?: \p{Hangul}[\p{Hangul}\d]*)?)"
    r"\s*(?::|(?<=담당)\s|(?<=(?:부장|과장|팀장|실장|원장|센터장))\s(?=\p{Hangul}{2,4}\s*[☎☏(（]))\s*"
    r"(?P<names>\p{Hangul}{2,4}(?:\s*,\s*\p{Hangul}{2,4}(?!\p{Hangul}|\s*:))*)"
    r"(?:\s*[/(（]?\s*(?:[☎☏]|(?:T|Tel|TEL|전화)\s*[.:)]?)\s*(?P<phones>" + _PHONES + r")\s*[)）]?"
    r"|\s*[(（]\s*(?P<bracketed>" + _PHONES + r")\s*[)）])?"
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
    """The lines from '작성자' up to the section's first part heading; or, where the report
    draws them as a table ('작 성 자 | 기획평가부장: 김종범 ☎ 3019-8003 | …', the label beside
    one cell of them or a cell each), the lines of its other cells."""
    block: list[Line] = []
    inside = False
    for item in items:
        if not isinstance(item, Line):
            if inside:
                break
            if isinstance(item, TableRef) and (lines := _author_table_lines(item)):
                return lines
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


def _is_author_table(table: Table) -> bool:
    first = table.cell(0, 0)
    return first is not None and squash(first.text) == "작성자" and len(table.cells) > 1


def _author_table_lines(ref: TableRef) -> list[Line]:
    """The lines of a 작성자 table's cells after its label, row by row, left to right; [] for
    any other table."""
    if not _is_author_table(ref.table):
        return []
    cells = sorted(ref.table.cells, key=lambda c: (c.row, c.col))
    lines = []
    for cell in cells[1:]:
        for text in cell.text.split("\n"):
            text = normalize_paragraph(text)
            if text:
                lines.append(Line(text, text, ref.table.page_of_row(cell.row) or ref.page,
                                  ref.block, ref.position))  # fmt: skip
    return lines


# A line that opens with a name and its phone, no label before it: the name of the label
# that ended the line above ('… 담당:' over '송찬경 ☎ 8071', a cell's lines as LibreOffice wraps
# them).
NAME_FIRST_RE = regex.compile(r"^\p{Hangul}{2,4}\s*(?:[☎☏(（]|(?:T|Tel|TEL|전화)\s*[.:)]?\s*\d)")


def _join_phone_lines(block: list[Line]) -> list[Line]:
    """A name on one line and its '☎ 3019-8009' on the next are one entry, and so is a line
    wrapped between '☎' and its number, or between a label and its name."""
    out: list[Line] = []
    for line in block:
        continues = (
            line.text.startswith("☎")
            or PHONES_ONLY_RE.fullmatch(line.text)
            or (out and out[-1].text.endswith("☎"))
            or NAME_FIRST_RE.match(line.text)
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
            printed = m.group("phones") or m.group("bracketed") or ""
            phones = [p.strip() for p in printed.split(",") if p.strip()]
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


# ---------------------------------------------------------------- contact tables

# A position as a contact table prints it: '과 장', '사무관', '환경연구관', '담당자', '차장'.
ROLE_RE = regex.compile(
    r"^(?:\p{Hangul}{0,4}(?:연구관|연구사|사무관|서기관|주무관|행정관|기술관|연구원|공무원)"
    r"|(?:과|팀|국|실|부|차|본부|센터|원|단|처|소)장|담당(?:자|관)?|책임자|직원|대리|주임|주사보?"
    r"|선임|책임|수석)$"
)
NAME_RE = regex.compile(r"^\p{Hangul}{2,4}$")
# '김도관 차장', '용찬재 사무관': a name and the title printed after it.
NAME_TITLE_RE = regex.compile(r"^(?P<name>\p{Hangul}{2,4})\s+(?P<role>\p{Hangul}{1,6})$")
# '044-201-4530', '044)203-5160', '02-2110-2430', '070-5151-8239', '1670-9595', '(044-215-7630)'
PHONE_RE = regex.compile(r"(?<!\d)(?:\(0\d{1,2}\)\s?|0\d{1,2}\s?[-)]\s?)?\d{3,4}-\d{4}(?!\d)")
# '장인숙(02-2110-2430)', '용찬재 사무관(02-2110-2428)'
NAME_PHONE_RE = regex.compile(
    r"^(?P<name>\p{Hangul}{2,4})(?:\s+(?P<role>\p{Hangul}{1,6}))?\s*\(\s*(?P<phone>[\d)\s-]+)\)$"
)
# The department's column over a grid of roles, or a field's label.
DEPARTMENT_HEADER_RE = regex.compile(
    r"^(?:실·?국·?과\(?팀?\)?|(?:소속|담당)?부서(?:명)?|소속(?:기관)?|담당기관(?:\(부서\))?)$"
)
DEPARTMENT_LABEL_RE = regex.compile(r"^담당(?:부서|기관|과)$")
# A column header naming the people, their phones, their position.
NAME_HEADER_RE = regex.compile(r"^(?:성명|이름|담당자(?:명|성명)?)$")
PHONE_HEADER_RE = regex.compile(r"^(?:전화(?:번호)?|연락처|☎|tel|TEL|Tel)(?:\(.*\))?$")
POSITION_HEADER_RE = regex.compile(r"^(?:직위|직급|직책|직명|직위\(직급\))$")
# A field's label before a person: '책임자', '담당자', '담당과장' (the role is what follows 담당).
PERSON_LABEL_RE = regex.compile(r"^(?:책임자|담당자?|담당(?P<role>\p{Hangul}{1,4}장|관|자))$")
HEADER_RES = (NAME_HEADER_RE, PHONE_HEADER_RE, DEPARTMENT_HEADER_RE, POSITION_HEADER_RE)
EXAMPLE_NAMES = frozenset({"홍길동", "김철수", "이영희"})


def _key(cell: Cell | None) -> str:
    return squash(cell.text) if cell is not None else ""


def _flat(cell: Cell | None) -> str:
    return join_wrapped(cell.text.split("\n")) if cell is not None else ""


# The last syllables of an organization's or unit's name: a cell's line ending in one is a
# whole unit ('주택토지실⏎주거복지정책관' is two); one ending otherwise is a name broken where the
# cell was too narrow ('한국토지⏎주택공사' is 한국토지주택공사).
UNIT_END_RE = regex.compile(
    r"(?:실|국|관|과|팀|부|처|원|단|청|소|센터|본부|공사|공단|재단|위원회|\))$"
)


def _department(cell: Cell | None) -> str:
    """A department cell's text, its wrapped lines joined as the name they break."""
    if cell is None:
        return ""
    parts: list[str] = []
    for line in (x.strip() for x in cell.text.split("\n")):
        if not line:
            continue
        if parts and not UNIT_END_RE.search(parts[-1]):
            parts[-1] += line
        else:
            parts.append(line)
    return join_wrapped(parts)


def _is_name(text: str) -> bool:
    return (
        bool(NAME_RE.match(text))
        and text not in EXAMPLE_NAMES
        and not ROLE_RE.match(text)
        and not any(p.match(text) for p in HEADER_RES)  # '소속' of a blank form's labels
    )


def _compact(phone: str) -> str:
    """A phone as printed, its spaces removed: '(032) 590-7171' → '(032)590-7171'."""
    return regex.sub(r"\s", "", phone)


def _phone(text: str) -> str | None:
    """The phone a cell holds and nothing else, as printed, spaces removed: '(044-215-7630)' →
    '044-215-7630'."""
    text = text.strip()
    m = PHONE_RE.fullmatch(text)
    if m is None and text.startswith("(") and text.endswith(")"):
        m = PHONE_RE.fullmatch(text[1:-1].strip())
    return _compact(m.group()) if m else None


def _origin_cells(table: Table, row: int) -> list[Cell]:
    """The cells that begin on `row`, left to right (a cell spanning down from above is its
    first row's)."""
    return sorted((c for c in table.row_cells(row) if c.row == row), key=lambda c: c.col)


# What every contact table prints somewhere: a phone, or a word of its headers and labels. A
# table with none of them is passed over before its cells are read one by one.
CONTACT_HINT_RE = regex.compile(
    r"\d{3,4}-\d{4}|성\s*명|이\s*름|담\s*당|책임자|사\s*무\s*관|주\s*무\s*관|과\s*장|팀\s*장"
)


def table_contacts(ref: TableRef, section_code: str | None = None) -> list[Contact]:
    """The people a contact table lists, in any of the three layouts (see the module)."""
    table = ref.table
    if not CONTACT_HINT_RE.search("\n".join(c.text for c in table.cells)):
        return []
    if _is_author_table(table):
        return []  # a section's 작성자, read with its lines (author_block)
    if table.n_rows < 2 and not any(NAME_PHONE_RE.match(_flat(c)) for c in table.cells):
        return []
    contacts = _role_grid(ref, section_code) or _column_table(ref, section_code)
    return contacts or _labelled_fields(ref, section_code) or _people_lines(ref, section_code)


def _contact(ref: TableRef, row: int, section_code, department, role, name, phone) -> Contact:
    return Contact(
        section_code,
        department or None,
        role,
        name,
        phone,
        ref.table.page_of_row(row) or ref.page,
        ref.position,
    )


def _role_header(table: Table, row: int) -> dict[int, str]:
    """{col: role} of a row of two or more roles, '과 장 | 사무관 | 주무관'; else {}."""
    roles = {c.col: _key(c) for c in _origin_cells(table, row) if ROLE_RE.match(_key(c))}
    return roles if len(roles) >= 2 else {}


def _role_grid(ref: TableRef, section_code) -> list[Contact]:
    table, contacts = ref.table, []
    row = 0
    while row < table.n_rows:
        roles = _role_header(table, row)
        if not roles:
            row += 1
            continue
        first_role = min(roles)
        # The department column: the header cell left of the roles that names it ('실·국·과(팀)').
        dept_col = next(
            (
                c.col
                for c in _origin_cells(table, row)
                if c.col < first_role and DEPARTMENT_HEADER_RE.match(_key(c))
            ),
            None,
        )
        names: dict[int, tuple[str, int]] = {}
        phones: dict[int, str] = {}
        department: list[str] = []
        titled: list[Contact] = []  # rows of one person each, after the grid's people
        row += 1
        while row < table.n_rows and not _role_header(table, row):
            cells = _origin_cells(table, row)
            person = _titled_person(cells, dept_col)
            if person is not None:
                dept, name, role, phone = person
                titled.append(_contact(ref, row, section_code, dept, role, name, phone))
                row += 1
                continue
            at = {c.col: c for c in cells}
            values = [(col, _flat(at.get(col))) for col in roles]
            values = [(col, v) for col, v in values if v and not is_dash(v)]
            if values and all(_is_name(v) for _, v in values):
                names.update({col: (v, row) for col, v in values})
            elif values and all(_phone(v) for _, v in values):
                phones.update({col: _phone(v) or "" for col, v in values})
            elif values:
                break
            if dept_col is not None and dept_col in at and not is_dash(_flat(at[dept_col])):
                department.append(_department(at[dept_col]))
            row += 1
        for col, (name, name_row) in sorted(names.items()):
            dept = " ".join(department)
            contacts.append(
                _contact(ref, name_row, section_code, dept, roles[col], name, phones.get(col))
            )
        contacts.extend(titled)
    return contacts


def _titled_person(cells: list[Cell], dept_col: int | None):
    """A row of one person: '… | 한국토지주택공사 | 매입전세임대사업처 | 김도관 차장 |
    055-922-3485' → (department, name, role, phone), the department the cells from the
    department column up to the name."""
    for i, cell in enumerate(cells):
        m = NAME_TITLE_RE.match(_flat(cell))
        if not m or not _is_name(m.group("name")) or not ROLE_RE.match(m.group("role")):
            continue  # '한국토지⏎주택공사' is no name and title
        phone = next((p for c in cells[i + 1 :] if (p := _phone(_flat(c)))), None)
        if phone is None:
            return None
        start = dept_col if dept_col is not None else cells[0].col + 1
        dept = " ".join(_department(c) for c in cells[:i] if c.col >= start and not is_dash(c.text))
        return dept, m.group("name"), m.group("role"), phone
    return None


def _column_table(ref: TableRef, section_code) -> list[Contact]:
    """'구분 | 소속부서 | 직위 | 성명 | 전화번호' over a person a row."""
    table, contacts = ref.table, []
    for header in range(min(table.n_rows, 3)):
        cols: dict[str, int] = {}
        for cell in _origin_cells(table, header):
            key = _key(cell)
            for kind, pattern in (
                ("name", NAME_HEADER_RE),
                ("phone", PHONE_HEADER_RE),
                ("department", DEPARTMENT_HEADER_RE),
                ("role", POSITION_HEADER_RE),
            ):
                if kind not in cols and pattern.match(key):
                    cols[kind] = cell.col
        if "phone" in cols and "name" not in cols:
            # '담당기관(부서) | 전화' over '055-771-4876(라선중 과장), 4823(김승희 직원)': the
            # people are named in brackets after their numbers.
            if found := _phones_naming_people(ref, header, cols, section_code):
                return found
            continue
        if "name" not in cols or "phone" not in cols:
            continue
        label_col = min(c.col for c in _origin_cells(table, header))
        for row in range(header + 1, table.n_rows):
            name = _flat(table.cell_covering(row, cols["name"]))
            titled = NAME_TITLE_RE.match(name)
            role = titled.group("role") if titled else None
            name = titled.group("name") if titled else name
            if not _is_name(name):
                continue
            if "role" in cols:
                role = _flat(table.cell_covering(row, cols["role"])) or role
            if role is None and label_col not in cols.values():
                role = _flat(table.cell_covering(row, label_col)) or None
            phone_text = _flat(table.cell_covering(row, cols["phone"]))
            phone = PHONE_RE.search(phone_text)
            department = (
                _department(table.cell_covering(row, cols["department"]))
                if "department" in cols
                else None
            )
            contacts.append(
                _contact(
                    ref,
                    row,
                    section_code,
                    department,
                    role or "담당",
                    name,
                    _compact(phone.group()) if phone else None,
                )
            )
        return contacts
    return []


# '055-771-4876(라선중 과장)', '4823(김승희 직원)': a number (an extension of the one before, as
# printed) and the person it reaches.
PHONE_NAMING_RE = regex.compile(
    r"(?<![\d-])(?P<phone>(?:0\d{1,2}[-)]\s?)?(?:\d{3,4}-)?\d{4})\s*"
    r"\(\s*(?P<name>\p{Hangul}{2,4})\s+(?P<role>\p{Hangul}{1,6})\s*\)"
)


def _phones_naming_people(ref: TableRef, header: int, cols: dict, section_code) -> list[Contact]:
    table, contacts = ref.table, []
    for row in range(header + 1, table.n_rows):
        text = _flat(table.cell_covering(row, cols["phone"]))
        department = (
            _department(table.cell_covering(row, cols["department"]))
            if "department" in cols
            else None
        )
        for m in PHONE_NAMING_RE.finditer(text):
            if _is_name(m.group("name")):
                phone = _compact(m.group("phone"))
                contacts.append(
                    _contact(
                        ref, row, section_code, department, m.group("role"), m.group("name"), phone
                    )
                )
    return contacts


def _labelled_fields(ref: TableRef, section_code) -> list[Contact]:
    """'담당 부서 | 대외경제국 | 책임자 | 과 장 | 강병중 | (044-215-7630)', '담당과장 |
    장인숙(02-2110-2430)': each person after the label that introduces them."""
    table, contacts = ref.table, []
    department, dept_col = None, None
    for row in range(table.n_rows):
        cells = _origin_cells(table, row)
        texts = [_flat(c) for c in cells]
        for i, cell in enumerate(cells):
            if DEPARTMENT_LABEL_RE.match(_key(cell)) and i + 1 < len(cells):
                department, dept_col = texts[i + 1], cells[i + 1].col
        at_dept = next((t for c, t in zip(cells, texts) if c.col == dept_col), None)
        if at_dept and not NAME_PHONE_RE.match(at_dept) and not PHONE_RE.search(at_dept):
            department = at_dept
        for i, cell in enumerate(cells):
            label = PERSON_LABEL_RE.match(_key(cell))
            if label is None:
                continue
            label_role = label.group("role")
            rest = texts[i + 1 : i + 4]
            joined = NAME_PHONE_RE.match(rest[0]) if rest else None
            if joined and _is_name(joined.group("name")):
                role = joined.group("role") or _role_of_label(_key(cell), label_role)
                printed = _compact(joined.group("phone"))
                contacts.append(
                    _contact(
                        ref, row, section_code, department, role, joined.group("name"), printed
                    )
                )
            elif len(rest) >= 2 and ROLE_RE.match(squash(rest[0])) and _is_name(rest[1]):
                phone = _phone(rest[2]) if len(rest) > 2 else None
                contacts.append(
                    _contact(ref, row, section_code, department, squash(rest[0]), rest[1], phone)
                )
    return contacts


# A rank or grade printed before a name: a military rank ('상사', '원사', '중령'), a civil
# servant's grade ('6급', '7급'), or a title ROLE_RE knows ('주무관', '과장').
RANK = (
    r"(?:이병|일병|상병|병장|하사|중사|상사|원사|준위|소위|중위|대위|소령|중령|대령|준장|소장|중장"
    r"|\d{1,2}급|군무원|" + ROLE_RE.pattern[1:-1] + ")"
)
# A cell's line naming one person: '항공사 651항공대대 6급 조광표 010-4759-7682' (unit, rank,
# name, phone), as a specification's 업무담당자 table prints them, a line each.
PERSON_LINE_RE = regex.compile(
    rf"^(?P<department>\S.*?)\s+(?P<role>{RANK})\s+(?P<name>\p{{Hangul}}{{2,4}})\s*"
    rf"(?P<phone>{PHONE_RE.pattern})$"
)


def _people_lines(ref: TableRef, section_code) -> list[Contact]:
    """The people of cells whose every line is unit, rank, name and phone; a line of anything
    else leaves its cell unread."""
    found: list[Contact] = []
    for cell in sorted(ref.table.cells, key=lambda c: (c.row, c.col)):
        lines = [" ".join(line.split()) for line in cell.text.split("\n") if line.strip()]
        matches = [PERSON_LINE_RE.fullmatch(line) for line in lines]
        if not lines or not all(m and _is_name(m["name"]) for m in matches):
            continue
        for m in matches:
            assert m is not None  # all matched
            found.append(
                _contact(
                    ref,
                    cell.row,
                    section_code,
                    m["department"],
                    m["role"],
                    m["name"],
                    _compact(m["phone"]),
                )  # fmt: skip
            )
    return found


def _role_of_label(label: str, role: str | None) -> str:
    """The role a field's label gives: '담당과장' → '과장'; '담당자' → '담당'."""
    if role and role != "자":
        return role if role.endswith("장") else label
    return "담당" if label.startswith("담당") else label
