"""Streaming to partitioned Parquet: lazy reading, atomic parts, resuming without loss or duplicates."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil

import pandas as pd
import pytest

from panjshir_toolkit.actors import default_codebook
from panjshir_toolkit.errors import ArticleLoadError
from panjshir_toolkit.pipeline import map_articles
from panjshir_toolkit.schema import COLUMNS, TABLES
from panjshir_toolkit.articles import load_articles
from panjshir_toolkit.stream import STREAM_FILE_BYTES, analyze_to_parquet, iter_articles, read_parquet_tables
from panjshir_toolkit.tables import build_tables

from scale_helpers import fake_analyze, make_corpus, write_csv, write_jsonl

pytest.importorskip("pyarrow")


def _expected(corpus):
    codebook = default_codebook()
    return build_tables((res for res, _ in map_articles(corpus, codebook, func=fake_analyze)), codebook)


def _assert_same_tables(left, right):
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=True, obj=name)


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# ----------------------------------------------------------------------------- iter_articles

def _loaded(*inputs, **kwargs):
    """What load_articles gives: (articles, report rows as dicts with None for missing)."""
    result = load_articles(*inputs, **kwargs)
    rows = [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in result.report.to_dict("records")]
    return result.articles, rows


def _streamed(*inputs, **kwargs):
    report = []
    return list(iter_articles(*inputs, report=report, **kwargs)), report


_MESSY_CSV = (
    "article_id,publish_date,title,text\n"
    "k1,2021-09-04,Valley,\"Fahim Dashti said that about 600 Taliban were killed.\n\n(With inputs from ANI)\"\n"
    "k2,2021-09-05,Empty,\n"
    "k3,2021-09-05,Short\n"
    "k4,2021-09-06,Broken,\"Mujahid said \"\"4 districts\"\" fell\" and then\n"
    "k5,2021-09-06,Extra,Saleh said 1000 families fled.,surplus\n"
    "k1,2021-09-07,Again,A second article with the first id.\n"
    ",2021-09-08,No id,Neither claim could be verified.\n"
)


@pytest.mark.parametrize("stream_bytes", [0, STREAM_FILE_BYTES], ids=["record-by-record", "whole-file"])
def test_iter_articles_equals_load_articles_on_a_messy_csv(tmp_path, stream_bytes):
    path = tmp_path / "news.csv"
    path.write_text(_MESSY_CSV, encoding="utf-8")
    column_map = {"publish_date": "published"}
    articles, report = _streamed(path, column_map=column_map, stream_bytes=stream_bytes)
    assert (articles, report) == _loaded(path, column_map=column_map)
    assert [a.article_id for a in articles] == ["k1", "k5", "news:10"]  # k1 spans lines 2-4
    assert articles[0].credit == "ANI" and articles[0].published == "2021-09-04"
    assert articles[0].meta == {"source_line": 2}
    assert [(r["line"], r["severity"]) for r in report] == [
        (5, "skipped"), (6, "skipped"), (7, "skipped"), (8, "warning"), (9, "skipped")]
    assert report[2]["reason"].startswith("unbalanced quote in the record starting on line 7")


@pytest.mark.parametrize("stream_bytes", [0, STREAM_FILE_BYTES], ids=["record-by-record", "whole-file"])
def test_iter_articles_equals_load_articles_on_gzipped_json_lines(tmp_path, stream_bytes):
    corpus = make_corpus(3)
    plain = write_jsonl(corpus, tmp_path / "plain.jsonl",
                        bad_lines={1: '{"id": "broken", "text": "Unclosed', 2: "[1, 2]", 3: '{"id": "x9", "text": ""}'})
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    articles, report = _streamed(path, stream_bytes=stream_bytes)
    assert (articles, report) == _loaded(path)
    assert [a.article_id for a in articles] == ["a000", "a001", "a002"]
    assert [(r["line"], r["article_id"]) for r in report] == [(2, None), (3, None), (4, "x9")]
    first_line = len(plain.read_bytes().split(b"\n")[0]) + 1
    assert report[1]["byte_offset"] == first_line + len(b'{"id": "broken", "text": "Unclosed') + 1


def test_iter_articles_is_lazy_and_walks_folders_like_the_loader(tmp_path):
    (tmp_path / "corpus" / "2021").mkdir(parents=True)
    (tmp_path / "corpus" / "2021" / "panjshir.txt").write_text(
        "---\ntitle: Valley\n---\nAmrullah Saleh said 1,000 families had fled.\n", encoding="utf-8")
    write_csv(make_corpus(2), tmp_path / "corpus" / "rows.csv")
    (tmp_path / "corpus" / "README.md").write_text("About this folder.", encoding="utf-8")
    (tmp_path / "corpus" / "notes.py").write_text("x = 1", encoding="utf-8")
    stream = iter_articles(tmp_path / "corpus")
    assert next(stream).article_id == "2021/panjshir"  # a generator: one file read so far
    rest = list(stream)
    articles, report = _streamed(tmp_path / "corpus")
    assert (articles, report) == _loaded(tmp_path / "corpus")
    assert [a.article_id for a in rest] == ["a000", "a001"]
    assert [r["severity"] for r in report] == ["warning"] and report[0]["source_path"].endswith("notes.py")


def test_iter_articles_consumes_a_generator_lazily_and_reports_duplicates():
    seen = []

    def articles():
        for a in make_corpus(3) + make_corpus(1):
            seen.append(a.article_id)
            yield a

    report = []
    stream = iter_articles(articles(), report=report)
    assert next(stream).article_id == "a000" and seen == ["a000"]
    assert [a.article_id for a in stream] == ["a001", "a002"]
    assert report == [{"source_path": "<Article argument 3>", "line": None, "byte_offset": None, "article_id": "a000",
                       "reason": "duplicate article_id 'a000' (first seen in <Article argument 0>)", "severity": "skipped"}]


def test_iter_articles_refuses_an_unknown_field_in_column_map(tmp_path):
    with pytest.raises(ArticleLoadError, match="column_map maps to 'body_text'"):
        iter_articles(tmp_path, column_map={"body": "body_text"})


# ----------------------------------------------------------------------------- analyze_to_parquet

def test_streamed_tables_equal_the_in_memory_tables(tmp_path):
    corpus = make_corpus(40)
    result = analyze_to_parquet(corpus, tmp_path / "out", batch_size=7, func=fake_analyze)
    assert (result.complete, result.n_articles, result.n_new, result.n_resumed, result.n_parts) == (True, 40, 40, 0, 6)
    files = _files(tmp_path / "out")
    assert "articles/part-00005.parquet" in files and "articles/part-00006.parquet" not in files
    assert "actors/part-00000.parquet" in files and "_SUCCESS.json" in files and "load_report.csv" not in files
    assert not [f for f in files if ".tmp" in f]
    tables = read_parquet_tables(tmp_path / "out")
    _assert_same_tables(_expected(corpus), tables)
    for name in TABLES:
        assert list(tables[name].columns) == COLUMNS[name]
    # Any Parquet reader sees the same rows in the table folder.
    assert pd.read_parquet(tmp_path / "out" / "quotes")["quote_id"].tolist() == tables["quotes"]["quote_id"].tolist()


def test_streaming_in_processes_gives_the_same_tables(tmp_path):
    corpus = make_corpus(40)
    analyze_to_parquet(corpus, tmp_path / "out", batch_size=9, n_jobs=2, func=fake_analyze)
    _assert_same_tables(_expected(corpus), read_parquet_tables(tmp_path / "out"))


def test_stopping_after_two_batches_and_resuming_keeps_every_article_once(tmp_path):
    corpus = make_corpus(40)
    out = tmp_path / "out"
    first = analyze_to_parquet(corpus, out, batch_size=6, max_batches=2, func=fake_analyze)
    assert (first.complete, first.n_articles, first.n_parts) == (False, 12, 2)
    assert not (out / "_SUCCESS.json").exists()
    partial = read_parquet_tables(out)
    assert partial["articles"]["article_id"].tolist() == [a.article_id for a in corpus[:12]]
    assert len(partial["actors"]) == 0  # counted over the whole corpus, so written at the end
    second = analyze_to_parquet(corpus, out, batch_size=6, func=fake_analyze)
    assert (second.complete, second.n_articles, second.n_new, second.n_resumed, second.n_parts) == (True, 40, 28, 12, 7)
    tables = read_parquet_tables(out)
    assert tables["articles"]["article_id"].is_unique
    _assert_same_tables(_expected(corpus), tables)


def test_an_interruption_mid_batch_loses_and_duplicates_nothing(tmp_path):
    flag = tmp_path / "interrupt-once"
    flag.write_text("")
    corpus = make_corpus(40)
    corpus[23] = dataclasses.replace(corpus[23], meta={"interrupt_once": str(flag)})
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt, match="simulated interruption at a023"):
        analyze_to_parquet(corpus, out, batch_size=5, func=fake_analyze)
    assert len(list((out / "_manifest").glob("*.json"))) == 4  # a000-a019 are in; a020-a022 were not written
    # Leftovers of a crash between a part's rename and its manifest, and of a half-written file:
    shutil.copy(out / "quotes" / "part-00003.parquet", out / "quotes" / "part-00004.parquet")
    (out / "claims" / ".part-00004.parquet.1f2e3d4c.tmp").write_bytes(b"PAR1 half")
    assert len(read_parquet_tables(out)["quotes"]) == len(read_parquet_tables(out)["quotes"].drop_duplicates())
    result = analyze_to_parquet(corpus, out, batch_size=5, func=fake_analyze)
    assert (result.complete, result.n_new, result.n_resumed) == (True, 20, 20)
    assert not [f for f in _files(out) if ".tmp" in f]
    tables = read_parquet_tables(out)
    assert tables["articles"]["article_id"].tolist() == [a.article_id for a in corpus]
    _assert_same_tables(_expected(corpus), tables)


def test_duplicates_and_failures_go_to_the_load_report(tmp_path):
    corpus = make_corpus(5)
    corpus[2] = dataclasses.replace(corpus[2], meta={"fail": True})
    inputs = corpus + [corpus[1]]
    with pytest.warns(RuntimeWarning, match=r"1 of 5 article\(s\) hit an internal error .* \(first: a002: analysis failed"):
        result = analyze_to_parquet(inputs, tmp_path / "out", batch_size=2, func=fake_analyze)
    assert result.n_articles == 5
    report = pd.read_csv(tmp_path / "out" / "load_report.csv")
    assert report[["article_id", "severity"]].values.tolist() == [["a002", "warning"], ["a001", "skipped"]]
    assert report["reason"].tolist() == [
        "analysis failed, article kept without annotations: ValueError: simulated bug on a002",
        "duplicate article_id 'a001' (first seen in <Article argument 1>)",
    ]
    assert read_parquet_tables(tmp_path / "out", ["articles"])["articles"]["article_id"].tolist() == [
        "a000", "a001", "a002", "a003", "a004"]


def test_resume_false_starts_afresh_and_leaves_other_files_alone(tmp_path):
    out = tmp_path / "out"
    analyze_to_parquet(make_corpus(12), out, batch_size=5, func=fake_analyze)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = analyze_to_parquet(make_corpus(4), out, batch_size=5, resume=False, func=fake_analyze)
    assert (result.n_articles, result.n_new, result.n_parts) == (4, 4, 1)
    assert read_parquet_tables(out, ["articles"])["articles"]["article_id"].tolist() == ["a000", "a001", "a002", "a003"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (out / "articles" / "part-00001.parquet").exists()


def test_streams_a_csv_file_and_a_jsonl_file(tmp_path):
    corpus = make_corpus(10)
    csv_path = write_csv(corpus[:6], tmp_path / "a.csv")
    jsonl_path = write_jsonl(corpus[6:], tmp_path / "b.jsonl", bad_lines={0: "not json"})
    result = analyze_to_parquet([csv_path, jsonl_path], tmp_path / "out", batch_size=4, func=fake_analyze)
    assert (result.n_articles, result.n_parts) == (10, 3)
    tables = read_parquet_tables(tmp_path / "out")
    assert tables["articles"]["article_id"].tolist() == [a.article_id for a in corpus]
    assert tables["articles"]["source_path"].tolist() == [str(csv_path)] * 6 + [str(jsonl_path)] * 4
    pd.testing.assert_frame_equal(tables["quotes"], _expected(corpus)["quotes"])
    assert result.report[["line", "byte_offset"]].values.tolist() == [[1, 0]]
    manifest = json.loads((tmp_path / "out" / "_manifest" / "part-00000.json").read_text(encoding="utf-8"))
    assert manifest["article_ids"] == ["a000", "a001", "a002", "a003"]


def test_batch_size_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="batch_size must be at least 1, got 0"):
        analyze_to_parquet(make_corpus(1), tmp_path, batch_size=0, func=fake_analyze)


def test_cli_stream_writes_parts_and_resumes(tmp_path, monkeypatch, capsys):
    from panjshir_toolkit import cli, pipeline

    monkeypatch.setattr(pipeline, "analyze_article", fake_analyze)  # serial: looked up at call time
    corpus = make_corpus(9)
    path = write_csv(corpus, tmp_path / "news.csv", extra_rows=[{"article_id": "x", "text": ""}])
    out = tmp_path / "out"
    argv = ["analyze", str(path), "--out", str(out), "--stream", "--batch-size", "4"]
    assert cli.main(argv) == cli.EXIT_SKIPPED
    captured = capsys.readouterr()
    # header: line 1; eight articles of three lines (one blank line) and a003 of five: lines 2-30.
    assert f"skipped: {path}, line 31: row has no text ('text' is empty)" in captured.err
    assert f"Analysed 9 article(s) -> {out}: 9 article(s) in 3 Parquet part(s) per table" in captured.out
    assert sorted(p.name for p in (out / "quotes").iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert cli.main(argv) == cli.EXIT_SKIPPED
    assert "Analysed 0 article(s) (9 already done by an earlier run)" in capsys.readouterr().out
    assert read_parquet_tables(out, ["articles"])["articles"]["article_id"].tolist() == [a.article_id for a in corpus]
    assert cli.main(argv + ["--batch-size", "0"]) == cli.EXIT_FAILED


def test_iter_articles_flattens_like_load_articles():
    texts = pd.Series(["Fahim Dashti said 600 Taliban were killed.", "Mujahid said 4 districts fell."])
    inputs = [texts, {"Saleh said 1,000 families fled."}, ("Aid agencies warned of shortages.",)]
    assert _streamed(inputs) == _loaded(inputs)
    assert len(_streamed(inputs)[0]) == 4


def test_a_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path):
    """A .jsonl.gz cut off mid-file (a broken download): no crash, nothing silently lost."""
    import gzip as _gzip
    import json as _json

    rows = [{"id": f"r{i}", "text": f"Officials said {i} people were wounded in the blast."} for i in range(3000)]
    data = _gzip.compress("\n".join(_json.dumps(r) for r in rows).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    report: list = []
    got = list(iter_articles(path, report=report, stream_bytes=0))
    assert 0 < len(got) < len(rows)
    assert [a.article_id for a in got] == [f"r{i}" for i in range(len(got))]
    reasons = [r["reason"] for r in report if r["severity"] == "skipped"]
    assert len(reasons) == 1 and "truncated" in reasons[0]
