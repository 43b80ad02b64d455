"""Errors are one list: `ErrorCode` is what readers raise, what the batch sets, what
`documents.error` accepts and what the README's error table lists."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from test_hwpx import NS, package

from kplan.parsers import errors, parse_bytes
from kplan.parsers.errors import ErrorCode, ParseError
from kplan.warehouse import value_checks
from kplan.warehouse.load import connect

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_error_table() -> list[str]:
    text = README.read_text("utf-8")
    table = text[text.index("| error | meaning |") :].split("\n\n")[0]
    return re.findall(r"^\| `([a-z_]+)` \|", table, re.M)


def test_the_readme_error_table_is_the_enum():
    assert readme_error_table() == [code.value for code in ErrorCode]


def test_every_typed_parse_error_carries_a_code_of_the_enum():
    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, ParseError)
    ]
    assert len(classes) >= 8
    assert all(isinstance(c.code, ErrorCode) for c in classes)


def test_no_module_sets_an_error_code_by_hand():
    """`error="…"` with a literal is how a code outside the enum would slip in."""
    root = README.parent
    sources = [
        p for d in ("parsers", "pipeline", "rules", "warehouse") for p in (root / d).rglob("*.py")
    ]
    literal = re.compile(r"""\berror\s*=\s*(?:doc\.error\s+or\s+)?["'][a-z_]+["']""")
    assert [str(p) for p in sources if literal.search(p.read_text("utf-8"))] == []


def test_the_warehouse_refuses_an_error_code_outside_the_enum(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    insert = "INSERT INTO documents (path, file_name, sha256, status, error) VALUES (?, ?, ?, ?, ?)"
    con.execute(insert, ["a", "a", "1", "failed", ErrorCode.RULES_FAILED])
    with pytest.raises(duckdb.ConstraintException):
        con.execute(insert, ["b", "b", "2", "failed", "bad_luck"])


def test_migration_10_constrains_an_older_warehouse_and_keeps_its_rows(tmp_path):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    con.execute(
        "INSERT INTO documents (path, file_name, format, sha256, status, error) "
        "VALUES ('a.hwp', 'a.hwp', 'hwp', 'x', 'failed', 'crashed')"
    )
    # As a warehouse before migration 10 had it: no constraint on documents.error.
    ddl = value_checks.documents_ddl(con)
    con.execute("CREATE TABLE old_documents AS SELECT * FROM documents")
    old_ddl = re.sub(r", CHECK\(\(\"error\" IN \([^)]*\)\)\)", "", ddl)
    assert value_checks.declared_values(old_ddl, "error") is None
    con.execute("DROP TABLE documents")
    con.execute(old_ddl)
    con.execute("INSERT INTO documents SELECT * FROM old_documents")
    con.execute("DROP TABLE old_documents")
    con.execute("UPDATE schema_version SET version = 9")
    con.close()
    con = connect(db)
    assert con.execute("SELECT version FROM schema_version").fetchone()[0] >= 10
    ddl = value_checks.documents_ddl(con)
    assert value_checks.declared_values(ddl, "error") == {code.value for code in ErrorCode}
    assert con.execute("SELECT path, error FROM documents").fetchall() == [("a.hwp", "crashed")]


def section_nested(depth: int) -> str:
    return f"<hs:sec {NS}>" + "<hp:subList>" * depth + "</hp:subList>" * depth + "</hs:sec>"


def test_deep_xml_nesting_is_limit_exceeded_not_corrupt():
    doc = parse_bytes(package({"Contents/section0.xml": section_nested(300)}), path="deep.hwpx")
    assert (doc.status, doc.error) == ("failed", "limit_exceeded")


def test_entity_expansion_is_limit_exceeded_not_corrupt():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<hs:sec {NS}><hp:p><hp:run><hp:t>&b;&b;</hp:t></hp:run></hp:p></hs:sec>"
    )
    doc = parse_bytes(package({"Contents/section0.xml": laughs}), path="laughs.hwpx")
    assert (doc.status, doc.error) == ("failed", "limit_exceeded")
