"""The pipeline: one pure function per article, mapped over a corpus.

:func:`analyze_article` turns one :class:`~panjshir_toolkit.articles.Article` into an
:class:`~panjshir_toolkit.tables.ArticleResult`; it has no side effects, so a corpus can be
mapped over it serially, in processes (``n_jobs``) or on a Dask cluster with the same result.
:func:`analyze` does the mapping and returns an :class:`Analysis` holding the six tables.
"""

from __future__ import annotations

import functools
import time
import traceback
import warnings
from pathlib import Path

import pandas as pd

from . import text as _text
from .actors import Codebook, default_codebook, load_codebook, resolve_speaker
from .articles import Article
from .errors import ToolkitError
from .schema import TABLES, join_multi
from .tables import ArticleResult, build_tables

__all__ = ["analyze_article", "analyze", "Analysis"]


def _article_record(article: Article) -> dict:
    return {
        "article_id": article.article_id, "title": article.title, "outlet": article.outlet,
        "published": article.published, "url": article.url, "byline": article.byline,
        "credit": article.credit, "source_path": article.source_path, "text": article.text,
        "n_chars": len(article.text),
    }


def analyze_article(article: Article, codebook: Codebook | None = None, *, timings: dict | None = None) -> ArticleResult:
    """Segment, attribute, resolve and count one article. Pure: same input, same output.

    Args:
        article: the article to analyse.
        codebook: the actor codebook (default: ``data/actors.csv``).
        timings: when given, seconds spent per stage are added to it under the keys
            ``segment``, ``attribute`` (with speaker resolution), ``figures`` and ``tables``
            (what the benchmark reports as each stage's share).

    Returns:
        An :class:`ArticleResult` whose records carry the table columns, with ids
        ``"<article_id>:q<n>"`` for quotes and ``"<article_id>:f<n>"`` for figures.
    """
    from .attribution import extract_quotes
    from .figures import extract_figures

    clock = time.perf_counter
    codebook = codebook or default_codebook()
    aid = article.article_id
    text = article.text
    t0 = clock()
    sentences = _text.split_sentences(text)
    t1 = clock()
    quotes = extract_quotes(text, sentences)
    for n, q in enumerate(quotes, start=1):
        q["quote_id"] = f"{aid}:q{n}"
        q["article_id"] = aid
        q.update(resolve_speaker(q, codebook))
    t2 = clock()
    figures = extract_figures(text, sentences, quotes)
    t3 = clock()
    for n, f in enumerate(figures, start=1):
        f["figure_id"] = f"{aid}:f{n}"
        f["article_id"] = aid
        ev = f.get("event")
        f["event"] = join_multi(ev) if isinstance(ev, (list, tuple)) else ev
    for q in quotes:
        q["relayed_by"] = join_multi(_canonical_media(q.get("relayed_by") or [], codebook))
        q["sentence_ids"] = join_multi(q.get("sentence_ids") or [])
    sentence_rows = [
        {"article_id": aid, "sentence_id": s.sentence_id, "paragraph_id": s.paragraph_id,
         "start": s.start, "end": s.end, "text": s.text}
        for s in sentences
    ]
    result = ArticleResult(_article_record(article), sentence_rows, quotes, figures)
    if timings is not None:
        for key, seconds in (("segment", t1 - t0), ("attribute", t2 - t1), ("figures", t3 - t2), ("tables", clock() - t3)):
            timings[key] = timings.get(key, 0.0) + seconds
    return result


def _canonical_media(names, codebook: Codebook) -> list[str]:
    out = []
    for name in names:
        actor = codebook.match(name)
        out.append(actor.actor if actor is not None and actor.kind == "media" else name)
    return out


def _safe_analyze(article: Article, codebook: Codebook, func=None) -> tuple[ArticleResult, str | None]:
    """analyze_article that never loses the article: on an internal error the article
    is kept (with no quotes or figures) and the error is returned for the report.

    *func* replaces :func:`analyze_article` (same signature); it must be a top-level
    function so that worker processes can import it.
    """
    try:
        return (func or analyze_article)(article, codebook), None
    except ToolkitError:
        raise  # a missing NLTK resource or a bad codebook is the set-up's problem, not the article's
    except Exception as exc:  # a bug must cost one article's annotations, never the batch
        tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return ArticleResult(_article_record(article)), f"analysis failed, article kept without annotations: {tb}"


def map_articles(articles, codebook: Codebook, n_jobs: int = 1, chunksize: int | None = None, *,
                 progress: bool = False, func=None) -> list[tuple[ArticleResult, str | None]]:
    """(ArticleResult, error or None) for every article, in input order, serially or in processes.

    The codebook is sent once to each worker process, the articles in chunks
    (see :mod:`panjshir_toolkit.parallel`); the result is identical to a serial run.

    Args:
        articles: the articles.
        codebook: the actor codebook.
        n_jobs: worker processes (1: serial; -1: every core).
        chunksize: articles per task (default: about four chunks per worker, at most 64).
        progress: show a progress bar (tqdm; terminal or notebook).
        func: the per-article function (default :func:`analyze_article`), a top-level
            function ``func(article, codebook) -> ArticleResult``.
    """
    from .parallel import parallel_map

    worker = functools.partial(_safe_analyze, func=func) if func is not None else _safe_analyze
    return parallel_map(worker, articles, (codebook,), n_jobs=n_jobs, chunksize=chunksize,
                        progress=progress, desc="articles")


def resolve_codebook(actors=None) -> Codebook:
    """The codebook *actors* names: None (the default), a :class:`Codebook`, a CSV path or a DataFrame."""
    if actors is None:
        return default_codebook()
    if isinstance(actors, Codebook):
        return actors
    return load_codebook(actors)


def failure_rows(pairs) -> list[dict]:
    """Load-report rows (severity ``warning``) for the articles whose analysis failed."""
    return [
        {"source_path": res.article.get("source_path"), "line": None, "byte_offset": None,
         "article_id": res.article["article_id"], "reason": err, "severity": "warning"}
        for res, err in pairs if err
    ]


class Analysis:
    """The six tables of an analysed corpus, plus the load report.

    Attributes:
        articles, sentences, quotes, figures, claims, actors: the DataFrames of DESIGN.md.
        report: the load report (files or rows that were skipped, with the reason) and any
            article whose analysis failed.
        codebook: the actor codebook used.
    """

    def __init__(self, tables: dict[str, pd.DataFrame], report: pd.DataFrame | None = None, codebook: Codebook | None = None):
        self.tables = tables
        for name in TABLES:
            setattr(self, name, tables[name])
        self.report = report if report is not None else pd.DataFrame()
        self.codebook = codebook

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self):
        return iter(self.tables.items())

    def summary(self) -> pd.Series:
        """Rows per table (and problems reported)."""
        sizes = {name: len(t) for name, t in self.tables.items()}
        sizes["reported"] = len(self.report)
        return pd.Series(sizes, name="rows")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={v}" for k, v in self.summary().items())
        return f"<Analysis {sizes}>"

    def write(self, out_dir: str | Path, format: str = "csv") -> list[Path]:
        """Write the six tables to *out_dir* as ``<table>.<format>`` (csv, parquet or xlsx)."""
        from .exports import write_tables

        return write_tables(self.tables, out_dir, format=format)


def analyze(inputs, *, actors=None, n_jobs: int = 1, column_map: dict | None = None,
            progress: bool = False) -> Analysis:
    """Analyse articles and return the six tables.

    Args:
        inputs: anything :func:`~panjshir_toolkit.articles.load_articles` accepts (paths,
            folders, CSV/JSONL files, strings, DataFrames, Article objects, or a list of them),
            or a :class:`~panjshir_toolkit.articles.LoadResult`.
        actors: the actor codebook: a CSV path, a DataFrame, a :class:`Codebook`, or None for
            the default (``data/actors.csv``).
        n_jobs: worker processes (1: serial; -1: every core). The result is identical.
        column_map: passed to ``load_articles`` for CSV/JSONL/DataFrame inputs with other column names.
        progress: show a progress bar while analysing (tqdm; a text bar in a terminal, a
            widget in Jupyter). Off by default.

    Returns:
        An :class:`Analysis`; problems with single inputs are in ``analysis.report``, never raised.

    Examples:
        >>> from panjshir_toolkit import analyze, panjshir_path
        >>> result = analyze(panjshir_path())
        >>> result.quotes.loc[0, ["speaker", "cue", "quote_type"]].tolist()
        ['National Resistance Front', 'claimed', 'indirect']
    """
    from .articles import LoadResult, load_articles

    if isinstance(inputs, LoadResult):
        loaded = inputs
    else:
        if isinstance(inputs, (list, tuple)):
            loaded = load_articles(*inputs, column_map=column_map)
        else:
            loaded = load_articles(inputs, column_map=column_map)
    codebook = resolve_codebook(actors)
    pairs = map_articles(list(loaded.articles), codebook, n_jobs=n_jobs, progress=progress)
    failures = failure_rows(pairs)
    report = loaded.report
    if failures:
        report = pd.concat([report, pd.DataFrame(failures)], ignore_index=True)
        warnings.warn(
            f"{len(failures)} of {len(pairs)} article(s) hit an internal error and are kept without quotes "
            f"or figures (first: {failures[0]['article_id']}: {failures[0]['reason']}). See analysis.report; "
            "please report it as a bug with the article.",
            RuntimeWarning, stacklevel=2,
        )
    tables = build_tables((res for res, _ in pairs), codebook)
    return Analysis(tables, report, codebook)
