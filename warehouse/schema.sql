-- kplan warehouse schema. A published interface: users write SQL against these tables.
-- Extend freely; rename nothing without a migration (see warehouse/migrations.py).
-- Amounts are BIGINT won. Pages are 1-based; NULL where the format has no pages (HWP, HWPX).

CREATE SEQUENCE IF NOT EXISTS doc_id_seq START 1;

CREATE TABLE IF NOT EXISTS documents (
    doc_id        BIGINT PRIMARY KEY DEFAULT nextval('doc_id_seq'),
    path          VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    format        VARCHAR CHECK (format IN (@FORMATS@)),  -- the registered backends' formats
    sha256        VARCHAR NOT NULL UNIQUE,
    title         VARCHAR,
    organization  VARCHAR,
    plan_year     INTEGER,
    unit          VARCHAR,
    status        VARCHAR NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
    error         VARCHAR CHECK (error IN (@ERROR_CODES@)),  -- parsers.errors.ErrorCode
    pages         INTEGER,
    ingested_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    -- extensions
    error_message VARCHAR,          -- the one line a person reads
    reader        VARCHAR,          -- library that produced the text: pdfplumber, pyhwp, …
    report_key    VARCHAR,          -- same report in several formats → same key
    is_primary    BOOLEAN NOT NULL DEFAULT TRUE,  -- one document per report_key
    n_paragraphs  INTEGER,
    n_tables      INTEGER,
    n_chars       INTEGER,
    family        VARCHAR,          -- report family whose rules matched (NULL: generic only)
    signature     BIGINT[],         -- MinHash of the text: the same report in another format
    rules_version INTEGER,          -- the kplan.rules version that extracted the facts
    version       INTEGER DEFAULT 1, -- 1, 2, … : which version of the file at `path` this is
    previous_doc_id BIGINT,         -- the version it replaced (in history.documents)
    file_size     BIGINT,           -- bytes of the file when loaded (unchanged: not read again)
    file_mtime_ns BIGINT            -- its modification time then, ns since the epoch
);

CREATE TABLE IF NOT EXISTS sections (
    doc_id   BIGINT NOT NULL,
    code     VARCHAR NOT NULL,
    title    VARCHAR,
    page     INTEGER,
    ordinal  INTEGER,               -- position in the document, from 1
    parts    VARCHAR,               -- parts found: 목적,근거,실적,계획,예산
    position VARCHAR,               -- where, in formats without pages: 'line 273'
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

CREATE TABLE IF NOT EXISTS budget_tables (
    doc_id       BIGINT NOT NULL,
    section_code VARCHAR,
    title        VARCHAR,
    unit         VARCHAR,
    unit_factor  BIGINT,
    as_of        VARCHAR,
    year         INTEGER,
    prev_year    INTEGER,
    remarks      VARCHAR,
    page         INTEGER,
    table_no     INTEGER,           -- which budget table of the document, from 1
    n_columns    INTEGER            -- amount columns of the header (예산액 ×2 + 분기 ×4 = 6)
);

CREATE TABLE IF NOT EXISTS budget_lines (
    doc_id        BIGINT NOT NULL,
    section_code  VARCHAR,
    line_no       INTEGER NOT NULL,
    is_total      BOOLEAN NOT NULL,
    program_code  VARCHAR,
    program_name  VARCHAR,
    project_name  VARCHAR,
    year          INTEGER,
    amount        BIGINT,
    amount_prev   BIGINT,
    q1            BIGINT,
    q2            BIGINT,
    q3            BIGINT,
    q4            BIGINT,
    note          VARCHAR,
    page          INTEGER,
    ref_pages     VARCHAR,          -- 사업별 설명자료 쪽수
    cells_printed INTEGER,          -- amount cells a 합계 row printed (6 when complete)
    amount_line_no INTEGER,         -- line carrying the amount these quarters belong to (merged)
    table_no      INTEGER,          -- the budget_tables row the line belongs to
    position      VARCHAR,          -- 'line 984', 'section 0 paragraph 812 row 3'
    project_key   VARCHAR,          -- the project name's key: see the programs view
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

CREATE TABLE IF NOT EXISTS training_items (
    doc_id        BIGINT NOT NULL,
    section_code  VARCHAR,
    year          INTEGER,
    stage         VARCHAR CHECK (stage IN ('actual', 'plan')),
    audience      VARCHAR,
    mode          VARCHAR CHECK (mode IN ('집합', '원격', '혼합')),
    name          VARCHAR,
    courses       INTEGER,
    participants  INTEGER,
    page          INTEGER,
    source        VARCHAR,
    position      VARCHAR,
    name_key      VARCHAR,          -- the name's key: the same course in any year or report
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

-- Items of a '주요 개선 사항' box: kept apart so that counting training_items never counts
-- them twice; the quality checks compare them with the plan list.
CREATE TABLE IF NOT EXISTS improvement_items (
    doc_id        BIGINT NOT NULL,
    section_code  VARCHAR,
    year          INTEGER,
    audience      VARCHAR,
    mode          VARCHAR,
    name          VARCHAR,
    courses       INTEGER,
    participants  INTEGER,
    page          INTEGER,
    source        VARCHAR,
    name_key      VARCHAR
);

-- Every count under 추진 실적/계획 that is not a training item's courses or participants
-- ('60교, 60회', '총 14개 과정 80차시', '36편', '(5종)', '3개 기관'), with what it counts.
CREATE TABLE IF NOT EXISTS counts (
    doc_id        BIGINT NOT NULL,
    section_code  VARCHAR,
    year          INTEGER,
    stage         VARCHAR CHECK (stage IN ('actual', 'plan', 'improvement')),
    subject       VARCHAR,          -- what it counts: '유튜브 교육콘텐츠 개발'
    quantity      BIGINT NOT NULL,
    counter       VARCHAR NOT NULL, -- '교', '회', '차시', '편', '종', '기관', '천원', …
    page          INTEGER,
    position      VARCHAR,
    source        VARCHAR,          -- the (joined) line it was read from
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER,
    period        VARCHAR           -- '상반기', '하반기', '2학기': the part of the year it counts
);

CREATE TABLE IF NOT EXISTS contacts (
    doc_id       BIGINT NOT NULL,
    section_code VARCHAR,
    department   VARCHAR,
    role         VARCHAR,
    name         VARCHAR,
    phone        VARCHAR,
    page         INTEGER,
    position     VARCHAR,
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

CREATE TABLE IF NOT EXISTS findings (
    doc_id       BIGINT NOT NULL,
    section_code VARCHAR,
    rule         VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message      VARCHAR NOT NULL,  -- Korean
    expected     VARCHAR,
    actual       VARCHAR,
    page         INTEGER,
    -- extensions
    message_en   VARCHAR,
    difference   BIGINT,            -- actual − expected, for arithmetic checks (won)
    line_no      INTEGER,
    source       VARCHAR,           -- the snippet the figures were read from
    table_id     INTEGER,           -- for checks on any table: the table_cells cell
    cell_row     INTEGER,
    cell_col     INTEGER,
    position     VARCHAR,           -- where, in formats without pages: 'line 984'
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

-- Problems a parser met while reading (errors as data, with the page).
CREATE TABLE IF NOT EXISTS parse_issues (
    doc_id   BIGINT NOT NULL,
    code     VARCHAR NOT NULL,
    message  VARCHAR,
    page     INTEGER
);

-- What the file says about itself (HWP SummaryInformation, HWPX content.hpf, PDF info):
-- key title, subject, author, keywords, creator, created, modified (dates UTC ISO).
CREATE TABLE IF NOT EXISTS document_metadata (
    doc_id BIGINT NOT NULL,
    key    VARCHAR NOT NULL,
    value  VARCHAR NOT NULL
);

-- Earlier versions: every table holding a document's rows has a twin of the same name and
-- columns in schema `history` (history.documents, history.budget_lines, …), made by
-- warehouse/versions.py; the tables here hold the current version of each file only. The view
-- document_versions lists every version (is_current, superseded_by, archived_because).

CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

-- One row per report, however many formats it arrived in.
CREATE OR REPLACE VIEW reports AS
SELECT report_key,
       any_value(title) FILTER (WHERE is_primary)        AS title,
       any_value(organization) FILTER (WHERE is_primary) AS organization,
       any_value(plan_year) FILTER (WHERE is_primary)    AS plan_year,
       any_value(doc_id) FILTER (WHERE is_primary)       AS primary_doc_id,
       string_agg(format, ',' ORDER BY format)           AS formats,
       count(*)                                          AS n_documents
FROM documents
WHERE status <> 'failed'
GROUP BY report_key;

-- The report's own outline of its tasks ('1. 성장을 돕는 …'), printed before its sections:
-- the quality checks compare it with the section codes.
CREATE TABLE IF NOT EXISTS outline_tasks (
    doc_id  BIGINT NOT NULL,
    number  INTEGER NOT NULL,       -- 1 for '1. 성장을 돕는 …'
    title   VARCHAR
);

-- The generic layer, for every document whatever its family -------------------------------

-- Headings and bullets as a tree, as the document nests them: level 1 its top level.
CREATE TABLE IF NOT EXISTS outline (
    doc_id    BIGINT NOT NULL,
    node_id   INTEGER NOT NULL,
    parent_id INTEGER,
    level     INTEGER NOT NULL,
    marker    VARCHAR,
    text      VARCHAR,
    page      INTEGER
);

CREATE TABLE IF NOT EXISTS tables (
    doc_id      BIGINT NOT NULL,
    table_id    INTEGER NOT NULL,
    page        INTEGER,
    caption     VARCHAR,
    unit        VARCHAR,
    n_rows      INTEGER,
    n_cols      INTEGER,
    header_rows INTEGER,
    block       INTEGER,           -- position among the document's blocks
    read_by_family BOOLEAN,        -- a family rule read it (its own checks cover it)
    units       VARCHAR,           -- every unit the table states, in order: '백만원,%'
    unit_source VARCHAR,           -- where: 'caption', 'above', 'cell', 'below'
    position    VARCHAR,           -- where, in formats without pages: 'section 0 paragraph 4'
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

-- Every cell of every table, stored once at its origin. `kind` says what a body cell's figure
-- is (money, ratio, count, year, date, code, number, text); `unit` the unit it is printed in;
-- `value` the figure exactly as printed; `amount` money in exact won; `number` base units for
-- arithmetic (won for money, the figure itself for ratios and counts, NULL for years, dates
-- and codes); `sub_value` a figure printed in brackets after the main one.
CREATE TABLE IF NOT EXISTS table_cells (
    doc_id      BIGINT NOT NULL,
    table_id    INTEGER NOT NULL,
    row         INTEGER NOT NULL,
    col         INTEGER NOT NULL,
    rowspan     INTEGER NOT NULL,
    colspan     INTEGER NOT NULL,
    text        VARCHAR,
    number      DOUBLE,
    is_header   BOOLEAN NOT NULL,
    header_path VARCHAR,
    row_label   VARCHAR,
    kind        VARCHAR CHECK (kind IN ('money', 'ratio', 'count', 'year', 'date', 'code',
                                        'number', 'text')),
    unit        VARCHAR,
    value       DECIMAL(38, 6),
    amount      BIGINT,
    sub_value   DECIMAL(38, 6)
);

-- What `kplan search` searches: paragraphs, outline nodes and table cells, and the morphemes
-- each holds (a noun's first syllables too: 연수원 is also under 연수). BM25 is computed over
-- these in SQL (warehouse/search.py). Ingest writes the units; the first search tokenizes the
-- units of the current documents not yet indexed (length NULL) and writes their terms.
CREATE TABLE IF NOT EXISTS search_units (
    doc_id   BIGINT NOT NULL,
    unit_id  INTEGER NOT NULL,
    kind     VARCHAR NOT NULL CHECK (kind IN ('paragraph', 'outline', 'cell')),
    section  VARCHAR,               -- '5-1-2', or the heading it is under: 'Ⅱ. 추진과제'
    page     INTEGER,
    position VARCHAR,               -- 'line 984', 'table 3 row 2 col 1'
    text     VARCHAR NOT NULL,
    length   INTEGER,               -- terms it holds; NULL until a search indexes it
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

CREATE TABLE IF NOT EXISTS search_terms (
    doc_id  BIGINT NOT NULL,
    unit_id INTEGER NOT NULL,
    term    VARCHAR NOT NULL,
    tf      INTEGER NOT NULL
);

-- The 예산 사업설명자료 family ----------------------------------------------------------------

CREATE TABLE IF NOT EXISTS budget_programs (
    doc_id         BIGINT NOT NULL,
    program_code   VARCHAR NOT NULL,   -- '1131-300': 단위사업-세부사업
    program_name   VARCHAR,
    ministry       VARCHAR,            -- 소관
    account        VARCHAR,            -- 회계 / 기금
    program        VARCHAR,            -- 프로그램
    unit_program   VARCHAR,            -- 단위사업
    detail_program VARCHAR,            -- 세부사업
    page           INTEGER
);

CREATE TABLE IF NOT EXISTS budget_amounts (
    doc_id       BIGINT NOT NULL,
    program_code VARCHAR NOT NULL,
    fiscal_year  INTEGER NOT NULL,
    stage        VARCHAR NOT NULL,     -- 결산, 본예산, 추경, 정부안, 확정, 당초, 수정, …
    amount       BIGINT,               -- won
    page         INTEGER
);

-- The 업무계획 / 업무보고 family -------------------------------------------------------------

-- The 추진 과제 part as printed: strategy ('[나라] …') → task ('1. …', '① …') → sub-task ('□ …').
CREATE TABLE IF NOT EXISTS work_plan_tasks (
    doc_id      BIGINT NOT NULL,
    task_id     INTEGER NOT NULL,      -- 1.. in document order
    parent_id   INTEGER,               -- a task's strategy; a sub-task's task (or strategy)
    level       VARCHAR NOT NULL CHECK (level IN ('strategy', 'task', 'sub_task')),
    marker      VARCHAR,               -- as printed: '[나라]', '1.', '①', '□'
    number      INTEGER,               -- 1 for '1.' or '①'
    title       VARCHAR,               -- without its marker
    amount      BIGINT,                -- the budget printed after it: '(57억원)', won
    amount_text VARCHAR,               -- '57억원'
    page        INTEGER,
    position    VARCHAR,
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);

-- The budget overview (예산 현황, 세입예산, 세출예산): one row per printed row, two years and 증감.
CREATE TABLE IF NOT EXISTS work_plan_budget (
    doc_id       BIGINT NOT NULL,
    table_no     INTEGER NOT NULL,     -- which overview table of the document, from 1
    title        VARCHAR,              -- '예산 현황', '세출예산'
    row_no       INTEGER NOT NULL,
    label        VARCHAR,              -- without its mark: '사업비', '일반회계'
    level        INTEGER,              -- 0 the total, 1 a group, 2 an item, 3 a sub-item
    parent_row   INTEGER,              -- row_no of the row it adds up into
    is_total     BOOLEAN,
    year_a       INTEGER,              -- the first year column ('2025 본예산 (A)')
    stage_a      VARCHAR,              -- '본예산', '예산'
    amount_a     BIGINT,               -- won
    year_b       INTEGER,
    stage_b      VARCHAR,
    amount_b     BIGINT,
    change       BIGINT,               -- the printed 증감 (B-A), won
    change_pct   DOUBLE,               -- the printed ratio, percent
    pct_decimals INTEGER,              -- decimals the ratio is printed with
    unit         VARCHAR,              -- '백만원'
    unit_factor  BIGINT,               -- won per printed unit
    page         INTEGER,
    position     VARCHAR,              -- 'section 0 paragraph 42 row 3'
    -- the position as fields (its text is `position`): see parsers/model.py Position
    pos_page INTEGER, pos_line INTEGER, pos_section INTEGER, pos_paragraph INTEGER,
    pos_inside VARCHAR, pos_table INTEGER, pos_row INTEGER, pos_col INTEGER
);
