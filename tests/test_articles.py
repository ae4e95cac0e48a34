"""Loading articles: every input format, ids, front matter, credit lines and the load report."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from panjshir_toolkit import schema
from panjshir_toolkit.articles import Article, LoadResult, find_credit, load_articles
from panjshir_toolkit.errors import ArticleLoadError

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANJSHIR_SHARED", REPO.parent / "shared"))
SEED = REPO / "data" / "panjshir_2021-09-04.txt"

DASHTI = (
    "Taking to Twitter, the resistance spokesperson Fahim Dashti said about 600 Taliban had been killed.\n"
    "A Taliban source told Al Jazeera that landmines had slowed the advance.\n"
    "(With inputs from ANI)\n"
)
MOTAQI = (
    "Mullah Amir Khan Motaqi said that negotiations with Panjshir's leaders had failed, Khaama Press reported.\n"
    "-- Reuters"
)
SALEH = "Amrullah Saleh said on Facebook that the resistance was holding the valley."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def reasons(result: LoadResult, severity: str = "skipped") -> list[str]:
    report = result.report
    return list(report.loc[report["severity"] == severity, "reason"])


# ----------------------------------------------------------------------------- the seed


def test_seed_article_loads_with_its_front_matter():
    result = load_articles(SEED)
    assert (result.n_inputs, result.n_loaded, result.n_reported, result.ok) == (1, 1, 0, True)
    [article] = result.articles
    assert article.article_id == "panjshir_2021-09-04"
    assert (article.published, article.credit, article.title, article.outlet) == ("2021-09-04", "ANI", None, None)
    assert article.source_path == str(SEED)
    assert article.text.startswith("About 600 Taliban have been killed")
    assert article.text.endswith("(With inputs from ANI)")
    assert article.meta == {}


def test_seed_text_is_byte_identical_to_the_article_as_received():
    original = SHARED / "seeds" / "panjshir_2021-09-04.txt"
    if not original.exists():
        pytest.skip(f"the shared seed copy {original} is absent (set PANJSHIR_SHARED to the shared folder)")
    article = load_articles(SEED).articles[0]
    assert article.text.encode("utf-8") == original.read_bytes()
    # the credit line was found in the text too, and the text was not touched
    credit = find_credit(article.text)
    assert (credit.credit, article.text[credit.start:credit.end]) == ("ANI", "(With inputs from ANI)")


# ----------------------------------------------------------------------------- text files


def test_front_matter_fills_fields_and_keeps_unknown_keys(tmp_path):
    path = write(tmp_path / "dashti.md", (
        "---\n"
        "title: Resistance claims 600 Taliban killed\n"
        'outlet: "Test Wire"\n'
        "published: 2021-09-04\n"
        "url: https://example.org/panjshir\n"
        "byline: Staff reporter\n"
        "section: Asia\n"
        "# a comment line\n"
        "tags: Panjshir\n"
        "  Afghanistan\n"
        "---\n" + DASHTI
    ))
    [article] = load_articles(path).articles
    assert article.article_id == "dashti"
    assert article.text == DASHTI
    assert (article.title, article.outlet, article.published, article.url, article.byline) == (
        "Resistance claims 600 Taliban killed", "Test Wire", "2021-09-04", "https://example.org/panjshir", "Staff reporter")
    assert article.credit == "ANI"  # from the trailing credit line
    assert article.meta == {"section": "Asia", "tags": "Panjshir\nAfghanistan"}


def test_front_matter_credit_and_id_win(tmp_path):
    path = write(tmp_path / "a.txt", "---\nid: dashti-2021\ncredit: AFP\n---\n" + DASHTI)
    [article] = load_articles(path).articles
    assert (article.article_id, article.credit) == ("dashti-2021", "AFP")


def test_no_front_matter_and_crlf_line_ends_kept(tmp_path):
    text = DASHTI.replace("\n", "\r\n")
    [article] = load_articles(write(tmp_path / "crlf.txt", text)).articles
    assert article.text == text
    assert article.credit == "ANI"


def test_text_is_never_stripped(tmp_path):
    text = "\n\n   " + SALEH + "\n\n\n"
    [article] = load_articles(write(tmp_path / "spaces.txt", text)).articles
    assert article.text == text


def test_gzipped_text_file(tmp_path):
    path = write(tmp_path / "saleh.txt.gz", gzip.compress(SALEH.encode()))
    [article] = load_articles(path).articles
    assert (article.article_id, article.text) == ("saleh", SALEH)


# ----------------------------------------------------------------------------- folders


def test_folder_is_read_recursively_in_sorted_order_with_relative_ids(tmp_path):
    write(tmp_path / "2021" / "09" / "dashti.txt", DASHTI)
    write(tmp_path / "2021" / "motaqi.md", MOTAQI)
    write(tmp_path / "saleh.txt", SALEH)
    write(tmp_path / "README.md", "These are test articles.")
    write(tmp_path / "notes.py", "print('not an article')")
    write(tmp_path / ".hidden.txt", "an editor's backup")
    write(tmp_path / "actors.csv", "actor,aliases,kind\nFahim Dashti,Dashti,person\n")
    result = load_articles(tmp_path)
    assert [a.article_id for a in result] == ["2021/09/dashti", "2021/motaqi", "saleh"]
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (3, 3, 0)
    warned = result.report.loc[result.report["severity"] == "warning", "source_path"].map(lambda p: Path(p).name)
    assert list(warned) == ["actors.csv", "notes.py"]
    assert reasons(result, "warning")[0].startswith("not an article table (no text column")
    assert reasons(result, "warning")[1].startswith("not an article file (.py); passed over")
    assert [a.credit for a in result] == ["ANI", "Reuters", None]


def test_folder_not_recursive(tmp_path):
    write(tmp_path / "sub" / "dashti.txt", DASHTI)
    write(tmp_path / "saleh.txt", SALEH)
    result = load_articles(tmp_path, recursive=False)
    assert [a.article_id for a in result] == ["saleh"]


def test_empty_folder_is_a_warning_not_an_input(tmp_path):
    (tmp_path / "empty").mkdir()
    result = load_articles(tmp_path / "empty", SALEH)
    assert (result.n_inputs, result.n_loaded, result.ok) == (1, 1, True)
    assert reasons(result, "warning") == ["folder holds no article files"]


# ----------------------------------------------------------------------------- JSONL


def test_jsonl_rows_with_metadata_and_line_ids(tmp_path):
    rows = [
        {"id": "d1", "text": DASHTI, "title": "600 killed, resistance says", "published": "2021-09-04", "lang": "en"},
        {"text": SALEH, "outlet": "Test Wire"},
        {"id": 42, "text": MOTAQI, "url": "https://example.org/motaqi", "credit": "Khaama Press"},
    ]
    path = write(tmp_path / "wire.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    result = load_articles(path)
    assert [a.article_id for a in result] == ["d1", "wire:2", "42"]
    d1, saleh, motaqi = result.articles
    assert (d1.title, d1.published, d1.credit, d1.meta) == ("600 killed, resistance says", "2021-09-04", "ANI", {"lang": "en", "source_line": 1})
    assert (saleh.outlet, saleh.source_path) == ("Test Wire", str(path))
    assert motaqi.credit == "Khaama Press"  # the row's credit wins over "-- Reuters"
    assert motaqi.text == MOTAQI


def test_jsonl_gz_with_column_map_and_prefix(tmp_path):
    rows = [{"doc": "a", "body": SALEH, "date": "2021-09-05"}, {"doc": "b", "body": DASHTI, "date": "2021-09-04"}]
    path = write(tmp_path / "export.ndjson.gz", gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    result = load_articles(path, column_map={"doc": "id", "body": "text", "date": "published"}, id_prefix="wire/")
    assert [(a.article_id, a.published) for a in result] == [("wire/a", "2021-09-05"), ("wire/b", "2021-09-04")]


def test_jsonl_bad_lines_cost_only_themselves(tmp_path):
    path = write(tmp_path / "mixed.jsonl", (
        json.dumps({"id": "ok1", "text": SALEH}) + "\n"
        '{"id": "broken", "text": "Dashti said\n'
        "\n"
        '"just a string"\n'
        + json.dumps({"id": "ok2", "text": MOTAQI}) + "\n"
        + json.dumps({"id": "nt", "title": "no text"}) + "\n"
    ))
    result = load_articles(path)
    assert [a.article_id for a in result] == ["ok1", "ok2"]
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (5, 2, 3)
    report = result.report
    assert list(report["line"]) == [2, 4, 6]
    assert list(report["reason"]) == [
        "malformed JSON on line 2: Unterminated string starting at (column 26)",
        "line 4 is a JSON str, not an object with a 'text' field",
        "row has no 'text' field (its fields: id, title); map one with column_map={'your_column': 'text'}",
    ]
    # the byte offset points at the string that never ends
    offset = int(report.loc[0, "byte_offset"])
    assert path.read_bytes()[offset:].startswith(b'"Dashti said\n')


# ----------------------------------------------------------------------------- CSV / TSV


def test_csv_with_embedded_newlines_and_extra_columns(tmp_path):
    frame = pd.DataFrame({
        "id": ["dashti", "saleh"],
        "title": ["Resistance: 600 Taliban killed", "Saleh on Facebook"],
        "text": [DASHTI, SALEH],
        "published": ["2021-09-04", "2021-09-05"],
        "section": ["Asia", ""],
    })
    path = tmp_path / "articles.csv"
    frame.to_csv(path, index=False)
    result = load_articles(path)
    assert result.ok and [a.article_id for a in result] == ["dashti", "saleh"]
    dashti, saleh = result.articles
    assert dashti.text == DASHTI and "\n" in dashti.text
    assert (dashti.title, dashti.published, dashti.credit) == ("Resistance: 600 Taliban killed", "2021-09-04", "ANI")
    assert dashti.meta == {"section": "Asia", "source_line": 2}
    assert saleh.meta == {"section": "", "source_line": 6}  # DASHTI (three line breaks) spans lines 2-5


def test_tsv_and_csv_gz_with_column_map(tmp_path):
    tsv = write(tmp_path / "a.tsv", "Article_ID\tBody\tSource\n7\t" + SALEH + "\tTest Wire\n")
    gz = write(tmp_path / "b.csv.gz", gzip.compress(('article_id,body\n8,"' + MOTAQI + '"\n').encode()))
    result = load_articles(tsv, gz, column_map={"body": "text", "source": "outlet"})
    assert [(a.article_id, a.outlet) for a in result] == [("7", "Test Wire"), ("8", None)]
    assert result.articles[1].text == MOTAQI


def test_csv_without_text_column_given_directly_is_one_skipped_input(tmp_path):
    path = write(tmp_path / "actors.csv", "actor,aliases\nFahim Dashti,Dashti\nAhmad Massoud,Masoud|Massoud\n")
    result = load_articles(path)
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (1, 0, 1)
    assert reasons(result) == [
        "no text column: the header has 'actor', 'aliases'; map one with column_map={'your_column': 'text'}"
    ]


def test_csv_header_only_is_a_warning(tmp_path):
    result = load_articles(write(tmp_path / "h.csv", "id,text\n"), SALEH)
    assert (result.n_inputs, result.n_loaded) == (1, 1)
    assert reasons(result, "warning") == ["only a header (line 1), no rows"]


# ----------------------------------------------------------------------------- strings, Articles, DataFrames


def test_strings_are_texts_unless_they_name_an_existing_path(tmp_path, monkeypatch):
    path = write(tmp_path / "saleh.txt", SALEH)
    monkeypatch.chdir(tmp_path)
    result = load_articles("saleh.txt", str(path), DASHTI, "Masoud")
    ids = [a.article_id for a in result]
    # the same file twice: the second is a duplicate id
    assert ids == ["saleh", "text-" + hashlib.sha1(DASHTI.encode()).hexdigest()[:10], ids[2]]
    assert ids[2].startswith("text-") and result.articles[2].text == "Masoud"
    assert reasons(result) == ["duplicate article_id 'saleh' (first seen in saleh.txt)"]
    assert result.articles[1].source_path is None and result.articles[1].credit == "ANI"


def test_long_single_line_string_is_text_even_if_it_looks_like_a_path():
    text = "a" * 5000 + ".txt"
    [article] = load_articles(text).articles
    assert article.text == text


def test_missing_path_like_string_is_reported(tmp_path):
    result = load_articles(str(tmp_path / "nope.csv"), tmp_path / "gone.txt")
    assert (result.n_inputs, result.n_loaded) == (2, 0)
    assert reasons(result)[1] == "no such file or folder"


def test_articles_pass_through_and_duplicate_ids_are_reported():
    a = Article("p1", SALEH, outlet="Test Wire")
    b = Article("p1", DASHTI)
    result = load_articles(a, [b])
    assert result.articles == [a]
    assert reasons(result) == ["duplicate article_id 'p1' (first seen in <Article argument 0>)"]
    assert result.report.loc[0, "source_path"] == "<Article argument 1>"


def test_article_without_text_is_reported():
    result = load_articles(Article("blank", "  \n"), Article("ok", SALEH))
    assert [a.article_id for a in result] == ["ok"]
    assert reasons(result) == ["Article has no text"]


def test_dataframe_rows_like_csv():
    frame = pd.DataFrame({
        "article_id": ["a", "b", "c", "d"],
        "publish_date": pd.to_datetime(["2021-09-04", "2021-09-05 14:30", None, "2021-09-06"], format="ISO8601"),
        "text": [DASHTI, SALEH, None, 600],
    })
    result = load_articles(frame, column_map={"publish_date": "published"})
    assert [(a.article_id, a.published) for a in result] == [("a", "2021-09-04"), ("b", "2021-09-05T14:30:00"), ("d", "2021-09-06")]
    assert result.articles[2].text == "600"
    report = result.report
    assert list(report["severity"]) == ["skipped", "warning"]
    assert list(report["line"]) == [3, 4]
    assert report.loc[0, "reason"] == "row has no text ('text' is empty)"
    assert report.loc[1, "reason"] == "'text' is a number (600); loaded as the string '600'"


def test_dataframe_index_gives_ids_and_missing_text_column_is_one_input():
    frame = pd.DataFrame({"text": [SALEH, MOTAQI]}, index=["saleh", "motaqi"])
    assert [a.article_id for a in load_articles(frame)] == ["saleh", "motaqi"]
    result = load_articles(pd.DataFrame({"body": [SALEH, MOTAQI]}))
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (1, 0, 1)
    assert reasons(result)[0].startswith("no text column in the DataFrame (so its 2 rows count as one input)")


# ----------------------------------------------------------------------------- the result object


def test_result_summary_iteration_and_articles_frame(tmp_path):
    result = load_articles(SEED, SALEH, write(tmp_path / "empty.txt", ""))
    assert len(result) == 2 and [a.article_id for a in result][0] == "panjshir_2021-09-04"
    assert result[0].article_id == "panjshir_2021-09-04"
    assert not result.ok
    assert str(result).splitlines()[0] == "LoadResult: 3 input(s): 2 loaded, 1 skipped, 0 warning(s)"
    assert "empty file" in str(result)
    frame = result.articles_frame()
    assert list(frame.columns) == schema.COLUMNS["articles"]
    assert dict(frame.dtypes.astype(str)) == schema.DTYPES["articles"]
    assert list(frame["n_chars"]) == [len(result[0].text), len(SALEH)]
    assert frame.loc[0, "credit"] == "ANI"
    report = result.report
    assert list(report.columns) == ["source_path", "line", "byte_offset", "article_id", "reason", "severity"]
    assert report.loc[0, "article_id"] == "empty"


def test_empty_result_frames_have_the_schema_columns(tmp_path):
    result = load_articles(write(tmp_path / "empty.txt", ""))
    assert list(result.articles_frame().columns) == schema.COLUMNS["articles"]
    assert len(result.articles_frame()) == 0


def test_no_inputs_is_an_error():
    with pytest.raises(ArticleLoadError, match="no inputs"):
        load_articles()
    with pytest.raises(ArticleLoadError, match="no inputs"):
        load_articles([])
    with pytest.raises(ArticleLoadError, match="column_map maps to 'body'"):
        load_articles(SALEH, column_map={"text_col": "body"})


def test_unsupported_input_type_is_reported_not_raised():
    result = load_articles(b"bytes are not an article", SALEH)
    assert (result.n_inputs, result.n_loaded) == (2, 1)
    assert reasons(result) == ["unsupported input of type bytes: pass a path, a folder, a str, an Article or a DataFrame"]


# ----------------------------------------------------------------------------- credit lines


@pytest.mark.parametrize(
    ("text", "credit", "phrase"),
    [
        ("Masoud vowed to save the valley.\n(With inputs from ANI)", "ANI", "(With inputs from ANI)"),
        ("Masoud vowed to save the valley.\n(With inputs from agencies)\n\n", "agencies", "(With inputs from agencies)"),
        ("Masoud vowed to save the valley.\n(With inputs from ANI and PTI)", "ANI|PTI", "(With inputs from ANI and PTI)"),
        ("Masoud vowed to save the valley. (AFP)", "AFP", "(AFP)"),
        ("Masoud vowed to save the valley.\n-- Reuters", "Reuters", "-- Reuters"),
        ("Masoud vowed to save the valley. \u2014 Agence France-Presse", "Agence France-Presse", "\u2014 Agence France-Presse"),
        ("The Taliban denied it.\n(Reporting by Mohammad Yunus Yawar in Kabul and Jane Doe; Editing by Ann Lee)",
         "Mohammad Yunus Yawar|Jane Doe", "(Reporting by Mohammad Yunus Yawar in Kabul and Jane Doe; Editing by Ann Lee)"),
        ("The Taliban denied it.\n(Additional reporting by Jane Doe in Islamabad)", "Jane Doe", "(Additional reporting by Jane Doe in Islamabad)"),
    ],
)
def test_find_credit(text, credit, phrase):
    found = find_credit(text)
    assert found.credit == credit
    assert text[found.start:found.end] == phrase


@pytest.mark.parametrize("text", [
    "",
    "Masoud said he would never give up.",
    "He said the fighting would go on -- and nobody believed him",
    "The source spoke (on condition of anonymity).",
    "(With inputs from ANI)\nThe credit line is not the last line here.",
])
def test_no_credit(text):
    assert find_credit(text) is None


# ----------------------------------------------------------------------------- a real corpus


@pytest.mark.corpus
def test_news_articles_corpus_loads_with_a_column_map():
    path = SHARED / "corpora" / "NewsArticles.csv.gz"
    if not path.exists():
        pytest.skip(f"the third-party corpus {path} is absent (set PANJSHIR_SHARED to the shared folder)")
    started = time.perf_counter()
    result = load_articles(path, column_map={"article_id": "id", "publish_date": "published", "article_source_link": "url"})
    seconds = time.perf_counter() - started
    print(f"\nNewsArticles.csv.gz: {result.summary()} in {seconds:.2f} s")
    assert result.n_loaded + result.n_reported == result.n_inputs
    # 3,824 rows; 36 of them have an empty text field in the corpus as distributed
    assert (result.n_inputs, result.n_loaded, result.n_reported) == (3824, 3788, 36)
    assert set(result.report["reason"]) == {"row has no text ('text' is empty)"}
    assert result.report.loc[0, ["line", "article_id"]].tolist() == [23, "22"]
    first = result.articles[0]
    assert (first.article_id, first.published) == ("1", "2017/2/7")
    assert first.title.startswith("Betsy DeVos Confirmed")
    assert first.url.startswith("http://abcnews.go.com/")
    assert "subtitle" in first.meta
