"""Parse and extract many files in worker processes, handing each result on as it arrives.

`process_file` is the unit of work: a pure function of one path, so it runs the same in a worker
process as in the caller. `stream` runs it over many paths in a pool of worker processes (pebble:
a per-task time limit, and a worker that dies costs only its task) and yields each result as soon
as it is ready, so the caller can load it at once and memory does not grow with the batch.

Each worker runs under a memory cap (`resource.setrlimit`): a file that needs more fails as
`limit_exceeded`, as does one that takes longer than the time limit or is bigger than the size
limit (refused before it is read). A worker that dies is `crashed`. None of them stops the batch.

The Korean tokenizer takes two seconds and some hundred MB to load. A batch of several files
loads it once, in the server its workers fork from, and they share it; the one or two files of
an edit re-ingested are read at once, each worker loading it only if its file needs it (a
training plan's counts): most files need none, and none waits for it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import resource
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the readers and rules are imported where files are read (workers)
    from kplan.parsers.model import Document
    from kplan.rules.facts import Facts

# A report of 300 pages takes well under a minute; ten minutes means the file is hostile.
DEFAULT_TIMEOUT = 600.0
# The biggest planning report with scanned annexes is tens of MB; a 200 MB text is not a report.
DEFAULT_MAX_FILE_SIZE = 100 * 2**20
# Results waiting for the writer, per worker: enough to keep the workers busy, few enough that
# memory does not grow when loading is slower than parsing.
IN_FLIGHT_PER_WORKER = 2
# Address space a capped worker holds back: released when a file runs out of memory, so that
# saying so (building and sending the small failed result) does not run out too. Without it, a
# MemoryError that lands in a finaliser or in the pool's own sending can kill the worker, and
# the file is `crashed` instead of `limit_exceeded`.
MEMORY_RESERVE = 16 * 2**20
_reserve: bytearray | None = None
EXECUTORS = ("process", "inline")
# Files to read from which the workers share one tokenizer, loaded before they start: below it,
# each worker loads its own on first use (at most this many less one, so memory stays bounded).
SHARED_TOKENIZER_FILES = 3


@dataclass
class ProcessedFile:
    document: Document  # blocks dropped: the loader needs metadata, not the text
    facts: Facts | None
    stats: dict[str, int]
    signature: list[int] | None = None  # MinHash of the text (see rules/fingerprint.py)


@dataclass(frozen=True)
class Limits:
    """What one file may cost. None: no limit."""

    timeout: float | None = DEFAULT_TIMEOUT  # seconds of one worker's time
    max_memory: int | None = None  # bytes of address space per worker; see default_max_memory
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE  # bytes


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_max_memory(jobs: int) -> int:
    """Half the machine's memory, shared between the workers (at least 1 GiB each): a runaway
    reader fails its file long before the kernel has to kill anything."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        physical = 8 * 2**30
    return max(2**30, physical // (2 * max(jobs, 1)))


def process_file(path: str | Path, *, keep_blocks: bool = False) -> ProcessedFile:
    from kplan.parsers import parse_file
    from kplan.parsers.errors import ErrorCode
    from kplan.rules import extract
    from kplan.rules.fingerprint import signature

    doc = parse_file(path)
    facts = None
    if doc.status != "failed":
        try:
            facts = extract(doc)
        except MemoryError:
            return limit_exceeded(path, "the rules ran out of memory")
        except Exception as exc:  # a rule bug on odd input: keep the document, say why
            doc.status = "partial"
            doc.error = doc.error or ErrorCode.RULES_FAILED
            doc.error_message = f"rules failed: {type(exc).__name__}: {exc}"[:300]
    if facts is not None and facts.rule_failures:
        # Parts whose rules failed (rules/guard.py): the document keeps the rest, and says so.
        doc.issues.extend(facts.rule_failures)
        if doc.status == "ok":
            doc.status = "partial"
    stats = doc.stats()
    text_signature = signature(doc) if doc.status != "failed" else None
    if not keep_blocks:
        doc.blocks = []
    return ProcessedFile(doc, facts, stats, text_signature)


def file_key(path: str | Path) -> str:
    """The sha256 of a file's bytes, or its path key when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return path_key(path)


def path_key(path: str | Path) -> str:
    """The key of a file whose bytes are not read: one warehouse row per such path."""
    return "unread:" + hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()


def failed_file(path: str | Path, code: str, reason: str, *, read: bool = True) -> ProcessedFile:
    """A file that produced no document: a failed row with its typed code and reason."""
    from kplan.parsers.errors import ErrorCode
    from kplan.parsers.model import Document

    code = ErrorCode(code)  # one of the codes the schema allows, or a bug here

    sha = file_key(path) if read else path_key(path)
    doc = Document(
        path=str(path), format=None, sha256=sha, status="failed", error=code, error_message=reason
    )
    return ProcessedFile(doc, None, {"n_paragraphs": 0, "n_tables": 0, "n_chars": 0})


def limit_exceeded(path: str | Path, reason: str, *, read: bool = True) -> ProcessedFile:
    from kplan.parsers.errors import ErrorCode

    return failed_file(path, ErrorCode.LIMIT_EXCEEDED, reason, read=read)


def too_large(path: Path, limits: Limits) -> ProcessedFile | None:
    """The refusal of a file bigger than the size limit, decided before reading it."""
    if limits.max_file_size is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader says why it cannot be read
    if size <= limits.max_file_size:
        return None
    return limit_exceeded(
        path,
        f"file is {size:,} bytes, over the {limits.max_file_size:,}-byte limit (--max-file-size)",
        read=False,
    )


def start_worker(
    max_bytes: int | None,
    plugins: list[tuple[str, str | None]],
    extra_backends: list,
    shared_tokenizer: bool = True,
) -> None:
    """In a new worker: the report families and format backends registered in the parent,
    the Korean tokenizer, then its memory cap. With `shared_tokenizer` the tokenizer is normally
    loaded already (the forkserver's, pipeline/worker_preload.py); if the server could not, the
    worker loads its own here, once: no file's time limit or memory cap counts it. Without, it is
    loaded on first use, the cap lifted meanwhile (`_cap_lifted`)."""
    register_plugins(plugins)
    from kplan.parsers import backends
    from kplan.rules import korean

    for backend in extra_backends:
        if backend not in backends.backends():
            backends.register(backend)
    if shared_tokenizer:
        korean.kiwi()
    else:
        korean.loading_guard = _cap_lifted
    global _reserve
    _reserve = bytearray(MEMORY_RESERVE)  # untouched pages: address space, not resident
    limit_memory(None if max_bytes is None else address_space() + max_bytes)


@contextmanager
def _cap_lifted() -> Iterator[None]:
    """While inside, no memory cap; after, the cap raised by what was allocated inside: what
    is loaded there (the tokenizer) is the worker's, and the file keeps the room it had."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        yield
        return
    before = address_space()
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    try:
        yield
    finally:
        raised = soft + max(0, address_space() - before)
        if hard != resource.RLIM_INFINITY:
            raised = min(raised, hard)
        resource.setrlimit(resource.RLIMIT_AS, (raised, hard))


def process_in_worker(path: str) -> ProcessedFile:
    """`process_file` in a capped worker: a file that runs out of memory anywhere in it fails
    alone as limit_exceeded, said with the reserve's room."""
    global _reserve
    try:
        return process_file(path)
    except MemoryError:
        pass  # out of the handler first: the traceback's frames hold the file's memory
    _reserve = None
    result = limit_exceeded(path, "ran out of memory under the worker's cap (--max-memory)")
    try:
        _reserve = bytearray(MEMORY_RESERVE)
    except MemoryError:
        pass  # the next file runs without one
    return result


def address_space() -> int:
    """This process's virtual memory size now, in bytes (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def registered_backends() -> list:
    """The format backends registered in this process beyond the built-in ones (pickled to the
    workers, which start from a fresh interpreter)."""
    from kplan.parsers import backends

    built_in = (backends.PDF, backends.HWP, backends.HWPX, backends.TEXT)
    return [b for b in backends.backends() if b not in built_in]


def registered_plugins() -> list[tuple[str, str | None]]:
    """The families registered in this process beyond the built-in ones, as (module, name of
    a class in it, or None for a module family), for the workers to register too: they start
    from a fresh interpreter, not a copy of this one."""
    from kplan.rules import families

    built_in = {f.__name__ for f in families.BUILT_IN}
    out: list[tuple[str, str | None]] = []
    for family in families.FAMILIES:
        if isinstance(family, type):
            out.append((family.__module__, family.__qualname__))
        elif getattr(family, "__name__", None) not in built_in:
            out.append((family.__name__, None))
    return out


def register_plugins(plugins: list[tuple[str, str | None]]) -> None:
    import importlib

    from kplan.rules import families

    for module_name, class_name in plugins:
        module = importlib.import_module(module_name)
        families.register(getattr(module, class_name) if class_name else module)


def limit_memory(max_bytes: int | None) -> None:
    """In a worker: cap its address space, so an allocation past the cap is a MemoryError."""
    if max_bytes is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))


def stream(
    paths: Iterable[Path],
    *,
    jobs: int | None = None,
    limits: Limits = Limits(),  # noqa: B008 (frozen, so one shared default is safe)
    executor: str = "process",
) -> Iterator[tuple[Path, ProcessedFile]]:
    """(path, result) for every path, in the order the results are ready."""
    if executor == "inline":
        yield from _stream_inline(paths, limits)
    elif executor == "process":
        yield from _stream_processes(paths, jobs or default_jobs(), limits)
    elif executor.startswith("dask://"):
        from .dask_executor import stream_dask

        yield from stream_dask(paths, executor, limits)
    else:
        raise ValueError(f"unknown executor {executor!r} (process, inline or dask://HOST:PORT)")


def _stream_inline(paths: Iterable[Path], limits: Limits) -> Iterator[tuple[Path, ProcessedFile]]:
    """In this process, one file after another: no time or memory limit (for tests and
    debugging a reader)."""
    for path in paths:
        yield path, too_large(path, limits) or process_file(path)


# What a batch's forkserver imports before it forks a worker (see `_worker_context`).
FORKSERVER_PRELOAD = (
    "kplan.pipeline.batch",
    "kplan.parsers",
    "kplan.rules",
    "kplan.pipeline.worker_preload",
)


def _worker_context(shared_tokenizer: bool = True):
    """The multiprocessing context workers start in.

    forkserver: workers fork from a clean server process, never from this one, whose DuckDB
    threads and open warehouse must not be copied into a child. The server imports the readers
    and rules, and loads the tokenizer once when the workers are to share it, so workers start
    with them. The preload is the one of the batch that starts the server: a later batch in the
    same process forks from that server as it is (its workers load a tokenizer it lacks)."""
    context = multiprocessing.get_context("forkserver")
    preload = FORKSERVER_PRELOAD if shared_tokenizer else FORKSERVER_PRELOAD[:-1]
    context.set_forkserver_preload(list(preload))
    return context


def shares_tokenizer(files: int | None) -> bool:
    """Whether the workers reading `files` files (None: not known) share one tokenizer."""
    return files is None or files >= SHARED_TOKENIZER_FILES


def start_server(executor: str = "process", *, files: int | None = None) -> None:
    """Start the workers' server for a batch of `files` files (None: not known) now, without
    waiting for it: its imports and, when the workers share it, the tokenizer's load (about two
    seconds, before any worker can start) then overlap whatever the caller does before its first
    file goes to a worker, such as deciding which files are loaded unchanged. Nothing for other
    executors, and nothing more when the server is already up."""
    if executor != "process":
        return
    from multiprocessing import forkserver

    _worker_context(shares_tokenizer(files))
    forkserver.ensure_running()  # spawns the server and returns; its preload runs meanwhile


def _stream_processes(
    paths: Iterable[Path], jobs: int, limits: Limits
) -> Iterator[tuple[Path, ProcessedFile]]:
    from pebble import ProcessPool

    files = len(paths) if isinstance(paths, Sequence) else None
    if files is not None:
        jobs = max(1, min(jobs, files))  # a worker per file at most
    shared = shares_tokenizer(files)
    max_memory = limits.max_memory if limits.max_memory is not None else default_max_memory(jobs)
    context = _worker_context(shared)
    pool = ProcessPool(
        max_workers=jobs,
        initializer=start_worker,
        initargs=(max_memory, registered_plugins(), registered_backends(), shared),
        context=context,
    )
    waiting = iter(paths)
    running: dict = {}
    try:
        while True:
            for path in waiting:
                refused = too_large(path, limits)
                if refused is not None:
                    yield path, refused
                    continue
                task = pool.schedule(process_in_worker, (str(path),), timeout=limits.timeout)
                running[task] = path
                if len(running) >= jobs * IN_FLIGHT_PER_WORKER:
                    break
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                path = running.pop(future)
                yield path, _outcome(future, path, limits)
    finally:
        pool.stop()
        pool.join()


def _outcome(future, path: Path, limits: Limits) -> ProcessedFile:
    """What one worker's task came to: its result, or the failure that ended it."""
    from pebble import ProcessExpired

    from kplan.parsers.errors import ErrorCode

    try:
        return future.result()
    except FutureTimeout:
        return limit_exceeded(path, f"took longer than {limits.timeout:g} s (--timeout)")
    except MemoryError:
        return limit_exceeded(path, "ran out of memory under the worker's cap (--max-memory)")
    except ProcessExpired as exc:
        died = f"the worker process died ({_death(exc.exitcode)})"
        return failed_file(path, ErrorCode.CRASHED, died)
    except Exception as exc:  # an error pickling the result, or in the pool itself
        return failed_file(path, ErrorCode.CRASHED, f"{type(exc).__name__}: {exc}"[:300])


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            import signal

            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            pass
    return f"exit code {exitcode}"


def process_many(paths: list[Path], *, workers: int | None = None) -> list[ProcessedFile]:
    """One ProcessedFile per path, in the order of `paths` (all held in memory: for a few
    files; a batch uses `stream`)."""
    paths = [Path(p) for p in paths]
    executor = "inline" if workers is not None and workers <= 1 else "process"
    results = dict(
        (str(path), processed) for path, processed in stream(paths, jobs=workers, executor=executor)
    )
    return [results[str(path)] for path in paths]
