"""The search index is built by the first search, not by ingest: ingest stores each document's
units untokenized, the first `kplan search` tokenizes the current documents' units once and
stores their terms, a new version of a file is indexed by the next search, and a warehouse
indexed at ingest by an older kplan is searched as it is.

The texts are the sample report's (../shared/seed/seoul-edu-training-2025-plan.txt, whose
line 2909 reads '◦ 연수원 접근성 제고를 위한 교통편의 제공' and line 2911 '- 연수생 교통불편
해소를 위한 셔틀버스 임차 운영', both under 5-1-2)."""

import ast
import subprocess
import sys

import duckdb

from kplan.pipeline.batch import process_file
from kplan.pipeline.cli import main
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.search import index_pending, pending_units, search

LINE_2909 = "◦ 연수원 접근성 제고를 위한 교통편의 제공"


def load(con, path):
    processed = process_file(path)
    return load_document(
        con, processed.document, processed.facts, stats=processed.stats, signature=None
    )


def test_ingest_stores_units_but_does_not_tokenize_them(tmp_path, text_copy):
    con = connect(tmp_path / "w.duckdb")
    load(con, text_copy)
    units, untokenized = con.execute(
        "SELECT count(*), count(*) FILTER (length IS NULL) FROM search_units"
    ).fetchone()
    assert units > 1000 and untokenized == units
    assert con.execute("SELECT count(*) FROM search_terms").fetchone()[0] == 0
    assert con.execute(
        "SELECT section, kind FROM search_units WHERE position = 'line 2909'"
    ).fetchall() == [("5-1-2", "paragraph")]
    con.close()


def test_the_first_search_indexes_each_unit_once(tmp_path, text_copy):
    con = connect(tmp_path / "w.duckdb")
    load(con, text_copy)
    assert pending_units(con) > 1000
    hits = search(con, "연수원 접근성", limit=3)
    assert LINE_2909 in [h.text for h in hits]
    assert pending_units(con) == 0
    assert index_pending(con) == 0  # nothing left: a second search tokenizes nothing
    terms = {
        term
        for (term,) in con.execute(
            "SELECT t.term FROM search_terms t JOIN search_units u USING (doc_id, unit_id) "
            "WHERE u.position = 'line 2909' AND u.kind = 'paragraph'"
        ).fetchall()
    }
    # 연수원 is also under 연수 (a noun's first syllables), so a query for 연수 finds it;
    # 접근성 is 접근 + the suffix 성, 교통편의 two nouns.
    assert {"연수원", "연수", "접근", "교통", "편의", "제공"} <= terms
    con.close()


def test_a_new_version_of_plan_txt_is_indexed_by_the_next_search(tmp_path, text_copy):
    con = connect(tmp_path / "w.duckdb")
    first = load(con, text_copy)
    assert search(con, "셔틀버스", limit=1)[0].section == "5-1-2"
    text_copy.write_text(
        text_copy.read_text("utf-8").replace("셔틀버스", "통근버스"), encoding="utf-8"
    )
    second = load(con, text_copy)
    assert second.action == "replaced" and second.doc_id != first.doc_id
    assert pending_units(con) > 1000  # the new version's units, none of the old one's
    hits = search(con, "통근버스", limit=1)
    assert (hits[0].doc_id, hits[0].section) == (second.doc_id, "5-1-2")
    assert not [h for h in search(con, "셔틀버스", limit=5) if "셔틀버스" in h.text]
    # The first version's terms went to history with it.
    assert con.execute(
        "SELECT count(*) FROM history.search_terms WHERE doc_id = ?", [first.doc_id]
    ).fetchone()[0]
    con.close()


def _as_indexed_at_ingest(db):
    """The warehouse as kplan left it when ingest built the index (schema version 12):
    every unit with its length and terms, length NOT NULL."""
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE units_12 AS SELECT * FROM search_units")
    con.execute("DROP TABLE search_units")
    con.execute(
        "CREATE TABLE search_units (doc_id BIGINT NOT NULL, unit_id INTEGER NOT NULL, "
        "kind VARCHAR NOT NULL, section VARCHAR, page INTEGER, position VARCHAR, "
        "text VARCHAR NOT NULL, length INTEGER NOT NULL)"
    )
    con.execute(
        "INSERT INTO search_units SELECT doc_id, unit_id, kind, section, page, position, text, "
        "length FROM units_12"
    )
    con.execute("DROP TABLE units_12")
    con.execute("UPDATE schema_version SET version = 12")
    con.close()


def test_a_warehouse_indexed_at_ingest_is_searched_as_it_is(tmp_path, text_copy, capsys):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    load(con, text_copy)
    index_pending(con)
    con.close()
    _as_indexed_at_ingest(db)
    capsys.readouterr()
    assert main(["search", "셔틀버스", "--db", str(db), "--limit", "1", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert '"5-1-2"' in out.out and "indexing" not in out.err  # read as it is, read-only
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 12
    con.close()
    # The next ingest migrates it; what was indexed stays indexed.
    con = connect(db)
    assert pending_units(con) == 0
    assert search(con, "셔틀버스", limit=1)[0].section == "5-1-2"
    con.close()


def test_kplan_search_indexes_after_an_ingest_and_only_then(tmp_path, text_copy, capsys):
    db = str(tmp_path / "w.duckdb")
    assert main(["ingest", str(text_copy), "--db", db, "--no-quality"]) == 0
    capsys.readouterr()
    assert main(["search", "연수원 접근성", "--db", db, "--limit", "1"]) == 0
    first = capsys.readouterr()
    assert "kplan: indexing" in first.err and "text units for search" in first.err
    assert "5-1-2" in first.out and "【연수원 접근성】" in first.out
    assert main(["search", "연수원 접근성", "--db", db, "--limit", "1"]) == 0
    second = capsys.readouterr()
    assert second.err == "" and second.out == first.out


class CountingConnection:
    """A connection that counts the statements looking for units not yet indexed."""

    def __init__(self, con):
        self.con, self.pending_scans = con, 0

    def execute(self, sql, *args):
        self.pending_scans += "u.length IS NULL" in sql
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_a_search_looks_for_units_to_index_once(tmp_path, text_copy):
    con = connect(tmp_path / "w.duckdb")
    load(con, text_copy)
    counting = CountingConnection(con)
    assert search(counting, "셔틀버스", limit=1)[0].section == "5-1-2"  # indexes, then searches
    assert counting.pending_scans == 1
    counting.pending_scans = 0
    assert search(counting, "셔틀버스", limit=1)[0].section == "5-1-2"  # nothing left to index
    assert counting.pending_scans == 1
    counting.pending_scans = 0
    assert search(counting, "셔틀버스", limit=1, index=False)[0].section == "5-1-2"
    assert counting.pending_scans == 0  # the caller has just counted none (kplan search)
    con.close()


def test_indexing_plan_txt_line_2911_needs_no_pandas(tmp_path, text_copy):
    # Line 2911 of the sample: '- 연수생 교통불편 해소를 위한 셔틀버스 임차 운영'.
    db = tmp_path / "w.duckdb"
    con = connect(db)
    load(con, text_copy)
    con.close()
    code = (
        "import sys\n"
        "from kplan.warehouse.load import connect\n"
        "from kplan.warehouse.search import index_pending\n"
        f"con = connect({str(db)!r})\n"
        "assert index_pending(con) > 1000\n"
        "assert 'pandas' not in sys.modules, 'indexing imported pandas'\n"
        "print(con.execute(\"SELECT u.length, list(t.term), sum(t.tf) FROM search_units u \"\n"
        "    \"JOIN search_terms t USING (doc_id, unit_id) WHERE u.position = 'line 2911' \"\n"
        "    \"AND u.kind = 'paragraph' GROUP BY u.length\").fetchall())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    [(length, terms, total_tf)] = ast.literal_eval(result.stdout.strip())
    # 연수생 is 연수 + the suffix 생, 교통불편 two nouns; 셔틀버스 is also under 셔틀.
    assert {"연수", "교통", "불편", "해소", "셔틀버스", "셔틀", "임차", "운영"} <= set(terms)
    assert length == total_tf  # the unit's length is written with its terms
