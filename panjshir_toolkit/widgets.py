"""Filtering the claims table, and the interactive claim explorer built on it.

The logic lives in one pure function, :func:`filter_claims`, which takes the
``claims`` table and returns the rows that pass every filter given. The
:class:`ClaimExplorer` is a thin ipywidgets shell over it: each widget maps to
one keyword of :func:`filter_claims`, and ``explorer.view`` is always exactly
``filter_claims(claims, **explorer.filters)``, so the explorer can be tested
without a browser.

Example:
    >>> import panjshir_toolkit as pt                        # doctest: +SKIP
    >>> result = pt.analyze("data/panjshir_2021-09-04.txt")  # doctest: +SKIP
    >>> filter_claims(result.claims, affiliation="NRF", event="killed")  # doctest: +SKIP
    >>> ClaimExplorer(result.claims, result.sentences, result.articles)  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import re
import traceback
from collections.abc import Iterable

import numpy as np
import pandas as pd

from . import display as _display
from .errors import ColumnsError

__all__ = [
    "filter_claims",
    "SEARCH_COLUMNS",
    "search_haystack",
    "claims_per_speaker_plot",
    "claims_table_html",
    "csv_download_link",
    "ClaimExplorer",
]

#: The columns the free-text ``search`` of :func:`filter_claims` looks in.
SEARCH_COLUMNS: tuple[str, ...] = ("speaker_text", "speaker", "content", "surface", "counted")

# keyword of filter_claims -> the claims column it tests for membership
_MEMBERSHIP = {
    "speaker": "speaker",
    "affiliation": "affiliation",
    "speaker_kind": "speaker_kind",
    "cue_category": "cue_category",
    "qualifier": "qualifier",
    "outlet": "outlet",
    "article_id": "article_id",
}


def _is_missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and value != value


def _as_values(arg) -> list:
    """A filter argument as a list of accepted values (a scalar is a list of one)."""
    if isinstance(arg, (str, bytes)) or not isinstance(arg, Iterable):
        return [arg]
    return list(arg)


def _membership_mask(series: pd.Series, values: list) -> np.ndarray:
    wanted = [str(v) for v in values if not _is_missing(v)]
    mask = np.zeros(len(series), bool)
    if wanted:
        mask |= series.isin(wanted).to_numpy(dtype=bool, na_value=False)
    if len(wanted) < len(values):  # None / pd.NA in the collection selects the missing cells
        mask |= series.isna().to_numpy(dtype=bool)
    return mask


def _event_mask(series: pd.Series, values: list) -> np.ndarray:
    wanted = {str(v) for v in values if not _is_missing(v)}
    codes, uniques = pd.factorize(series, use_na_sentinel=True)  # few distinct event cells
    hits = [bool(wanted.intersection(str(u).split("|"))) for u in uniques]
    hits.append(len(wanted) < len(values))  # code -1: a missing cell, selected by None in the collection
    return np.array(hits, dtype=bool)[codes]


def search_haystack(claims: pd.DataFrame) -> pd.Series:
    """The lower-cased text that ``filter_claims(search=...)`` looks in, one string per row.

    Computing it once and passing it as ``filter_claims(..., haystack=...)`` makes repeated
    searches over the same table several times faster; :class:`ClaimExplorer` does this.
    The columns of :data:`SEARCH_COLUMNS` are joined with newlines (a search term never
    contains whitespace, so it cannot match across two columns).

    Raises:
        ColumnsError: a column of :data:`SEARCH_COLUMNS` is missing.
    """
    missing = [c for c in SEARCH_COLUMNS if c not in claims.columns]
    if missing:
        raise ColumnsError("search_haystack", missing)
    parts = [claims[c].astype("string").fillna("").str.lower() for c in SEARCH_COLUMNS]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "\n" + part
    return joined.astype("string")


def _search_mask(claims: pd.DataFrame, search: str, rows: np.ndarray, haystack: pd.Series | None) -> np.ndarray:
    """Narrow the row positions *rows* to those matching every term of *search*."""
    for term in search.lower().split():
        if not len(rows):
            break
        if haystack is not None:
            cells = haystack if len(rows) == len(haystack) else haystack.iloc[rows]
            hit = cells.str.contains(term, regex=False).to_numpy(dtype=bool, na_value=False)
        else:
            hit = np.zeros(len(rows), bool)
            for col in SEARCH_COLUMNS:
                series = claims[col] if len(rows) == len(claims) else claims[col].iloc[rows]
                if series.dtype != "string":
                    series = series.astype("string")
                hit |= series.str.contains(term, case=False, regex=False).to_numpy(dtype=bool, na_value=False)
        rows = rows[hit]
    return rows


def _to_day(value) -> pd.Timestamp | None:
    """A lenient parse of one date (ISO string, date, datetime, Timestamp) to its calendar day.

    Time zones are dropped keeping the wall-clock date as written; an unparseable
    value gives None.
    """
    if _is_missing(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        try:
            ts = pd.to_datetime(value, errors="coerce")
        except (ValueError, TypeError, OverflowError):
            return None
    if ts is pd.NaT or ts is None or pd.isna(ts):
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def _date_mask(series: pd.Series, date_range) -> np.ndarray:
    try:
        start, end = date_range
    except (TypeError, ValueError):
        raise ValueError(
            f"date_range must be a pair (start, end), got {date_range!r}; use None for an open end."
        ) from None
    lo, hi = _to_day(start), _to_day(end)
    if start is not None and lo is None or end is not None and hi is None:
        raise ValueError(f"date_range {date_range!r}: a bound could not be read as a date; use ISO 'YYYY-MM-DD'.")
    # parse each distinct date string once: a corpus has few distinct dates
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    nat = np.datetime64("NaT", "ns")
    parsed_uniques = [_to_day(u) for u in uniques]
    days = np.array([nat if d is None else d.to_datetime64().astype("datetime64[ns]") for d in parsed_uniques]
                    + [nat], dtype="datetime64[ns]")
    parsed = days[codes]  # code -1 (missing) picks the trailing NaT
    mask = ~np.isnat(parsed)
    if lo is not None:
        mask &= parsed >= lo.to_datetime64().astype("datetime64[ns]")
    if hi is not None:
        mask &= parsed <= hi.to_datetime64().astype("datetime64[ns]")
    return mask


def _value_mask(series: pd.Series, value_range) -> np.ndarray:
    try:
        lo, hi = value_range
    except (TypeError, ValueError):
        raise ValueError(
            f"value_range must be a pair (low, high), got {value_range!r}; use None for an open end."
        ) from None
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    mask = ~np.isnan(values)
    if lo is not None:
        mask &= values >= float(lo)
    if hi is not None:
        mask &= values <= float(hi)
    return mask


def filter_claims(
    claims: pd.DataFrame,
    *,
    speaker=None,
    affiliation=None,
    speaker_kind=None,
    cue_category=None,
    event=None,
    value_range=None,
    qualifier=None,
    outlet=None,
    article_id=None,
    date_range=None,
    search: str | None = None,
    haystack: pd.Series | None = None,
) -> pd.DataFrame:
    """The claims that pass every filter given; the table itself is not changed.

    Each filter left at ``None`` is off. A filter given a single value keeps the rows
    whose column equals it; given a collection (list, tuple, set) it keeps the rows
    equal to any of them. ``None`` or ``pd.NA`` *inside* a collection selects rows
    where the column is missing (``speaker=[None]`` finds the unattributed figures);
    an empty collection selects nothing. Filters combine with AND.

    Args:
        claims: the ``claims`` table (see :mod:`panjshir_toolkit.schema`). Only the
            columns used by the filters given must be present.
        speaker: canonical speaker(s) (column ``speaker``).
        affiliation: side(s), e.g. ``"NRF"`` or ``["Taliban", "NRF"]``.
        speaker_kind: ``person``, ``role``, ``anonymous``, ``organization``, ``media``, ``unknown``.
        cue_category: e.g. ``neutral``, ``assertive``, ``denial``.
        event: event(s); a row matches when any of its ``|``-separated events is one of them
            (``"killed|captured"`` matches ``event="captured"``).
        value_range: ``(low, high)``, inclusive, over the speaker's number ``value``; either end
            may be ``None`` (open). Rows without a value are dropped when this filter is on.
        qualifier: ``exact``, ``approximate``, ``at_least``, ``more_than``, ... .
        outlet: the publishing outlet(s) (column ``outlet``).
        article_id: article id(s).
        date_range: ``(start, end)``, inclusive calendar days over ``published``; bounds may
            be ISO strings, dates or Timestamps, either may be ``None``. Dates are read
            leniently (``2021-09-04``, ``2021-09-04T10:30:00+04:30``, ``4 September 2021``)
            and compared on the date as written (time zones are not converted). Rows
            whose date is missing or unreadable are dropped only when this filter is on.
        search: free text, case-insensitive. Every whitespace-separated term must occur
            (as a substring) in at least one of ``speaker_text``, ``speaker``, ``content``,
            ``surface`` or ``counted``. Blank text is no filter.
        haystack: optional, ``search_haystack(claims)`` computed once beforehand, to make
            repeated searches faster. It must be aligned row for row with *claims*.

    Returns:
        The matching rows, in their original order and with their original index labels
        (so a row can be traced back to ``claims``), all columns kept.

    Raises:
        ColumnsError: a filter is given whose column the table lacks.
        ValueError: ``value_range`` or ``date_range`` is not a pair, or a date bound is unreadable.

    Example:
        >>> from panjshir_toolkit import schema
        >>> claims = schema.conform("claims", [
        ...     {"speaker": "Fahim Dashti", "affiliation": "NRF", "event": "killed", "value": 600.0},
        ...     {"speaker": "Fahim Dashti", "affiliation": "NRF", "event": "captured|surrendered", "value": 1000.0},
        ...     {"speaker": "Amir Khan Motaqi", "affiliation": "Taliban", "content": "general amnesty"},
        ... ])
        >>> filter_claims(claims, event="surrendered")["value"].tolist()
        [1000.0]
        >>> filter_claims(claims, search="AMNESTY")["speaker"].tolist()
        ['Amir Khan Motaqi']
    """
    if not isinstance(claims, pd.DataFrame):
        raise TypeError(f"filter_claims needs a pandas DataFrame (the claims table), got {type(claims).__name__}.")
    given = {
        "speaker": speaker, "affiliation": affiliation, "speaker_kind": speaker_kind,
        "cue_category": cue_category, "qualifier": qualifier, "outlet": outlet, "article_id": article_id,
    }
    search = search.strip() if isinstance(search, str) else search
    needed: list[str] = [_MEMBERSHIP[k] for k, v in given.items() if v is not None]
    if event is not None:
        needed.append("event")
    if value_range is not None:
        needed.append("value")
    if date_range is not None:
        needed.append("published")
    if search:
        needed.extend(SEARCH_COLUMNS)
    missing = [c for c in dict.fromkeys(needed) if c not in claims.columns]
    if missing:
        raise ColumnsError("filter_claims", missing)

    mask = np.ones(len(claims), bool)
    for key, arg in given.items():
        if arg is not None:
            mask &= _membership_mask(claims[_MEMBERSHIP[key]], _as_values(arg))
    if event is not None:
        mask &= _event_mask(claims["event"], _as_values(event))
    if value_range is not None:
        mask &= _value_mask(claims["value"], value_range)
    if date_range is not None:
        mask &= _date_mask(claims["published"], date_range)
    rows = np.flatnonzero(mask)
    if search:
        if not isinstance(search, str):
            raise TypeError(f"search must be a string, got {type(search).__name__}.")
        if haystack is not None and len(haystack) != len(claims):
            raise ValueError(
                f"haystack has {len(haystack)} rows but claims has {len(claims)}; "
                "compute it with search_haystack(claims) on this very table."
            )
        rows = _search_mask(claims, search, rows, haystack)
    if len(rows) == len(claims):
        return claims.copy(deep=False)
    return claims.iloc[rows]
