"""Parse and extract many files in worker processes; load them one transaction each.

`process_file` is the unit of work: a pure function of one path, so it runs the same in a worker
process as in the caller. A worker that dies (a reader crashing the interpreter) costs that one
file, recorded as failed; the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from kplan.parsers import parse_file
from kplan.parsers.model import Document
from kplan.rules import extract
from kplan.rules.facts import Facts
from kplan.rules.fingerprint import signature

# Workers start from a clean server process, not forked from the caller: a fork of a process
# that has loaded the Korean tokenizer hangs in it (rules/korean.py), and DuckDB's threads do
# not survive fork() either. Each worker pays the tokenizer's load once, on its first file.
POOL_CONTEXT = multiprocessing.get_context("forkserver")


@dataclass
class ProcessedFile:
    document: Document  # blocks dropped: the loader needs metadata, not the text
    facts: Facts | None
    stats: dict[str, int]
    signature: list[int] | None = None  # MinHash of the text (see rules/fingerprint.py)


def process_file(path: str | Path, *, keep_blocks: bool = False) -> ProcessedFile:
    doc = parse_file(path)
    facts = None
    if doc.status != "failed":
        try:
            facts = extract(doc)
        except Exception as exc:  # a rule bug on odd input: keep the document, say why
            doc.status = "partial"
            doc.error = doc.error or "rules_failed"
            doc.error_message = f"rules failed: {type(exc).__name__}: {exc}"[:300]
    stats = doc.stats()
    text_signature = signature(doc) if doc.status != "failed" else None
    if not keep_blocks:
        doc.blocks = []
    return ProcessedFile(doc, facts, stats, text_signature)


def _crashed(path: Path, reason: str) -> ProcessedFile:
    try:
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        sha = "unreadable:" + hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()
    doc = Document(
        path=str(path),
        format=None,
        sha256=sha,
        status="failed",
        error="crashed",
        error_message=reason,
    )
    return ProcessedFile(doc, None, {"n_paragraphs": 0, "n_tables": 0, "n_chars": 0})


def process_many(paths: list[Path], *, workers: int | None = None) -> list[ProcessedFile]:
    """One ProcessedFile per path, in the order of `paths`."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(paths) <= 1:
        return [process_file(path) for path in paths]
    results: dict[int, ProcessedFile] = {}
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), mp_context=POOL_CONTEXT) as pool:
        futures = {pool.submit(process_file, path): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except BrokenProcessPool:
                broken.append(i)  # the pool died: which file killed it is not known yet
            except Exception as exc:
                results[i] = _crashed(paths[i], f"{type(exc).__name__}: {exc}"[:300])
    for i in broken:
        results[i] = _isolated(paths[i])
    return [results[i] for i in range(len(paths))]


def _isolated(path: Path) -> ProcessedFile:
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=POOL_CONTEXT) as pool:
            return pool.submit(process_file, path).result()
    except BrokenProcessPool:
        return _crashed(path, "the reader crashed the worker process")
