"""Build the reference corpora and compare their graph JSON with a saved snapshot.

A refactoring that promises "no change in behaviour" is checked with this script:
save a snapshot at the commit before the change, then compare at the commit after.

Corpora: the seed (``seeds/``), the dev set (``../shared/dev/articles``), the two
held-out sets (``bench/heldout*/articles``) and the 300-article synthetic corpus of
``bench/make_corpus.py``. Every build runs with ``--no-cache`` and the default
curation switched off, so only the extraction and the graph assembly are compared.

Usage::

    .venv/bin/python bench/compare_builds.py --save /tmp/relate-before
    .venv/bin/python bench/compare_builds.py --against /tmp/relate-before

``--against`` prints one line per corpus (``identical`` or the first differing byte)
and exits 1 when any differs; with ``--semantic`` it also says whether a differing
graph holds the same nodes and edges, attributes included, in another order.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def corpora(work: Path, n_synthetic: int) -> dict[str, list[Path]]:
    """The input folders of each reference corpus (the synthetic one is generated)."""
    synthetic = work / f"synthetic{n_synthetic}"
    if not synthetic.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "make_corpus.py"),
                str(n_synthetic),
                str(synthetic),
            ],
            check=True,
        )
    return {
        "seed": [ROOT / "seeds"],
        "dev": [SHARED / "dev" / "articles"],
        "heldout": [ROOT / "bench" / "heldout" / "articles"],
        "heldout2": [ROOT / "bench" / "heldout2" / "articles"],
        f"synthetic{n_synthetic}": [synthetic],
    }


def build(inputs: list[Path], out: Path, empty_curation: Path) -> None:
    cmd = [sys.executable, "-m", "graph", "build", *map(str, inputs), "--out", str(out)]
    cmd += ["--no-cache", "--quiet", "--curation", str(empty_curation)]
    subprocess.run(cmd, check=True, cwd=ROOT)


def same_graph(a: bytes, b: bytes) -> str | None:
    """None when two graph JSONs hold the same nodes and edges with the same attributes
    (in any order), else what differs first."""
    ga, gb = json.loads(a), json.loads(b)
    na = {n["id"]: n for n in ga["nodes"]}
    nb = {n["id"]: n for n in gb["nodes"]}
    if na.keys() != nb.keys():
        return f"nodes differ: {sorted(na.keys() ^ nb.keys())[:5]}"
    for nid, node in na.items():
        if node != nb[nid]:
            return f"node {nid} differs"
    ea = {(e["source"], e["target"], e["key"]): e for e in ga["edges"]}
    eb = {(e["source"], e["target"], e["key"]): e for e in gb["edges"]}
    if ea.keys() != eb.keys():
        return f"edges differ: {sorted(ea.keys() ^ eb.keys())[:5]}"
    for k, edge in ea.items():
        if edge != eb[k]:
            return f"edge {k} differs"
    if {k: v for k, v in ga.items() if k not in ("nodes", "edges")} != {
        k: v for k, v in gb.items() if k not in ("nodes", "edges")
    }:
        return "graph attributes differ"
    return None


def first_difference(a: bytes, b: bytes) -> int:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path, metavar="DIR", help="write the snapshot here")
    g.add_argument("--against", type=Path, metavar="DIR", help="compare with this snapshot")
    p.add_argument("--n", type=int, default=300, help="synthetic corpus size (default 300)")
    p.add_argument("--only", nargs="*", default=None, help="only these corpora")
    p.add_argument(
        "--semantic",
        action="store_true",
        help="also say whether a differing graph holds the same nodes and edges in another order",
    )
    args = p.parse_args(argv)
    work = Path(tempfile.gettempdir()) / "relate-compare"
    work.mkdir(exist_ok=True)
    empty = work / "empty-curation.yaml"
    empty.write_text("# no curation: only extraction and assembly are compared\n", encoding="utf-8")
    differ = 0
    for name, inputs in corpora(work, args.n).items():
        if args.only and name not in args.only:
            continue
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            out = args.save / f"{name}.json"
            build(inputs, out, empty)
            digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
            print(f"{name:14s} saved {out.stat().st_size:>10,d} bytes sha256 {digest}")
            continue
        out = work / f"{name}.json"
        build(inputs, out, empty)
        before, after = (args.against / f"{name}.json").read_bytes(), out.read_bytes()
        if before == after:
            digest = hashlib.sha256(after).hexdigest()[:16]
            print(f"{name:14s} identical ({len(after):,d} bytes, sha256 {digest})")
        else:
            differ += 1
            i = first_difference(before, after)
            print(f"{name:14s} DIFFERS at byte {i:,d}: {before[max(0, i - 60) : i + 60]!r}")
            print(f"{'':14s}            now: {after[max(0, i - 60) : i + 60]!r}")
            if args.semantic:
                what = same_graph(before, after)
                print(f"{'':14s} {'same nodes and edges, another order' if what is None else what}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
