"""Long single texts: ``graph build`` against raw spaCy on the same text, in the same run.

For each size (``--mb 0.5 2 8 20``) one text is made by joining the synthetic
articles of ``bench/make_corpus.py`` (deterministic: the same size gives the same
bytes) and written alone into a folder. Then, one after the other, as separate
processes:

- **raw spaCy**: the packaged model (``spacy.load``, as a user would; ``--raw relate``
  loads Relate's pipeline instead) piping the text in 100,000-character pieces,
  one process, one piece at a time (``nlp.pipe(pieces, batch_size=1)``);
- **build**: ``python -m graph build DIR --no-cache`` with the default workers and
  ``--max-memory`` (default 2G).

Each is timed (wall clock) and the resident memory of its whole process tree
(main process plus children) is sampled every 0.1 s. A process tree that grows
past ``--kill-at`` (default 1.5 x ``--max-memory``) is killed and reported as
``over budget``, so the benchmark never takes the machine down; a build that
stops on its own budget reports its one-line message.

``--mixed`` builds a folder of good articles, an empty file, a binary file, a
cp1252 file and a long text (``--mixed-mb``, default 9) and checks that the build
exits 0, names every skipped file and keeps the good articles.

Usage::

    .venv/bin/python bench/bench_long.py --mb 0.5 2 8
    .venv/bin/python bench/bench_long.py --mb 20 --max-memory 2G
    .venv/bin/python bench/bench_long.py --mixed
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_article

from graph.memory import format_size, parse_size

PYTHON = sys.executable
PIECE = 100_000

RAW = r"""
import json, sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
from graph.longtext import piece_spans
text = open({path!r}, encoding="utf-8").read()
if {mode!r} == "relate":
    from graph.nlp import make_nlp
    from graph.vocab import load_vocab
    nlp = make_nlp(load_vocab())
else:
    import spacy
    from graph.nlp import model_name
    nlp = spacy.load(model_name())
nlp.max_length = max(nlp.max_length, {piece} + 1)
loaded = time.perf_counter()
pieces = (text[s:e] for s, e in piece_spans(text, {piece}))
tokens = sum(len(doc) for doc in nlp.pipe(pieces, batch_size=1))
end = time.perf_counter()
print(json.dumps({{"load": loaded - start, "pipe": end - loaded, "tokens": tokens}}))
"""


@dataclass
class Run:
    """One measured process tree."""

    wall: float
    cpu: float  # user + system seconds of the tree
    peak: int  # bytes: largest sum of resident memory over the tree
    returncode: int | None
    stdout: str
    stderr: str
    killed: bool  # by this script, over --kill-at


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_capped(cmd: list[str], kill_at: int, cwd: Path = ROOT) -> Run:
    """Run ``cmd`` in its own session, sample its tree every 0.1 s, kill it over ``kill_at``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    state = {"peak": 0, "killed": False}
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            rss = tree_rss(root)
            state["peak"] = max(state["peak"], rss)
            if rss > kill_at:
                state["killed"] = True
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                return
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, state["peak"], proc.returncode, out, err, state["killed"])


def make_long_text(mb: float) -> str:
    """Synthetic articles joined until the text has ``mb`` megabytes (UTF-8)."""
    target = int(mb * 1_000_000)
    parts, size, i = [], 0, 0
    while size < target:
        _, text = make_article(i)
        parts.append(text)
        size += len(text.encode("utf-8")) + 1
        i += 1
    return "\n".join(parts)


def write_long(work: Path, mb: float) -> Path:
    folder = work / f"long-{mb:g}mb"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"long-{mb:g}mb.txt"
    if not path.exists():
        path.write_text(make_long_text(mb), encoding="utf-8")
    return folder


def build_cmd(inputs: list[Path], out: Path, curation: Path, args: argparse.Namespace) -> list[str]:
    cmd = [
        PYTHON,
        "-m",
        "graph",
        "build",
        *map(str, inputs),
        "--no-cache",
        "--out",
        str(out),
        "--curation",
        str(curation),
        "--max-memory",
        args.max_memory,
    ]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    return cmd


def outcome(run: Run) -> str:
    if run.killed:
        return "over budget (killed by the benchmark)"
    if run.returncode != 0:
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        return f"exit {run.returncode}: {lines[-1] if lines else '?'}"
    return "built"


def bench_sizes(args: argparse.Namespace, work: Path, curation: Path, kill_at: int) -> None:
    rows = []
    for mb in args.mb:
        folder = write_long(work, mb)
        text_path = next(folder.glob("*.txt"))
        chars = len(text_path.read_text(encoding="utf-8"))
        words = len(text_path.read_text(encoding="utf-8").split())
        print(f"{mb:g} MB: {chars:,} characters, {words:,} words", flush=True)
        code = RAW.format(root=str(ROOT), path=str(text_path), mode=args.raw, piece=PIECE)
        raw = run_capped([PYTHON, "-c", code], kill_at)
        info = json.loads(raw.stdout.strip().splitlines()[-1]) if raw.returncode == 0 else {}
        print(
            f"  raw spaCy: {raw.wall:.1f} s, cpu {raw.cpu:.1f} s (pipe {info.get('pipe', 0):.1f} s, "
            f"{info.get('tokens', 0):,} tokens), peak {format_size(raw.peak)}; {outcome(raw)}",
            flush=True,
        )
        out = work / f"graph-{mb:g}.json"
        build = run_capped(build_cmd([folder], out, curation, args), kill_at)
        print(
            f"  build: {build.wall:.1f} s, cpu {build.cpu:.1f} s, peak {format_size(build.peak)}; {outcome(build)}",
            flush=True,
        )
        if build.returncode != 0 or build.killed:
            print("  " + build.stderr.strip().replace("\n", "\n  ")[-2000:], flush=True)
        rows.append((mb, chars, info.get("tokens", 0), raw, build))
    print(
        f"\nraw: {'the packaged model' if args.raw == 'model' else 'Relate pipeline'}, "
        f"{PIECE:,}-character pieces, 1 process; build: --max-memory {args.max_memory}"
        f"{f', --workers {args.workers}' if args.workers else ''}; kill at "
        f"{format_size(kill_at)}\n"
    )
    print(
        "| text | tokens | raw spaCy | build | build / raw | CPU build / raw | raw peak "
        "| build peak | build |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for mb, _chars, tokens, raw, build in rows:
        ok = raw.returncode == 0 and not build.killed
        ratio = f"{build.wall / raw.wall:.2f}x" if ok else "-"
        cpu = f"{build.cpu / raw.cpu:.2f}x" if ok and raw.cpu else "-"
        print(
            f"| {mb:g} MB | {tokens:,} | {raw.wall:.0f} s | {build.wall:.0f} s | {ratio} | "
            f"{cpu} | {format_size(raw.peak)} | {format_size(build.peak)} | {outcome(build)} |"
        )


def bench_mixed(args: argparse.Namespace, work: Path, curation: Path, kill_at: int) -> int:
    folder = work / "mixed"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(3):
        name, text = make_article(i, seed=11)
        (folder / f"good-{i}-{name}").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    legacy = (
        "Poland accused Russia of sabotage at a caf\u00e9 near the border, officials "
        "said \u2013 \u201cagain\u201d.\n\n"
    )
    (folder / "legacy-cp1252.txt").write_bytes((legacy * 40).encode("cp1252"))
    long_path = folder / f"long-{args.mixed_mb:g}mb.txt"
    if not long_path.exists():
        long_path.write_text(make_long_text(args.mixed_mb), encoding="utf-8")
    out = work / "graph-mixed.json"
    run = run_capped(build_cmd([folder], out, curation, args), kill_at)
    print(f"mixed folder ({', '.join(sorted(p.name for p in folder.iterdir()))}):")
    print(
        f"  build: {run.wall:.1f} s, peak {format_size(run.peak)}, exit {run.returncode}; "
        f"{outcome(run)}"
    )
    skipped = [ln for ln in run.stderr.splitlines() if ln.startswith("skipped ")]
    for line in skipped:
        print(f"  {line}")
    ok = run.returncode == 0 and not run.killed
    want = {"empty.txt", "binary.txt"}
    named = {n for n in want if any(n in line for line in skipped)}
    print(f"  skipped files named: {sorted(named)} (expected {sorted(want)})")
    ok = ok and named == want
    if run.returncode == 0:
        data = json.loads(out.read_text(encoding="utf-8"))
        docs = {d for n in data["nodes"] for d in n.get("documents", [])}
        good = sorted(d for d in docs if d.startswith("good-"))
        print(
            f"  in the graph: {len(data['nodes'])} nodes, {len(data['edges'])} edges, "
            f"documents {sorted(docs)}"
        )
        ok = ok and len(good) == 3 and any(d.startswith("legacy-cp1252") for d in docs)
    print(f"  {'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, nargs="*", default=[0.5, 2, 8], help="text sizes in MB")
    p.add_argument("--max-memory", default="2G", help="passed to the build (default 2G)")
    p.add_argument(
        "--kill-at",
        default=None,
        help="kill a process tree above this (default 1.5 x --max-memory)",
    )
    p.add_argument("--workers", type=int, default=None, help="build --workers (default: auto)")
    p.add_argument(
        "--raw",
        choices=["model", "relate"],
        default="model",
        help="raw baseline: the packaged model (default) or Relate's pipeline",
    )
    p.add_argument("--mixed", action="store_true", help="build the mixed folder instead")
    p.add_argument("--mixed-mb", type=float, default=9, help="size of its long text (default 9)")
    p.add_argument("--dir", default=None, help="work folder (texts are kept and reused)")
    args = p.parse_args(argv)
    kill_at = parse_size(args.kill_at) if args.kill_at else int(1.5 * parse_size(args.max_memory))
    work = Path(args.dir) if args.dir else Path(tempfile.gettempdir()) / "relate-bench-long"
    work.mkdir(parents=True, exist_ok=True)
    curation = work / "no-curation.yaml"
    curation.write_text("# no curation\n", encoding="utf-8")
    print(
        f"machine: {os.cpu_count()} cores, {format_size(psutil.virtual_memory().total)}, "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    if args.mixed:
        return bench_mixed(args, work, curation, kill_at)
    bench_sizes(args, work, curation, kill_at)
    return 0


if __name__ == "__main__":
    sys.exit(main())
