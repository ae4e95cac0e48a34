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
from panjshir_toolkit.stream import analyze_to_parquet, iter_articles, read_parquet_tables
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

def test_iter_articles_reads_csv_rows_lazily_with_line_numbers(tmp_path):
    corpus = make_corpus(3)
    path = write_csv(corpus, tmp_path / "news.csv", extra_rows=[
        {"article_id": "empty-1", "publish_date": "2021-09-05", "title": "No body", "text": "   "},
        {"article_id": "late-1", "publish_date": "2021/9/6", "title": "Late", "text": "Fahim Dashti said 7 posts fell."},
    ])
    report = []
    stream = iter_articles(path, report=report)
    first = next(stream)  # a generator: one row read, not the file
    assert first.article_id == "a000" and first.text == corpus[0].text
    assert first.published == "2021-09-01" and first.title == "Panjshir update 0"
    assert first.source_path == str(path) and first.url is None
    rest = list(stream)
    assert [a.article_id for a in rest] == ["a001", "a002", "late-1"]
    # a000 spans lines 2-4 (its text has a blank line), a001 lines 5-7, a002 lines 8-10.
    assert report == [{"source_path": str(path), "line": 11, "byte_offset": None, "article_id": "empty-1",
                       "reason": "no text: the 'text' column is empty or missing (map yours with "
                                 "column_map={'theirs': 'text'})", "severity": "skipped"}]


def test_iter_articles_reads_gzipped_csv_with_a_column_map(tmp_path):
    (tmp_path / "plain.csv").write_text("doc,body,site\nk1,\"Saleh said 3 roads were cut.\",TOLOnews\n", encoding="utf-8")
    with open(tmp_path / "plain.csv", "rb") as src, gzip.open(tmp_path / "news.csv.gz", "wb") as dst:
        dst.write(src.read())
    (article,) = iter_articles(tmp_path / "news.csv.gz", {"doc": "article_id", "body": "text", "site": "outlet"})
    assert (article.article_id, article.text, article.outlet) == ("k1", "Saleh said 3 roads were cut.", "TOLOnews")


def test_iter_articles_reports_bad_json_lines_with_byte_offsets(tmp_path):
    corpus = make_corpus(2)
    path = write_jsonl(corpus, tmp_path / "news.jsonl", bad_lines={1: '{"id": "broken", "text": "Unclosed', 2: "[1, 2]"})
    report = []
    articles = list(iter_articles(path, report=report))
    assert [a.article_id for a in articles] == ["a000", "a001"]
    assert articles[1].outlet == "Al Jazeera"
    first_line = len(path.read_bytes().split(b"\n")[0]) + 1
    second_line = len(path.read_bytes().split(b"\n")[1]) + 1
    assert [(r["line"], r["byte_offset"]) for r in report] == [(2, first_line), (3, first_line + second_line)]
    assert report[0]["reason"].startswith("not valid JSON (Unterminated string")
    assert report[1]["reason"] == "a JSON list where an object was expected; line skipped"


def test_iter_articles_rejects_other_files(tmp_path):
    (tmp_path / "a.txt").write_text("Fahim Dashti said so.", encoding="utf-8")
    with pytest.raises(ArticleLoadError, match="not a CSV or JSON-lines file"):
        iter_articles(tmp_path / "a.txt")
    with pytest.raises(ArticleLoadError, match="No such file"):
        iter_articles(tmp_path / "missing.csv")


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
    result = analyze_to_parquet(inputs, tmp_path / "out", batch_size=2, func=fake_analyze)
    assert result.n_articles == 5
    report = pd.read_csv(tmp_path / "out" / "load_report.csv")
    assert report[["article_id", "severity"]].values.tolist() == [["a002", "warning"], ["a001", "skipped"]]
    assert report["reason"].tolist() == [
        "analysis failed, article kept without annotations: ValueError: simulated bug on a002",
        "article_id 'a001' appears again; the repeat was skipped",
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
    assert f"skipped: {path}, line 31: no text" in captured.err
    assert f"Analysed 9 article(s) -> {out}: 9 article(s) in 3 Parquet part(s) per table" in captured.out
    assert sorted(p.name for p in (out / "quotes").iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert cli.main(argv) == cli.EXIT_SKIPPED
    assert "Analysed 0 article(s) (9 already done by an earlier run)" in capsys.readouterr().out
    assert read_parquet_tables(out, ["articles"])["articles"]["article_id"].tolist() == [a.article_id for a in corpus]
    assert cli.main(argv + ["--batch-size", "0"]) == cli.EXIT_FAILED
