"""Process pools: identical results and order to a serial run, chunks, shared arguments once."""

from __future__ import annotations

import importlib.util
import itertools

import pandas as pd
import pytest

from panjshir_toolkit.actors import default_codebook
from panjshir_toolkit.parallel import WorkerPool, default_chunksize, parallel_map, resolve_n_jobs
from panjshir_toolkit.pipeline import analyze, map_articles
from panjshir_toolkit.schema import COLUMNS, TABLES
from panjshir_toolkit.tables import build_tables

from panjshir_toolkit.errors import ResourceMissingError

from scale_helpers import SENTENCES, fake_analyze, fake_missing_resource, make_corpus


def _tables(pairs, codebook):
    return build_tables((res for res, _ in pairs), codebook)


def _assert_same_tables(left: dict, right: dict) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=True, obj=name)


def test_resolve_n_jobs():
    assert resolve_n_jobs(None) == 1
    assert resolve_n_jobs(0) == 1
    assert resolve_n_jobs(1) == 1
    assert resolve_n_jobs(4) == 4
    assert resolve_n_jobs(-1) >= 1
    assert resolve_n_jobs(-1000) == 1
    with pytest.raises(TypeError, match="n_jobs must be an integer"):
        resolve_n_jobs(2.5)


def test_default_chunksize():
    assert default_chunksize(40, 2) == 5
    assert default_chunksize(0, 2) == 1
    assert default_chunksize(7, 1) == 2
    assert default_chunksize(1_000_000, 8) == 64


def test_parallel_map_keeps_input_order():
    words = [s.split()[0] + str(i) for i, s in enumerate(SENTENCES * 3)]
    assert parallel_map(len, words, n_jobs=2, chunksize=2) == [len(w) for w in words]


def test_map_articles_in_processes_is_identical_to_serial():
    codebook = default_codebook()
    corpus = make_corpus(40)
    serial = map_articles(corpus, codebook, n_jobs=1, func=fake_analyze)
    parallel = map_articles(corpus, codebook, n_jobs=2, chunksize=3, func=fake_analyze)
    assert [r.article["article_id"] for r, _ in parallel] == [a.article_id for a in corpus]
    assert [err for _, err in parallel] == [None] * 40
    left, right = _tables(serial, codebook), _tables(parallel, codebook)
    _assert_same_tables(left, right)
    # The fake finds real rows in every table, so the comparison is not vacuous.
    assert len(left["articles"]) == 40
    assert len(left["sentences"]) == 206 and len(left["quotes"]) == 106 and len(left["figures"]) == 75
    # 57 quotes carry one figure each; 49 carry none; 18 figures are the outlets' own.
    assert len(left["claims"]) == 106 + 18
    assert left["quotes"]["quote_id"].iloc[0] == "a000:q1"
    assert left["actors"][["actor", "n_quotes", "n_figures"]].iloc[0].tolist() == ["United Nations", 18, 0]
    for name in TABLES:
        assert list(right[name].columns) == COLUMNS[name]


def test_a_failing_article_is_kept_and_reported_in_processes():
    codebook = default_codebook()
    corpus = make_corpus(6)
    broken = corpus[4].__class__(**{**{f: getattr(corpus[4], f) for f in corpus[4].__slots__}, "meta": {"fail": True}})
    corpus[4] = broken
    pairs = map_articles(corpus, codebook, n_jobs=2, chunksize=2, func=fake_analyze)
    assert [r.article["article_id"] for r, _ in pairs] == ["a000", "a001", "a002", "a003", "a004", "a005"]
    errors = [err for _, err in pairs]
    assert errors[:4] == [None] * 4 and errors[5] is None
    assert errors[4] == "analysis failed, article kept without annotations: ValueError: simulated bug on a004"
    assert pairs[4][0].quotes == [] and pairs[4][0].article["n_chars"] == len(broken.text)


def test_worker_pool_imap_is_lazy_and_bounded():
    # An endless stream: imap must hand back results while the input is still open.
    with WorkerPool(abs, n_jobs=2) as pool:
        out = list(itertools.islice(pool.imap((-i for i in itertools.count()), chunksize=4, max_pending=2), 10))
    assert out == list(range(10))


def test_worker_pool_shares_arguments_once_and_serves_several_maps():
    with WorkerPool(pow, (3,), n_jobs=2) as pool:
        assert pool.map([1, 2, 3, 4, 5]) == [1, 8, 27, 64, 125]
        assert pool.map(range(6), chunksize=1) == [0, 1, 8, 27, 64, 125]
    assert WorkerPool(pow, (2,), n_jobs=1).map([3, 4]) == [9, 16]


def test_progress_bar_goes_to_stderr(capsys):
    pytest.importorskip("tqdm")
    assert parallel_map(len, ["Kabul", "Panjshir", "Bazarak"], n_jobs=1, progress=True, desc="articles") == [5, 8, 7]
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "articles" in captured.err and "3/3" in captured.err


@pytest.mark.skipif(importlib.util.find_spec("panjshir_toolkit.attribution") is None,
                    reason="the real extractors (attribution, figures) are not merged yet")
def test_analyze_with_n_jobs_is_identical_to_serial():
    corpus = make_corpus(40)
    serial = analyze(corpus, n_jobs=1)
    parallel = analyze(corpus, n_jobs=2)
    assert list(parallel.articles["article_id"]) == [a.article_id for a in corpus]
    _assert_same_tables(serial.tables, parallel.tables)
    pd.testing.assert_frame_equal(serial.report, parallel.report)


def test_an_unknown_start_method_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="start_method 'telepathy' is not available here; choose one of"):
        WorkerPool(abs, n_jobs=2, start_method="telepathy").map([1, -2])


def test_spawn_gives_the_same_result():
    with WorkerPool(abs, n_jobs=2, start_method="spawn") as pool:
        assert pool.map([-3, 1, -4, 1, -5], chunksize=2) == [3, 1, 4, 1, 5]


def test_a_lambda_is_refused_with_a_fix_but_runs_serially():
    with pytest.raises(ValueError, match=r"cannot import the function to map: '[\w.]+<locals>\.<lambda>' is a "
                                         r"lambda or a nested function\. Define it at the top level of a \.py module"):
        parallel_map(lambda x: x + 1, [1, 2, 3], n_jobs=2)
    assert parallel_map(lambda x: x + 1, [1, 2, 3], n_jobs=1) == [2, 3, 4]


def test_a_set_up_error_in_a_worker_reaches_the_caller_as_itself():
    # A missing NLTK resource stops the run (it is not one article's problem), in processes too.
    with pytest.raises(ResourceMissingError) as info:
        map_articles(make_corpus(4), default_codebook(), n_jobs=2, chunksize=1, func=fake_missing_resource)
    assert info.value.package == "averaged_perceptron_tagger_eng"
    assert info.value.searched == ["/nowhere/nltk_data"]
    assert "python -m nltk.downloader averaged_perceptron_tagger_eng" in str(info.value)
