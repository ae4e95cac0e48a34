"""Dask: the per-article function over a bag or DataFrame, on a real local cluster of two processes."""

from __future__ import annotations

import dataclasses
import importlib.util

import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from panjshir_toolkit.actors import default_codebook  # noqa: E402
from panjshir_toolkit.distributed import DaskTables, analyze_dask, articles_bag  # noqa: E402
from panjshir_toolkit.pipeline import map_articles  # noqa: E402
from panjshir_toolkit.schema import COLUMNS, DTYPES, TABLES  # noqa: E402
from panjshir_toolkit.stream import iter_articles  # noqa: E402
from panjshir_toolkit.tables import build_tables  # noqa: E402

from scale_helpers import fake_analyze, make_corpus, write_jsonl  # noqa: E402

_ID = {"articles": "article_id", "sentences": ["article_id", "sentence_id"], "quotes": "quote_id",
       "figures": "figure_id", "claims": None, "actors": "actor"}


def _serial(corpus):
    codebook = default_codebook()
    return build_tables((res for res, _ in map_articles(corpus, codebook, func=fake_analyze)), codebook)


def _by_id(frame, name):
    key = _ID[name]
    return frame if key is None else frame.sort_values(key, kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_lazy_tables_have_the_contract_columns_and_dtypes():
    tables = analyze_dask(db.from_sequence(make_corpus(6), npartitions=3), func=fake_analyze)
    assert isinstance(tables, DaskTables) and list(tables) == list(TABLES)
    for name in TABLES:
        assert list(tables[name].columns) == COLUMNS[name]
        assert {c: str(d) for c, d in tables[name].dtypes.items()} == DTYPES[name]
    assert tables["quotes"].npartitions == 3 and tables["actors"].npartitions == 1


def test_on_a_local_cluster_of_two_processes_equals_the_serial_tables(client):
    corpus = make_corpus(40)
    tables = analyze_dask(db.from_sequence(corpus, npartitions=6), func=fake_analyze)
    got = tables.compute()
    assert len(client.scheduler_info()["workers"]) == 2
    expected = _serial(corpus)
    for name in TABLES:
        # The ids are the same rows (sorted by id), and in fact in the same order.
        pd.testing.assert_frame_equal(_by_id(got[name], name), _by_id(expected[name], name), obj=name)
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
    assert len(tables.report.compute()) == 0


def test_a_dask_dataframe_of_articles(client):
    corpus = make_corpus(12)
    frame = pd.DataFrame([{"article_id": a.article_id, "text": a.text, "title": a.title, "outlet": a.outlet,
                           "published": a.published, "credit": a.credit} for a in corpus])
    tables = analyze_dask(dd.from_pandas(frame, npartitions=3), func=fake_analyze)
    got = tables.compute()
    expected = _serial(corpus)
    assert got["articles"]["article_id"].tolist() == [a.article_id for a in corpus]
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)


def test_failures_are_reported_and_the_article_kept():
    corpus = make_corpus(4)
    corpus[1] = dataclasses.replace(corpus[1], meta={"fail": True})
    tables = analyze_dask(db.from_sequence(corpus, npartitions=2), func=fake_analyze)
    got, report = dask.compute(tables["articles"], tables.report, scheduler="sync")
    assert got["article_id"].tolist() == ["a000", "a001", "a002", "a003"]
    assert report[["article_id", "severity"]].values.tolist() == [["a001", "warning"]]


def test_articles_bag_reads_files_on_the_workers(tmp_path, client):
    corpus = make_corpus(10)
    paths = [write_jsonl(corpus[:4], tmp_path / "a.jsonl"), write_jsonl(corpus[4:], tmp_path / "b.jsonl")]
    bag = articles_bag(paths)
    assert bag.npartitions == 2
    got = analyze_dask(bag, func=fake_analyze).compute()
    assert got["articles"]["article_id"].tolist() == [a.article_id for a in corpus]
    local = [a for p in paths for a in iter_articles(p)]
    expected = _serial(local)
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)


def test_rejects_what_is_not_a_dask_collection():
    with pytest.raises(TypeError, match="needs a dask.bag.Bag or dask.dataframe.DataFrame"):
        analyze_dask(make_corpus(2))


@pytest.mark.skipif(importlib.util.find_spec("panjshir_toolkit.attribution") is None,
                    reason="the real extractors (attribution, figures) are not merged yet")
def test_real_pipeline_on_the_cluster_equals_analyze(client):
    from panjshir_toolkit import analyze

    corpus = make_corpus(40)
    got = analyze_dask(db.from_sequence(corpus, npartitions=4)).compute()
    expected = analyze(corpus).tables
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
