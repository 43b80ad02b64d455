"""warehouse/rows.py: many rows in one INSERT, each value cast to its column's type exactly."""

from decimal import Decimal

import duckdb
import pytest

from kplan.warehouse.rows import insert_rows


@pytest.fixture
def db():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t (doc_id BIGINT NOT NULL, amount BIGINT, value DECIMAL(38, 6), "
        "ratio DOUBLE, name VARCHAR, flag BOOLEAN)"
    )
    yield con
    con.close()


def test_decimals_of_any_width_keep_every_digit(db):
    # A list of Decimals alone would be typed DECIMAL(18, 6) or narrower: a 20-digit figure
    # next to '12.5' must still arrive whole in the DECIMAL(38, 6) column.
    values = [Decimal("12.5"), Decimal("12345678901234567890.123456"), None, Decimal("-0.000001")]
    insert_rows(db, "t", ["doc_id", "value"], [(1, v) for v in values])
    assert [r[0] for r in db.execute("SELECT value FROM t ORDER BY rowid").fetchall()] == [
        Decimal("12.500000"),
        Decimal("12345678901234567890.123456"),
        None,
        Decimal("-0.000001"),
    ]


def test_won_amounts_past_float_precision_stay_exact_beside_nulls(db):
    # 2**53 + 1 won is not a float64: a column of ints and None read through a float frame
    # would round it; 60 rows, where the old loader switched to a frame.
    big = 2**53 + 1
    rows = [(1, big if i % 2 else None) for i in range(60)]
    insert_rows(db, "t", ["doc_id", "amount"], rows)
    assert db.execute("SELECT count(*), max(amount) FROM t").fetchone() == (60, big)
    assert db.execute("SELECT count(*) FROM t WHERE amount IS NULL").fetchone()[0] == 30


def test_columns_are_named_not_placed(db):
    # The columns in another order than the table's, some left out (NULL).
    insert_rows(db, "t", ["name", "doc_id", "flag", "ratio"], [("가", 7, True, 0.5)])
    assert db.execute("SELECT doc_id, amount, ratio, name, flag FROM t").fetchall() == [
        (7, None, 0.5, "가", True)
    ]


def test_a_column_of_nulls_only_is_null(db):
    insert_rows(db, "t", ["doc_id", "name", "amount"], [(1, None, None), (2, None, None)])
    assert (
        db.execute("SELECT count(*) FROM t WHERE name IS NULL AND amount IS NULL").fetchone()[0]
        == 2
    )


def test_a_float_in_an_integer_column_is_cast_as_a_bound_value_would_be(db):
    # A bound DOUBLE cast to BIGINT: 2.5 → 2 and 3.5 → 4 (DuckDB rounds half to even).
    insert_rows(db, "t", ["doc_id", "amount"], [(1, 2.5), (2, 3.5), (3, 7)])
    assert db.execute("SELECT amount FROM t ORDER BY doc_id").fetchall() == [(2,), (4,), (7,)]


def test_no_rows_insert_nothing(db):
    insert_rows(db, "t", ["doc_id"], [])
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_rows_shorter_than_the_columns_are_refused(db):
    with pytest.raises(ValueError, match="3 columns but rows of 2 values"):
        insert_rows(db, "t", ["doc_id", "name", "flag"], [(1, "a"), (2, "b")])
    with pytest.raises(ValueError):  # rows of unequal length
        insert_rows(db, "t", ["doc_id", "name"], [(1, "a"), (2,)])


def test_a_constraint_fails_the_whole_insert(db):
    with pytest.raises(duckdb.ConstraintException):
        insert_rows(db, "t", ["doc_id", "name"], [(1, "a"), (None, "b")])
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_rows_before_one_that_cannot_be_converted_never_join_the_next_insert(db):
    # The appender is kept for the next insert: the rows it converted before 'abc' failed
    # must be gone with the failed insert.
    with pytest.raises(duckdb.ConversionException):
        insert_rows(db, "t", ["doc_id", "amount"], [(1, 10), (2, "abc")])
    insert_rows(db, "t", ["doc_id", "amount"], [(3, 30)])
    assert db.execute("SELECT doc_id, amount FROM t").fetchall() == [(3, 30)]


def test_a_table_made_again_with_its_columns_reordered_gets_each_value_by_name(db):
    insert_rows(db, "t", ["doc_id", "name"], [(1, "가")])
    db.execute("DROP TABLE t")
    db.execute("CREATE TABLE t (name VARCHAR, extra INTEGER, doc_id BIGINT NOT NULL)")
    insert_rows(db, "t", ["doc_id", "name"], [(2, "나")])
    assert db.execute("SELECT name, extra, doc_id FROM t").fetchall() == [("나", None, 2)]


def test_rows_of_a_rolled_back_transaction_are_not_kept(db):
    db.execute("BEGIN TRANSACTION")
    insert_rows(db, "t", ["doc_id"], [(1,), (2,)])
    db.execute("ROLLBACK")
    insert_rows(db, "t", ["doc_id"], [(3,)])
    assert db.execute("SELECT doc_id FROM t").fetchall() == [(3,)]
