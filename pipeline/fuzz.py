"""Reading hostile bytes under a cap: one child process per file, its memory (address space)
limited with setrlimit and its time with a timeout, and the mutation fuzzer (`make fuzz`) built
on it.

`parse_capped(path)` is the unit: the child parses the file and prints its status, error code,
issue codes, time and peak memory as JSON. A child that is killed (timeout, a signal) or exits
without that line is an outcome too; anything but a typed status is a bug in a reader.

`fuzz(seeds, seconds=…)` mutates the seed files (the samples: PDF, HWP, HWPX, text) in turn for
the time given: bytes flipped, overwritten, inserted, cut, duplicated or truncated, numbers in
the text made huge or negative, and, inside the containers, the same done to one zip member
(HWPX) or to one inflated HWP stream (records), re-packed so the reader gets past the container.
Every case that ends without a typed status is saved with its outcome under `--findings`
(gitignored `fuzz-findings/`), to be replayed with `--parse-one`.

    python -m kplan.pipeline.fuzz --seconds 600 samples/    # make fuzz FUZZ_SECONDS=600
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_MEMORY = 1536 * 1024 * 1024  # bytes of address space per case
DEFAULT_TIMEOUT = 60.0  # seconds per case


@dataclass
class Outcome:
    """What reading one file did. `status` is None when the child gave no result; `crash`
    then says why (timeout, the signal, the last line of its traceback)."""

    status: str | None
    error: str | None = None
    issues: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float = 0.0
    crash: str | None = None

    @property
    def typed(self) -> bool:
        return self.status is not None


def _limit_memory(max_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))

    return apply


def parse_capped(
    path: str | Path, *, max_memory: int = DEFAULT_MEMORY, timeout: float = DEFAULT_TIMEOUT
) -> Outcome:
    """Parse `path` in a child process under `max_memory` bytes and `timeout` seconds."""
    command = [sys.executable, "-m", "kplan.pipeline.fuzz", "--parse-one", str(path)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory(max_memory),
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, seconds=time.monotonic() - started, crash=f"timeout {timeout:g}s")
    seconds = time.monotonic() - started
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            return Outcome(**{**json.loads(line), "seconds": seconds})
    if done.returncode < 0:
        crash = f"signal {-done.returncode}"
    else:
        last = (done.stderr.strip().splitlines() or [""])[-1]
        crash = f"exit {done.returncode}: {last}"[:300]
    return Outcome(None, seconds=seconds, crash=crash)


# --------------------------------------------------------------------------------------------
# Mutations

# Values that break readers' arithmetic when written where a count, size or address was.
INTERESTING_NUMBERS = (0, 1, -1, 255, 65535, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 10**12)
INTERESTING_BYTES = (0x00, 0x01, 0x7F, 0x80, 0xFF)
_NUMBER_RE = re.compile(rb"-?\d+")
# The streams of an HWP file a mutation may reach into (inflated, mutated, deflated again).
HWP_STREAMS = re.compile(r"^(BodyText/Section\d+|DocInfo)$")


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def overwrite_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    at = rng.randrange(len(out))
    for i in range(at, min(at + rng.randint(1, 8), len(out))):
        out[i] = rng.choice(INTERESTING_BYTES)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, max(1, len(data) // 16)) :]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    chunk = data[at : at + rng.randint(1, 4096)]
    return data[:at] + chunk * rng.randint(2, 16) + data[at:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def replace_number(data: bytes, rng: random.Random) -> bytes:
    """One decimal number of the bytes (an XML attribute, a PDF /Count or /Length) replaced
    by a value that breaks arithmetic."""
    numbers = list(_NUMBER_RE.finditer(data[: 4 * 1024 * 1024]))
    if not numbers:
        return flip_bits(data, rng)
    m = rng.choice(numbers)
    return data[: m.start()] + str(rng.choice(INTERESTING_NUMBERS)).encode() + data[m.end() :]


def overwrite_word(data: bytes, rng: random.Random) -> bytes:
    """A little-endian 16- or 32-bit field overwritten with an interesting value: a record
    header's size, a count, an offset."""
    if len(data) < 4:
        return flip_bits(data, rng)
    size = rng.choice((2, 4))
    at = rng.randrange(len(data) - size + 1)
    value = rng.choice(INTERESTING_NUMBERS) % (1 << (8 * size))
    return data[:at] + value.to_bytes(size, "little") + data[at + size :]


BYTE_MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    flip_bits,
    overwrite_bytes,
    insert_bytes,
    delete_chunk,
    duplicate_chunk,
    truncate,
    replace_number,
    overwrite_word,
)


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    if not data:
        return rng.randbytes(16), "random"
    mutation = rng.choice(BYTE_MUTATIONS)
    return mutation(data, rng), mutation.__name__


def mutate_zip_member(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One member of a zip package (an HWPX part) mutated and the package written again."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    sections = [i for i in infos if re.search(r"section\d+\.xml$", i.filename, re.I)]
    # The section XML half the time: it is what the walker and the rules read.
    target = rng.choice(sections if sections and rng.random() < 0.5 else infos)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info in infos:
            content = source.read(info)
            if info is target:
                content, how = mutate_bytes(content, rng)
            package.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue(), f"{target.filename}: {how}"


def mutate_hwp_stream(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One HWP stream (a section's records, DocInfo) inflated, mutated, deflated and the
    compound file built again."""
    import olefile
    from hwpx.hwp5.cfb import build_compound_file

    ole = olefile.OleFileIO(io.BytesIO(data))
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    ole.close()
    name = rng.choice([n for n in streams if HWP_STREAMS.match(n)])
    try:
        payload = zlib.decompress(streams[name], -15)
    except zlib.error:
        payload = streams[name]
    payload, how = mutate_bytes(payload, rng)
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    streams[name] = deflate.compress(payload) + deflate.flush()
    return build_compound_file(list(streams.items())), f"{name}: {how}"


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One mutation of `data`: inside its container half the time, when it has one."""
    if rng.random() < 0.5:
        try:
            if data.startswith(b"PK\x03\x04"):
                return mutate_zip_member(data, rng)
            if data.startswith(b"\xd0\xcf\x11\xe0"):
                return mutate_hwp_stream(data, rng)
        except Exception:  # a seed that is not a well-formed container: mutate its bytes
            pass
    return mutate_bytes(data, rng)


# --------------------------------------------------------------------------------------------
# The fuzzer


@dataclass
class FuzzReport:
    cases: int = 0
    seconds: float = 0.0
    outcomes: Counter = field(default_factory=Counter)  # (seed suffix, status, error) → n
    findings: list[str] = field(default_factory=list)  # reproducers saved
    slowest: float = 0.0
    peak_mb: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"{self.cases} cases in {self.seconds:.0f} s; slowest {self.slowest:.1f} s, "
            f"peak {self.peak_mb:.0f} MB; {len(self.findings)} untyped outcome(s)"
        ]
        for (seed, status, error), n in sorted(self.outcomes.items(), key=str):
            out.append(f"  {seed:6} {status:8} {error or '-':20} {n}")
        out.extend(f"  finding: {path}" for path in self.findings)
        return out


def save_finding(findings: Path, data: bytes, suffix: str, outcome: Outcome, how: str) -> Path:
    findings.mkdir(parents=True, exist_ok=True)
    stem = hashlib.sha256(data).hexdigest()[:16]
    path = findings / f"{stem}{suffix}"
    path.write_bytes(data)
    note = {"mutation": how, **asdict(outcome)}
    path.with_name(path.name + ".json").write_text(json.dumps(note, ensure_ascii=False, indent=1))
    return path


def seed_files(paths: list[Path]) -> list[Path]:
    seeds: list[Path] = []
    for path in paths:
        found = sorted(path.iterdir()) if path.is_dir() else [path]
        seeds.extend(p for p in found if p.suffix.lower() in (".pdf", ".hwp", ".hwpx", ".txt"))
    if not seeds:
        raise ValueError(f"no seed files (.pdf .hwp .hwpx .txt) in {', '.join(map(str, paths))}")
    return seeds


def fuzz(
    seeds: list[Path],
    *,
    seconds: float,
    findings: Path,
    max_cases: int | None = None,
    seed: int = 0,
    max_memory: int = DEFAULT_MEMORY,
    timeout: float = DEFAULT_TIMEOUT,
    run: Callable[..., Outcome] = parse_capped,
    progress: Callable[[str], None] | None = None,
) -> FuzzReport:
    """Mutate each seed in turn until `seconds` have passed (or `max_cases` were read); one
    capped child per case."""
    rng = random.Random(seed)
    originals = [(p.suffix.lower(), p.read_bytes()) for p in seeds]
    report = FuzzReport()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kplan-fuzz-") as work:
        while time.monotonic() - started < seconds and report.cases != max_cases:
            suffix, original = originals[report.cases % len(originals)]
            data, how = mutate(original, rng)
            case = Path(work) / f"case{suffix}"
            case.write_bytes(data)
            outcome = run(case, max_memory=max_memory, timeout=timeout)
            report.cases += 1
            report.slowest = max(report.slowest, outcome.seconds)
            report.peak_mb = max(report.peak_mb, outcome.peak_mb)
            report.outcomes[(suffix, outcome.status or "UNTYPED", outcome.error)] += 1
            if not outcome.typed:
                saved = save_finding(findings, data, suffix, outcome, how)
                report.findings.append(str(saved))
                if progress:
                    progress(f"untyped: {saved} ({how}): {outcome.crash}")
    report.seconds = time.monotonic() - started
    return report


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    execve, so a child of a large process would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parse_one(path: str) -> None:
    from kplan.parsers import parse_file

    doc = parse_file(path)
    outcome = Outcome(doc.status, doc.error, [i.code for i in doc.issues], peak_mb=_peak_mb())
    print(json.dumps(asdict(outcome)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kplan.pipeline.fuzz",
        description="Mutate report files and read each mutant in a capped child process.",
        epilog="example: python -m kplan.pipeline.fuzz --seconds 600 samples/",
    )
    parser.add_argument("seeds", nargs="*", type=Path, default=[Path("samples")])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--cases", type=int, help="stop after this many cases")
    parser.add_argument("--seed", type=int, default=0, help="random seed (a run is replayable)")
    parser.add_argument("--max-memory", type=int, default=DEFAULT_MEMORY // 2**20, help="MB")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="s per case")
    parser.add_argument("--parse-one", type=Path, help="read one file and print its outcome")
    args = parser.parse_args(argv)
    if args.parse_one:
        _parse_one(str(args.parse_one))
        return 0
    report = fuzz(
        seed_files(args.seeds),
        seconds=args.seconds,
        findings=args.findings,
        max_cases=args.cases,
        seed=args.seed,
        max_memory=args.max_memory * 2**20,
        timeout=args.timeout,
        progress=print,
    )
    print("\n".join(report.lines()))
    return 1 if report.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
