"""Data-quality checks: the runner that turns the check files in rules/quality/ into findings.

A check is one file (docs/checks.md says how to write one):

* `name.sql` — a header of `-- key: value` comment lines (id, severity, message_ko, message_en,
  about, …) and one SELECT returning a row per finding;
* `name.py` — a `CHECK` dict with the same keys and `run(con, doc_ids)` returning dicts, for the
  few checks SQL cannot say;
* `_name.sql` — not a check: statements run before the checks, creating the TEMP views and
  macros (prefixed `q_`) several checks share.

A row names its `doc_id` and may give `section_code`, `page`, `line_no`, `table_id`, `cell_row`,
`cell_col` (the cell of `table_cells` a generic table check is about), `position` with its
fields `pos_*` (`COLUMNS('^pos_')` of the row it is about), `expected`, `actual`,
`difference` (won, actual − expected), `source` (the text the figures were read from),
`explained_by` (a note in the document that explains the difference: the finding drops to the
check's `explained_severity`) and `severity` (overrides the header for that row). Every other
column is there for the message templates: `{name}`, `{name:amount}` (won shown in the row's
`unit`/`unit_factor`: '104,725천원'), `{name:+amount}` (signed) and `{name:n}` ('1,234').

`run_checks` runs every check over the chosen documents, each check isolated: a check that
fails (bad SQL, a missing column, a template naming a column the row lacks) is reported in the
result and on stderr, and the other checks' findings are kept. The documents' findings are then
replaced in one transaction, so a reader never sees half a run.

The checks (and helper files) of a folder of one's own (`--checks DIR`) are SQL from outside the
project: they run on a sandboxed, read-only copy of the warehouse (warehouse/sandbox.py), as
`kplan sql` does, and the runner inserts their findings itself. A check there is one SELECT and a
helper file only CREATEs; one that writes (COPY … TO, EXPORT DATABASE, INSERT, …), attaches a
database or reads a file (`read_text()`, `read_csv()`, …) is refused: a failure of that check
with `refused` set. A Python check there gets the copy as its connection, but it is code run as
the user, as any Python they install.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import re
import string
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only named in annotations: `kplan --help` need not load DuckDB
    import duckdb

    from kplan.parsers.model import Position

from .rows import insert_rows
from .scope import doc_ids_query, in_scope

SEVERITIES = ("error", "warning", "info")
REQUIRED_KEYS = ("id", "severity", "message_ko", "message_en")
OPTIONAL_KEYS = ("about", "explained_severity", "explained_ko", "explained_en")
HEADER_KEY_RE = re.compile(r"[a-z][a-z_]*")
DEFAULT_EXPLAINED_KO = "— 표의 ‘{explained_by}’ 표기가 차이를 설명하므로 경고"
DEFAULT_EXPLAINED_EN = "— explained by ‘{explained_by}’ noted in the table, so a warning"


class CheckDefinitionError(Exception):
    """A check file that cannot be read as a check (its header, its module)."""


class CheckRefused(Exception):
    """A check (or helper file) from a folder of one's own that reaches past the warehouse:
    it writes, attaches a database or reads a file."""


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    message_ko: str
    message_en: str
    path: Path
    about: str = ""
    explained_severity: str = "warning"
    explained_ko: str = DEFAULT_EXPLAINED_KO
    explained_en: str = DEFAULT_EXPLAINED_EN
    sql: str | None = None  # a SQL check
    run: Callable[..., Iterable[dict]] | None = None  # a Python check
    sandboxed: bool = False  # from a folder of one's own: runs on a sandboxed copy

    @property
    def kind(self) -> str:
        return "sql" if self.sql is not None else "python"


@dataclass(frozen=True)
class CheckFailure:
    check: str  # the check id, or the file name when the file could not be read
    path: str
    message: str
    refused: bool = False  # it reached past the warehouse (CheckRefused), so it did not run

    def __str__(self) -> str:
        return f"check {self.check} {'refused' if self.refused else 'failed'}: {self.message}"


@dataclass
class QualityRun:
    """What one run of the checks did."""

    checks: list[str] = field(default_factory=list)  # ids of the checks that ran cleanly
    failures: list[CheckFailure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))

    @property
    def n_findings(self) -> int:
        return sum(self.counts.values())


# ---------------------------------------------------------------- reading check files


def default_folder() -> Path:
    return Path(str(resources.files("kplan.rules.quality")))


def is_own(path: Path) -> bool:
    """A check or helper file from a folder of one's own, not the package's."""
    return path.parent.resolve() != default_folder().resolve()


def parse_header(text: str) -> dict[str, str]:
    """The `-- key: value` lines at the top of a SQL file (a key is lowercase: `message_ko`).
    A comment line indented by two or more spaces after `--` continues the value above; other
    comment lines ('-- Note: …') are free text."""
    fields: dict[str, str] = {}
    last: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("--"):
            break
        body = raw.strip()[2:]
        if last is not None and (body.startswith("  ") or body.startswith("\t")) and body.strip():
            fields[last] = f"{fields[last]} {body.strip()}"
            continue
        key, sep, value = body.strip().partition(":")
        key = key.strip()
        if sep and HEADER_KEY_RE.fullmatch(key):
            if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
                raise CheckDefinitionError(
                    f"unknown header key {key!r} (allowed: "
                    f"{', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})"
                )
            fields[key] = value.strip()
            last = key
        else:
            last = None
    return fields


def _make_check(fields: dict[str, Any], path: Path, **body) -> Check:
    missing = [k for k in REQUIRED_KEYS if not fields.get(k)]
    if missing:
        raise CheckDefinitionError(f"missing header key(s): {', '.join(missing)}")
    for key in ("severity", "explained_severity"):
        if key in fields and fields[key] not in SEVERITIES:
            raise CheckDefinitionError(
                f"{key} {fields[key]!r} is not one of {', '.join(SEVERITIES)}"
            )
    if fields["id"] != path.stem:
        raise CheckDefinitionError(f"id {fields['id']!r} differs from the file name {path.stem!r}")
    known: dict[str, Any] = {
        k: str(fields[k]) for k in REQUIRED_KEYS + OPTIONAL_KEYS if fields.get(k)
    }
    return Check(path=path, **known, **body)


def strip_sql(text: str) -> str:
    """The statement of a check file: trailing semicolons and whitespace removed."""
    sql = text.strip()
    while sql.endswith(";"):
        sql = sql[:-1].rstrip()
    return sql


def read_sql_check(path: Path) -> Check:
    text = path.read_text("utf-8")
    sql = strip_sql(text)
    if not sql or all(ln.strip().startswith("--") or not ln.strip() for ln in sql.splitlines()):
        raise CheckDefinitionError("the file holds no SELECT")
    return _make_check(parse_header(text), path, sql=sql, sandboxed=is_own(path))


def read_python_check(path: Path, module_name: str | None = None) -> Check:
    if module_name is not None:
        module = importlib.import_module(module_name)
    else:
        spec = importlib.util.spec_from_file_location(f"kplan_check_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise CheckDefinitionError("cannot be imported")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    fields = getattr(module, "CHECK", None)
    run = getattr(module, "run", None)
    if not isinstance(fields, dict) or not callable(run):
        raise CheckDefinitionError("a Python check defines CHECK (a dict) and run(con, doc_ids)")
    unknown = set(fields) - set(REQUIRED_KEYS + OPTIONAL_KEYS)
    if unknown:
        raise CheckDefinitionError(
            f"unknown CHECK key(s) {', '.join(sorted(unknown))} "
            f"(allowed: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})"
        )
    return _make_check(fields, path, run=run, sandboxed=is_own(path))


def load_checks(
    folders: Iterable[str | Path] | None = None,
) -> tuple[list[Path], list[Check], list[CheckFailure]]:
    """(helper files, checks, files that could not be read), in file-name order.

    The package's own folder always comes first; `folders` add more (a planner's own checks).
    """
    helpers: list[Path] = []
    checks: list[Check] = []
    failures: list[CheckFailure] = []
    seen: dict[str, Path] = {}
    package = default_folder()
    for folder in [package, *[Path(f) for f in folders or ()]]:
        for path in sorted(Path(folder).iterdir()):
            if path.suffix not in (".sql", ".py") or path.name == "__init__.py":
                continue
            if path.name.startswith("_"):
                if path.suffix == ".sql":
                    helpers.append(path)
                continue
            try:
                if path.suffix == ".sql":
                    check = read_sql_check(path)
                else:
                    module = f"kplan.rules.quality.{path.stem}" if Path(folder) == package else None
                    check = read_python_check(path, module)
                if check.id in seen:
                    raise CheckDefinitionError(
                        f"id {check.id!r} is already used by {seen[check.id]}"
                    )
            except Exception as exc:  # one unreadable file costs that check only
                failures.append(CheckFailure(path.stem, str(path), _one_line(exc)))
                continue
            seen[check.id] = path
            checks.append(check)
    return helpers, checks, failures


# ---------------------------------------------------------------- messages

# Units as an English message names them.
UNITS_EN = {
    "원": " won",
    "천원": " thousand won",
    "만원": "0 thousand won",
    "백만원": " million won",
    "억원": "00 million won",
    "십억원": " billion won",
    "조원": " trillion won",
}


def format_amount(
    won: Any, factor: Any = 1, unit: Any = "원", *, signed: bool = False, lang: str = "ko"
) -> str:
    """104_725_000 won in a 천원 table → '104,725천원' ('104,725 thousand won' in English);
    None → '-'."""
    if won is None:
        return "-"
    factor = int(factor or 1)
    unit = unit or ("원" if factor == 1 else "")
    if lang == "en":
        unit = UNITS_EN.get(unit, f" {unit}" if unit else "")
    won = int(won)
    if won % factor == 0:
        text = f"{abs(won) // factor:,}"
    else:
        text = f"{abs(won) / factor:,.3f}".rstrip("0").rstrip(".")
    sign = "-" if won < 0 else ("+" if signed else "")
    return f"{sign}{text}{unit}"


class _RowFormatter(string.Formatter):
    """str.format with `amount`, `+amount` and `n` specs, and None shown as '-'."""

    def __init__(self, row: dict[str, Any], lang: str):
        super().__init__()
        self.row, self.lang = row, lang

    def format_field(self, value: Any, spec: str) -> str:
        if spec in ("amount", "+amount"):
            return format_amount(
                value,
                self.row.get("unit_factor"),
                self.row.get("unit"),
                signed=spec == "+amount",
                lang=self.lang,
            )
        if value is None:
            return "-"
        if spec == "n":
            return f"{int(value):,}"
        return super().format_field(value, spec)


def render(template: str, row: dict[str, Any], lang: str = "ko") -> str:
    try:
        return _RowFormatter(row, lang).vformat(template, (), row)
    except KeyError as exc:
        raise CheckDefinitionError(
            f"the message names {{{exc.args[0]}}} but the check returned no such column "
            f"(columns: {', '.join(row)})"
        ) from None


# ---------------------------------------------------------------- running


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if isinstance(exc, CheckDefinitionError | CheckRefused):  # our own words: no class name
        return first
    return f"{type(exc).__name__}: {first}".strip()


def statement_kinds(sql: str) -> list[str]:
    """The kind of each statement in `sql`: ['SELECT'], ['SELECT', 'COPY']."""
    import duckdb

    return [statement.type.name for statement in duckdb.extract_statements(sql)]


def refuse_unless(sql: str, allowed: set[str], what: str) -> None:
    """Refuse SQL of one's own holding a statement not in `allowed` (COPY, ATTACH, INSERT, …)."""
    kinds = statement_kinds(sql)
    others = [kind for kind in kinds if kind not in allowed]
    if others or not kinds or (allowed == {"SELECT"} and len(kinds) > 1):
        raise CheckRefused(f"{what}, not {' + '.join(kinds) or 'nothing'}")


def refusal(exc: Exception) -> CheckRefused | None:
    """What the sandbox stopped, as a refusal: a file read or written, a write to the copy."""
    import duckdb

    first = _one_line(exc)
    if isinstance(exc, duckdb.PermissionException):
        return CheckRefused(f"a check reads the warehouse only: {first}")
    if isinstance(exc, duckdb.InvalidInputException) and "read-only" in str(exc):
        return CheckRefused(f"a check does not write to the warehouse: {first}")
    return None


def _check_query(check: Check, doc_ids: list[int] | None) -> str:
    assert check.sql is not None
    scope = doc_ids_query(doc_ids)
    query = f"SELECT * FROM (\n{check.sql}\n) AS check_rows WHERE doc_id IN ({scope})"
    if check.sandboxed:  # the statement itself (when it parses alone), then as run
        import duckdb

        try:
            refuse_unless(check.sql, {"SELECT"}, "a check is one SELECT")
        except duckdb.ParserException:
            pass  # '…) AS x; COPY …; SELECT (…' parses only in the query below
        refuse_unless(query, {"SELECT"}, "a check is one SELECT")
    return query


def _rows_of(
    con: duckdb.DuckDBPyConnection, check: Check, doc_ids: list[int] | None
) -> list[dict[str, Any]]:
    if check.sql is not None:
        cursor = con.execute(_check_query(check, doc_ids))
        columns = [d[0] for d in cursor.description]
        if "doc_id" not in columns:
            raise CheckDefinitionError("the SELECT returns no doc_id column")
        return [dict(zip(columns, r)) for r in cursor.fetchall()]
    assert check.run is not None  # a check is SQL or Python
    rows = [dict(r) for r in check.run(con, doc_ids)]
    wanted = None if doc_ids is None else set(doc_ids)
    return [r for r in rows if wanted is None or r.get("doc_id") in wanted]


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


FINDING_COLUMNS = (
    "doc_id",
    "section_code",
    "rule",
    "severity",
    "message",
    "expected",
    "actual",
    "page",
    "message_en",
    "difference",
    "line_no",
    "source",
    "table_id",
    "cell_row",
    "cell_col",
)
PAGE = FINDING_COLUMNS.index("page")


def _position_columns() -> list[str]:
    from kplan.parsers.model import Position

    return list(Position.column_types())


def _finding(check: Check, row: dict[str, Any]) -> tuple:
    """The row's `findings` values, but the position's: the last value is its `Position`
    (from the row's pos_* columns), or the text a check gave without them, or None."""
    if row.get("doc_id") is None:
        raise CheckDefinitionError("a row has no doc_id")
    explained = row.get("explained_by")
    severity = row.get("severity") or (check.explained_severity if explained else check.severity)
    if severity not in SEVERITIES:
        raise CheckDefinitionError(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    message_ko = render(check.message_ko, row)
    message_en = render(check.message_en, row, "en")
    if explained:
        message_ko = f"{message_ko} {render(check.explained_ko, row)}"
        message_en = f"{message_en} {render(check.explained_en, row, 'en')}"
    difference = row.get("difference")
    page = row.get("page")
    line_no = row.get("line_no")
    table_id, cell_row, cell_col = (row.get(k) for k in ("table_id", "cell_row", "cell_col"))
    return (
        int(row["doc_id"]),
        row.get("section_code"),
        check.id,
        severity,
        message_ko,
        _as_text(row.get("expected")),
        _as_text(row.get("actual")),
        None if page is None else int(page),
        message_en,
        None if difference is None else int(difference),
        None if line_no is None else int(line_no),
        _as_text(row.get("source")),
        *(None if v is None else int(v) for v in (table_id, cell_row, cell_col)),
        _position_of(row),
    )


def _position_of(row: dict[str, Any]) -> Position | str | None:
    from kplan.parsers.model import Position  # here: `kplan --help` loads no reader

    if any(key.startswith("pos_") for key in row):
        return Position.from_row(row)
    return row.get("position")


def _positions(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    ids: list[int] | None,
    wanted: set[tuple],
) -> dict[tuple, Position]:
    """{(doc_id, key…): Position} of `table`'s rows that have one, for the keys in `wanted`;
    of rows sharing a key, the one whose text sorts first."""
    from kplan.parsers.model import Position

    if not wanted:
        return {}
    cursor = con.execute(
        f"SELECT doc_id, {key}, * FROM {table} WHERE position IS NOT NULL AND "
        f"{in_scope('doc_id', ids)}"
    )
    names = [d[0] for d in cursor.description]
    n_key = 1 + len(key.split(","))
    out: dict[tuple, Position] = {}
    for values in cursor.fetchall():
        at = tuple(values[:n_key])
        if at not in wanted:  # no finding to place there: not worth a Position
            continue
        position = Position.from_row(dict(zip(names[n_key:], values[n_key:])))
        if position is not None and (at not in out or position.render() < out[at].render()):
            out[at] = position
    return out


def _placed(
    con: duckdb.DuckDBPyConnection, found: list[tuple], ids: list[int] | None
) -> list[tuple]:
    """Where a format has no pages, say where a finding is: the position of its budget line,
    else of its section, else of its table's row ('line 984', 'section 0 paragraph 812 row 3').
    Checks need not select it."""
    unplaced = [dict(zip(FINDING_COLUMNS, f)) for f in found if f[PAGE] is None and f[-1] is None]
    if not unplaced:
        return found
    want_lines = {(f["doc_id"], f["section_code"], f["line_no"]) for f in unplaced}
    want_sections = {(f["doc_id"], f["section_code"]) for f in unplaced}
    want_tables = {(f["doc_id"], f["table_id"]) for f in unplaced}
    lines = _positions(con, "budget_lines", "section_code, line_no", ids, want_lines)
    sections = _positions(con, "sections", "code", ids, want_sections)
    tables = _positions(con, "tables", "table_id", ids, want_tables)
    out = []
    for f in found:
        position = f[-1]
        if f[PAGE] is None and position is None:
            at = dict(zip(FINDING_COLUMNS, f))
            doc_id, section = at["doc_id"], at["section_code"]
            position = (
                (lines.get((doc_id, section, at["line_no"])) if at["line_no"] is not None else None)
                or sections.get((doc_id, section))
                or _table_row(tables.get((doc_id, at["table_id"])), at["cell_row"])
            )
        out.append((*f[:-1], position))
    return out


def _table_row(table: Position | None, row: int | None) -> Position | None:
    """A table's position at its row `row` (from 0), printed from 1."""
    if table is None or row is None:
        return table
    return table._replace(row=row + 1)


def _position_values(position: Position | str | None) -> tuple:
    """`position` and its pos_* columns: a Position's text and fields, or a check's own text."""
    from kplan.parsers.model import Position

    if isinstance(position, str):
        return (position, *Position.values(None)[1:])
    return Position.values(position)


def _failure(name: str, path: Path, exc: Exception, sandboxed: bool) -> CheckFailure:
    refused = exc if isinstance(exc, CheckRefused) else refusal(exc) if sandboxed else None
    return CheckFailure(name, str(path), _one_line(refused or exc), refused=refused is not None)


def run_helpers(con: duckdb.DuckDBPyConnection, helpers: list[Path]) -> list[CheckFailure]:
    """Run the helper files; one of one's own may only CREATE (its TEMP views and macros)."""
    failures = []
    for path in helpers:
        try:
            sql = path.read_text("utf-8")
            if is_own(path):
                refuse_unless(sql, {"CREATE"}, "a helper file only creates views and macros")
            con.execute(sql)
        except Exception as exc:
            failures.append(_failure(path.stem, path, exc, is_own(path)))
    return failures


def _run_each(
    con: duckdb.DuckDBPyConnection, checks: list[Check], ids: list[int] | None, result: QualityRun
) -> list[tuple]:
    """The findings of each check that runs; each that fails is added to `result.failures`."""
    findings: list[tuple] = []
    for check in checks:
        try:
            rows = [_finding(check, row) for row in _rows_of(con, check, ids)]
        except Exception as exc:
            result.failures.append(_failure(check.id, check.path, exc, check.sandboxed))
            continue
        findings.extend(rows)
        result.checks.append(check.id)
    return findings


def _run_sandboxed(
    con: duckdb.DuckDBPyConnection,
    helpers: list[Path],
    checks: list[Check],
    ids: list[int] | None,
    result: QualityRun,
) -> list[tuple]:
    """Run the checks of one's own folders on a sandboxed copy of the warehouse."""
    from .sandbox import sandboxed_copy

    with sandboxed_copy(con) as copy:
        run_helpers(copy, [h for h in helpers if not is_own(h)])  # told when run on `con`
        result.failures.extend(run_helpers(copy, [h for h in helpers if is_own(h)]))
        return _run_each(copy, checks, ids, result)


@contextmanager
def documents_only(con: duckdb.DuckDBPyConnection, ids: list[int] | None) -> Iterator[None]:
    """While inside, the warehouse's tables of documents show the rows of documents `ids`
    only (every row when None): a TEMP view of each, named as the table, shadows it. A check
    of a few documents then reads their rows, not every document's — its SQL filters on
    doc_id last, after its windows and aggregates, which DuckDB cannot filter first — and
    finds what it finds of them in a full run: each built-in check is about one document."""
    if ids is None:
        yield
        return
    catalog = con.execute("SELECT current_database()").fetchall()[0][0]
    tables = [
        table
        for (table,) in con.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = 'main' "
            "AND column_name = 'doc_id' AND table_name IN (SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = 'main')"
        ).fetchall()
    ]
    source = '"' + catalog.replace('"', '""') + '".main'
    scope = in_scope("doc_id", ids)
    try:
        for table in tables:
            con.execute(
                f'CREATE TEMP VIEW "{table}" AS SELECT * FROM {source}."{table}" WHERE {scope}'
            )
        yield
    finally:
        for table in tables:
            con.execute(f'DROP VIEW IF EXISTS temp.main."{table}"')


def run_checks(
    con: duckdb.DuckDBPyConnection,
    doc_ids: Iterable[int] | None = None,
    *,
    folders: Iterable[str | Path] | None = None,
    report: Callable[[str], None] | None = None,
    others_current: bool = False,
) -> QualityRun:
    """Delete and refill `findings` for `doc_ids` (every document when None). `others_current`:
    every other document's findings are what a full run would give (see `check_changed`), so
    this run leaves the findings of a full one.

    Call it outside a transaction. Each check runs on its own; a check that fails is listed in
    the result's `failures` and told to `report` (default: one line on stderr), and the run
    goes on.
    """
    ids = None if doc_ids is None else [int(d) for d in doc_ids]
    if report is None:

        def report(line: str) -> None:
            print(f"kplan: warning: {line}", file=sys.stderr)

    result = QualityRun()
    helpers, checks, failures = load_checks(folders)
    result.failures.extend(failures)
    with documents_only(con, ids):
        result.failures.extend(run_helpers(con, [h for h in helpers if not is_own(h)]))
        findings = _run_each(con, [c for c in checks if not c.sandboxed], ids, result)
    own = [c for c in checks if c.sandboxed]
    if own or any(is_own(h) for h in helpers):
        findings += _run_sandboxed(con, helpers, own, ids, result)
    con.execute("BEGIN TRANSACTION")
    try:
        if ids is None:
            con.execute("DELETE FROM findings")
        elif ids:
            con.execute(f"DELETE FROM findings WHERE {in_scope('doc_id', ids)}")
        if findings:
            findings = _placed(con, findings, ids)
            insert_rows(
                con,
                "findings",
                FINDING_COLUMNS + tuple(_position_columns()),
                [(*f[:-1], *_position_values(f[-1])) for f in findings],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    for row in findings:
        result.counts[row[3]] += 1
    for failure in result.failures:
        report(str(failure))
    full_run = (ids is None or others_current) and folders is None and not result.failures
    con.execute("DELETE FROM quality_state")
    if full_run:
        con.execute("INSERT INTO quality_state VALUES (?)", [_digest(con, helpers, checks)])
    return result


def check_changed(
    con: duckdb.DuckDBPyConnection,
    changed: Iterable[int],
    *,
    were_current: bool,
    report: Callable[[str], None] | None = None,
) -> QualityRun:
    """The built-in checks after documents `changed` were loaded (or moved): of those alone
    when the findings were a full run's before (`were_current`: `checks_current` said so then),
    since every other document's still are — each built-in check is about one document and
    reads none of what a load changes in another (is_primary, file_size) — else of every
    document. An ingest of a few files into a large warehouse then checks the few."""
    if were_current:
        return run_checks(con, changed, report=report, others_current=True)
    return run_checks(con, report=report)


def checks_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the findings are what a full run of the built-in checks would give now: the
    last one saw these same documents, unchanged, with these same checks."""
    stored = con.execute("SELECT digest FROM quality_state").fetchall()
    if len(stored) != 1:
        return False
    helpers, checks, failures = load_checks(None)
    return not failures and stored[0][0] == _digest(con, helpers, checks)


def _digest(con: duckdb.DuckDBPyConnection, helpers: list[Path], checks: list[Check]) -> str:
    """The documents as loaded, the checks' sources, helper macros included (a changed
    macro changes what the checks find), and kplan's own code they run (`_code_digest`)."""
    documents = con.execute(
        "SELECT coalesce(string_agg(concat_ws('|', doc_id, path, sha256, status, is_primary, "
        "rules_version, version), chr(10) ORDER BY doc_id), '') FROM documents"
    ).fetchall()[0][0]
    digest = hashlib.sha256(documents.encode())
    digest.update(_code_digest().encode())
    for helper in helpers:
        digest.update(f"\0{helper.name}\0{helper.read_text('utf-8')}".encode())
    for check in sorted(checks, key=lambda c: c.id):
        source = check.sql if check.sql is not None else check.path.read_text("utf-8")
        digest.update(f"\0{check.id}\0{check.severity}\0{source}".encode())
    return digest.hexdigest()


@functools.cache
def _code_digest() -> str:
    """The sources of kplan's rules and warehouse packages, which the checks call into (a
    Python check's helpers in rules/table_checks.py, normalize.squash, the message formatting
    here): findings made by other code are not current, though no check file changed. Hashed
    once per process."""
    digest = hashlib.sha256()
    for package in ("kplan.rules", "kplan.warehouse"):
        root = Path(str(resources.files(package)))
        for source in sorted(root.rglob("*.py")):
            digest.update(f"\0{source.relative_to(root)}\0".encode() + source.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------- reading findings

FINDING_ORDER = """
    f.doc_id, coalesce(s.ordinal, 0), f.line_no NULLS FIRST,
    CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.rule, f.message
"""


def findings(
    con: duckdb.DuckDBPyConnection, doc_ids: Iterable[int] | None = None
) -> list[dict[str, Any]]:
    """Findings in document order: by document, section (document-wide ones first), line."""
    where = f"WHERE {in_scope('f.doc_id', doc_ids)}"
    cursor = con.execute(f"""
        SELECT f.*, s.ordinal AS section_ordinal, s.title AS section_title
        FROM findings f
        LEFT JOIN (SELECT doc_id, code, min(ordinal) AS ordinal, any_value(title) AS title
                   FROM sections GROUP BY ALL) s
          ON s.doc_id = f.doc_id AND s.code = f.section_code
        {where}
        ORDER BY {FINDING_ORDER}""")
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r)) for r in cursor.fetchall()]
