"""The body-text measure of ``bench/eval_ingest.py`` and the sample it runs on.

The measure is the shingle F1 of scrapinghub's article-extraction-benchmark: identical
texts score 1, a dropped paragraph costs recall, an added one precision.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "bench" / "ingest_eval"


def _load():
    spec = importlib.util.spec_from_file_location("eval_ingest", ROOT / "bench" / "eval_ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ev = _load()
PARAGRAPHS = [
    "Estonia accused Russia on Friday of cutting the data cable under the Baltic Sea.",
    "The cable between Tallinn and Helsinki stopped carrying traffic early on Thursday.",
    "Divers found the damage about forty kilometres off the coast, the navy said.",
]
TEXT = "\n\n".join(PARAGRAPHS)
TEASER = "Poland expels two Russian diplomats over a spying case in Gdansk port"


def _score(true: str, pred: str) -> tuple[float, float, float]:
    return ev.scores([ev.tp_fp_fn(true, pred)])


def test_identical_texts_score_one():
    assert _score(TEXT, TEXT) == (1.0, 1.0, 1.0)
    assert _score(TEXT, TEXT.replace("\n\n", " ")) == (1.0, 1.0, 1.0)


def test_a_dropped_paragraph_costs_recall_only():
    p, r, f1 = _score(TEXT, TEXT.rsplit("\n\n", 1)[0])
    assert p == 1.0 and r < 1.0 and f1 < 1.0


def test_an_added_paragraph_costs_precision_only():
    p, r, f1 = _score(TEXT, f"{TEXT}\n\n{TEASER}")
    assert p < 1.0 and r == 1.0 and f1 < 1.0


def test_nothing_read_scores_zero_and_a_short_text_is_one_shingle():
    assert _score(TEXT, "") == (0.0, 0.0, 0.0)
    assert ev.shingles("") == {}
    assert ev.shingles("Two words") == {("Two", "words"): 1}


def test_pages_are_averaged_as_the_benchmark_does():
    # precision over the pages with a predicted shingle, recall over those with a true one
    full, empty = ev.tp_fp_fn(TEXT, TEXT), ev.tp_fp_fn(TEXT, "")
    p, r, _ = ev.scores([full, empty])
    assert (p, r) == (1.0, 0.5)


def test_every_sample_page_has_its_html_a_body_and_a_half():
    truth = json.loads((SAMPLE / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(truth) >= 25
    for key, entry in truth.items():
        assert (SAMPLE / "html" / f"{key}.html").is_file(), key
        assert entry["articleBody"].strip(), key
        assert entry["split"] in ("dev", "held"), key
        assert entry["outlet"] and entry["source"], key


def test_graph_read_gives_the_sample_pages_bodies():
    truth = json.loads((SAMPLE / "ground-truth.json").read_text(encoding="utf-8"))
    result = ev.evaluate(truth, SAMPLE)
    assert all(r["read"] for r in result.values())
    _, _, f1 = ev.scores([r["title line removed"] for r in result.values()])
    assert f1 >= 0.95
