"""Which report a document is: its title, organization and plan year.

Read in this order, the first that says something winning:

1. The cover: the blocks before the table of contents or the first chapter — its lines and the
   text of its title boxes (Hancom draws a cover title as a 3×1 table: a bar, the title, a
   bar). A line '2022년 국립국어원 업무계획' or '행정안전부 업무보고' is the title as printed, the
   words before the kind of report its organization, its year the plan year. Without a year
   the cover's date says it: a 업무보고 dated '2025. 12. 17.' presents the next year's plans
   (ministries present the coming year's work in the last quarter), so for an annual
   업무계획/업무보고 dated from October on the plan year is the date's year + 1.
2. A 예산 사업설명자료: the program's 사업명 is the title, its 소관 the organization, and the year
   the description budgets for (the latest year of its 총괄표) the plan year.
3. Running titles and headers of the whole text ('… 2025 주요업무계획'), as before.
4. A press release (a '보도자료' box first): its headline. A cover that names no kind of
   report but has a date: the block just above the date.
5. The file's own metadata title, when it is not a template's leftover: it must be printed on
   the cover too ('Untitled', '□', '5' or a title copied from another document never are).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from kplan.parsers.model import Document, Paragraph, Table

from .facts import Facts
from .lines import Item, Line, normalize_paragraph
from .normalize import UNIT_FACTORS, fold_spaces, squash

TITLE_RE = regex.compile(
    r"(\S*?)\s*(20\d\d)\s*(?:년\s*)?(주요\s*업무\s*계획|업무\s*계획|사업\s*계획)"
)
ORGANIZATION_RE = regex.compile(
    r"^\p{Hangul}[\p{Hangul}\s]{1,38}(?:원|청|부|처|위원회|공단|공사|센터|재단)$"
)

# The kinds of report a cover names: '업무계획', '주요업무계획', '업무보고', '추진계획' ….
REPORT_KIND = r"(?:주요\s*)?업무\s*(?:계획|보고)|사업\s*계획|추진\s*계획|운영\s*계획"
COVER_TITLE_RE = regex.compile(
    rf"^(?:(?P<year>20\d\d)\s*년?\s*)?(?P<org>\p{{Hangul}}[\p{{Hangul}}\s·]{{0,38}}?)?\s*"
    rf"(?:(?P<year2>20\d\d)\s*년?\s*)?(?P<kind>{REPORT_KIND})$"
)
ANNUAL_KIND_RE = regex.compile(r"(?:주요\s*)?업무\s*(?:계획|보고)$")
# '2025. 1.', '2025. 8. 18.', and a month left without its dot: '2004. 11'.
COVER_DATE_RE = regex.compile(r"^(20\d\d)\s*\.\s*(\d{1,2})\s*(?:\.(?:\s*\d{1,2}\s*\.?)?)?$")
# Where the cover ends: a table of contents, or the first chapter 'Ⅰ. …' — or a chapter box
# whose first cell is its numeral alone ('Ⅰ' | '교수학습 운영 계획').
COVER_END_RE = regex.compile(r"^\[?(?:목차|순서|차례)\]?$|^[ⅠI]\s*[.．]|^Ⅰ$")
COVER_BLOCKS = 12
TITLE_MAX_LINES, TITLE_MAX_CHARS = 3, 90
PRESS_BOX_BLOCKS = 3
# A line that cannot end a title: it continues on the next ('생산·수입 중단 … 의료기기 및').
WRAPPED_RE = regex.compile(r"(?:\s및|\s또는|·|,|의)$")
LEADING_YEAR_RE = regex.compile(r"^(20\d\d)\s*(?:년|학년도|회계\s*연도)")
TWO_SYLLABLES_RE = regex.compile(r"\p{Hangul}{2}")
# A line of an administrative rule's enactment history, under its title: '제정 2006. 8. 16 훈령
# 제 621호', '개정 2026. 5. 18 고시 제2026-12호'.
ENACTMENT_RE = regex.compile(
    r"^(?:제정|(?:일부|전부)?개정)\s*20\d\d\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*"
    r"(?:훈령|고시|예규|규칙|지침|규정)\s*제\s*[\d-]+\s*호$"
)
SOME_WORD_RE = regex.compile(r"\p{Hangul}|[A-Za-z]{3}")
TITLE_BOX_MAX_ROWS, TITLE_BOX_MAX_COLS = 3, 2
# The quarter from which a report's plans are the next year's.
NEXT_YEAR_FROM_MONTH = 10


def cover_lines(doc: Document) -> list[str]:
    """Normalized lines of the cover: paragraphs and title boxes of the first blocks, up to
    the table of contents or the first chapter."""
    return [line for _, line in cover_blocks(doc)]


def cover_blocks(doc: Document) -> list[tuple[int, str]]:
    """(block index, line) of the cover's lines."""
    out: list[tuple[int, str]] = []
    for index, block in enumerate(doc.blocks[:COVER_BLOCKS]):
        for text in _block_texts(block):
            for part in text.split("\n"):
                line = normalize_paragraph(part)
                if COVER_END_RE.match(squash(line)):
                    return out
                if line:
                    out.append((index, line))
    return out


# A line set between dashes over a cover's title, its kicker: '- 4·19민주묘지에 울려퍼지는 -'.
KICKER_RE = regex.compile(r"^[-–—~]\s*\S.*\S\s*[-–—~]$")


def dated_cover_title(cover: list[tuple[int, str]]) -> tuple[str, None, int | None] | None:
    """A cover that names no kind of report: its title is the block just above the cover's
    date ('2026년『AI-반도체 해외실증 지원』 사업 공모 안내서(엣지형)' over '2026. 2.'), or above
    a gloss in another language under it, less a kicker between dashes over it; its year a
    leading '2026년', else the date's."""
    dates = [i for i, (_, line) in enumerate(cover) if COVER_DATE_RE.match(line)]
    if not dates or dates[0] == 0:
        return None
    above = dates[0] - 1
    while above > 0 and not TWO_SYLLABLES_RE.search(cover[above][1]):
        above -= 1  # a gloss under the title: '(RFP: Request For Proposal)'
    block = cover[above][0]
    lines = [line for index, line in cover[: above + 1] if index == block]
    before = [line for index, line in cover[: dates[0]] if index == block - 1]
    if before and WRAPPED_RE.search(before[-1]):
        lines.insert(0, before[-1])  # a title wrapped into the paragraph above: '… 및
    lines = [line for line in lines if not KICKER_RE.match(line)] or lines
    title = " ".join(lines)
    if (
        len(lines) > TITLE_MAX_LINES
        or len(title) > TITLE_MAX_CHARS
        or not TWO_SYLLABLES_RE.search(title)
    ):
        return None
    year = LEADING_YEAR_RE.match(title)
    return title, None, int(year.group(1)) if year else cover_date_year([cover[dates[0]][1]])


def enacted_rule_title(cover: list[str]) -> str | None:
    """An administrative rule (훈령, 고시, 예규 …) prints its name over its enactment history
    ('고용센터 및 고용관련 부서 운영 규정' / '제정 2006. 8. 16 훈령 제 621호' / '개정 …'): the
    line just above the first history line, when it is a short line of words."""
    first = next((i for i, line in enumerate(cover) if ENACTMENT_RE.match(line)), None)
    if not first:
        return None
    title = cover[first - 1]
    if len(title) > TITLE_MAX_CHARS or not TWO_SYLLABLES_RE.search(title):
        return None
    return title


def _block_texts(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if not isinstance(block, Table) or block.n_cols > TITLE_BOX_MAX_COLS:
        return []
    if block.n_rows <= TITLE_BOX_MAX_ROWS:
        return [c.text for c in sorted(block.cells, key=lambda c: (c.row, c.col))]
    return cover_frame_texts(block)


def cover_frame_texts(table: Table) -> list[str]:
    """A cover laid out as a one- or two-column frame, empty rows spacing a title box nested in
    one cell and a date in another (Hancom's cover of a form: 6×1, the title a 3×1 box in row
    2, '2026. 2. 27.' in row 4): its few filled cells' and boxes' texts, in order. A frame with
    more filled cells than a title box's rows is a table of content, not a cover."""
    texts: list[str] = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        texts += [cell.text] if cell.text.strip() else []
        for box in table.nested.get((cell.row, cell.col), []):
            if box.n_rows > TITLE_BOX_MAX_ROWS or box.n_cols > TITLE_BOX_MAX_COLS or box.nested:
                return []
            cells = sorted(box.cells, key=lambda c: (c.row, c.col))
            texts += [c.text for c in cells if c.text.strip()]
    return texts if len(texts) <= TITLE_BOX_MAX_ROWS else []


def cover_identity(lines: list[str]) -> tuple[str, str | None, int | None] | None:
    """(title, organization, year) of the cover's title line; the year from its date line
    when the title has none."""
    for line in lines:
        match = COVER_TITLE_RE.match(line)
        if not match or not (match.group("org") or match.group("year") or match.group("year2")):
            continue
        org = (match.group("org") or "").strip()
        year = match.group("year") or match.group("year2")
        if not year:
            year = cover_date_year(lines, annual=bool(ANNUAL_KIND_RE.match(match.group("kind"))))
        return line, org if is_organization(org) else None, int(year) if year else None
    return None


def is_organization(text: str) -> bool:
    """'국립국어원', '행정안전부' — not the subject of a plan ('디지털 정부혁신')."""
    return bool(ORGANIZATION_RE.match(text)) and len(text) <= 30 and text.count(" ") <= 2


def cover_date_year(lines: Iterable[str], *, annual: bool = False) -> int | None:
    """The plan year a cover's date implies: its year; for an annual 업무계획/업무보고 the next
    year from October on."""
    for line in lines:
        labelled = LABELLED_DATE_RE.match(line)
        match = COVER_DATE_RE.match(labelled.group("date") if labelled else line)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            return year + 1 if annual and month >= NEXT_YEAR_FROM_MONTH else year
    return None


PRESS_WORDS = frozenset({"보도자료", "보도참고자료"})


# A press release's header box that prints no '보도자료': '보도일시 | 2018. 9. 4.(화) …'.
PRESS_HEADER_WORDS = frozenset({"보도일시", "배포일시", "보도시점"})


def press_release_title(doc: Document, cover: list[tuple[int, str]]) -> str | None:
    """A press release opens with a '보도자료' box, or a box of its 보도일시 and 배포일시; its
    headline is the next cover line, with the lines of its box it is wrapped onto
    ('… 최초 발사하는 한국형발사체,' / '국민이 정한 그 이름은 ｢누리｣')."""
    for index, block in enumerate(doc.blocks[:PRESS_BOX_BLOCKS]):
        if isinstance(block, Table) and any(
            squash(c.text) in PRESS_WORDS | PRESS_HEADER_WORDS for c in block.cells
        ):
            after = [(at, line) for at, line in cover if at > index]
            first = next(
                (i for i, (_, line) in enumerate(after) if TWO_SYLLABLES_RE.search(line)), None
            )
            if first is None:
                return None
            lines = [after[first][1]]
            for at, line in after[first + 1 :]:
                if at != after[first][0] or not WRAPPED_RE.search(lines[-1]):
                    break
                lines.append(line)
            return " ".join(lines)
    return None


# An issue of a periodical: an issue box ('22-4호'; the number may be drawn as an image,
# leaving '호') and masthead lines naming who publishes and who wrote it.
ISSUE_RE = regex.compile(r"^(?:제)?[\d\-–.]*호$|^(?:Vol|No)\.?\d*", regex.I)
MASTHEAD_RE = regex.compile(r"^(?:발행|작성|편집|기획|집필|연구진)")
ISSUE_BOX_LINES = 4
CONTENTS_ENTRY_RE = regex.compile(r"^\d{1,2}\s")  # '1 들어가며' under the headline


def periodical_title(cover: list[tuple[int, str]]) -> str | None:
    """The headline of a periodical's issue: the first line after its masthead, when the
    cover opens with an issue box ('호', '2022.12.', '발행인 … 발행처 …', '작성 …',
    '중앙-지방 간 재정조정제도', then its contents '1 들어가며' …)."""
    lines = [line for _, line in cover]
    if not any(ISSUE_RE.match(squash(line)) for line in lines[:ISSUE_BOX_LINES]):
        return None
    masthead = [i for i, line in enumerate(lines) if MASTHEAD_RE.match(line)]
    if not masthead:
        return None
    for line in lines[masthead[-1] + 1 :]:
        if (
            TWO_SYLLABLES_RE.search(line)
            and len(line) <= TITLE_MAX_CHARS
            and not CONTENTS_ENTRY_RE.match(line)
        ):
            return line
    return None


# Where a report says who publishes it: '이 보고서는 한국재정정보원 홈페이지(…)를 통해 보실
# 수 있습니다' (a colophon), '《 기획재정부 홈페이지 공표 자료(안) 》' (a cover box).
PUBLISHER_RES = (
    regex.compile(r"이\s*(?:보고서|자료|책자|간행물)는\s*(?P<org>\p{Hangul}{2,30})\s*홈페이지"),
    regex.compile(r"(?P<org>\p{Hangul}{2,30})\s*홈페이지\s*(?:공표|게시|게재)"),
)
COLOPHON_BLOCKS = 8  # the last blocks of a document, where its colophon is


def _box_texts(block) -> list[str]:
    """A paragraph's text, or every cell of a box of a few rows (a cover's row of boxes)."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Table) and block.n_rows <= TITLE_BOX_MAX_ROWS:
        return [c.text for c in sorted(block.cells, key=lambda c: (c.row, c.col))]
    return []


def publisher(doc: Document) -> str | None:
    """The organization a report names as its publisher, on its cover or in its colophon."""
    ends = doc.blocks[:COVER_BLOCKS] + doc.blocks[COVER_BLOCKS:][-COLOPHON_BLOCKS:]
    for text in (normalize_paragraph(t) for block in ends for t in _box_texts(block)):
        for pattern in PUBLISHER_RES:
            match = pattern.search(text)
            if match and is_organization(match.group("org")):
                return match.group("org")
    return None


TITLE_BOX_MAX_CHARS = 40
# A box that marks an attachment or a note, or a numbered heading, not a title: '(별 첨 1)',
# '붙임', '참고', '1. 모집대상 단지 및 공급일정', '□ 개요'.
NOT_A_TITLE_RE = regex.compile(
    r"^[(\[<《〈□■○◦●※]|^(?:붙임|별첨|참고|첨부)|^(?:\d{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}|[가-하])\s*[.)]"
)


BRACKETED_RE = regex.compile(r"^[(\[〔［].*[)\]〕］]$")
# A date in brackets after its label: '(입주자모집공고일 : 2022. 7. 27)'.
LABELLED_DATE_RE = regex.compile(r"^[(\[〔［][^:：()]*[:：]\s*(?P<date>[^)\]]+?)\s*[)\]〕］]$")


def title_box(doc: Document, cover: list[tuple[int, str]]) -> str | None:
    """A cover whose title is a box of one line and nothing else says what it is: the first
    one-cell box of the cover holding a short title ('통 합 재 정 통 계', letter-spaced as
    such boxes are, read '통합재정통계'), or the box the document opens with, which may hold a
    title as long as a cover's ('「…」사업 수행 보조사업자 모집 공고' over a notice's text)."""
    for index in sorted({at for at, _ in cover}):
        block = doc.blocks[index]
        if not isinstance(block, Table) or len(block.cells) != 1:
            continue
        lines = [line for at, line in cover if at == index]
        if len(lines) > 1 and all(BRACKETED_RE.match(line) for line in lines[1:]):
            lines = lines[
                :1
            ]  # a title over its date in brackets: '(입주자모집공고일 : 2022. 7. 27)'
        if (
            len(lines) == 1
            and len(lines[0]) <= (TITLE_MAX_CHARS if index == 0 else TITLE_BOX_MAX_CHARS)
            and TWO_SYLLABLES_RE.search(lines[0])
            and not NOT_A_TITLE_RE.match(lines[0])
            and squash(lines[0]) not in PRESS_WORDS
        ):
            return lines[0]
    return None


# A notice's signature: its date, then the issuer and its head ('2026년 3월 23일' / '국토안전관리원
# 원장').
SIGNED_DATE_RE = regex.compile(
    r"^(20\d\d)\s*(?:년\s*\d{1,2}\s*월\s*\d{1,2}\s*일|\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.?)$"
)
SIGNER_RE = regex.compile(
    r"^(?P<org>\p{Hangul}[\p{Hangul}\s]{1,30}?)\s*"
    r"(?:장관|차관|청장|처장|원장|이사장|사장|위원장|회장|총장|시장|도지사|군수|구청장|교육감|교육장|소장|관장|센터장|단장)$"
)


# A cover's box of labelled fields names the project and who runs it: '사 업 명 | 야생동물
# 종합관리 시스템 고도화(2023년)' / '주관기관 | 국립생물자원관', under the kind of document
# ('제 안 요 청 서').
PROJECT_LABELS = frozenset({"사업명", "과제명", "용역명", "과업명", "건명"})
ISSUER_LABELS = frozenset({"주관기관", "발주기관", "수요기관"})
DOCUMENT_KIND_RE = regex.compile(r"^(?:제안요청서|과업지시서|과업내용서|구매요구서|사업계획서)$")
LABELLED_ISSUER_RE = regex.compile(r"^[\p{Hangul}\d][\p{Hangul}\d\s]{1,30}$")
# A cover line naming who wrote or runs it: '작성기관 : 65전대 651대대'.
ISSUER_LINE_RE = regex.compile(r"^(?:작성|주관|발주|수요)\s*기\s*관\s*[:：]\s*(?P<org>.+)$")


def labelled_cover_title(
    doc: Document, cover: list[tuple[int, str]]
) -> tuple[str, str | None] | None:
    """(title, issuer) of a cover whose title is a field of a box of labelled fields: the
    project's name, then the kind of document the cover prints above the box."""
    for index in sorted({at for at, _ in cover}):
        block = doc.blocks[index]
        if not isinstance(block, Table) or block.n_cols != 2:
            continue
        fields = _labelled_fields(block)
        project = next((v for k, v in fields.items() if k in PROJECT_LABELS), None)
        if not project or not TWO_SYLLABLES_RE.search(project):
            continue
        kinds = [squash(line) for at, line in cover if at < index]
        kind = next((k for k in reversed(kinds) if DOCUMENT_KIND_RE.match(k)), None)
        issuer = next((v for k, v in fields.items() if k in ISSUER_LABELS), None)
        if issuer and not _is_labelled_issuer(issuer):
            issuer = None
        return (f"{project} {kind}" if kind else project), issuer
    return None


def kind_line_title(cover: list[tuple[int, str]]) -> tuple[str, str | None] | None:
    """(title, issuer) of a cover that prints the kind of document on a line of its own and
    its subject in the next paragraph ('구 매 요 구 서' over '유압식잭, 30톤(’26~’27)' / '구매'),
    its issuer on a labelled line ('작성기관 : 65전대 651대대')."""
    blocks = Counter(at for at, _ in cover)
    kinds = [
        i
        for i, (at, line) in enumerate(cover)
        if DOCUMENT_KIND_RE.match(squash(line)) and blocks[at] == 1  # a line of its own
    ]
    if not kinds or kinds[0] + 1 >= len(cover):
        return None
    block = cover[kinds[0] + 1][0]
    subject = [line for at, line in cover if at == block]
    title = " ".join(subject)
    if (
        len(subject) > TITLE_MAX_LINES
        or len(title) > TITLE_MAX_CHARS
        or ":" in title
        or COVER_DATE_RE.match(title)
        or not TWO_SYLLABLES_RE.search(title)
    ):
        return None
    issuers = (m.group("org").strip() for _, line in cover if (m := ISSUER_LINE_RE.match(line)))
    issuer = next((o for o in issuers if _is_labelled_issuer(o)), None)
    return f"{title} {squash(cover[kinds[0]][1])}", issuer


def _is_labelled_issuer(name: str) -> bool:
    """A name a field labelled as an organization holds: short words, digits allowed."""
    return bool(LABELLED_ISSUER_RE.match(name)) and name.count(" ") <= 2


def _labelled_fields(table: Table) -> dict[str, str]:
    """A two-column box's rows as label → value ('사 업 명' keyed '사업명')."""
    cells = {(c.row, c.col): c for c in table.cells}
    return {
        squash(label.text): normalize_paragraph(value.text)
        for (row, col), label in cells.items()
        if col == 0 and (value := cells.get((row, 1))) is not None
    }


# An official letter (시행문): a letterhead box of its issuer over labelled fields '수신 | …',
# '제목 | …', its 시행 line in the signature block below ('시행 | 전략주택공급과-13666 | ( |
# 2025. 10. 24. | )').
LETTERHEAD_ORG_RE = regex.compile(
    r"^\p{Hangul}{2,14}(?:특별시|광역시|특별자치시|특별자치도|시|도|군|구|부|처|청|원|위원회|공단|공사)$"
)
LETTER_DATE_RE = regex.compile(r"^\(?\s*(20\d\d)\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*\)?$")


def _tables_within(blocks) -> Iterable[Table]:
    for block in blocks:
        if isinstance(block, Table):
            yield block
            for boxes in block.nested.values():
                yield from _tables_within(boxes)


def official_letter(doc: Document) -> tuple[str, str | None, int | None] | None:
    """(title, issuer, year) of an official letter: its 제목 field, the issuer its letterhead
    names above the 수신 field, the year of its 시행 date."""
    tables = list(_tables_within(doc.blocks[:COVER_BLOCKS]))
    for table in tables:
        cells = sorted(table.cells, key=lambda c: (c.row, c.col))
        labels = {squash(c.text): c for c in cells}
        if "수신" not in labels or "제목" not in labels:
            continue
        subject = next(
            (c for c in cells if c.row == labels["제목"].row and c.col > labels["제목"].col), None
        )
        if subject is None or not TWO_SYLLABLES_RE.search(subject.text):
            continue
        heads = [squash(c.text) for c in cells if c.row < labels["수신"].row]
        issuer = next((h for h in heads if LETTERHEAD_ORG_RE.match(h)), None)
        return normalize_paragraph(subject.text), issuer, _issued_year(tables)
    return None


def _issued_year(tables: list[Table]) -> int | None:
    """The year of a letter's 시행 date: the first date after '시행' in its row."""
    for table in tables:
        cells = sorted(table.cells, key=lambda c: (c.row, c.col))
        for label in (c for c in cells if squash(c.text) == "시행"):
            for cell in (c for c in cells if c.row == label.row and c.col > label.col):
                dated = LETTER_DATE_RE.match(cell.text.strip())
                if dated:
                    return int(dated.group(1))
    return None


def signed_issuer(cover: list[str]) -> tuple[str, int] | None:
    """(issuer, year) of a cover signed under its date, as a notice is ('2026년 3월 23일' over
    '국토안전관리원 원장')."""
    for date, signer in zip(cover, cover[1:]):
        dated, signed = SIGNED_DATE_RE.match(date), SIGNER_RE.match(signer)
        if dated and signed and is_organization(signed.group("org").strip()):
            return signed.group("org").strip(), int(dated.group(1))
    return None


def budget_program_identity(facts: Facts) -> tuple[str, str | None, int | None] | None:
    """A 예산 사업설명자료's program: its name, 소관 and the latest year of its 총괄표."""
    named = [p for p in facts.budget_programs if p.program_name]
    if not named:
        return None
    program = named[0]
    assert program.program_name is not None  # `named` has a name
    years = [
        a.fiscal_year
        for a in facts.budget_amounts
        if a.program_code == program.program_code and a.fiscal_year
    ]
    return program.program_name, program.ministry, max(years) if years else None


def running_title(stream: list[Item], facts: Facts) -> None:
    """The title a report repeats (a running header '2025 주요업무계획'), and an organization
    line at its top: the reading for documents whose cover says nothing."""
    lines = [it.text for it in stream if isinstance(it, Line)]
    for text in lines[:5]:
        if (
            ORGANIZATION_RE.match(text)
            and len(text) <= 30
            and text.count(" ") <= 2
            and not text.endswith("지원")
        ):
            facts.organization = text
            break
    titles: Counter[tuple[str, int, str]] = Counter()
    for text in lines:
        m = TITLE_RE.search(text)
        if m:
            titles[(m.group(1), int(m.group(2)), m.group(3).replace(" ", ""))] += 1
    if titles:
        (org, year, kind), _ = titles.most_common(1)[0]
        facts.title = f"{org} {year} {kind}".strip()
        facts.plan_year = year
        facts.organization = facts.organization or org or None


# A form's label for its subject: '[제    목]', '제목', '건 명'.
TITLE_LABEL_RE = regex.compile(r"^[\[【(<]?\s*(?:제\s*목|건\s*명)\s*[\]】)>]?\s*[:：]?$")


def labelled_title(doc: Document) -> str | None:
    """The subject a sheet's first table gives under or beside its '[제 목]' label (nts's
    질의회신: '[제    목]' over ' 성실신고 확인서 제출대상 법인에 해당하는지 여부')."""
    table = next((b for b in doc.blocks[:COVER_BLOCKS] if isinstance(b, Table)), None)
    if table is None:
        return None
    for cell in table.cells:
        if not TITLE_LABEL_RE.match(fold_spaces(cell.text)):
            continue
        filled = [c for c in table.row_cells(cell.row) if c.text.strip()]
        if len(filled) == 2:  # '제목 | 소규모주택정비사업 추진실적 제출', not a header row
            found = table.cell(cell.row, cell.col + cell.colspan)
        elif len(filled) == 1 and cell.colspan == table.n_cols:  # a label row over its value
            found = table.cell(cell.row + cell.rowspan, cell.col)
        else:
            continue
        text = fold_spaces(found.text) if found is not None else ""
        if text and SOME_WORD_RE.search(text):
            return text
    return None


def metadata_title(doc: Document, cover: list[str]) -> str | None:
    """The file's metadata title when the cover prints it too (else it is a template's or
    another document's title: '□', '5', '문서 이력 정보') — and not as a field's label: Hancom
    takes the first words typed, so a form's title may be the label of its first field ('담당교사'
    of '담당교사: ◯◯◯')."""
    title = (doc.metadata or {}).get("title")
    if not title or len(squash(title)) < 4 or not SOME_WORD_RE.search(title):
        return None
    key = squash(title)
    printed = [squash(line) for line in cover if key in squash(line)]
    return title if printed and not all(_labels(line, key) for line in printed) else None


def _labels(line: str, key: str) -> bool:
    """Whether a (squashed) line prints the key as its field's label: '담당교사:◯◯◯'."""
    return line.startswith(key) and line[len(key) : len(key) + 1] in (":", "：")


def document_identity(doc: Document, stream: list[Item], facts: Facts) -> None:
    blocks = cover_blocks(doc)
    cover = [line for _, line in blocks]
    found = cover_identity(cover) or budget_program_identity(facts)
    if found:
        facts.title, facts.organization, facts.plan_year = found
    else:
        running_title(stream, facts)
    if facts.title is None:
        facts.title = press_release_title(doc, blocks)
    if facts.title is None:
        facts.title = periodical_title(blocks)
    if facts.title is None and (labelled := labelled_cover_title(doc, blocks)):
        facts.title, issuer = labelled
        facts.organization = facts.organization or issuer
    if facts.title is None and (letter := official_letter(doc)):
        facts.title, issuer, year = letter
        facts.organization = facts.organization or issuer
        facts.plan_year = facts.plan_year or year
    if facts.title is None and (kind_line := kind_line_title(blocks)):
        facts.title, issuer = kind_line
        facts.organization = facts.organization or issuer
    if facts.title is None and (dated := dated_cover_title(blocks)):
        facts.title, _, year = dated
        facts.plan_year = facts.plan_year or year
    if facts.title is None:
        facts.title = enacted_rule_title(cover)
    if facts.title is None:
        facts.title = labelled_title(doc)
    if facts.title is None:
        facts.title = metadata_title(doc, cover) or title_box(doc, blocks)
        m = TITLE_RE.search(facts.title or "")
        if m:
            facts.plan_year = int(m.group(2))
            facts.organization = facts.organization or m.group(1) or None
        elif leading := LEADING_YEAR_RE.match(facts.title or ""):
            facts.plan_year = facts.plan_year or int(leading.group(1))  # '2025학년도 1학기 …'
    signed = signed_issuer(cover)
    if signed is not None:
        facts.organization = facts.organization or signed[0]
        facts.plan_year = facts.plan_year or signed[1]
    if facts.organization is None:
        facts.organization = publisher(doc)
    years = Counter(t.year for t in facts.budget_tables if t.year)
    if facts.plan_year is None and years:
        facts.plan_year = years.most_common(1)[0][0]
    if facts.plan_year is None:
        facts.plan_year = cover_date_year(cover)
    facts.unit = money_unit(facts)


def money_unit(facts: Facts) -> str | None:
    """The unit the report states its money in: its budget tables' (a training plan's 예산 집행
    계획), else the won unit its tables state most often ('(단위: 백만원)' over a 총괄표), the
    first stated on a tie; None where no table states one ('억달러' is no won)."""
    units = Counter(t.unit for t in facts.budget_tables if t.unit)
    if not units:
        units = Counter(t.unit for t in facts.tables if t.unit in UNIT_FACTORS)
    return units.most_common(1)[0][0] if units else None
