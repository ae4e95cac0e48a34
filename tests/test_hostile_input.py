"""Hostile input (issue 8): every bad input is loaded or reported, with file, line/byte and reason.

The corpus is generated at test time by ``tests/hostile.py`` (nothing binary or large is
committed). For every case: the loader does not raise, ``loaded + reported == inputs``,
and the report names the file, the line or byte offset and the reason.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from panjshir_toolkit.articles import find_credit, load_articles

try:  # tests/ as a package or as a rootdir-relative folder on sys.path
    from tests import hostile
except ImportError:  # pragma: no cover
    import hostile


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cases = hostile.build(root)
    yield root, {c.name: c for c in cases}, {}
    for c in cases:  # give the unreadable file its permissions back so the folder can be removed
        if c.path.exists() and not c.path.is_symlink():
            c.path.chmod(0o755 if c.path.is_dir() else 0o644)


def _load(corpus, name):
    """Load case *name* once per test module (the big cases take a second each)."""
    _, cases, cache = corpus
    if name not in cache:
        cache[name] = load_articles(cases[name].path)
    return cache[name]


def _case_names() -> list[str]:
    # The names only (no files written): run the builders against a throwaway folder.
    with tempfile.TemporaryDirectory() as tmp:
        names = [c.name for c in hostile.build(Path(tmp), huge_mb=0, jsonl_lines=10)]
        for p in Path(tmp).rglob("*"):
            if not p.is_symlink():
                p.chmod(0o755 if p.is_dir() else 0o644)
    return names


@pytest.mark.parametrize("name", _case_names())
def test_each_hostile_input_is_loaded_or_reported(corpus, name):
    _, cases, _ = corpus
    case = cases[name]
    if case.skip_unless:
        pytest.skip(case.skip_unless)
    result = _load(corpus, name)
    report = result.report

    assert result.n_loaded + result.n_reported == result.n_inputs
    assert (result.n_inputs, result.n_loaded) == (case.n_inputs, case.n_loaded), str(result)

    skipped = report[report["severity"] == "skipped"].reset_index(drop=True)
    assert len(skipped) == len(case.skipped), str(result)
    for row, (line, offset, fragment) in zip(skipped.itertuples(), case.skipped):
        assert fragment in row.reason, (fragment, row.reason)
        assert str(case.path.name) in row.source_path or str(case.path) in row.source_path, row.source_path
        if line is not ...:
            assert (None if pd.isna(row.line) else int(row.line)) == line, row
        if offset is not ...:
            got = row.byte_offset
            assert (None if pd.isna(got) else int(got)) == offset, row

    warnings = list(report.loc[report["severity"] == "warning", "reason"])
    for fragment in case.warnings:
        assert any(fragment in w for w in warnings), (fragment, warnings)
    if case.texts is not None:
        assert [a.text for a in result.articles] == case.texts
    if case.ids is not None:
        assert [a.article_id for a in result.articles] == case.ids


def test_cp1252_warning_names_the_file_and_encoding(corpus):
    _, cases, _ = corpus
    result = load_articles(cases["cp1252"].path)
    [row] = result.report.itertuples()
    assert row.severity == "warning"
    assert row.source_path.endswith("cp1252.txt")
    assert "cp1252" in row.reason and "byte offset 7" in row.reason  # "The caf" then 0xe9 ("é")
    assert int(row.byte_offset) == 7
    assert result.articles[0].meta["encoding"] == "cp1252"


def test_bom_is_not_part_of_the_text(corpus):
    _, cases, _ = corpus
    for name in ("utf8_bom", "utf16le_bom", "utf16be_bom"):
        article = load_articles(cases[name].path).articles[0]
        assert not article.text.startswith("\ufeff")
        assert article.text.startswith("Resistance commanders")
        assert article.credit == "agencies"


def test_huge_article_loads_intact(corpus):
    article = _load(corpus, "huge_20mb").articles[0]
    assert article.n_chars >= 20 * 1024 * 1024
    assert article.text.endswith("(With inputs from ANI)\n")
    assert article.credit == "ANI"


def test_big_jsonl_costs_only_the_bad_lines(corpus):
    _, cases, _ = corpus
    case = cases["jsonl_100k"]
    result = _load(corpus, "jsonl_100k")
    assert result.n_inputs == 100_000
    assert result.n_loaded == 100_000 - len(case.skipped)
    first = result.articles[0]
    assert (first.article_id, first.outlet, first.meta["source_line"]) == ("a1", "Test Wire", 1)
    report = result.report.set_index("line")
    assert report.loc[3, "reason"] == "line 3 is a JSON list, not an object with a 'text' field"
    # item 1000 is on line 1002 (two blank lines after line 500, which are not inputs);
    # its text "unterminated... never ends: the report points at the opening quote
    bad = report.loc[1002]
    assert bad["reason"] == "malformed JSON on line 1002: Unterminated string starting at (column 25)"
    data = case.path.read_bytes()
    assert data[int(bad["byte_offset"]):].startswith(b'"unterminated')


def test_whole_corpus_as_one_folder(tmp_path):
    # the same corpus with a 1 MB article and 2,000 JSON lines (the full sizes are tested above)
    root = tmp_path / "corpus"
    cases = {c.name: c for c in hostile.build(root, huge_mb=1, jsonl_lines=2000)}
    result = load_articles(root)
    assert result.n_loaded + result.n_reported == result.n_inputs
    in_folder = [c for c in cases.values() if c.name != "nonexistent"]
    # in a folder walk, a CSV without a text column is passed over with a warning, not an input
    expected_inputs = sum(c.n_inputs for c in in_folder) - 1
    if cases["unreadable"].skip_unless:  # root reads the unreadable file
        expected_loaded = sum(c.n_loaded for c in in_folder) + 1
    else:
        expected_loaded = sum(c.n_loaded for c in in_folder)
    # the loops folder is reached from the root too: a/back_up -> loops is still a repeat
    assert (result.n_inputs, result.n_loaded) == (expected_inputs, expected_loaded)
    ids = [a.article_id for a in result.articles]
    assert len(ids) == len(set(ids))
    assert "encodings/utf8" in ids and "deep/" + "/".join(["level"] * 60) + "/bottom" in ids


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(hostile.ARTICLE, encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = load_articles(path, hostile.ARTICLE)
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (2, 1, 1)
    row = result.report.iloc[0]
    assert (row["source_path"], row["reason"], row["severity"]) == (str(path), "unreadable: permission denied", "skipped")


def test_report_html_escapes_file_names_and_reasons(tmp_path):
    evil = tmp_path / "<script>alert(1)<\\script>.txt"
    evil.write_bytes(b"")
    result = load_articles(evil, "<img/src=x/onerror=alert(1)>.txt")
    html = result._repr_html_()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;\\script&gt;.txt" in html
    assert "&lt;img/src=x/onerror=alert(1)&gt;.txt" in html
    assert list(result.report["reason"]) == ["empty file", "no such file or folder (a one-word string ending in a file suffix is taken as a path; pass longer text to load it as an article)"]


# ----------------------------------------------------------------------------- property-based



@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".csv", ".tsv", ".jsonl", ".txt.gz"]))
def test_arbitrary_bytes_in_any_file_type_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        result = load_articles(path)
        assert result.n_loaded + result.n_reported == result.n_inputs >= (1 if suffix != ".csv" and suffix != ".tsv" else 0)
        if suffix in (".txt", ".md", ".txt.gz"):
            assert result.n_inputs == 1
        for article in result.articles:
            assert isinstance(article.text, str) and article.text.strip()
            if article.credit is not None:
                assert article.credit


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_arbitrary_strings_never_raise(text):
    try:
        assume(not os.path.lexists(text))  # "." or "/" would (rightly) load a folder
    except (ValueError, OSError):
        pass
    result = load_articles(text)
    assert result.n_inputs == 1 and result.n_loaded + result.n_reported == 1
    if result.n_loaded:
        assert result.articles[0].text == text  # never modified
        credit = find_credit(text)
        assert credit is None or 0 <= credit.start < credit.end <= len(text)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_named_pipe_is_reported_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "story.txt").write_text(hostile.ARTICLE, encoding="utf-8")
    result = load_articles(tmp_path)
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (2, 1, 1)
    assert result.report.loc[0, "reason"] == "not a regular file (a pipe, socket or device); not read"


def test_cli_over_the_whole_hostile_corpus(tmp_path, capsys):
    """The command line analyses what can be read, reports the rest, loses nothing, and exits 1."""
    from panjshir_toolkit.cli import main

    cases = hostile.build(tmp_path / "in", huge_mb=2, jsonl_lines=2_000)
    inputs = [str(c.path) for c in cases]
    loaded = load_articles(*inputs)
    code = main(["analyze", *inputs, "--out", str(tmp_path / "out")])
    assert code == 1  # something was skipped, and the exit status says so
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str, keep_default_na=False)
    report = pd.read_csv(tmp_path / "out" / "load_report.csv", dtype=str, keep_default_na=False)
    skipped = report[report["severity"] == "skipped"]
    assert len(articles) == loaded.n_loaded > 0
    assert len(articles) + len(skipped) == loaded.n_inputs
    assert (skipped["source_path"] != "").all() and (skipped["reason"] != "").all()
    err = capsys.readouterr().err
    assert f"{len(skipped)} input(s) skipped" in err
