"""kplan sql is read-only and reads the warehouse only: no COPY … TO, EXPORT DATABASE, ATTACH,
file functions or extensions (#10.8). Each is refused, writes no file, and is one line."""

import pytest

from kplan.pipeline.cli import main
from kplan.warehouse.load import connect
from kplan.warehouse.sandbox import open_sandboxed


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute("INSERT INTO parse_issues VALUES (1, 'corrupt', '깨진 파일', 3)")
    con.close()
    return path


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("name,phone\n김태은,8051\n", "utf-8")
    return path


def refused(tmp_path, db, query):
    con = open_sandboxed(db)
    try:
        with pytest.raises(Exception) as raised:
            con.execute(query).fetchall()
    finally:
        con.close()
    return str(raised.value)


@pytest.mark.parametrize(
    "query",
    [
        "COPY parse_issues TO '{out}/issues.csv'",
        "COPY (SELECT 1) TO '{out}/one.parquet' (FORMAT parquet)",
        "EXPORT DATABASE '{out}/dump'",
        "ATTACH '{out}/other.duckdb' AS other",
    ],
)
def test_sql_writes_no_file(tmp_path, db, query):
    out = tmp_path / "out"
    out.mkdir()
    message = refused(tmp_path, db, query.format(out=out))
    assert "file system operations are disabled" in message
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_text('{secret}')",
        "SELECT * FROM read_csv('{secret}')",
        "SELECT * FROM read_blob('{secret}')",
        "SELECT * FROM glob('{folder}/*')",
    ],
)
def test_sql_reads_no_other_file(tmp_path, db, secret, query):
    message = refused(tmp_path, db, query.format(secret=secret, folder=secret.parent))
    assert "file system operations are disabled" in message
    assert "김태은" not in message


@pytest.mark.parametrize(
    "query",
    [
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "LOAD httpfs",
        "INSTALL httpfs",
    ],
)
def test_sql_cannot_lift_the_lock(tmp_path, db, query):
    refused(tmp_path, db, query)
    con = open_sandboxed(db)
    assert con.execute("SELECT current_setting('enable_external_access')").fetchone() == (False,)
    con.close()


def test_kplan_sql_still_reads_the_warehouse_and_refuses_copy_in_one_line(capsys, tmp_path, db):
    assert main(["sql", "SELECT code, message, page FROM parse_issues", "--db", str(db),
                 "--format", "csv"]) == 0  # fmt: skip
    assert capsys.readouterr().out == "code,message,page\ncorrupt,깨진 파일,3\n"
    out = tmp_path / "stolen.csv"
    assert main(["sql", f"COPY parse_issues TO '{out}'", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kplan: error: Permission Error") and err.count("\n") == 1
    assert not out.exists()
