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
import html
import io
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


def claims_per_speaker_plot(claims: pd.DataFrame, ax=None, *, top: int = 10, by: str = "speaker"):
    """A horizontal bar chart of the number of claims per speaker (the *top* most frequent).

    Rows without a speaker (the outlet's own, unattributed figures) are counted as
    "(unattributed)". Bars are coloured by the speaker's most frequent ``affiliation``
    when that column is present, with a legend of sides.

    Args:
        claims: the ``claims`` table or a filtered view of it.
        ax: the matplotlib Axes to draw on; a new figure is made when ``None``.
        top: how many speakers to show.
        by: the column to count by (``speaker``, ``affiliation``, ``outlet``, ...).

    Returns:
        The Axes. Never calls ``plt.show()``.
    """
    if by not in claims.columns:
        raise ColumnsError("claims_per_speaker_plot", [by])
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(5, 3.5))
    keys = claims[by].astype("object").where(claims[by].notna(), "(unattributed)")
    counts = keys.value_counts().head(top).iloc[::-1]
    colours = "#4c72b0"
    handles = {}
    if "affiliation" in claims.columns and by != "affiliation" and len(counts):
        palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]
        sides = claims["affiliation"].astype("object").where(claims["affiliation"].notna(), "(unknown side)")
        pairs = pd.DataFrame({"k": keys, "s": sides})[keys.isin(counts.index)].value_counts()  # most frequent first
        side_of = pairs.reset_index().drop_duplicates("k").set_index("k")["s"]
        order = list(dict.fromkeys(side_of.reindex(counts.index[::-1]).tolist()))
        colour_of = {side: palette[i % len(palette)] for i, side in enumerate(order)}
        colours = [colour_of[side_of[k]] for k in counts.index]
        handles = colour_of
    labels = [k if len(str(k)) <= 28 else str(k)[:27] + "…" for k in counts.index]
    ax.barh(range(len(counts)), counts.to_numpy(), color=colours)
    ax.set_yticks(range(len(counts)), labels)
    ax.set_xlabel("claims")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Claims per {by.replace('_', ' ')}" + (f" (top {top})" if keys.nunique() > top else ""))
    if len(counts) == 0:
        ax.text(0.5, 0.5, "no claims match the filters", ha="center", va="center", transform=ax.transAxes)
    if handles:
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=c, label=s) for s, c in handles.items()], fontsize="small", loc="best")
    return ax


#: The columns the explorer's table shows, in order (those missing are skipped).
TABLE_COLUMNS: tuple[str, ...] = (
    "speaker", "affiliation", "cue", "content", "surface", "value", "qualifier", "event", "counted",
    "channel", "relayed_by", "outlet", "published", "article_id",
)


def claims_table_html(view: pd.DataFrame, *, max_rows: int = 50, columns=TABLE_COLUMNS) -> str:
    """The escaped HTML table the explorer shows: the first *max_rows* rows of *view*."""
    return _display.table_html(view, list(columns), max_rows=max_rows)


def csv_download_link(frame: pd.DataFrame, filename: str = "claims.csv", label: str | None = None) -> str:
    """An ``<a download>`` link holding *frame* as a CSV file in a base64 data-URI.

    The file is UTF-8 with a byte-order mark (so that Excel reads accents and Dari names
    correctly) and no index column. The link needs no server round trip, so it works in
    JupyterLab, Voila and a saved HTML page alike. Keep *frame* to a few tens of megabytes.
    """
    payload = base64.b64encode(frame.to_csv(index=False).encode("utf-8-sig")).decode("ascii")
    label = label or f"Download {len(frame):,} claims as CSV"
    return (f'<a class="pt-download" download="{html.escape(filename, quote=True)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}" '
            f'style="font-family: Arial, sans-serif; font-size: 13px;">{html.escape(label)}</a>')


_NONE_LABEL = "(none)"
_SELECT_FILTERS = (  # keyword, column, label
    ("speaker", "speaker", "Speaker"),
    ("affiliation", "affiliation", "Side"),
    ("speaker_kind", "speaker_kind", "Speaker kind"),
    ("cue_category", "cue_category", "Cue"),
    ("event", "event", "Event"),
    ("qualifier", "qualifier", "Hedge"),
    ("outlet", "outlet", "Outlet"),
    ("article_id", "article_id", "Article"),
)
_REQUIRED = tuple(dict.fromkeys([c for _, c, _ in _SELECT_FILTERS] + ["value", "published", *SEARCH_COLUMNS]))


class ClaimExplorer:
    """Filter the claims table with widgets and read each claim's evidence.

    A thin ipywidgets shell over :func:`filter_claims`: one multi-select per categorical
    filter (speaker, side, speaker kind, cue category, event, hedge/qualifier, outlet,
    article; nothing selected = no filter; each option shows its count), a value range
    slider (at its full extent = no filter, so claims without figures stay in), a date
    range, and free-text search. Below: counts, the filtered table (first ``max_rows``
    rows, escaped HTML), a bar chart of claims per speaker, a CSV download link of the
    filtered claims, and the evidence pane, which shows the selected claim's sentence
    with speaker, cue, content and figure highlighted.

    ``explorer.view`` is the filtered DataFrame and ``explorer.filters`` the keyword
    arguments that produced it, so ``filter_claims(claims, **explorer.filters)`` equals
    ``explorer.view``. Set filters from code through ``explorer.controls[name].value``
    or :meth:`set_filters`. Errors raised while updating are shown in the explorer's
    error area, never lost.

    Args:
        claims: the ``claims`` table.
        sentences: the ``sentences`` table, for the evidence pane (optional).
        articles: the ``articles`` table, for the evidence pane and article titles (optional).
        max_rows: rows shown in the table.
        download_limit: above this many filtered rows the CSV is built only on request
            (a button), to keep filtering fast on large tables.

    A *claims* table with duplicate index labels (e.g. from ``pd.concat``) is used with a
    fresh ``RangeIndex``; otherwise ``explorer.view`` keeps the labels of *claims*.

    Raises:
        ColumnsError: *claims* lacks a column the explorer filters on.

    Example:
        >>> explorer = ClaimExplorer(result.claims, result.sentences, result.articles)  # doctest: +SKIP
        >>> explorer                       # displays the widget           # doctest: +SKIP
        >>> explorer.set_filters(affiliation=["Taliban"])                  # doctest: +SKIP
        >>> explorer.view[["speaker", "content"]]                          # doctest: +SKIP
    """

    def __init__(self, claims: pd.DataFrame, sentences: pd.DataFrame | None = None,
                 articles: pd.DataFrame | None = None, *, max_rows: int = 50, download_limit: int = 5_000):
        import ipywidgets as w

        if not isinstance(claims, pd.DataFrame):
            raise TypeError(f"ClaimExplorer needs the claims DataFrame, got {type(claims).__name__}.")
        missing = [c for c in _REQUIRED if c not in claims.columns]
        if missing:
            raise ColumnsError("ClaimExplorer", missing)
        # the evidence selector refers to rows by index label, so labels must be unique
        self.claims = claims if claims.index.is_unique else claims.reset_index(drop=True)
        self.sentences = sentences
        self.articles = articles
        self.max_rows = int(max_rows)
        self.download_limit = int(download_limit)
        self._haystack = search_haystack(claims)
        self._texts: dict = {}
        titles: dict = {}
        if articles is not None and "article_id" in articles.columns:
            if "text" in articles.columns:
                self._texts = dict(zip(articles["article_id"], articles["text"]))
            if "title" in articles.columns:
                titles = {k: v for k, v in zip(articles["article_id"], articles["title"]) if _display._present(v)}
        self._updating = False
        self._view = claims
        self._plot_key = None

        box = w.Layout(width="auto", flex="1 1 0", min_width="10em")
        self.controls: dict = {}
        for key, col, label in _SELECT_FILTERS:
            options = self._options(claims[col], split=(key == "event"), titles=titles if key == "article_id" else None)
            self.controls[key] = w.SelectMultiple(options=options, rows=min(5, max(len(options), 2)),
                                                  description="", layout=w.Layout(width="100%"))
        values = pd.to_numeric(claims["value"], errors="coerce").dropna()
        vmin, vmax = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
        if vmax <= vmin:
            vmax = vmin + 1.0
        self._value_extent = (vmin, vmax)
        self.controls["value_range"] = w.FloatRangeSlider(
            value=(vmin, vmax), min=vmin, max=vmax, step=max((vmax - vmin) / 1000, 1e-9), description="Value",
            continuous_update=False, readout_format=",.0f", disabled=not len(values),
            layout=w.Layout(width="28em"), style={"description_width": "4em"})
        self.controls["date_start"] = w.DatePicker(description="From", value=None, layout=w.Layout(width="14em"),
                                                   style={"description_width": "3em"})
        self.controls["date_end"] = w.DatePicker(description="To", value=None, layout=w.Layout(width="14em"),
                                                 style={"description_width": "2em"})
        self.controls["search"] = w.Text(value="", placeholder="search speakers, quotes, figures…",
                                         description="Search", continuous_update=True,
                                         layout=w.Layout(width="28em"), style={"description_width": "4em"})
        for key, control in self.controls.items():
            control.observe(self._on_change, names="value")
            control.add_class(f"pt-filter-{key.replace('_', '-')}")
        self.reset_button = w.Button(description="Reset filters", icon="undo", layout=w.Layout(width="10em"))
        self.reset_button.on_click(lambda _: self._guard(self.reset))

        self.counts = w.HTML()
        self.table = w.HTML(layout=w.Layout(flex="3 1 0", overflow="auto", max_height="28em"))
        self.plot = w.Image(format="png", layout=w.Layout(flex="2 1 0", max_width="32em"))
        self.download = w.HTML()
        self.prepare_button = w.Button(description="Prepare CSV", icon="download", layout=w.Layout(width="12em"))
        self.prepare_button.on_click(lambda _: self._guard(self._prepare_download))
        self.evidence_select = w.Dropdown(options=[], description="Evidence", layout=w.Layout(width="60em"),
                                          style={"description_width": "5em"})
        self.evidence_select.observe(lambda _: self._guard(self._show_evidence), names="value")
        self.evidence = w.HTML()
        self.errors = w.Output(layout=w.Layout(border="0px"))

        def column(key, label):
            return w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), self.controls[key]], layout=box)

        rows = [_SELECT_FILTERS[:4], _SELECT_FILTERS[4:]]
        filters = w.VBox([w.HBox([column(k, label) for k, _, label in row]) for row in rows]
                         + [w.HBox([self.controls["value_range"], self.controls["date_start"],
                                    self.controls["date_end"]]),
                            w.HBox([self.controls["search"], self.reset_button])])
        self.widget = w.VBox([
            w.HTML("<b style='font-size: 1.2em;'>Claim explorer</b>"),
            filters,
            w.HBox([self.counts, self.download, self.prepare_button],
                   layout=w.Layout(align_items="center", justify_content="space-between")),
            w.HBox([self.table, self.plot]),
            self.evidence_select,
            self.evidence,
            self.errors,
        ])
        self.widget.add_class("pt-explorer")
        self.table.add_class("pt-explorer-table")
        self.plot.add_class("pt-explorer-plot")
        self.evidence.add_class("pt-explorer-evidence")
        self._guard(self._update)

    # --- options and filters -------------------------------------------------------------
    @staticmethod
    def _options(series: pd.Series, *, split: bool = False, titles: dict | None = None) -> list:
        """(label with count, value) pairs, most frequent first; missing cells -> "(none)" / None."""
        cells = series.astype("object")
        if split:  # count each |-separated value once per cell, over the distinct cells
            per_cell = cells.value_counts(dropna=True)
            tally: dict = {}
            for cell, count in per_cell.items():
                for value in dict.fromkeys(split_or_none(cell) or []):
                    tally[value] = tally.get(value, 0) + int(count)
            counts = pd.Series(tally, dtype="int64").sort_values(ascending=False, kind="stable")
            n_missing = int(cells.isna().sum())
        else:
            counts = cells.value_counts(dropna=True)
            n_missing = int(cells.isna().sum())
        options = []
        for value, count in counts.items():
            label = str(value)
            if titles and value in titles:
                title = str(titles[value])
                label = f"{label}: {title[:40]}{'…' if len(title) > 40 else ''}"
            options.append((f"{label} ({count:,})", str(value)))
        if n_missing:
            options.append((f"{_NONE_LABEL} ({n_missing:,})", None))
        return options

    @property
    def filters(self) -> dict:
        """The keyword arguments of :func:`filter_claims` the widgets currently set (active ones only)."""
        out: dict = {}
        for key, _, _ in _SELECT_FILTERS:
            selected = self.controls[key].value
            if selected:
                out[key] = list(selected)
        lo, hi = self.controls["value_range"].value
        vmin, vmax = self._value_extent
        if not self.controls["value_range"].disabled and (lo > vmin or hi < vmax):
            out["value_range"] = (lo, hi)
        start, end = self.controls["date_start"].value, self.controls["date_end"].value
        if start is not None or end is not None:
            out["date_range"] = (start, end)
        text = self.controls["search"].value.strip()
        if text:
            out["search"] = text
        return out

    @property
    def view(self) -> pd.DataFrame:
        """The claims that pass the current filters (original index labels kept)."""
        return self._view

    @property
    def selected(self) -> pd.Series | None:
        """The claim shown in the evidence pane, or None."""
        label = self.evidence_select.value
        if label is None or label not in self._view.index:
            return None
        return self._view.loc[label]

    def set_filters(self, **filters) -> None:
        """Set several filters at once (keywords as :attr:`filters`), updating once at the end.

        Multi-select filters take a value or a list; ``value_range`` a pair; ``date_range`` a
        pair of dates or ISO strings; ``search`` a string. Filters not named keep their values.
        """
        unknown = set(filters) - {k for k, _, _ in _SELECT_FILTERS} - {"value_range", "date_range", "search"}
        if unknown:
            raise TypeError(f"unknown filter(s) {sorted(unknown)}; use {sorted(self.filters_available())}.")
        self._updating = True
        try:
            for key, value in filters.items():
                if key == "value_range":
                    vmin, vmax = self._value_extent
                    lo, hi = value if value is not None else (None, None)
                    self.controls["value_range"].value = (vmin if lo is None else max(lo, vmin),
                                                          vmax if hi is None else min(hi, vmax))
                elif key == "date_range":
                    start, end = value if value is not None else (None, None)
                    self.controls["date_start"].value = _as_date(start)
                    self.controls["date_end"].value = _as_date(end)
                elif key == "search":
                    self.controls["search"].value = value or ""
                else:
                    values = [] if value is None else _as_values(value)
                    valid = {v for _, v in self.controls[key].options}
                    absent = [v for v in values if v not in valid]
                    if absent:
                        raise ValueError(f"{key}: {absent} not among the values in the table.")
                    self.controls[key].value = tuple(values)
        finally:
            self._updating = False
        self._guard(self._update)

    @staticmethod
    def filters_available() -> list[str]:
        """The names :meth:`set_filters` accepts."""
        return [k for k, _, _ in _SELECT_FILTERS] + ["value_range", "date_range", "search"]

    def reset(self) -> None:
        """Clear every filter."""
        self._updating = True
        try:
            for key, _, _ in _SELECT_FILTERS:
                self.controls[key].value = ()
            self.controls["value_range"].value = self._value_extent
            self.controls["date_start"].value = None
            self.controls["date_end"].value = None
            self.controls["search"].value = ""
        finally:
            self._updating = False
        self._guard(self._update)

    # --- updating ----------------------------------------------------------------------------
    def _guard(self, func) -> None:
        """Run a callback; an exception goes to the error area (and is kept in ``last_error``)."""
        try:
            func()
            self.last_error = None
        except Exception as exc:  # noqa: BLE001 - a widget callback must never fail silently
            self.last_error = exc
            self.errors.append_stderr(
                f"The claim explorer could not update: {exc}\n{traceback.format_exc()}"
            )

    def _on_change(self, _change=None) -> None:
        if not self._updating:
            self._guard(self._update)

    def _update(self) -> None:
        view = filter_claims(self.claims, **self.filters, haystack=self._haystack)
        self._view = view
        n_speakers = view["speaker"].nunique(dropna=True)
        n_articles = view["article_id"].nunique(dropna=True)
        self.counts.value = (
            f'<span class="pt-counts" style="font-family: Arial, sans-serif;"><b>{len(view):,}</b> of '
            f"{len(self.claims):,} claims · {_plural(n_speakers, 'speaker')} · {_plural(n_articles, 'article')}</span>"
        )
        self.table.value = claims_table_html(view, max_rows=self.max_rows)
        # redraw only when what the plot shows has changed (drawing is the slowest step)
        plot_key = tuple((col, str(k), int(n)) for col in ("speaker", "affiliation")  # str: NA never compares
                         for k, n in view[col].value_counts(dropna=False).head(10).items())
        if plot_key != self._plot_key:
            self.plot.value = self._plot_png(view)
            self._plot_key = plot_key
        if len(view) <= self.download_limit:
            self.download.value = csv_download_link(view, "claims_filtered.csv")
            self.prepare_button.layout.display = "none"
        else:
            self.download.value = ""
            self.prepare_button.description = f"Prepare CSV ({len(view):,})"
            self.prepare_button.layout.display = None
        shown = view.head(self.max_rows)
        options = []
        for n, (label, row) in enumerate(shown.iterrows(), start=1):
            who = row["speaker"] if _display._present(row["speaker"]) else (
                row["speaker_text"] if _display._present(row["speaker_text"]) else "(unattributed)")
            what = row["surface"] if _display._present(row["surface"]) else row["content"]
            what = str(what) if _display._present(what) else ""
            options.append((f"{n}. {who}: {what[:80]}{'…' if len(what) > 80 else ''}", label))
        previous = self.evidence_select.value
        self.evidence_select.options = options
        if options:
            keep = previous if previous in {v for _, v in options} else options[0][1]
            self.evidence_select.value = keep
        self._show_evidence()

    def _plot_png(self, view: pd.DataFrame) -> bytes:
        from matplotlib.figure import Figure  # no pyplot: no global state, nothing to close

        fig = Figure(figsize=(5, 3.4), dpi=96)
        ax = fig.subplots()
        claims_per_speaker_plot(view, ax=ax)
        fig.subplots_adjust(left=0.4, right=0.97, top=0.9, bottom=0.15)  # fixed: tight_layout is slow
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()

    def _prepare_download(self) -> None:
        self.download.value = csv_download_link(self._view, "claims_filtered.csv")
        self.prepare_button.layout.display = "none"

    def _show_evidence(self) -> None:
        claim = self.selected
        if claim is None:
            self.evidence.value = "<i>No claim selected.</i>"
            return
        text = self._texts.get(claim["article_id"]) if _display._present(claim["article_id"]) else None
        self.evidence.value = _display.render_claim_evidence(
            claim, text=text if _display._present(text) else None, sentences=self.sentences)

    # --- display ------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def split_or_none(cell):
    """The ``|``-separated values of a cell as a list, or None for a missing cell."""
    from .schema import split_multi

    values = split_multi(cell)
    return values or None


def _as_date(value):
    if value is None:
        return None
    day = _to_day(value)
    if day is None:
        raise ValueError(f"{value!r} is not a date; use ISO 'YYYY-MM-DD'.")
    return day.date()
