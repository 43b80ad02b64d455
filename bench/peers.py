"""The peers kplan is measured against, installed by the bench itself into bench/.peers/.

Each peer is installed with its registry's ordinary client (npm, pip, apt-get), at a pinned
version so that two runs compare the same programs. One that cannot be installed is a `Peer`
with `available=False` and the reason, which the results list: never silently dropped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KORDOC_VERSION = "4.14.1"
PDFJS_VERSION = "4.10.38"  # kordoc's optional PDF engine, in the range kordoc asks for
DOCHAN_VERSION = "1.15.0"
INSTALL_TIMEOUT = 600


@dataclass
class Peer:
    name: str
    formats: tuple[str, ...]  # the groups of files it is timed on: 'pdf', 'hancom'
    version: str = ""
    available: bool = False
    reason: str = ""  # why it is not available
    command: tuple[str, ...] = ()  # the worker to run: argv before the file list
    env: dict[str, str] | None = None


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False, **kwargs
    )


def _last_line(done: subprocess.CompletedProcess) -> str:
    lines = (done.stderr or done.stdout or "").strip().splitlines()
    return lines[-1][:200] if lines else f"exit code {done.returncode}"


def kordoc(peers_dir: Path, bench_dir: Path) -> Peer:
    peer = Peer("kordoc", ("pdf", "hancom"))
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        peer.reason = "node or npm not found (apt-get install nodejs npm)"
        return peer
    prefix = peers_dir / "node"
    manifest = prefix / "node_modules" / "kordoc" / "package.json"
    if not manifest.exists() or json.loads(manifest.read_text())["version"] != KORDOC_VERSION:
        prefix.mkdir(parents=True, exist_ok=True)
        # Optional dependencies (OCR models, onnxruntime) are hundreds of MB kordoc does not
        # need for text PDFs; pdfjs-dist, its PDF engine, is asked for by name.
        done = _run(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
             "--omit=optional", f"kordoc@{KORDOC_VERSION}", f"pdfjs-dist@{PDFJS_VERSION}"]
        )  # fmt: skip
        if done.returncode != 0 or not manifest.exists():
            peer.reason = f"npm install failed: {_last_line(done)}"
            return peer
    # The worker imports kordoc by name: it must sit where node resolves the prefix's modules.
    worker = prefix / "kordoc_worker.mjs"
    shutil.copyfile(bench_dir / "kordoc_worker.mjs", worker)
    peer.version = json.loads(manifest.read_text())["version"]
    peer.command = (node, str(worker))
    peer.available = True
    return peer


def dochan(peers_dir: Path, bench_dir: Path) -> Peer:
    peer = Peer("dochan", ("hancom",))
    target = peers_dir / "python"
    if not any(target.glob(f"dochan-{DOCHAN_VERSION}.dist-info")):
        done = _run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--upgrade", "--target",
             str(target), f"dochan=={DOCHAN_VERSION}"]
        )  # fmt: skip
        if done.returncode != 0:
            peer.reason = f"pip install failed: {_last_line(done)}"
            return peer
    peer.version = DOCHAN_VERSION
    peer.command = (sys.executable, str(bench_dir / "dochan_worker.py"))
    peer.env = {"PYTHONPATH": str(target)}
    peer.available = True
    return peer


def pdftotext(peers_dir: Path, bench_dir: Path) -> Peer:
    peer = Peer("pdftotext", ("pdf",))
    if shutil.which("pdftotext") is None:
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            peer.reason = "pdftotext not found and apt-get is not usable (install poppler-utils)"
            return peer
        done = _run(["apt-get", "install", "-y", "-qq", "poppler-utils"])
        if done.returncode != 0:
            _run(["apt-get", "update", "-qq"])
            done = _run(["apt-get", "install", "-y", "-qq", "poppler-utils"])
        if shutil.which("pdftotext") is None:
            peer.reason = f"apt-get install poppler-utils failed: {_last_line(done)}"
            return peer
    version = _run(["pdftotext", "-v"])
    words = (version.stderr or version.stdout).split()
    peer.version = words[2] if len(words) > 2 else ""
    peer.command = (sys.executable, str(bench_dir / "pdftotext_worker.py"))
    peer.available = True
    return peer


INSTALLERS = (kordoc, dochan, pdftotext)


def install_all(peers_dir: Path, bench_dir: Path) -> list[Peer]:
    """Every peer, installed or with the reason it could not be."""
    out = []
    for install in INSTALLERS:
        try:
            out.append(install(peers_dir, bench_dir))
        except (OSError, subprocess.SubprocessError) as exc:
            name = install.__name__
            out.append(Peer(name, (), reason=f"install failed: {type(exc).__name__}: {exc}"))
    return out


def skipped(reason: str) -> list[Peer]:
    """The peers, none run (the smoke run): listed all the same, with why."""
    return [
        Peer("kordoc", ("pdf", "hancom"), reason=reason),
        Peer("dochan", ("hancom",), reason=reason),
        Peer("pdftotext", ("pdf",), reason=reason),
    ]
