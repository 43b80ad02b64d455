"""Which loaded report a new document joins (warehouse/load.py `_same_report`): the closest text
signature at or above SAME_REPORT, the latest loaded of equals, never another plan year's."""

from kplan.parsers.model import Document
from kplan.rules.fingerprint import SIGNATURE_SIZE
from kplan.warehouse.load import load_document

BASE = list(range(1000, 1000 + SIGNATURE_SIZE))


def signature_sharing(n: int, salt: int) -> list[int]:
    """A signature equal to BASE in its first `n` positions."""
    return BASE[:n] + [salt * 10_000 + i for i in range(SIGNATURE_SIZE - n)]


def load_text(con, tmp_path, name: str, signature: list[int]) -> str:
    doc = Document(path=str(tmp_path / name), format="txt", sha256=f"sha-{name}")
    load_document(con, doc, None, signature=signature)
    return con.execute("SELECT report_key FROM documents WHERE file_name = ?", [name]).fetchone()[0]


def test_the_closest_report_is_joined_and_of_equals_the_latest(con, tmp_path):
    far = load_text(con, tmp_path, "far.txt", signature_sharing(40, 1))
    near = load_text(con, tmp_path, "near.txt", signature_sharing(50, 2))
    near_too = load_text(con, tmp_path, "near-too.txt", signature_sharing(50, 3))
    assert len({far, near, near_too}) == 1  # 40 of 64 already make them one report
    con.execute("UPDATE documents SET report_key = file_name")  # three reports now
    joined = load_text(con, tmp_path, "new.txt", BASE)
    assert joined == "near-too.txt"  # 50 of 64 as near.txt, loaded after it


def test_below_the_threshold_a_document_is_its_own_report(con, tmp_path):
    load_text(con, tmp_path, "a.txt", signature_sharing(38, 1))  # 38/64 < 0.6
    assert load_text(con, tmp_path, "b.txt", BASE) == "sha256:sha-b.txt"
    assert load_text(con, tmp_path, "c.txt", signature_sharing(39, 2)) == "sha256:sha-b.txt"


def test_a_failed_document_is_never_joined(con, tmp_path):
    doc = Document(path=str(tmp_path / "bad.txt"), format="txt", sha256="sha-bad", status="failed")
    load_document(con, doc, None, signature=BASE)
    assert load_text(con, tmp_path, "good.txt", BASE) == "sha256:sha-good.txt"


def test_a_report_key_emptied_by_hand_is_not_joined(con, tmp_path):
    # The joined key must say which report: an empty one (a user's UPDATE) gives the new
    # document its own.
    load_text(con, tmp_path, "a.txt", BASE)
    con.execute("UPDATE documents SET report_key = ''")
    assert load_text(con, tmp_path, "b.txt", BASE) == "sha256:sha-b.txt"


def test_an_empty_signature_joins_no_report(con, tmp_path):
    load_text(con, tmp_path, "a.txt", BASE)
    assert load_text(con, tmp_path, "b.txt", []) == "sha256:sha-b.txt"
