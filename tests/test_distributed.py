"""The Dask engine: extraction on a two-worker ``distributed.LocalCluster`` gives the
byte-identical graph of the local engine; cached articles never reach the cluster."""

from __future__ import annotations

import logging

import pytest

import graph.distributed as gd
from graph.build import build_graph
from graph.cache import ExtractionCache, pipeline_fingerprint
from graph.distributed import build_graph_dask, split_partitions
from graph.errors import RelateError
from graph.export import write_json
from graph.ingest import parse_article

distributed = pytest.importorskip("distributed")

EXTRA = [
    (
        "taipei.txt",
        (
            "Taiwan Accuses China of Cable Sabotage\n\n"
            "Published: 4 March 2025\nSource: Example Wire\n\n"
            "Taiwan accused China of cutting an undersea cable near the Matsu islands. "
            "Beijing denied any involvement and said the claims were groundless.\n\n"
            "Japan voiced support for Taiwan, and the United States said it was watching closely."
        ),
    ),
    (
        "chisinau.txt",
        (
            "Moldova expels diplomat\n\n"
            "Moldovan President Maia Sandu accused Russia of trying to destabilise the country. "
            "The Kremlin rejected the accusation.\n\n"
            "Moldova is not a member of NATO, but Romania joined NATO in 2004."
        ),
    ),
    (
        "kigali.txt",
        (
            "Congo blames Rwanda\n\n"
            "Congo accused Rwanda of backing the M23 rebels in North Kivu. "
            "Rwandan officials dismissed the allegations as false."
        ),
    ),
]


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of two single-threaded worker processes."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(seed_articles):
    return seed_articles + [parse_article(text, name) for name, text in EXTRA]


def test_dask_graph_is_byte_identical_to_the_local_graph(cluster, corpus, vocab, nlp, tmp_path):
    local = write_json(build_graph(corpus, vocab=vocab, nlp=nlp, n_process=1), tmp_path / "l.json")
    done: list[tuple[int, int]] = []
    G = build_graph_dask(
        corpus,
        vocab=vocab,
        scheduler=cluster.scheduler_address,
        partitions=3,
        progress=lambda i, n: done.append((i, n)),
    )
    dask = write_json(G, tmp_path / "d.json")
    assert G.number_of_edges() > 10
    assert dask.read_bytes() == local.read_bytes()
    assert done[-1] == (len(corpus), len(corpus))


def test_dask_engine_fills_and_reads_the_cache(cluster, corpus, vocab, nlp, tmp_path):
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, pipeline_fingerprint(nlp, vocab)) as cache:
        first = build_graph_dask(
            corpus[:2], vocab=vocab, cache=cache, scheduler=cluster.scheduler_address
        )
        assert len(cache) == 2
        # all cached: no scheduler is needed (an unreachable address is never contacted)
        again = build_graph_dask(
            corpus[:2], vocab=vocab, cache=cache, scheduler="tcp://127.0.0.1:9"
        )
    a = write_json(first, tmp_path / "a.json").read_bytes()
    assert a == write_json(again, tmp_path / "b.json").read_bytes()


def test_unreachable_scheduler_is_one_relate_error(corpus, vocab, monkeypatch):
    monkeypatch.setattr(gd, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(RelateError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        build_graph_dask(corpus[:1], vocab=vocab, scheduler="tcp://127.0.0.1:9")


def test_partitions_keep_order_and_cover_every_article():
    items = list(range(10))
    for parts in (1, 3, 4, 10, 50):
        chunks = split_partitions(items, parts)
        assert [x for c in chunks for x in c] == items
        assert len(chunks) <= parts and all(chunks)
    assert split_partitions([], 4) == []


def test_cluster_without_workers_is_one_relate_error(corpus, vocab, monkeypatch):
    monkeypatch.setattr(gd, "CONNECT_TIMEOUT", "1s")
    with (
        distributed.LocalCluster(
            n_workers=0,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as empty,
        pytest.raises(RelateError, match="no Dask worker joined"),
    ):
        build_graph_dask(corpus[:1], vocab=vocab, scheduler=empty.scheduler_address)


def test_a_cluster_that_cannot_import_relate_is_explained():
    try:
        raise RuntimeError("Error during deserialization") from ModuleNotFoundError(
            "No module named 'graph'"
        )
    except RuntimeError as exc:
        error = gd._cannot_import(exc)
    assert isinstance(error, RelateError) and "PYTHONPATH=" in str(error)
    assert gd._cannot_import(ValueError("something else")) is None
