"""A format is one registered backend: a toy backend defined only here is detected, discovered,
read and loaded with no edit anywhere else in kplan."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kplan.parsers import Document, Paragraph, backends, parse_file
from kplan.parsers.detect import detect_format
from kplan.pipeline.cli import main
from kplan.pipeline.discover import discover
from kplan.warehouse import value_checks
from kplan.warehouse.load import connect

TOY_MAGIC = b"KPLAN-TOY 1\n"


@dataclass(frozen=True)
class ToyBackend:
    """Lines after a magic first line, one paragraph each; 'page N' lines start page N."""

    formats: tuple[str, ...] = ("toy",)
    suffixes: tuple[str, ...] = (".toy",)
    primary_rank: int = 9
    fallback: bool = False

    def recognise(self, data: bytes) -> str | None:
        return "toy" if data.startswith(TOY_MAGIC) else None

    def read(self, data: bytes, path: str, settings: object | None = None) -> Document:
        blocks, page = [], 1
        for line in data[len(TOY_MAGIC) :].decode("utf-8").splitlines():
            if line.startswith("page "):
                page = int(line.split()[1])
            elif line.strip():
                blocks.append(Paragraph(line, page=page))
        return Document(path=path, format="toy", blocks=blocks, pages=page, reader="toy")


TOY_TEXT = TOY_MAGIC + "2025년 연수 계획\npage 2\n1. 추진 목적\n".encode()


@pytest.fixture
def toy():
    backend = backends.register(ToyBackend())
    yield backend
    backends.unregister(backend)


def test_the_builtin_formats_come_from_the_registry():
    assert backends.formats() == ["pdf", "hwp", "hwpx", "txt"]
    assert backends.suffixes() == {".pdf", ".hwp", ".hwpx", ".txt", ".md"}
    assert backends.primary_formats() == ("pdf", "hwpx", "hwp", "txt")
    assert all(isinstance(b, backends.Backend) for b in backends.backends())


def test_a_toy_backend_is_detected_discovered_and_read(toy, tmp_path):
    (tmp_path / "plan.toy").write_bytes(TOY_TEXT)
    (tmp_path / "notes.json").write_bytes(TOY_TEXT)  # not a registered suffix: not discovered
    assert detect_format(TOY_TEXT) == "toy"
    assert discover([tmp_path]) == [tmp_path / "plan.toy"]
    doc = parse_file(tmp_path / "plan.toy")
    assert (doc.status, doc.format, doc.reader) == ("ok", "toy", "toy")
    assert [(p.text, p.page) for p in doc.paragraphs()] == [
        ("2025년 연수 계획", 1),
        ("1. 추진 목적", 2),
    ]
    assert backends.primary_formats()[-1] == "toy"


def test_a_toy_document_loads_into_a_new_warehouse(toy, tmp_path, capsys):
    (tmp_path / "plan.toy").write_bytes(TOY_TEXT)
    db = tmp_path / "w.duckdb"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--no-quality"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"ok         {tmp_path / 'plan.toy'} (toy")
    con = connect(db)
    assert con.execute("SELECT format, pages, n_paragraphs FROM documents").fetchall() == [
        ("toy", 2, 2)
    ]


def test_a_warehouse_made_before_the_backend_accepts_its_format(tmp_path):
    db = tmp_path / "w.duckdb"
    connect(db).close()  # made with the built-in formats only
    backend = backends.register(ToyBackend())
    try:
        con = connect(db)
        assert value_checks.declared_values(value_checks.documents_ddl(con), "format") == {
            "pdf",
            "hwp",
            "hwpx",
            "txt",
            "toy",
        }
        con.execute(
            "INSERT INTO documents (path, file_name, format, sha256, status) "
            "VALUES ('a.toy', 'a.toy', 'toy', 'x', 'ok')"
        )
    finally:
        backends.unregister(backend)


def test_a_format_is_read_by_one_backend_and_named_plainly(toy):
    with pytest.raises(ValueError, match="already have a backend"):
        backends.register(ToyBackend())
    with pytest.raises(ValueError, match="lower-case"):
        backends.register(ToyBackend(formats=("To'y",)))
