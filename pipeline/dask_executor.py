"""`--executor dask://HOST:PORT`: parse and extract on an existing Dask cluster
(dask.distributed), loading each result here as it returns.

The workers need kplan installed, as on this machine. The size limit is applied here, before a
file is sent; time and memory are the cluster's to bound (a Dask worker's `--memory-limit`,
past which its nanny restarts it): a task whose worker died is `crashed`, the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .batch import IN_FLIGHT_PER_WORKER, Limits, ProcessedFile, failed_file, too_large


def scheduler_address(executor: str) -> str:
    """'dask://10.0.0.5:8786' → 'tcp://10.0.0.5:8786' (the scheduler's address)."""
    return "tcp://" + executor.removeprefix("dask://")


def stream_dask(
    paths: Iterable[Path], executor: str, limits: Limits
) -> Iterator[tuple[Path, ProcessedFile]]:
    from distributed import Client, as_completed

    from .batch import process_file

    with Client(scheduler_address(executor)) as client:
        slots = max(sum(client.nthreads().values()), 1) * IN_FLIGHT_PER_WORKER
        waiting = iter(paths)
        running = as_completed()
        sent: dict[str, Path] = {}

        def send() -> Iterator[tuple[Path, ProcessedFile]]:
            for path in waiting:
                refused = too_large(path, limits)
                if refused is not None:
                    yield path, refused
                    continue
                # pure=False: the same path sent twice (a re-read) is parsed twice.
                future = client.submit(process_file, str(path), pure=False)
                sent[future.key] = path
                running.add(future)
                if running.count() >= slots:
                    return

        yield from send()
        while not running.is_empty():
            future = next(running)
            path = sent.pop(future.key)
            yield path, _outcome(future, path)
            future.release()
            yield from send()


def _outcome(future, path: Path) -> ProcessedFile:
    try:
        return future.result()
    except MemoryError:
        return failed_file(path, "limit_exceeded", "ran out of memory on its Dask worker")
    except Exception as exc:  # KilledWorker (its worker died), or the cluster went away
        return failed_file(path, "crashed", f"{type(exc).__name__}: {exc}"[:300])
