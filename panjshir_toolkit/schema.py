"""The table contract: the columns of every table, in order, and their pandas dtypes.

These are the columns of DESIGN.md. Columns added beyond DESIGN.md are marked
"(extension)" and only ever appended, never inserted or renamed.

Conventions:
    - offsets are character offsets into ``articles.text`` (``text[start:end]`` is the field);
    - ``sentence_id`` and ``paragraph_id`` count from 0 within an article;
    - ``quote_id`` is ``"<article_id>:q<n>"`` and ``figure_id`` ``"<article_id>:f<n>"``, n from 1 in text order;
    - multi-valued cells (``relayed_by``, ``sentence_ids``, ``event``, ``aliases``) are
      ``|``-separated strings, nearest / first first, so that every format (CSV, Excel,
      Parquet) round-trips them unchanged;
    - a missing value is ``<NA>`` (``pd.NA``) in string and integer columns and NaN in float columns.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["TABLES", "COLUMNS", "DTYPES", "SEP", "empty_table", "conform", "join_multi", "split_multi"]

SEP = "|"

_S, _I, _F, _B = "string", "Int64", "float64", "boolean"

DTYPES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": _S, "title": _S, "outlet": _S, "published": _S, "url": _S, "byline": _S,
        "credit": _S, "source_path": _S, "text": _S, "n_chars": _I,
    },
    "sentences": {
        "article_id": _S, "sentence_id": _I, "paragraph_id": _I, "start": _I, "end": _I, "text": _S,
    },
    "quotes": {
        "quote_id": _S, "article_id": _S, "speaker_text": _S, "speaker_start": _I, "speaker_end": _I,
        "speaker": _S, "speaker_kind": _S, "affiliation": _S, "cue": _S, "cue_lemma": _S,
        "cue_start": _I, "cue_end": _I, "content": _S, "content_start": _I, "content_end": _I,
        "quote_type": _S, "channel": _S, "relayed_by": _S, "sentence_ids": _S,
        "cue_category": _S,  # (extension, issue 3) neutral | assertive | denial | accusation | appeal | commitment | media_report | ...
    },
    "figures": {
        "figure_id": _S, "article_id": _S, "quote_id": _S, "surface": _S, "start": _I, "end": _I,
        "value": _F, "low": _F, "high": _F, "qualifier": _S, "unit": _S, "counted": _S, "event": _S,
        "sentence_id": _I,
        "implicit": _B,  # (extension, issue 4) a count of one read from "a civilian was killed"
    },
    "actors": {
        "actor": _S, "aliases": _S, "kind": _S, "affiliation": _S, "role": _S, "n_quotes": _I, "n_figures": _I,
    },
}

# claims: one row per figure of a quote (a quote without figures is one row with empty
# figure columns), plus the outlet's own unattributed figures (quote columns empty),
# with the article's metadata.
_CLAIM_QUOTE_COLS = [c for c in DTYPES["quotes"] if c not in ("article_id",)]
_CLAIM_FIGURE_COLS = ["figure_id", "surface", "start", "end", "value", "low", "high", "qualifier",
                      "unit", "counted", "event", "implicit"]
DTYPES["claims"] = {
    "article_id": _S, "outlet": _S, "published": _S, "title": _S, "credit": _S,
    **{c: DTYPES["quotes"][c] for c in _CLAIM_QUOTE_COLS},
    **{("figure_" + c if c in ("start", "end") else c): DTYPES["figures"][c] for c in _CLAIM_FIGURE_COLS},
    "sentence_id": _I,
}

TABLES: tuple[str, ...] = ("articles", "sentences", "quotes", "figures", "claims", "actors")
COLUMNS: dict[str, list[str]] = {name: list(DTYPES[name]) for name in TABLES}


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns and dtypes of table *name*."""
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in DTYPES[name].items()})


def conform(name: str, records) -> pd.DataFrame:
    """Build table *name* from an iterable of dicts (or a DataFrame): exactly its columns, in order, typed.

    Keys a record lacks become missing values; keys the table does not have are dropped.
    """
    frame = records if isinstance(records, pd.DataFrame) else pd.DataFrame.from_records(list(records))
    if frame.empty and not len(frame.columns):
        return empty_table(name)
    out = {}
    for col, dtype in DTYPES[name].items():
        if col in frame.columns:
            series = frame[col]
            if dtype in (_S,):
                series = series.astype("object").where(series.notna(), None).astype(_S)
            else:
                series = series.astype(dtype)
            out[col] = series.reset_index(drop=True)
        else:
            out[col] = pd.Series([None] * len(frame), dtype="object").astype(dtype)
    return pd.DataFrame(out)


def join_multi(values) -> str | None:
    """``["Khaama Press", "ANI"] -> "Khaama Press|ANI"``; empty -> None."""
    values = [str(v) for v in values if v is not None and str(v) != ""]
    return SEP.join(values) if values else None


def split_multi(cell) -> list[str]:
    """Inverse of :func:`join_multi`; missing -> ``[]``."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
        return []
    return [v for v in str(cell).split(SEP) if v]
