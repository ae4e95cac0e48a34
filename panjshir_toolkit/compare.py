"""Comparing figures across claimants, sides and outlets, and finding contested figures.

A *claim* here is one row of the claims table that carries a figure: who gave the number
(the speaker, or the outlet itself when the figure is unattributed), on which side
(``affiliation``), in which outlet, through which relays, for which event (killed,
wounded, ...) and which counted group ("Taliban", "people").

Three functions:

- :func:`compare_figures` lines the figures up, one row per event, counted group and
  claimant/side/outlet, with their interval (low/value/high): "Taliban killed: the
  resistance says about 600; the Taliban say 0; the outlet's own ...".
- :func:`contested_figures` finds figures for the same event and counted group, reported in
  the same date window by different claimants or outlets, that disagree, across the
  articles of a corpus. One row per disagreeing pair (``form="pairs"``) or per group
  (``form="groups"``), written so a researcher can read it.
- :func:`relay_chains` gives, for every quote, the chain speaker -> relaying media -> the
  article's outlet (and the agency credited), as a table of edges.

Notes:
    **Which figures are compared.** Rows with a number (``value``, ``low`` or ``high``) and an
    ``event``. A multi-valued event ("killed|wounded", from "killed or injured") is its own
    event: a casualty total is not compared with a death toll. Figures are compared only
    within the same ``unit``.

    **Counted groups** are normalised by :func:`normalize_counted`: case folded, a leading
    article dropped, the head word's plural reduced to the singular (``-ies -> -y``,
    ``-(s|sh|ch|x)es -> -\\1``, ``-s`` dropped except after s/u/i), then looked up in the
    lexicon table ``counted_groups.csv`` (people/persons/others/victims -> "people",
    "Taliban fighters" -> "Taliban", ...). Civilians are *not* merged with people: a
    civilian count is a different claim. A figure without a counted group is compared
    under its unit ("people"). Pass ``synonyms={"civilians": "people"}`` to merge more.

    **Intervals.** ``low``/``high`` as the figures stage wrote them; a missing bound is
    open (``at least 35`` is [35, inf)); a figure with neither bound is the point
    ``[value, value]``.

    **Disagreement.** Two claims *conflict* when they come from different claimants or
    different outlets and either (a) their intervals do not overlap (``"disjoint"``: both
    cannot be true: "about 70" vs "41"), or (b) their stated values differ while the
    intervals still overlap and neither is a vague quantity ("dozens") (``"different"``:
    "at least 35" vs "41" are compatible as bounds, but the claimants give different
    counts, usually at different moments or from different hospitals). ``conflict="disjoint"``
    keeps only (a), the strict reading of "intervals that do not overlap".

    **Date windows.** News does not name events, so "killed" on 7 February and "killed" on
    10 January would collide. Claims are therefore only compared inside a window of
    ``window_days`` + 1 calendar days of their ``published`` date: windows are laid
    greedily, each starting at the earliest date not yet covered (so with the default of
    1, reports of the 7th and the 8th meet; a report of the 9th starts a new window).
    Undated claims form one window of their own. ``window_days=None`` ignores dates.
    Pass ``within=("topic",)`` (any columns of *claims*, e.g. a topic or location you added)
    to separate unrelated events further: an article about the Supreme Court bombing that
    recalls the January attack still puts both death tolls under one date, which only
    such a column (or reading the pair) can tell apart.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from .errors import ColumnsError
from .schema import SEP, split_multi

__all__ = [
    "OWN",
    "normalize_counted",
    "claimant_frame",
    "compare_figures",
    "contested_figures",
    "relay_chains",
    "format_interval",
]

#: Claimant label of an outlet's own (unattributed) figure.
OWN = "(outlet's own)"
#: Label of an article whose outlet is unknown, in relay chains and comparisons.
UNKNOWN_OUTLET = "(article)"
_UNNAMED = "(unnamed source)"

_FIGURE_COLS = ["article_id", "outlet", "published", "quote_id", "speaker", "speaker_text", "affiliation",
                "relayed_by", "figure_id", "surface", "value", "low", "high", "qualifier", "unit",
                "counted", "event"]


def require_columns(frame: pd.DataFrame, columns, what: str) -> None:
    """Raise :class:`~panjshir_toolkit.errors.ColumnsError` if *frame* lacks any of *columns*."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} needs a pandas DataFrame, got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ColumnsError(what, missing)


# --------------------------------------------------------------------------- counted groups

@functools.cache
def _counted_table() -> dict[str, str]:
    from . import lexicon

    return {row["word"].lower(): row["group"] for row in lexicon.load("counted_groups")}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(ss|sh|ch|x)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not re.search(r"(ss|us|is)$", word):
        return word[:-1]
    return word


def normalize_counted(counted, unit=None, synonyms: dict | None = None):
    """The group label a counted phrase is compared under (see the module Notes).

    Args:
        counted: what was counted, as the figures table has it ("Taliban fighters").
        unit: the figure's unit, used when *counted* is missing ("people").
        synonyms: extra ``{phrase or group: group}`` mappings applied after the lexicon
            (keys are matched case-insensitively).

    Returns:
        The label, or ``None`` when neither a counted group nor a unit is known.

    >>> normalize_counted("The Taliban fighters")
    'Taliban'
    >>> normalize_counted("others"), normalize_counted("Civilians"), normalize_counted(None, "people")
    ('people', 'civilians', 'people')
    """
    extra = {str(k).lower(): v for k, v in (synonyms or {}).items()}
    if counted is None or counted is pd.NA or (isinstance(counted, float) and counted != counted) or not str(counted).strip():
        if unit is None or unit is pd.NA or (isinstance(unit, float) and unit != unit):
            return None
        label = _counted_table().get(str(unit).lower(), str(unit))
        return extra.get(label.lower(), label)
    words = re.sub(r"[^\w\s'-]", " ", str(counted).lower()).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None
    words[-1] = _singular(words[-1])
    phrase = " ".join(words)
    table = _counted_table()
    label = table.get(phrase, phrase)
    return extra.get(phrase, extra.get(label.lower(), label))


# --------------------------------------------------------------------------- claimants

def _blank(series: pd.Series) -> pd.Series:
    s = series.astype("string")
    return s.where(s.str.strip().fillna("") != "", pd.NA)


def claimant_frame(claims: pd.DataFrame, synonyms: dict | None = None) -> pd.DataFrame:
    """The figure rows of a claims table, with the columns the comparisons work on.

    Keeps rows with a number and an event and adds: ``claimant`` (the speaker; the speaker
    as written when unresolved; ``"(outlet's own)"`` for an unattributed figure), ``side``
    (the affiliation; ``"(outlet)"`` for the outlet's own figures; ``"(unknown)"``),
    ``outlet_label`` (the outlet, or ``"(article)"``), ``group`` (the normalised counted
    group), ``date`` (the published day), and the interval ``lo``/``hi`` (open bounds as
    -inf/inf).

    Raises:
        ColumnsError: when *claims* lacks a column of the claims table that is needed.
    """
    require_columns(claims, _FIGURE_COLS, "Comparing figures")
    has_number = claims["value"].notna() | claims["low"].notna() | claims["high"].notna()
    rows = claims.loc[has_number & _blank(claims["event"]).notna()].copy()
    attributed = _blank(rows["quote_id"]).notna()
    speaker = _blank(rows["speaker"]).fillna(_blank(rows["speaker_text"])).fillna(_UNNAMED)
    rows["claimant"] = speaker.where(attributed, OWN).astype("string")
    side = _blank(rows["affiliation"]).fillna("(unknown)")
    rows["side"] = side.where(attributed, "(outlet)").astype("string")
    rows["outlet_label"] = _blank(rows["outlet"]).fillna(UNKNOWN_OUTLET).astype("string")
    pairs = pd.DataFrame({"c": rows["counted"].astype("object"), "u": rows["unit"].astype("object")})
    uniq = pairs.drop_duplicates()
    labels = {(c, u): normalize_counted(None if c is pd.NA else c, None if u is pd.NA else u, synonyms)
              for c, u in uniq.itertuples(index=False)}
    rows["group"] = pd.Series([labels[k] for k in pairs.itertuples(index=False, name=None)],
                              index=rows.index, dtype="string").fillna("(unspecified)")
    rows["event"] = rows["event"].astype("string")
    rows["unit"] = _blank(rows["unit"]).fillna("(no unit)")
    rows["date"] = pd.to_datetime(rows["published"].astype("string").str.strip().str[:10],
                                  errors="coerce", format="%Y-%m-%d")
    value = rows["value"].astype("float64")
    low, high = rows["low"].astype("float64"), rows["high"].astype("float64")
    both_missing = low.isna() & high.isna()
    rows["lo"] = low.fillna(value.where(both_missing, -np.inf))
    rows["hi"] = high.fillna(value.where(both_missing, np.inf))
    rows["value"] = value.fillna(low).fillna(high)
    return rows


def format_interval(value, low, high, qualifier=None) -> str:
    """A figure as a reader would say it: ``"41"``, ``"at least 35"``, ``"600 (540-660)"``.

    >>> format_interval(35, 35, float("nan"), "at_least")
    'at least 35'
    >>> format_interval(600, 540, 660, "approximate")
    'about 600 (540-660)'
    """

    def num(x):
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"

    lo_ok, hi_ok = low == low and low is not None, high == high and high is not None
    v = value if value == value and value is not None else (low if lo_ok else high)
    if lo_ok and not hi_ok:
        return ("more than " if qualifier == "more_than" else "at least ") + num(v if qualifier == "more_than" else low)
    if hi_ok and not lo_ok:
        return ("fewer than " if qualifier == "less_than" else "at most ") + num(v if qualifier == "less_than" else high)
    if lo_ok and hi_ok and low == high == v:
        return num(v)
    prefix = {"approximate": "about ", "vague": "vague "}.get(qualifier, "")
    if lo_ok and hi_ok:
        return f"{prefix}{num(v)} ({num(low)}-{num(high)})"
    return num(v)


# --------------------------------------------------------------------------- compare_figures

_BY_SOURCE = {"speaker": "claimant", "affiliation": "side", "outlet": "outlet_label"}


def _filter(rows: pd.DataFrame, event, counted, synonyms) -> pd.DataFrame:
    if event is not None:
        events = [event] if isinstance(event, str) else list(event)
        rows = rows[rows["event"].isin(events)]
    if counted is not None:
        wanted = {normalize_counted(c, synonyms=synonyms) for c in ([counted] if isinstance(counted, str) else counted)}
        rows = rows[rows["group"].isin(wanted)]
    return rows


def _join_unique(values) -> str | None:
    seen = []
    for v in values:
        for part in split_multi(v):
            if part not in seen:
                seen.append(part)
    return SEP.join(seen) if seen else None


def _joined(codes: np.ndarray, values: pd.Series, n_groups: int) -> list:
    """For group codes 0..n_groups-1, the distinct non-missing *values* of each group, ``|``-joined
    in first-seen order (None for a group without any). Vectorised: one sort, one list pass."""
    frame = pd.DataFrame({"c": codes, "v": values.astype("object").to_numpy()})
    frame = frame[frame["v"].notna()].drop_duplicates()
    frame = frame.iloc[np.argsort(frame["c"].to_numpy(), kind="stable")]
    c, v = frame["c"].to_numpy(), frame["v"].astype(str).to_numpy()
    out = [None] * n_groups
    if len(c):
        cuts = np.flatnonzero(np.diff(c)) + 1
        starts = np.concatenate([[0], cuts])
        ends = np.concatenate([cuts, [len(c)]])
        for s, e in zip(starts, ends):
            out[c[s]] = SEP.join(dict.fromkeys(v[s:e]))
    return out


def compare_figures(claims: pd.DataFrame, event=None, counted=None, by=("speaker", "affiliation", "outlet"),
                    *, synonyms: dict | None = None) -> pd.DataFrame:
    """Line up the figures for each event and counted group across claimants, sides and outlets.

    Args:
        claims: a claims table (``analysis.claims``), one article or a corpus.
        event: keep only this event (or these events), e.g. ``"killed"``.
        counted: keep only this counted group (normalised like the data: ``"Taliban fighters"``
            matches ``"Taliban"``).
        by: the columns that make one line: any of ``"speaker"`` (the claimant; ``"(outlet's
            own)"`` for unattributed figures), ``"affiliation"`` (the side), ``"outlet"``, or
            any other column of *claims* (``"relayed_by"``, ``"article_id"``, ``"published"``).
        synonyms: extra counted-group mappings (see :func:`normalize_counted`).

    Returns:
        One row per event, counted group, unit and *by* values, sorted by event, group and
        value: ``event, counted, unit, <by...>, n_figures, value`` (the median of the stated
        values), ``low`` (the smallest lower bound), ``high`` (the largest upper bound; NaN
        when open), ``values`` and ``surfaces`` (the distinct stated values and wordings,
        ``|``-separated), ``qualifiers``, ``relayed_by``, ``article_ids``, ``figure_ids``.

    Raises:
        ColumnsError: when *claims* is not a claims table.

    Examples:
        The seed article: the resistance's figures, attributed twice, against nothing else::

            compare_figures(result.claims, event="killed")
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    rows = claimant_frame(claims, synonyms)
    missing = [b for b in by if b not in _BY_SOURCE and b not in rows.columns]
    if missing:
        raise ColumnsError("compare_figures(by=...)", missing)
    rows = _filter(rows, event, counted, synonyms)
    keys = ["event", "group", "unit", *by]
    src = rows.assign(**{b: rows[_BY_SOURCE[b]] for b in by if b in _BY_SOURCE})
    src = src.assign(**{b: src[b].astype("string").fillna("(none)") for b in by})
    out_cols = ["event", "counted", "unit", *by, "n_figures", "value", "low", "high", "values", "surfaces",
                "qualifiers", "relayed_by", "article_ids", "figure_ids"]
    if src.empty:
        return pd.DataFrame({c: pd.Series([], dtype="float64" if c in ("value", "low", "high") else
                                          "Int64" if c == "n_figures" else "string") for c in out_cols})

    def fmt(v):
        return f"{v:g}"

    grouped = src.groupby(keys, sort=False, dropna=False)
    out = grouped.agg(n_figures=("figure_id", "size"), value=("value", "median"), low=("lo", "min"),
                      high=("hi", "max")).reset_index()
    codes = grouped.ngroup().to_numpy()
    n = len(out)
    values = src["value"].map(fmt, na_action="ignore")
    order = np.lexsort((src["value"].to_numpy(), codes))  # distinct values listed in increasing order
    out["values"] = _joined(codes[order], values.iloc[order], n)
    for col, source in (("surfaces", "surface"), ("qualifiers", "qualifier"), ("relayed_by", "relayed_by"),
                        ("article_ids", "article_id"), ("figure_ids", "figure_id")):
        out[col] = _joined(codes, src[source], n)
    out = out.rename(columns={"group": "counted"})
    out["low"] = out["low"].replace(-np.inf, np.nan)
    out["high"] = out["high"].replace(np.inf, np.nan)
    out["n_figures"] = out["n_figures"].astype("Int64")
    for c in ("values", "surfaces", "qualifiers", "relayed_by", "article_ids", "figure_ids"):
        out[c] = out[c].astype("string")
    out = out.sort_values(["event", "counted", "unit", "value", *by], kind="stable").reset_index(drop=True)
    return out[out_cols]


# --------------------------------------------------------------------------- contested_figures

def _windows(rows: pd.DataFrame, keys: list[str], window_days) -> pd.DataFrame:
    """Add ``window_start``/``window_end`` (greedy windows of window_days+1 days per key)."""
    rows = rows.copy()
    if window_days is None:
        rows["window_start"] = rows.groupby(keys, dropna=False)["date"].transform("min")
        rows["window_end"] = rows.groupby(keys, dropna=False)["date"].transform("max")
        return rows
    span = pd.Timedelta(days=int(window_days))
    starts = {}
    dated = rows[rows["date"].notna()]
    for key, dates in dated.groupby(keys, dropna=False, sort=False)["date"]:
        current = None
        for d in sorted(dates.unique()):
            if current is None or d > current + span:
                current = d
            starts[(*(key if isinstance(key, tuple) else (key,)), d)] = current
    index = pd.MultiIndex.from_frame(dated[keys + ["date"]])
    rows["window_start"] = pd.NaT
    if len(dated):
        rows.loc[dated.index, "window_start"] = pd.Series(
            [starts[k] for k in index], index=dated.index, dtype="datetime64[ns]")
    rows["window_start"] = pd.to_datetime(rows["window_start"])
    rows["window_end"] = rows["window_start"] + span
    return rows


def _label(claimant, outlet, relays, article_ids=None) -> str:
    """``"Ismail Kawasi (Al Jazeera)"``, ``"Najib Danish via AP (Al Jazeera)"``, ``"RTÉ's own figure"``."""
    where = outlet
    if outlet == UNKNOWN_OUTLET:
        first = split_multi(article_ids)
        where = f"article {first[0]}" if first else "unknown outlet"
    if claimant == OWN:
        return f"{where}'s own figure" if outlet != UNKNOWN_OUTLET else f"own figure of {where}"
    via = [r for r in split_multi(relays) if r != outlet]  # "told the BBC" in a BBC article: no "via BBC (BBC)"
    return f"{claimant}{' via ' + ', '.join(via) if via else ''} ({where})"


def contested_figures(claims: pd.DataFrame, *, event=None, counted=None, window_days: int | None = 1,
                      within=(), conflict: str = "different", form: str = "pairs",
                      synonyms: dict | None = None) -> pd.DataFrame:
    """Figures for the same event and counted group that different claimants or outlets disagree on.

    Args:
        claims: a claims table, usually of a corpus (many articles, many outlets).
        event: keep only this event (or events), e.g. ``"wounded"``.
        counted: keep only this counted group (e.g. ``"people"``).
        window_days: claims are compared only inside date windows of ``window_days`` + 1
            days (see the module Notes); ``None`` ignores dates.
        within: more columns of *claims* that must be equal for two claims to be compared
            (e.g. a topic or location column you added).
        conflict: ``"different"`` (default): disjoint intervals or differing stated values;
            ``"disjoint"``: only intervals that do not overlap.
        form: ``"pairs"``: one row per disagreeing pair of claims; ``"groups"``: one row per
            event, counted group and window with every claim in it listed.
        synonyms: extra counted-group mappings (see :func:`normalize_counted`).

    Returns:
        With ``form="pairs"``: ``event, counted, unit, <within...>, window_start, window_end,
        conflict`` ("disjoint" or "different"), ``gap`` (for disjoint intervals the distance
        between them, else the difference of the stated values), then for the lower claim
        (``_a``) and the higher one (``_b``): ``claimant, side, outlet, relayed_by, surface,
        value, low, high, qualifier, published, article_ids, figure_ids``, and ``summary``,
        a sentence such as ``"wounded people: Saleem Rasooli (CNN) at least 35 vs Ismail
        Kawasi (Al Jazeera) 41"``. Identical claims (same claimant, outlet, relays and
        interval) appear once with their articles ``|``-joined. Sorted by event, group,
        window and largest gap first. Text columns other than ``summary`` are pandas
        ``category`` columns: a large corpus can give millions of pairs of a few hundred
        claimants and outlets (``.astype("string")`` converts them).

        With ``form="groups"``: ``event, counted, unit, <within...>, window_start,
        window_end, conflict`` (the strongest in the group), ``n_pairs``, ``n_claimants``,
        ``n_outlets``, ``value_min``, ``value_max``, ``claims`` (every claim of the window,
        lowest first, ``"; "``-separated), ``claimants``, ``outlets``, ``article_ids``.

    Raises:
        ColumnsError: when *claims* is not a claims table (or lacks a *within* column).
        ValueError: for an unknown *conflict* or *form*.
    """
    if conflict not in ("different", "disjoint"):
        raise ValueError(f"conflict must be 'different' or 'disjoint', not {conflict!r}.")
    if form not in ("pairs", "groups"):
        raise ValueError(f"form must be 'pairs' or 'groups', not {form!r}.")
    within = (within,) if isinstance(within, str) else tuple(within)
    require_columns(claims, within, "contested_figures(within=...)")
    rows = _filter(claimant_frame(claims, synonyms), event, counted, synonyms)
    keys = ["event", "group", "unit", *within]
    rows = _windows(rows, keys, window_days)
    rows["relays"] = _blank(rows["relayed_by"]).fillna("")
    for c in within:
        rows[c] = rows[c].astype("string").fillna("(none)")
    rows["wkey"] = rows["window_start"].astype("string").fillna("(undated)")
    pos_keys = [*keys, "wkey", "claimant", "side", "outlet_label", "relays", "lo", "value", "hi"]
    rows["qualifier"] = rows["qualifier"].astype("string").fillna("")
    grouped = rows.groupby(pos_keys, sort=False, dropna=False)
    pos = grouped.agg(
        window_start=("window_start", "first"), window_end=("window_end", "first"),
        surface=("surface", "first"), qualifier=("qualifier", "first"), published=("date", "min"),
    ).reset_index()
    codes = grouped.ngroup().to_numpy()
    pos["article_ids"] = _joined(codes, rows["article_id"], len(pos))
    pos["figure_ids"] = _joined(codes, rows["figure_id"], len(pos))
    pos["cid"] = pos.groupby([*keys, "wkey"], sort=False, dropna=False).ngroup()
    sizes = pos.groupby("cid")["cid"].transform("size")
    pos = pos[sizes > 1]
    pos = pos.iloc[np.argsort(pos["cid"].to_numpy(), kind="stable")].reset_index(drop=True)
    pairs = _pairs(pos, conflict)
    if form == "pairs":
        return _pairs_frame(pos, pairs, within)
    return _groups_frame(pos, pairs, within)


def _pairs(pos: pd.DataFrame, conflict: str) -> pd.DataFrame:
    """Index pairs (i, j) of conflicting positions in the same cluster, the lower claim as i.

    *pos* must be sorted by ``cid`` (as :func:`contested_figures` leaves it). Every pair of a
    cluster is generated without a Python loop: position r of a cluster ending at e pairs
    with r+1..e-1.
    """
    if pos.empty:
        return pd.DataFrame({"i": [], "j": [], "conflict": [], "gap": []})
    cid = pos["cid"].to_numpy()
    n = len(cid)
    idx = np.arange(n)
    cuts = np.flatnonzero(np.diff(cid)) + 1
    ends = np.repeat(np.concatenate([cuts, [n]]), np.diff(np.concatenate([[0], cuts, [n]])))
    counts = ends - idx - 1
    i = np.repeat(idx, counts)
    offsets = np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
    j = i + 1 + offsets
    lo, hi, val = pos["lo"].to_numpy(), pos["hi"].to_numpy(), pos["value"].to_numpy()
    who = pd.factorize(pd.MultiIndex.from_arrays([pos["claimant"], pos["outlet_label"]]))[0]
    vague = (pos["qualifier"] == "vague").to_numpy(dtype=bool)
    keep = who[i] != who[j]
    i, j = i[keep], j[keep]
    disjoint = (lo[i] > hi[j]) | (lo[j] > hi[i])
    different = ~disjoint & (val[i] != val[j]) & ~vague[i] & ~vague[j]
    mask = disjoint | different if conflict == "different" else disjoint
    i, j, disjoint = i[mask], j[mask], disjoint[mask]
    # the lower claim first
    swap = (val[j] < val[i]) | ((val[j] == val[i]) & (lo[j] < lo[i]))
    a, b = np.where(swap, j, i), np.where(swap, i, j)
    gap = np.where(disjoint, np.maximum(lo[b] - hi[a], lo[a] - hi[b]), np.abs(val[b] - val[a]))
    return pd.DataFrame({"i": a, "j": b, "conflict": np.where(disjoint, "disjoint", "different"), "gap": gap})


def _position_texts(pos: pd.DataFrame) -> np.ndarray:
    """``"Ismail Kawasi (Al Jazeera) 41"`` for every position (plain Python values: fast)."""
    cols = [pos[c].to_numpy(dtype=object) for c in ("claimant", "outlet_label", "relays", "article_ids", "qualifier")]
    lo, hi, val = pos["lo"].to_numpy(), pos["hi"].to_numpy(), pos["value"].to_numpy()
    out = np.empty(len(pos), dtype=object)
    for k, (c, o, r, a, q) in enumerate(zip(*cols)):
        out[k] = f"{_label(c, o, r, a)} {format_interval(val[k], _fin(lo[k]), _fin(hi[k]), q or None)}"
    return out


def _pos_text(p) -> str:
    return f"{_label(p.claimant, p.outlet_label, p.relays, p.article_ids)} {format_interval(p.value, _fin(p.lo), _fin(p.hi), p.qualifier)}"


def _fin(x):
    return x if np.isfinite(x) else np.nan


def _taker(column: pd.Series):
    """A function idx -> the column's values at positions idx: categorical for text (a corpus can
    give millions of pairs; the codes are taken, never the strings), plain arrays otherwise."""
    if isinstance(column.dtype, pd.StringDtype) or column.dtype == object:
        codes, categories = pd.factorize(column.astype("string"), use_na_sentinel=True)
        categories = pd.Index(categories.astype(str), dtype="string")
        return lambda idx: pd.Categorical.from_codes(codes[idx], categories=categories)
    values = column.to_numpy()
    return lambda idx: values[idx]


def _pairs_frame(pos: pd.DataFrame, pairs: pd.DataFrame, within) -> pd.DataFrame:
    fields = ["claimant", "side", "outlet", "relayed_by", "surface", "value", "low", "high", "qualifier",
              "published", "article_ids", "figure_ids"]
    head = ["event", "counted", "unit", *within, "window_start", "window_end", "conflict", "gap"]
    cols = head + [f"{f}_{s}" for s in ("a", "b") for f in fields] + ["summary"]
    view = pos.rename(columns={"outlet_label": "outlet", "group": "counted"})
    view = view.assign(relayed_by=view["relays"].replace("", pd.NA).astype("string"),
                       low=view["lo"].where(np.isfinite(view["lo"])),
                       high=view["hi"].where(np.isfinite(view["hi"])),
                       qualifier=view["qualifier"].replace("", pd.NA).astype("string"))
    if pairs.empty:
        empty = {c: pd.Series([], dtype="category") for c in cols}
        for c in ("gap", "value_a", "low_a", "high_a", "value_b", "low_b", "high_b"):
            empty[c] = pd.Series([], dtype="float64")
        for c in ("window_start", "window_end", "published_a", "published_b"):
            empty[c] = pd.Series([], dtype="datetime64[ns]")
        empty["summary"] = pd.Series([], dtype="string")
        return pd.DataFrame(empty)[cols]
    # order: event, counted group, unit, window (the positions' order), then the largest gap first
    clusters = view.groupby("cid", sort=True)[["event", "counted", "unit", "window_start"]].first()
    clusters = clusters.assign(**{k: clusters[k].astype(str) for k in ("event", "counted", "unit")})
    ranked = clusters.sort_values(["event", "counted", "unit", "window_start"], kind="stable", na_position="last")
    cluster_rank = pd.Series(np.arange(len(ranked)), index=ranked.index)
    rank = cluster_rank.reindex(view["cid"]).to_numpy()
    i_all, j_all, gap_all = pairs["i"].to_numpy(), pairs["j"].to_numpy(), pairs["gap"].to_numpy()
    order = np.lexsort((-gap_all, rank[i_all]))
    i, j = i_all[order], j_all[order]
    out = {}
    for c in ["event", "counted", "unit", *within, "window_start", "window_end"]:
        out[c] = _taker(view[c])(i)
    out["conflict"] = pd.Categorical(pairs["conflict"].to_numpy()[order], categories=["different", "disjoint"])
    out["gap"] = gap_all[order]
    for f in fields:
        take = _taker(view[f])
        out[f"{f}_a"], out[f"{f}_b"] = take(i), take(j)
    texts = _position_texts(pos)
    heads = (view["event"].astype(str) + " " + view["counted"].astype(str) + ": ").to_numpy(dtype=object)
    out["summary"] = pd.array(heads[i] + texts[i] + " vs " + texts[j], dtype="string")
    return pd.DataFrame(out)[cols]


def _groups_frame(pos: pd.DataFrame, pairs: pd.DataFrame, within) -> pd.DataFrame:
    cols = ["event", "counted", "unit", *within, "window_start", "window_end", "conflict", "n_pairs", "n_claimants",
            "n_outlets", "value_min", "value_max", "claims", "claimants", "outlets", "article_ids"]
    if pairs.empty:
        return pd.DataFrame({c: pd.Series([], dtype="string") for c in cols})
    pair_cid = pos["cid"].to_numpy()[pairs["i"].to_numpy()]
    per = pd.DataFrame({"cid": pair_cid, "disjoint": (pairs["conflict"] == "disjoint").to_numpy()}).groupby("cid").agg(
        n_pairs=("disjoint", "size"), disjoint=("disjoint", "any"))
    sub = pos[pos["cid"].isin(per.index)]
    sub = sub.iloc[np.lexsort((sub["lo"].to_numpy(), sub["value"].to_numpy(), sub["cid"].to_numpy()))]
    sub = sub.reset_index(drop=True)
    grouped = sub.groupby("cid", sort=True)
    out = grouped.agg(event=("event", "first"), counted=("group", "first"), unit=("unit", "first"),
                      **{c: (c, "first") for c in within},
                      window_start=("window_start", "first"), window_end=("window_end", "first"),
                      n_claimants=("claimant", "nunique"), n_outlets=("outlet_label", "nunique"),
                      value_min=("value", "min"), value_max=("value", "max"))
    codes = grouped.ngroup().to_numpy()
    n = len(out)
    texts = pd.Series(_position_texts(sub))
    joined = {name: _joined(codes, series, n) for name, series in
              (("claims", texts), ("claimants", sub["claimant"]), ("outlets", sub["outlet_label"]))}
    out["claims"] = [None if x is None else x.replace(SEP, "; ") for x in joined["claims"]]
    out["claimants"], out["outlets"] = joined["claimants"], joined["outlets"]
    out["article_ids"] = [SEP.join(dict.fromkeys(cells.split(SEP))) if cells else None
                          for cells in _joined(codes, sub["article_ids"], n)]
    out["conflict"] = np.where(per.loc[out.index, "disjoint"].to_numpy(), "disjoint", "different")
    out["n_pairs"] = per.loc[out.index, "n_pairs"].to_numpy()
    for c in ("n_pairs", "n_claimants", "n_outlets"):
        out[c] = out[c].astype("Int64")
    for c in ("event", "counted", "unit", "conflict", "claims", "claimants", "outlets", "article_ids"):
        out[c] = out[c].astype("string")
    return out.sort_values(["event", "counted", "unit", "window_start"], kind="stable").reset_index(drop=True)[cols]


# --------------------------------------------------------------------------- relay chains

_EDGE_COLS = {"quote_id": "string", "article_id": "string", "step": "Int64", "source": "string",
              "target": "string", "relation": "string", "speaker": "string", "outlet": "string", "credit": "string"}


def relay_chains(quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The path of every quote from its speaker to the page, as a table of edges.

    For each quote: speaker -> the relaying media (``relayed_by``, nearest to the speaker
    first) -> the article's outlet, plus an edge from the agency the article credits
    ("(With inputs from ANI)") to the outlet. "Khaama Press quoted Motaqi", in an article
    crediting ANI, gives::

        step 1  Amir Khan Muttaqi -> Khaama Press     said_to
        step 2  Khaama Press      -> (article)        published_by
        step 3  ANI               -> (article)        credited

    Relations: ``said_to`` (speaker to the first relay), ``relayed_by`` (a relay to the next),
    ``published_by`` (the last relay, or the speaker when there is none, to the outlet),
    ``credited`` (the credited agency to the outlet). A relay that *is* the outlet ("told Al
    Jazeera" in an Al Jazeera article) ends the chain there: no self-loop edge.

    Args:
        quotes: a quotes table (or a claims table, whose quote rows are used once each).
        articles: the articles table, for ``outlet`` and ``credit``; when omitted they are
            taken from *quotes* if it has them (a claims table does), else unknown.

    Returns:
        Columns ``quote_id, article_id, step, source, target, relation, speaker, outlet,
        credit``: one row per edge, in quote order. The outlet is ``"(article)"`` when unknown;
        an unresolved speaker is the mention as written, or ``"(unnamed source)"``.
    """
    require_columns(quotes, ["quote_id", "article_id", "speaker", "relayed_by"], "relay_chains")
    q = quotes.loc[_blank(quotes["quote_id"]).notna()].drop_duplicates("quote_id")
    meta_cols = ["outlet", "credit"]
    if articles is not None:
        require_columns(articles, ["article_id", "outlet", "credit"], "relay_chains(articles=...)")
        q = q.drop(columns=[c for c in meta_cols if c in q.columns]).merge(
            articles[["article_id", *meta_cols]].drop_duplicates("article_id"), on="article_id", how="left")
    for c in meta_cols:
        if c not in q.columns:
            q = q.assign(**{c: pd.Series(pd.NA, index=q.index, dtype="string")})
    speaker = _blank(q["speaker"])
    if "speaker_text" in q.columns:
        speaker = speaker.fillna(_blank(q["speaker_text"]))
    q = q.assign(_speaker=speaker.fillna(_UNNAMED), _outlet=_blank(q["outlet"]).fillna(UNKNOWN_OUTLET),
                 _credit=_blank(q["credit"]))
    rows = []
    for r in q[["quote_id", "article_id", "_speaker", "relayed_by", "_outlet", "_credit"]].itertuples(index=False):
        qid, aid, spk, relays, outlet, credit = r
        credit = None if credit is pd.NA else credit
        nodes = [spk, *split_multi(relays)]
        step = 0
        for k in range(1, len(nodes)):
            step += 1
            rows.append((qid, aid, step, nodes[k - 1], nodes[k], "said_to" if k == 1 else "relayed_by", spk, outlet, credit))
        if nodes[-1] != outlet:
            step += 1
            rows.append((qid, aid, step, nodes[-1], outlet, "published_by", spk, outlet, credit))
        if credit and credit != outlet:
            step += 1
            rows.append((qid, aid, step, credit, outlet, "credited", spk, outlet, credit))
    frame = pd.DataFrame.from_records(rows, columns=list(_EDGE_COLS))
    return frame.astype(_EDGE_COLS)
