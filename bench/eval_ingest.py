"""Body-text quality of ``graph read`` on real saved news pages: shingle F1.

The measure is the one of the public article-extraction benchmarks (scrapinghub's
article-extraction-benchmark, reused by trafilatura's evaluation): each text is cut into
word 4-grams ("shingles"), true positives, false positives and false negatives are
counted per page and normalised by the page's total, precision and recall are averaged
over pages, and F1 is their harmonic mean.

The data folder has the layout of that benchmark: ``ground-truth.json`` maps a page id
to ``{"articleBody": ...}``, and ``html/<id>.html`` (or ``.html.gz``) is the saved page.
``bench/ingest_eval/`` holds a small sample (see its README); the full benchmark can be
dropped in the same layout and run with ``--data DIR``.

Relate puts the page's title first in the text it analyses (as a plain-text article's
first line); benchmark bodies leave the headline out, so the score is printed both for
the text as read and with that leading title paragraph removed.

Usage::

    .venv/bin/python bench/eval_ingest.py [--data bench/ingest_eval] [-v] [--split dev|held]

The pages of the sample belong to two halves (``split`` in ``ground-truth.json``): the
``dev`` half was looked at while changing the reader, the ``held`` half only scored; the
scores are printed for all pages and for each half.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    """Counts of the word n-grams of ``text`` (a text of fewer words is one shingle, none none)."""
    tokens = TOKEN.findall(text or "")
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle true/false positives and false negatives, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in p)
    fn = sum(max(0, t[k] - p[k]) for k in t)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and their F1, as the benchmark computes them.

    As in the benchmark's ``evaluate.py``, precision is averaged over the pages with a
    predicted shingle, recall over the pages with a true one.
    """
    p = _mean([_precision(*c) for c in counts if c[0] + c[1] > 0])
    r = _mean([_recall(*c) for c in counts if c[0] + c[2] > 0])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_pages(pages: list[Path]) -> dict[str, dict]:
    """``python -m graph read --json`` on the pages: path -> the JSON object printed."""
    out = subprocess.run(
        [sys.executable, "-m", "graph", "read", "--json", *map(str, pages)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return {row["path"]: row for row in rows}


def without_title(row: dict) -> str:
    text, title = row["text"], row.get("title") or ""
    head, _, rest = text.partition("\n\n")
    return rest if title and head.strip() == title.strip() else text


def evaluate(truth: dict[str, dict], data: Path) -> dict[str, dict]:
    """Per page: the shingle counts of the text as read and with its title line removed."""
    with tempfile.TemporaryDirectory() as tmp:
        pages: dict[str, Path] = {}
        for key in truth:
            plain, packed = data / "html" / f"{key}.html", data / "html" / f"{key}.html.gz"
            if plain.exists():
                pages[key] = plain
            elif packed.exists():
                pages[key] = Path(tmp) / f"{key}.html"
                pages[key].write_bytes(gzip.decompress(packed.read_bytes()))
        rows = read_pages(list(pages.values()))
    result = {}
    for key, body in sorted(truth.items()):
        row = rows.get(str(pages.get(key, "")))
        result[key] = {
            "as read": tp_fp_fn(body["articleBody"], row["text"] if row else ""),
            "title line removed": tp_fp_fn(body["articleBody"], without_title(row) if row else ""),
            "read": row is not None,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=ROOT / "bench" / "ingest_eval")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per page")
    p.add_argument(
        "--split", help="only the pages of this half (ground-truth.json's 'split': dev, held)"
    )
    args = p.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    if args.split:
        truth = {k: v for k, v in truth.items() if v.get("split") == args.split}
    result = evaluate(truth, args.data)
    if args.verbose:
        for key, r in result.items():
            bp, br, bf = scores([r["title line removed"]])
            outlet = truth[key].get("outlet", "")
            print(
                f"{key:14s} {truth[key].get('split', ''):4s} P={bp:.3f} R={br:.3f} F1={bf:.3f}"
                f"  {outlet}{'' if r['read'] else '  (not read)'}"
            )
    halves = sorted({v["split"] for v in truth.values() if v.get("split")})
    for name in ("as read", "title line removed"):
        for half in [None, *halves] if len(halves) > 1 else [None]:
            keys = [k for k in result if half is None or truth[k].get("split") == half]
            pr, rc, f1 = scores([result[k][name] for k in keys])
            label = f"graph read, {name}" + (f", {half} half" if half else "")
            print(
                f"{label:35s} pages={len(keys):<3d} precision={pr:.3f} recall={rc:.3f} F1={f1:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
