"""Dask: the per-article function mapped over a Dask bag or DataFrame of articles.

For corpora beyond one machine the toolkit does not run its own cluster: it hands the
same pure per-article function that :func:`panjshir_toolkit.analyze` uses to
`Dask <https://docs.dask.org>`_. :func:`analyze_dask` builds a lazy graph (one task per
partition of articles) and returns Dask DataFrames of the six tables, with exactly the
contract's columns and dtypes (``meta=schema.empty_table(name)``). Computed, they equal
the serial tables: same rows, same ids, same order (partitions keep the input order).

Where it runs is Dask's business. By default Dask uses its local threaded scheduler, which
the GIL makes slow for this pure-Python work; use processes or a cluster::

    from dask.distributed import Client, LocalCluster

    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))  # this machine, 4 processes
    # or an existing cluster (dask-jobqueue on SLURM, dask-kubernetes, Coiled, ...):
    client = Client("tcp://scheduler:8786")

    import dask
    import dask.bag as db
    from panjshir_toolkit.distributed import analyze_dask, articles_bag

    bag = articles_bag(["archive/2017-01.jsonl.gz", "archive/2017-02.jsonl.gz"])  # read on the workers
    tables = analyze_dask(bag)
    articles, quotes, claims = dask.compute(tables["articles"], tables["quotes"], tables["claims"])
    tables["claims"].to_parquet("out/claims")                       # or stay lazy and write in parallel

Every worker needs ``panjshir_toolkit`` installed and the NLTK resources
(``panjshir-toolkit setup``, or ``NLTK_DATA`` pointing at a shared folder); files given
to :func:`articles_bag` must be readable by the workers (shared or object storage).

Compute the tables you need in one ``dask.compute(...)`` call (or ``persist`` them):
each partition is then analysed once, however many tables are asked for. The actor
codebook is put into the graph once and shipped once to each worker, not per task.
"""

from __future__ import annotations

import functools
import operator
import os

import pandas as pd

from .articles import Article
from .errors import OptionalDependencyError
from .schema import TABLES, empty_table

__all__ = ["analyze_dask", "articles_bag", "DaskTables"]

_PART_TABLES = ("articles", "sentences", "quotes", "figures", "claims")
_ACTOR_QUOTE_COLS = ["quote_id", "speaker", "speaker_kind", "affiliation", "speaker_text", "relayed_by"]
_REPORT_COLUMNS = ["source_path", "line", "byte_offset", "article_id", "reason", "severity"]
_ARTICLE_FIELDS = ("article_id", "text", "title", "outlet", "published", "url", "byline", "credit", "source_path")


def _require_dask():
    try:
        import dask  # noqa: F401
        import dask.bag  # noqa: F401
        import dask.dataframe  # noqa: F401
    except ImportError:
        raise OptionalDependencyError("dask[dataframe]", "Distributed analysis (analyze_dask)", "scale") from None


class DaskTables(dict):
    """The six tables as Dask DataFrames (a dict: ``tables["quotes"]``), plus ``report``.

    Attributes:
        report: a Dask DataFrame of the articles whose analysis failed (they are kept in
            the tables without annotations), with the load report's columns.
    """

    report = None

    def compute(self, **kwargs) -> dict[str, pd.DataFrame]:
        """All six tables as pandas DataFrames, computed in one pass (each partition analysed once).

        The index is reset to 0..n-1, as in :func:`panjshir_toolkit.analyze` (the Dask
        frames themselves keep each partition's own index). Keyword arguments go to
        :func:`dask.compute` (e.g. ``scheduler="processes"``).
        """
        import dask

        names = list(self)
        frames = dask.compute(*(self[n] for n in names), **kwargs)
        return {name: frame.reset_index(drop=True) for name, frame in zip(names, frames)}


def _to_article(item) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        fields = {k: item.get(k) for k in _ARTICLE_FIELDS if item.get(k) is not None}
        meta = {k: v for k, v in item.items() if k not in _ARTICLE_FIELDS}
        return Article(**fields, meta=meta)
    raise TypeError(
        f"analyze_dask needs Article objects or dicts with 'article_id' and 'text', got {type(item).__name__}."
    )


def _partition_articles(part) -> list[Article]:
    if isinstance(part, pd.DataFrame):
        missing = [c for c in ("article_id", "text") if c not in part.columns]
        if missing:
            from .errors import ColumnsError

            raise ColumnsError("analyze_dask on a Dask DataFrame of articles", missing)
        rows = part.astype(object).where(part.notna(), None).to_dict("records")
        return [_to_article({k: (str(v) if v is not None else None) for k, v in row.items()}) for row in rows]
    return [_to_article(item) for item in part]


def _analyze_partition(part, codebook, func=None) -> dict:
    """The tables of one partition, plus what the corpus-wide actors table needs."""
    from .pipeline import _safe_analyze, failure_rows
    from .tables import build_tables

    pairs = [_safe_analyze(a, codebook, func) for a in _partition_articles(part)]
    tables = build_tables((res for res, _ in pairs), codebook)
    out = {name: tables[name] for name in _PART_TABLES}
    out["_actor_quotes"] = tables["quotes"][_ACTOR_QUOTE_COLS]
    out["_actor_figures"] = tables["figures"][["quote_id"]]
    out["_report"] = pd.DataFrame(failure_rows(pairs), columns=_REPORT_COLUMNS)
    return out


def _actors_from_partitions(quote_parts, figure_parts, codebook) -> pd.DataFrame:
    from .actors import actors_table

    quotes = pd.concat([empty_table("quotes")[_ACTOR_QUOTE_COLS], *quote_parts], ignore_index=True)
    figures = pd.concat([empty_table("figures")[["quote_id"]], *figure_parts], ignore_index=True)
    return actors_table(quotes, figures, codebook)


def analyze_dask(articles, actors=None, *, func=None) -> DaskTables:
    """The six tables of a Dask collection of articles, as lazy Dask DataFrames.

    Args:
        articles: a ``dask.bag.Bag`` of :class:`~panjshir_toolkit.articles.Article` objects
            (or of dicts with ``article_id``, ``text`` and any other article field), or a
            ``dask.dataframe.DataFrame`` with the columns ``article_id`` and ``text`` (and any
            of ``title, outlet, published, url, byline, credit, source_path``). One task per
            partition: aim for partitions of a few hundred articles.
        actors: the actor codebook (CSV path, DataFrame, Codebook or None for the default).
        func: the per-article function (default
            :func:`panjshir_toolkit.pipeline.analyze_article`); a top-level function.

    Returns:
        A :class:`DaskTables` dict ``{table name: dask DataFrame}`` in the order of
        :data:`panjshir_toolkit.schema.TABLES`; each has the contract's columns and
        dtypes, unknown divisions and the partitions of the input, in order. ``actors``
        counts over the whole corpus (one partition). ``.report`` lists the articles whose
        analysis failed. Nothing is computed until you ask.

    Raises:
        OptionalDependencyError: Dask is not installed.
        TypeError: *articles* is not a Dask bag or DataFrame.

    Example:
        >>> import dask.bag as db                                  # doctest: +SKIP
        >>> tables = analyze_dask(db.from_sequence(articles, npartitions=8))
        >>> tables.compute()["quotes"].head()
    """
    _require_dask()
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    from .pipeline import resolve_codebook

    if isinstance(articles, db.Bag):
        parts = articles.to_delayed()
    elif isinstance(articles, dd.DataFrame):
        parts = articles.to_delayed()
    else:
        raise TypeError(
            f"analyze_dask needs a dask.bag.Bag or dask.dataframe.DataFrame of articles, got {type(articles).__name__}. "
            "For a list of Articles use dask.bag.from_sequence(articles, npartitions=...) or panjshir_toolkit.analyze()."
        )
    codebook = dask.delayed(resolve_codebook(actors), pure=True)  # one key: shipped once per worker
    analyse = dask.delayed(functools.partial(_analyze_partition, func=func), pure=True)
    results = [analyse(part, codebook) for part in parts]
    pick = dask.delayed(operator.getitem, pure=True)
    tables = DaskTables()
    for name in TABLES:
        if name == "actors":
            table = dask.delayed(_actors_from_partitions, pure=True)(
                [pick(r, "_actor_quotes") for r in results], [pick(r, "_actor_figures") for r in results], codebook)
            tables[name] = dd.from_delayed([table], meta=empty_table(name), verify_meta=False)
        else:
            tables[name] = dd.from_delayed([pick(r, name) for r in results], meta=empty_table(name), verify_meta=False)
    report_meta = pd.DataFrame({c: pd.Series([], dtype="object") for c in _REPORT_COLUMNS})
    tables.report = dd.from_delayed([pick(r, "_report") for r in results], meta=report_meta, verify_meta=False)
    return tables


def _read_file(path: str, column_map: dict | None) -> list[Article]:
    from .stream import iter_articles

    return list(iter_articles(path, column_map))


def articles_bag(paths, column_map: dict | None = None):
    """A Dask bag of the articles in CSV/JSONL files, one partition per file, read on the workers.

    Split a large corpus into many files (a few hundred to a few thousand articles each)
    so that the work spreads over the cluster; the files must be readable by the workers.
    Rows that cannot be read are skipped (use :func:`panjshir_toolkit.stream.iter_articles`
    locally to see why).

    Args:
        paths: a path or a list of paths (``.csv``, ``.jsonl``, optionally ``.gz``).
        column_map: their column name -> ours, e.g. ``{"body": "text"}``.
    """
    _require_dask()
    import dask.bag as db

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [str(p) for p in paths]
    return db.from_sequence(paths, npartitions=max(1, len(paths))).map(_read_file, column_map).flatten()
