"""The News Articles corpus fetcher: where it looks, how it normalises, what it says when it cannot."""

import gzip
import io
import json
import os
import urllib.error
from pathlib import Path

import pandas as pd
import pytest

from panjshir_toolkit import corpora
from panjshir_toolkit.corpora import (
    ENV_VAR, fetch_news_articles, normalize_news_articles, normalize_published, outlet_from_url,
)
from panjshir_toolkit.errors import ToolkitError

SHARED = Path(os.environ.get("PANJSHIR_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpora" / "NewsArticles.csv.gz"
needs_corpus = pytest.mark.skipif(not CORPUS.is_file(), reason=f"the News Articles corpus is not at {CORPUS} "
                                                               "(set PANJSHIR_SHARED to the folder holding corpora/)")

RAW = (
    "article_id,publish_date,article_source_link,title,subtitle,text\n"
    '37,2017/2/7,http://www.cnn.com/2017/02/07/world/afghanistan-explosion/index.html,'
    '20 dead in suicide blast outside Afghan Supreme Court in Kabul,,'
    '"At least 35 people were wounded in the blast, according to Saleem Rasooli, head of Kabul hospitals."\n'
    '9, 2016/12/30 7:11,http://europe.chinadaily.com.cn/world/2016-12/30/content_1.htm,, ,'
    '"The ministry said ""?it was a mistake""? on Friday."\n'
    "10,2017/3/1,https://news.example.org/a,Other,,\n"
)


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "NewsArticles.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(RAW)
    return path


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv(corpora.SHARED_ENV_VAR, raising=False)


@pytest.mark.parametrize("url, outlet", [
    ("http://abcnews.go.com/Politics/pence-break-tie/story?id=45310061", "ABC News"),
    ("http://www.aljazeera.com/news/2017/02/suicide-blast-supreme-court-kabul-170207114057162.html", "Al Jazeera"),
    ("http://tass.com/politics/929372", "TASS"),
    ("http://www.rte.ie/news/2017/0207/850847-kabul-attack-court/", "RTÉ"),
    ("http://www.huffingtonpost.com/entry/x", "HuffPost"),
    ("http://www.dw.com/en/taliban-assaults/a-37758382?maca=en-rss-en-all-1573-rdf", "DW"),
    ("http://europe.chinadaily.com.cn/world/2017-02/07/content_28122540.htm", "China Daily"),
    ("http://www.bbc.co.uk/news/uk-39278929", "BBC"),
    ("http://www.cnn.com/2017/02/07/world/afghanistan-explosion/index.html", "CNN"),
    ("https://news.example.org/a", "news.example.org"),
    ("not a url", None),
    (None, None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize("raw, iso", [
    ("2017/2/7", "2017-02-07"), (" 2017/2/7 ", "2017-02-07"), ("2016/12/30 7:11", "2016-12-30T07:11"),
    ("2017-03-01", "2017-03-01"), ("2017/2/30", None), ("", None), ("yesterday", None), (None, None),
])
def test_normalize_published(raw, iso):
    assert normalize_published(raw) == iso


def test_path_argument_normalises(small_csv):
    news = fetch_news_articles(path=small_csv, download=False)
    assert list(news.columns) == ["id", "title", "outlet", "published", "url", "text"]
    assert news["id"].tolist() == ["37", "9", "10"]
    assert news["outlet"].tolist() == ["CNN", "China Daily", "news.example.org"]
    assert news["published"].tolist() == ["2017-02-07", "2016-12-30T07:11", "2017-03-01"]
    assert news["title"].isna().tolist() == [False, True, False]
    assert news.loc[1, "text"] == 'The ministry said "?it was a mistake"? on Friday.'  # mojibake kept as is
    assert news.loc[2, "text"] == ""
    assert (news.dtypes == "string").all()
    raw = fetch_news_articles(path=small_csv, raw=True)
    assert list(raw.columns) == list(corpora.RAW_COLUMNS) and raw.loc[1, "publish_date"] == " 2016/12/30 7:11"


def test_env_var_comes_before_the_cache(small_csv, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(small_csv))
    assert fetch_news_articles(data_home=tmp_path / "empty-cache", download=False)["id"].tolist() == ["37", "9", "10"]


def test_shared_folder_comes_after_the_env_var_and_before_the_cache(small_csv, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "corpora").mkdir(parents=True)
    small_csv.rename(shared / "corpora" / "NewsArticles.csv.gz")
    monkeypatch.setenv(corpora.SHARED_ENV_VAR, str(shared))
    assert fetch_news_articles(data_home=tmp_path / "empty-cache", download=False)["id"].tolist() == ["37", "9", "10"]
    monkeypatch.setenv(corpora.SHARED_ENV_VAR, str(tmp_path / "elsewhere"))
    with pytest.raises(ToolkitError, match=r"(?s)Searched:.*elsewhere.corpora.NewsArticles.csv.gz"):
        fetch_news_articles(data_home=tmp_path / "empty-cache", download=False)


def test_cache_is_used_when_present(small_csv, tmp_path):
    cache = tmp_path / "home" / "news_articles"
    cache.mkdir(parents=True)
    (cache / "NewsArticles.csv.gz").write_bytes(small_csv.read_bytes())
    assert len(fetch_news_articles(data_home=tmp_path / "home", download=False)) == 3


def test_not_local_and_no_download_says_what_to_do(tmp_path):
    with pytest.raises(ToolkitError, match=rf"(?s)not available locally and download=False.*{ENV_VAR}=.*path=.*Searched"):
        fetch_news_articles(data_home=tmp_path, download=False)


def test_offline_download_failure_says_what_to_do(tmp_path, monkeypatch):
    def offline(url, timeout=60):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(corpora, "_urlopen", offline)
    with pytest.raises(ToolkitError, match=rf"(?s)Could not download.*name resolution.*are you offline.*{ENV_VAR}"):
        fetch_news_articles(data_home=tmp_path)
    assert not (tmp_path / "news_articles" / "NewsArticles.csv.gz").exists()


def _fake_dataverse(monkeypatch, payload: bytes, calls: list):
    listing = {"status": "OK", "data": [{"label": "NewsArticles.csv", "dataFile": {"id": 3012345,
                                                                                  "filename": "NewsArticles.csv"}}]}

    def fake(url, timeout=60):
        calls.append(url)
        if "/api/datasets/" in url:
            return io.BytesIO(json.dumps(listing).encode())
        return io.BytesIO(payload)

    monkeypatch.setattr(corpora, "_urlopen", fake)


def test_download_rejects_a_file_with_other_content(tmp_path, monkeypatch, small_csv):
    calls = []
    _fake_dataverse(monkeypatch, small_csv.read_bytes(), calls)
    with pytest.raises(ToolkitError, match=r"does not have the expected content.*nothing was saved"):
        fetch_news_articles(data_home=tmp_path)
    assert calls[0].startswith("https://dataverse.harvard.edu/api/datasets/:persistentId/")
    assert "doi:10.7910/DVN/GMFCTR" in calls[0]
    assert calls[1] == "https://dataverse.harvard.edu/api/access/datafile/3012345?format=original"
    assert [p.name for p in (tmp_path / "news_articles").iterdir()] == []


@needs_corpus
@pytest.mark.corpus
def test_download_of_the_plain_csv_is_checked_and_cached(tmp_path, monkeypatch):
    with gzip.open(CORPUS, "rb") as fh:
        plain = fh.read()
    calls = []
    _fake_dataverse(monkeypatch, plain, calls)
    news = fetch_news_articles(data_home=tmp_path)
    assert len(news) == corpora.N_ARTICLES
    cached = tmp_path / "news_articles" / "NewsArticles.csv.gz"
    assert cached.is_file() and corpora._content_sha256(cached) == corpora.SHA256_CSV
    assert [p.name for p in cached.parent.iterdir()] == ["NewsArticles.csv.gz"]
    calls.clear()
    assert len(fetch_news_articles(data_home=tmp_path)) == corpora.N_ARTICLES
    assert calls == []  # the second call reads the cache


def test_not_this_corpus(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(ToolkitError, match="does not look like the News Articles corpus.*publish_date"):
        fetch_news_articles(path=path)


def test_missing_explicit_path(tmp_path):
    with pytest.raises(ToolkitError, match="does not exist"):
        fetch_news_articles(path=tmp_path / "nope.csv.gz")


def test_citation_readme_license():
    assert corpora.citation() == ('Dai, Tianru (2017). "News Articles". Harvard Dataverse, V1. '
                                  "https://doi.org/10.7910/DVN/GMFCTR")
    assert "3,824" in corpora.readme() and "published" in corpora.readme()
    assert "copyright" in corpora.license() and "do not redistribute" in corpora.license()


@needs_corpus
@pytest.mark.corpus
def test_the_shared_corpus():
    assert corpora._content_sha256(CORPUS) == corpora.SHA256_CSV
    news = fetch_news_articles(path=CORPUS)
    assert len(news) == corpora.N_ARTICLES and news["id"].is_unique
    assert news["outlet"].value_counts().to_dict() == {
        "Al Jazeera": 559, "TASS": 485, "ABC News": 474, "RTÉ": 443, "HuffPost": 436, "DW": 436,
        "China Daily": 360, "BBC": 355, "CNN": 276}
    assert news["published"].notna().all()
    assert news["published"].str.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d)?").all()
    assert news["published"].min() >= "2016-04" and news["published"].max() < "2017-04"
    assert (news["text"] == "").sum() == 36
    assert news["text"].str.contains('"?', regex=False).sum() == 978
