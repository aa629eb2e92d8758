"""Score the extractor on the blind held-out set (bench/heldout/gold/*.json).

Plain script, no test framework::

    .venv/bin/python bench/heldout_eval.py            # per-article table + totals
    .venv/bin/python bench/heldout_eval.py -v         # also every miss and extra
    .venv/bin/python bench/heldout_eval.py --check    # only validate the gold files

Each article is built on its own with :func:`graph.build.build_graph` and scored
with :func:`graph.evaluate.score_graph`; then all articles are built into one
graph and scored against all gold files together. The numbers equal those of
``python -m graph evaluate bench/heldout/gold/*.json --per-article``.

Before scoring, every gold file is checked: each ``evidence`` is an exact
substring of its article, each relation end is an entity ``name``, kinds and
relations are from the vocabulary of the dev set, and each alias occurs in the
article. A gold file that fails the check stops the run (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build import build_graph
from graph.evaluate import Score, format_score, load_gold, score_graph
from graph.explain import explain
from graph.export import graph_to_json_data
from graph.ingest import read_article

__all__ = ["HELDOUT", "article_path", "check_gold", "main", "score_articles"]

HELDOUT = ROOT / "bench" / "heldout"
KINDS = {"state", "person", "agency", "incident"}
RELATIONS = {
    "accuses",
    "denies",
    "member_of",
    "allied_with",
    "affiliated_with",
    "supports",
    "threatens",
}


def article_path(gold: dict[str, Any]) -> Path:
    """The article file a gold file annotates (``article`` is relative to the set's folder)."""
    return (Path(gold["_path"]).resolve().parent.parent / gold["article"]).resolve()


def check_gold(gold: dict[str, Any]) -> list[str]:
    """Problems with one gold file; an empty list when it is well-formed.

    Parameters
    ----------
    gold : a gold file as returned by :func:`graph.evaluate.load_gold`.

    Returns
    -------
    list of str
        One line per problem, naming the file.
    """
    name = Path(gold["_path"]).name
    problems: list[str] = []
    path = article_path(gold)
    if not path.is_file():
        return [f"{name}: article {gold.get('article')!r} not found"]
    text = path.read_text(encoding="utf-8")
    if not str(gold.get("source", "")).startswith("http"):
        problems.append(f"{name}: source is not a URL")
    names: set[str] = set()
    for e in gold["entities"]:
        if e["name"] in names:
            problems.append(f"{name}: entity {e['name']!r} listed twice")
        names.add(e["name"])
        if e.get("kind") not in KINDS:
            problems.append(f"{name}: entity {e['name']!r} has kind {e.get('kind')!r}")
        for alias in e.get("aliases", []):
            if alias not in text:
                problems.append(f"{name}: alias {alias!r} of {e['name']!r} not in the article")
    seen: set[tuple] = set()
    for r in gold["relations"]:
        label = f"{r['source']} {r['relation']} {r['target']}"
        if r["relation"] not in RELATIONS:
            problems.append(f"{name}: unknown relation in {label}")
        if r["source"] not in names:
            problems.append(f"{name}: source {r['source']!r} is not an entity name")
        if not isinstance(r["target"], list) or not r["target"]:
            problems.append(f"{name}: target of {label} is not a non-empty list")
        for t in r["target"]:
            if t not in names:
                problems.append(f"{name}: target {t!r} is not an entity name")
        if r["evidence"] not in text:
            problems.append(f"{name}: evidence of {label} is not a substring of the article")
        key = (r["source"], r["relation"], frozenset(r["target"]))
        if key in seen:
            problems.append(f"{name}: {label} annotated twice")
        seen.add(key)
    return problems


def _graph_data(articles: list) -> dict[str, Any]:
    return json.loads(json.dumps(graph_to_json_data(build_graph(articles))))


def score_articles(
    golds: list[dict[str, Any]], *, explain_misses: bool = False
) -> tuple[list[tuple[str, Score, list[str]]], Score]:
    """Score each article on its own, then all of them in one graph.

    Returns
    -------
    tuple
        ``([(slug, score, explanations), ...], total_score)``; the explanations
        (:func:`graph.explain.explain`) only with ``explain_misses``.
    """
    articles = [read_article(article_path(g)) for g in golds]
    per = []
    for g, a in zip(golds, articles):
        data = _graph_data([a])
        why = explain(data, [g]) if explain_misses else []
        per.append((Path(g["_path"]).stem, score_graph(data, [g]), why))
    return per, score_graph(_graph_data(articles), golds)


def _row(slug: str, sc: Score) -> str:
    fams = " ".join(f"{fam}={sc.family(fam)[2]:.2f}" for fam in sc.families)
    return (
        f"{slug:38s} F1={sc.f1:.2f} P={sc.precision:.2f} R={sc.recall:.2f} "
        f"entR={sc.entity_recall:.2f} entP={sc.entity_precision:.2f}  {fams}"
    )


def main(argv: list[str] | None = None) -> int:
    """Validate the gold files, then print the per-article table and the totals."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", help="gold files (default: bench/heldout/gold/*.json)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    ap.add_argument(
        "--explain",
        action="store_true",
        help="say why each fact was missed, where extras came from",
    )
    ap.add_argument("--check", action="store_true", help="only validate the gold files")
    args = ap.parse_args(argv)
    paths = args.gold or sorted((HELDOUT / "gold").glob("*.json"))
    golds = load_gold(paths)
    problems = [p for g in golds for p in check_gold(g)]
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    n_rel = sum(len(g["relations"]) for g in golds)
    n_ent = sum(len(g["entities"]) for g in golds)
    print(f"{len(golds)} gold files, {n_ent} entities, {n_rel} relations: well-formed")
    if args.check:
        return 0
    per, total = score_articles(golds, explain_misses=args.explain)
    print("\nper article:")
    for slug, sc, why in per:
        print(_row(slug, sc))
        if args.verbose:
            for line in sc.misses + sc.extras:
                print(f"   {line}")
        for line in why:
            print(f"   {line}")
    macro = sum(sc.f1 for _, sc, _ in per) / len(per) if per else 0.0
    macro_p = sum(sc.precision for _, sc, _ in per) / len(per) if per else 0.0
    print(f"\nmacro (mean of the articles): F1={macro:.2f} P={macro_p:.2f}")
    print("\nall articles in one graph:")
    print(format_score(total, verbose=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
