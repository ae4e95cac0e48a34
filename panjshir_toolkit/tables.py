"""Tables: the per-article records of every stage, assembled into the DataFrames of DESIGN.md.

:func:`build_tables` takes :class:`ArticleResult` objects (what the pure per-article
function :func:`panjshir_toolkit.pipeline.analyze_article` returns) and gives the six tables:
articles, sentences, quotes, figures, claims, actors, with exactly the columns of
:mod:`panjshir_toolkit.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .schema import COLUMNS, DTYPES, TABLES, conform, empty_table

__all__ = ["ArticleResult", "build_tables", "claims_table"]


@dataclass
class ArticleResult:
    """What the pipeline found in one article, as plain records (picklable, mergeable).

    Each list holds dicts keyed by the columns of the matching table.
    """

    article: dict
    sentences: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)


_ARTICLE_META = ["article_id", "outlet", "published", "title", "credit"]


def claims_table(articles: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Quotes joined with their figures and the article's metadata: one row per figure.

    A quote without figures is one row with empty figure columns; a figure outside any
    quote (the outlet's own) is one row with empty quote columns. Rows are in text order
    within each article.
    """
    if not len(quotes) and not len(figures):
        return empty_table("claims")
    fig = figures.rename(columns={"start": "figure_start", "end": "figure_end"})
    fig_cols = [c for c in DTYPES["claims"] if c in fig.columns and c not in ("article_id",)]
    quote_cols = [c for c in DTYPES["quotes"]]
    attributed = quotes[quote_cols].merge(fig[fig_cols].dropna(subset=["quote_id"]), on="quote_id", how="left")
    own = fig[fig["quote_id"].isna()][["article_id", *[c for c in fig_cols if c != "quote_id"]]]
    rows = pd.concat([attributed, own], ignore_index=True, sort=False)
    order_pos = rows["content_start"].astype("Float64").fillna(rows["figure_start"].astype("Float64"))
    rows = rows.assign(_a=rows["article_id"], _p=order_pos, _f=rows["figure_start"].astype("Float64"))
    article_order = {a: i for i, a in enumerate(articles["article_id"])}
    rows["_a"] = rows["_a"].map(article_order)
    rows = rows.sort_values(["_a", "_p", "_f"], kind="stable", na_position="first").drop(columns=["_a", "_p", "_f"])
    rows = rows.merge(articles[_ARTICLE_META], on="article_id", how="left")
    return conform("claims", rows)


def build_tables(results, codebook=None) -> dict[str, pd.DataFrame]:
    """The six tables from an iterable of :class:`ArticleResult` (in article order)."""
    from .actors import actors_table, default_codebook

    acc = {"articles": [], "sentences": [], "quotes": [], "figures": []}
    for res in results:
        acc["articles"].append(res.article)
        acc["sentences"].extend(res.sentences)
        acc["quotes"].extend(res.quotes)
        acc["figures"].extend(res.figures)
    tables = {name: conform(name, recs) if recs else empty_table(name) for name, recs in acc.items()}
    tables["claims"] = claims_table(tables["articles"], tables["quotes"], tables["figures"])
    tables["actors"] = actors_table(tables["quotes"], tables["figures"], codebook or default_codebook())
    return {name: tables[name] for name in TABLES}


def check_columns(tables: dict[str, pd.DataFrame]) -> None:
    """Assert that every table has exactly the contract's columns (used by tests and the CLI)."""
    for name in TABLES:
        got = list(tables[name].columns)
        if got != COLUMNS[name]:
            raise AssertionError(f"table {name!r}: columns {got} differ from the contract {COLUMNS[name]}")
