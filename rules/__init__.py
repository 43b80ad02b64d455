"""Rules: Document → facts. `extract` is a pure function of one Document.

One module per fact kind (sections, contacts, training, budget, outline, tables); `normalize`
holds the Korean text normalization they share; `families/` holds one rule set per report family.
"""

from __future__ import annotations

from kplan.parsers.model import Document, Position

from .contacts import table_contacts
from .facts import BudgetLine, BudgetTable, Contact, Facts, Section, TrainingItem
from .families import classify
from .guard import attempt
from .identity import document_identity
from .lines import Item, TableRef, document_streams
from .memo import new_document
from .outline import extract_outline, type_settings
from .search_index import search_units
from .tables import table_facts

# Bump when a change to the rules changes the facts they extract: documents loaded by an older
# version are read again on the next ingest, even when their bytes did not change.
# 9: Kiwi without its multi-word dictionary; counts read periods, totals. 10: tables in text laid
# out by spaces, flattened budget tables refused where figures fall between rows, PDF picture
# boxes as one-cell tables and smaller figures kept on their line (readers count: their
# Documents are what the rules read). 11: text boxes drawn as a title row or column over their
# lines (PDF, HWP, HWPX), a one-cell box on the next page no longer the rest of the box before
# it, pdftotext tables' vertically centred cells, dashed notes rows and interleaved notes.
# 12: foot/endnotes are no headings; title boxes over numbered boxes, numbered boxes over summary
# lines, inline ①②③ broken by a line break; heading-box numerals are codes; a cover frame's
# nested title box; PDF tables a page break leaves without a bottom ruling; pdftotext tables
# whose notes are a row of their own, a line without quarter figures, a table going on under
# its repeated header; text files spaced with U+00A0 or in UTF-16; cairo's flipped Type 3 fonts;
# pdftotext (default order) budget tables refolded where their own figures prove the rows;
# flattened budget tables: a note said once told from the next name by another line's note;
# 배점 columns, counters named by a count's own header, years under times, 호수, 점, measures
# and '(+)' figures; a ① line running ② inline, contents without pages; notices', glossed
# covers' and 보도일시 press releases' titles, signatures and 학년도; half-width ￭; PDF header
# strips are their table's own; a body row under a spanning header cell is no header row;
# an administrative rule's title over its enactment history ('제정 … 훈령 제 N호'); a box's
# units end at the next text box.
# 13 (truth rounds s10): pages, g, 식 and '‘21년6월' / '2002/10' dates; 수량, 연차/단계 and
# spaced 배점 columns (배점 over its row's words); a header stacking a label per line of each
# entry; blank forms' body rows (shaded labels beside white boxes, a first row's '단계' title)
# and grids with blank first and last rows have no header rows; a caption over a chart names
# the tables under it; '(억원, A)' headers; '(인)' seals and '<'-only captions; year-led typed
# headings, contents chapters before the first paged entry, quoted law articles' own lists,
# heading boxes titled over the form they reproduce; dashes in columns of words are text;
# covers dated '2004. 11', sheets' labelled '[제 목]'. A cover ends at a chapter box 'Ⅰ | …';
# a metadata title printed as a field's label; a cover's box of labelled fields ('사업명 | …',
# '주관기관 | …') names the project and issuer; a form's lines ('【서식 9】' up to the next
# chapter or annex) and cut lines are no headings; cells spanning body rows under a spanning
# header cell group rows, no header row; a cover title's kicker between dashes; a row left
# blank under one-column headers is body; a cover's kind line ('구 매 요 구 서') over its
# subject, and its '작성기관 : …' line; a 단위 column's counter ('EA', 'SET') for its row's
# counts; a sentence above a table is no caption; an official letter's 제목, letterhead and
# 시행 date; numbers typed where the outline numbers; annex labels ('붙임 1.', '[붙임 3]') are
# chapters, a run of them a listing.
# 14: annex labels in any brackets ('<별첨1>', '【붙임 2】', a bare '붙임' over its divider box)
# and form and schedule labels ('【양식 1】', '<서식1>', '[별표1]') are headings, each under the
# title it prints below it (or in the first row of the form's table); forms sit in the chapter
# that names or opens with them, else are chapters; a label listed again is a listing entry;
# notes numbered under '[주]' are no sections; '○○ 사업' is a placeholder, no ○ bullet; a
# row's label reads its cells as their facts do ('․' is '·'); a line wholly in round brackets
# over a table ('(’24년 자체 조사)') is its caption only where no line above names it;
# '거점수' and '가맹점 수' headers count places, no 점수, and '분배 점검' holds no 배점; a
# '30-02-19' under a period's header ('② 수공 기간') is a length of time, no date.
# 15: contacts from contact tables in any report (a 사업 담당자 grid of roles over names and
# phones, under its program's code; columns headed 성명 and 전화번호; a phone column naming its
# people; a press release's 담당 부서 fields), and a section's 작성자 drawn as a table (its label
# beside the lines); a report's money unit, where no budget table of a training plan states it,
# is the won unit its tables state most often; a first-column label spanning rows down from
# under its column's own header cell opens the body (a 사업 담당자 grid, keit's 총괄표: 4 and
# 19 header rows were 1 and 2); a line of bare figures over a table (a chart's labels, a date)
# is no caption; a PDF's control-code word space goes before the word it is drawn at ('주 요'
# was read where '주요' is printed); a training plan's headings drawn as boxes ('1-1-1 | 교원
# 자격연수', '□ | 2024년 추진 실적') or numbered ('2. 2024년 추진 실적') are its headings; a
# budget table's 합계 row printed first, over its lines, no longer ends the table; its header's
# years as '2025년', '2025' or '’25 예산' (in cells or a flattened header line) and its quarters
# as '1/4분기'; a training item's tag in 【】 or round brackets ('(초등 집합)'), '초등/집합',
# and its counts in brackets after its name;
# section codes printed '1-1-1.', '[1-1-1]' or '1 - 1 - 1'; 작성자 lines without a colon after a
# head's title, phones in brackets or after '☏', 'T.', 'Tel', '전화', no label read as a name;
# a budget table's unit stated in its header cells ('예산액(천원)') where no line above says it.
# 16: a flattened (text) budget table's 합계 line printed first, under the header, no longer
# ends the table: its lines are read, and the 합계 put last. Section codes printed with dots
# ('1.1.1 교원 자격연수') are a training plan's sections where its lines show a section's parts
# (two of 추진 실적, 추진계획, 예산 집행 계획) and no dashed code, as lines or heading boxes. A
# table under 추진 실적 / 추진계획 headed by a course name and its courses or participants
# ('구분 | 과정명 | 과정 | 인원') gives its rows as the list's training items. A PDF line broken
# inside a word (its producer ending lines wrapped between words in a space, the document
# writing the word's pieces together) goes on into the next line with no space between:
# '미흡 등급 배분되는' (outline headings and list items joined over lines). Markdown (a text
# file holding an HTML or pipe table, as kordoc and dochan write a report): its tables are
# tables, its lines lose their '#' and '**' marks. A budget line's blank amount cells over
# quarters of its own go with the line above's amount. Contacts from cells of people a line
# each, unit, rank, name and phone ('항공사 651항공대대 6급 조광표 010-4759-7682').
# 17: a flattened (text) budget table split over pages with its header printed again goes on
# past that header (`pdftotext -raw` of the sample's 5-1-1); a text page's dashed number printed
# as its first line ('- 40 -', as `pdftotext -raw` writes most pages) is dropped, as the one
# printed last is: no outline node, and a list item goes on over it. A flattened budget table
# whose first line goes on from none (its quarters printed before its amounts, as pdfplumber's
# text does) or whose program code has figures after it is not read (the finding says so).
# A 예산 사업설명자료's 총괄표 is the table under its heading before the next heading, never a
# later part's table.
# PDF cells: a grouped figure a narrow cell wrapped ('1,078,02' over '8') is one figure; a line
# wrapped without a space in a font that prints its wrap spaces is one word unless the document
# writes the pieces apart, where its fonts are not to be trusted (LibreOffice: 15 of 42 apart).
# A budget table whose header a page break cut after its first row (LibreOffice's 2-1-2) is one
# table: the first row's 사업명 labels head the rest's empty name columns.
# A PDF cell line ending in a middle dot after a word goes on into the next line's word, no
# space between ('아동·' over '보육' is '아동·보육').
# 18: a PDF table row a page break cut inside its cells ('미래경쟁력을 갖춘 / 행정전문가' at the
# foot of a page, '양성 연수' in the same merged cells on the next) is one row, its cells' text
# joined (LibreOffice's PDF of the seed, 2-2-2). A PDF table printed without its side rulings
# (row rulings of one width, a column ruling joining them, nothing down the ends: lh's 소득 및
# 자산 보유기준 and 유의사항, keit's 요약문 and forms open on the right) is a table.
# 19: PDF cell lines centred in their cell break where the column's widest line shows the line
# was full, not at the cell's edge ('문화예술' over '체육활동' is two words); a producer that wraps
# between words still broke a one-word line that filled it where the rest of the document joins
# the pieces ('교육행정직' over '원' is '교육행정직원'); a FONT_BREAK is not its own vote for one
# word; a line ending in a hyphen after a word goes on into the next ('기획-' over '평가').
# LibreOffice's PDF of the seed: 59 of 60 budget lines exact (46 before).
# 20: a PDF table continued on the next page whose first row draws fewer column rulings is
# stitched where that row is the rest of the cut row (its note cell spanning the quarters); a
# cut row in a grid of single cells is one row too (lh's 세대구성원 and 유의사항, pp.3-4, 12-17).
# 21: a PDF FONT_BREAK the document writes neither way is two words where the producer wraps
# between words (LibreOffice: '옆반' over '정보부장'); a PDF table row cut at a page inside a cell
# of one line joins its rest where that line and the rest's first word are wider than the cell
# and the rest leaves blank a cell only the cut row has (keit p.68-69 '제품화 / 단계').
# 22: a PDF box recurring at a page's top or foot is page furniture only on a quarter of the
# pages at least (a part heading box left at the foot of four of 56 pages is the text's); an
# author line ending in its label ('담당:') goes on with the name on the next line.
# 23: a PDF row cut at a page goes on in every cell where one of its cells wrapped past the
# page ('457.' over '직무연수' beside '초등 교원' over '생애단계별 …'), never where a figure
# goes on under a figure (a new line's amount).
# 24: a PDF row cut at a page inside a word ('미래경쟁력' over '을 갖춘') is one row, the
# particle on the cut word's line.
# 25: an author label whose digits text extraction set apart ('연수 1 담당사무관') is one label.
# 26: text that sets every figure apart from the Hangul after it (pdftotext of a PDF whose
# figures are in another font) has its figures joined to their counters and particles again
# ('1 급' → '1급', '358 명' → '358명', '제 2 인생' → '제2인생').
# 27: a PDF heading box of one row ('□ | 2025년 추진계획') at a page's foot is continued by no
# table on the next page, whatever its column rulings.
RULES_VERSION = 27

__all__ = [
    "extract",
    "RULES_VERSION",
    "Facts",
    "Section",
    "Contact",
    "TrainingItem",
    "BudgetLine",
    "BudgetTable",
]


def _document_identity(doc: Document, stream: list[Item], facts: Facts) -> None:
    """Title, organization, plan year and unit: see rules/identity.py."""
    document_identity(doc, stream, facts)


def _block_position(doc: Document, block: int | None) -> Position | None:
    return doc.blocks[block].position if block is not None and block < len(doc.blocks) else None


def extract(doc: Document) -> Facts:
    """Facts of one document: the generic layer for every document, then the rules of the
    report family whose signature it matches (none when no family does).

    Each part is read on its own (rules/guard.py): a rule failing on one table, one section or
    the family's reading costs that part, recorded in `facts.rule_failures`."""
    new_document()  # the text caches (rules/memo.py) hold one document's strings
    stream, with_boxes = document_streams(doc)  # single-cell tables as lines, and as tables
    facts = Facts()
    facts.outline = (
        attempt(facts, "the outline", None, lambda: extract_outline(stream, type_settings(doc)))
        or []
    )
    facts.tables, facts.table_cells = table_facts(with_boxes, facts.rule_failures)
    family = classify(stream)
    if family is not None:
        facts.family = family.NAME
        read_by_family = attempt(
            facts, f"the {family.NAME} rules", None, lambda: _family(family, stream, facts)
        )
        read = read_by_family or set()
        facts.tables = [t._replace(read_by_family=t.block in read) for t in facts.tables]
    facts.tables = [t._replace(position=_block_position(doc, t.block)) for t in facts.tables]
    for item in stream:
        if isinstance(item, TableRef) and item.block not in facts.contact_blocks:
            # A table whose contacts cannot be read costs that table's contacts.
            part = f"the contacts of table {item.block}"
            found = attempt(facts, part, item.page, _contacts(item))
            facts.contacts.extend(found or [])
    attempt(
        facts, "the title and organization", None, lambda: _document_identity(doc, stream, facts)
    )
    # The units only: their morphemes are read on the first search (warehouse/search.py).
    facts.search_units = (
        attempt(
            facts,
            "the search units",
            None,
            lambda: search_units(stream, facts.outline, facts.tables, facts.table_cells),
        )
        or []
    )
    return facts


def _contacts(item: TableRef):
    return lambda: table_contacts(item)


def _family(family, stream: list[Item], facts: Facts) -> set:
    family.extract(stream, facts)
    return family.read_blocks(facts) if hasattr(family, "read_blocks") else set()
