"""Claims in the shapes of two event datasets: UCDP GED and ACLED, with a documented crosswalk.

The toolkit records *claims about* events, not events: one row per figure a claimant gave.
Event datasets record events, and each keeps the dispute differently:

- **UCDP GED** (Sundberg & Melander 2013; Högbladh 2023, *UCDP GED Codebook* 23.1) keeps a
  ``low``/``best``/``high`` estimate and, per source, ``source_office`` (the news agency
  that reported) and ``source_original`` (who inside the report made the claim).
  :func:`to_ucdp` keeps one row per claim, so the spread of the claims stays visible.
- **ACLED** (Raleigh et al. 2010; *ACLED Codebook* 2023) keeps one conservative
  ``fatalities`` figure per event and describes the disagreement in ``notes``.
  :func:`to_acled` makes one row per event, counted group and date window (grouped as in
  :func:`~panjshir_toolkit.compare.contested_figures`), takes the lowest conservative
  figure over every claim, and lists the claims in ``notes``.

Neither is a full GED or ACLED record: locations, dyads, actor codes and event types are
not read from the text; those columns are left out rather than guessed.

Crosswalk (also ``CROSSWALK``, a DataFrame):

=================  ====================  =======================  ==========================================
toolkit (claims)   UCDP GED-like         ACLED-like               rule
=================  ====================  =======================  ==========================================
figure_id          id                    event_id_cnty            ACLED: the group's figure ids, ``|``-joined
quote_id           relid                 --                       the claim the row comes from
published          date_start, date_end  event_date               the article's date (the event date is not
                                                                  parsed from the text); ACLED: window start
published          year                  year                     year of the date
value              best                  --                       the claimant's number (GED best), moved
                                                                  into [low, high] ("more than 30" -> 31)
low                low                   --                       open bound: the value (GED needs a number),
                                                                  or high when that is lower
high               high                  --                       open bound: the value, or low when that is
                                                                  higher ("more than 30": low 31, high 31)
low / value        --                    fatalities               conservative: low, else value; vague words
                                                                  read with ACLED's numbers (dozens = 12)
                                                                  from ``vague_quantities.csv``; the lowest
                                                                  over the group's claims
event              event (extension)     --                       GED counts deaths only: the default keeps
                                                                  ``killed``; pass ``events=None`` for all
counted            deaths_civilians /    --                       GED splits deaths by side; a counted group
                   deaths_unknown                                 of civilians goes to deaths_civilians,
                                                                  anything else to deaths_unknown (the text
                                                                  says who died, not on which side)
speaker            source_original       notes                    the claimant; empty for the outlet's own
relayed_by+outlet  source_office         source                   relays nearest the speaker first, then the
                                                                  outlet, "; "-separated
title              source_headline       --
outlet, published  source_article        --                       "Outlet, YYYY-MM-DD, title"
published          source_date           --
surface            surface (extension)   notes                    the words the figure was written in
affiliation        side (extension)      notes                    the claimant's side
(dispute)          --                    notes                    "Disputed: ..." when claims disagree
=================  ====================  =======================  ==========================================

References:
    Sundberg, Ralph and Erik Melander (2013). Introducing the UCDP Georeferenced Event
    Dataset. *Journal of Peace Research* 50(4): 523-532.
    Raleigh, Clionadh, Andrew Linke, Håvard Hegre and Joakim Karlsen (2010). Introducing
    ACLED. *Journal of Peace Research* 47(5): 651-660.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .compare import OWN, UNKNOWN_OUTLET, _joined, _label, _windows, claimant_frame, format_interval, require_columns
from .schema import SEP, split_multi

__all__ = ["CROSSWALK", "to_ucdp", "to_acled", "conservative_figure"]

CROSSWALK = pd.DataFrame(
    [
        ("figure_id", "id", "event_id_cnty", "ACLED: the group's figure ids, |-joined"),
        ("quote_id", "relid", None, "the claim the row comes from"),
        ("published", "date_start|date_end", "event_date", "the article's date; ACLED: the window's first day"),
        ("published", "year", "year", "year of the date"),
        ("value", "best", None, "the claimant's number"),
        ("low", "low", None, "an open bound becomes the value (or the other bound when that is beyond it)"),
        ("high", "high", None, "an open bound becomes the value (or the other bound when that is beyond it)"),
        ("low|value", None, "fatalities", "conservative: low, else value; vague words read with ACLED's numbers; the lowest over the group"),
        ("event", "event", None, "GED counts deaths: default events=('killed',)"),
        ("counted", "deaths_civilians|deaths_unknown", None, "civilians -> deaths_civilians, else deaths_unknown"),
        ("speaker", "source_original", "notes", "the claimant; empty for the outlet's own figure"),
        ("relayed_by|outlet", "source_office", "source", "relays nearest the speaker first, then the outlet"),
        ("title", "source_headline", None, ""),
        ("outlet|published|title", "source_article", None, "'Outlet, YYYY-MM-DD, title'"),
        ("published", "source_date", None, ""),
        ("surface", "surface", "notes", "the words the figure was written in"),
        ("affiliation", "side", "notes", "the claimant's side"),
        (None, None, "notes", "'Disputed: ...' when the claims disagree"),
    ],
    columns=["toolkit", "ucdp_ged", "acled", "rule"],
).astype("string")

_UCDP_TYPES = {
    "id": "string", "relid": "string", "year": "Int64", "date_start": "string", "date_end": "string",
    "best": "float64", "low": "float64", "high": "float64", "deaths_civilians": "float64",
    "deaths_unknown": "float64", "event": "string", "counted": "string", "source_original": "string",
    "source_office": "string", "source_article": "string", "source_headline": "string",
    "source_date": "string", "surface": "string", "side": "string", "article_id": "string",
}
_ACLED_TYPES = {
    "event_id_cnty": "string", "event_date": "string", "year": "Int64", "event": "string", "counted": "string",
    "fatalities": "Int64", "source": "string", "notes": "string", "n_claims": "Int64", "disputed": "boolean",
    "article_ids": "string",
}


def _office(relays, outlet) -> str:
    parts = [*split_multi(relays)]
    if outlet and outlet != UNKNOWN_OUTLET and outlet not in parts:
        parts.append(outlet)
    return "; ".join(parts) if parts else None


def _events(rows: pd.DataFrame, events) -> pd.DataFrame:
    if events is None:
        return rows
    events = [events] if isinstance(events, str) else list(events)
    return rows[rows["event"].isin(events)]


def to_ucdp(claims: pd.DataFrame, *, events=("killed",), synonyms: dict | None = None) -> pd.DataFrame:
    """One UCDP-GED-like row per claimed figure (see the crosswalk in the module docstring).

    Args:
        claims: a claims table.
        events: the events to keep (GED counts deaths: ``("killed",)``); ``None`` keeps all.
        synonyms: extra counted-group mappings (see :func:`~panjshir_toolkit.compare.normalize_counted`).

    Returns:
        Columns ``id, relid, year, date_start, date_end, best, low, high, deaths_civilians,
        deaths_unknown, event, counted, source_original, source_office, source_article,
        source_headline, source_date, surface, side, article_id``, in claims order.
    """
    require_columns(claims, ["title"], "to_ucdp")
    rows = _events(claimant_frame(claims, synonyms), events)
    best = rows["value"]
    # an open bound becomes the value, kept on the right side of the other bound
    low = rows["lo"].where(np.isfinite(rows["lo"]), np.minimum(best, rows["hi"]))
    high = rows["hi"].where(np.isfinite(rows["hi"]), np.maximum(best, rows["lo"]))
    best = best.clip(lower=low, upper=high)  # GED needs low <= best <= high ("more than 30": 31)
    civ = rows["group"] == "civilians"
    date = rows["date"].dt.strftime("%Y-%m-%d").astype("string")
    title = rows["title"].astype("string")
    outlet = rows["outlet_label"]
    out = pd.DataFrame({
        "id": rows["figure_id"], "relid": rows["quote_id"], "year": rows["date"].dt.year,
        "date_start": date, "date_end": date, "best": best, "low": low, "high": high,
        "deaths_civilians": best.where(civ), "deaths_unknown": best.where(~civ),
        "event": rows["event"], "counted": rows["group"],
        "source_original": rows["claimant"].where(rows["claimant"] != OWN),
        "source_office": [_office(r, o) for r, o in zip(rows["relayed_by"], outlet)],
        "source_article": [", ".join(str(x) for x in (o, d, t) if x is not None and x is not pd.NA and x != UNKNOWN_OUTLET)
                           for o, d, t in zip(outlet, date, title)],
        "source_headline": title, "source_date": date, "surface": rows["surface"],
        "side": rows["side"], "article_id": rows["article_id"],
    })
    return out.reset_index(drop=True).astype(_UCDP_TYPES)


@functools.cache
def _acled_vague() -> dict[str, float]:
    """``{phrase: ACLED figure}`` from the figures stage's vague-quantity table, when installed."""
    from . import lexicon

    try:
        rows = lexicon.load("vague_quantities")
    except KeyError:
        return {}
    return {r["phrase"].lower(): float(r["acled"]) for r in rows if r.get("acled")}


def conservative_figure(value, low, qualifier=None, surface=None) -> float:
    """ACLED's reading of one figure: the lowest number the wording asserts.

    ``low`` when there is one, else the value; a vague quantity ("dozens") takes the
    ACLED codebook number from ``lexicon/vague_quantities.csv`` (dozens = 12, hundreds =
    100) when that table is installed, else its ``low``.

    >>> conservative_figure(600, 540, "approximate")
    540.0
    >>> conservative_figure(41, 41, "exact")
    41.0
    """
    if qualifier == "vague" and surface:
        key = str(surface).lower().strip()
        table = _acled_vague()
        for phrase in sorted(table, key=len, reverse=True):
            if key == phrase or key.startswith(phrase + " ") or key.endswith(" " + phrase) or f" {phrase} " in f" {key} ":
                return table[phrase]
    if low is not None and low == low and np.isfinite(low):
        return float(low)
    return float(value)


def to_acled(claims: pd.DataFrame, *, events=("killed",), window_days: int | None = 1, within=(),
             synonyms: dict | None = None) -> pd.DataFrame:
    """One ACLED-like row per event, counted group and date window: one conservative figure, the dispute in notes.

    The claims are grouped exactly as :func:`~panjshir_toolkit.compare.contested_figures`
    groups them (same event, counted group and unit, same date window and *within* values).
    ``fatalities`` is the lowest conservative reading (:func:`conservative_figure`) over the
    group's claims, as ACLED codes the most conservative report.

    Args:
        claims: a claims table.
        events: the events to keep (``("killed",)``: ACLED's fatalities); ``None`` keeps all
            (the column then holds the conservative count of whatever the event is).
        window_days, within, synonyms: as for ``contested_figures``.

    Returns:
        Columns ``event_id_cnty, event_date, year, event, counted, fatalities, source,
        notes, n_claims, disputed, article_ids``. ``notes`` lists every claim ("Ismail
        Kawasi (Al Jazeera): 41; ...") and starts with "Disputed: " when the claimed
        intervals do not all overlap or the stated values differ.
    """
    within = (within,) if isinstance(within, str) else tuple(within)
    require_columns(claims, within, "to_acled(within=...)")
    rows = _events(claimant_frame(claims, synonyms), events)
    keys = ["event", "group", "unit", *within]
    rows = _windows(rows, keys, window_days)
    if rows.empty:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _ACLED_TYPES.items()})
    qualifier = rows["qualifier"].astype("object").where(rows["qualifier"].notna(), None).to_numpy()
    surface = rows["surface"].astype("object").where(rows["surface"].notna(), None).to_numpy()
    value, lo, hi = rows["value"].to_numpy(), rows["lo"].to_numpy(), rows["hi"].to_numpy()
    rows["cons"] = [conservative_figure(v, l, q, t) for v, l, q, t in zip(value, lo, qualifier, surface)]
    rows["wkey"] = rows["window_start"].astype("string").fillna("(undated)")
    rows["precise"] = rows["value"].where(rows["qualifier"].astype("string").fillna("") != "vague")
    codes = rows.groupby([*keys, "wkey"], sort=True, dropna=False).ngroup().to_numpy()
    order = np.lexsort((lo, value, codes))
    rows, codes = rows.iloc[order], codes[order]
    value, lo, hi, qualifier = value[order], lo[order], hi[order], qualifier[order]
    relays = rows["relayed_by"].astype("object").where(rows["relayed_by"].notna(), None).to_numpy()
    texts = [
        f"{_label(c, o, r, a)}: {format_interval(v, l if np.isfinite(l) else np.nan, h if np.isfinite(h) else np.nan, q)}"
        for c, o, r, a, v, l, h, q in zip(rows["claimant"].to_numpy(dtype=object), rows["outlet_label"].to_numpy(dtype=object),
                                          relays, rows["article_id"].to_numpy(dtype=object), value, lo, hi, qualifier)
    ]
    sources = [
        "; ".join(x for x in [*split_multi(r), o] if x != UNKNOWN_OUTLET)
        for r, o in zip(relays, rows["outlet_label"].to_numpy(dtype=object))
    ]
    frame = rows.assign(_code=codes)
    grouped = frame.groupby("_code", sort=True)
    out = grouped.agg(window_start=("window_start", "first"), event=("event", "first"), counted=("group", "first"),
                      fatalities=("cons", "min"), n_claims=("figure_id", "size"), lo_max=("lo", "max"),
                      hi_min=("hi", "min"), n_precise=("precise", "nunique"))
    n = len(out)
    notes = _joined(codes, pd.Series(texts), n)
    source = _joined(codes, pd.Series([x or None for x in sources]), n)
    disputed = (out["lo_max"] > out["hi_min"]) | (out["n_precise"] > 1)
    date = out["window_start"].dt.strftime("%Y-%m-%d")
    result = pd.DataFrame({
        "event_id_cnty": _joined(codes, rows["figure_id"], n),
        "event_date": date.to_numpy(), "year": out["window_start"].dt.year.to_numpy(),
        "event": out["event"].to_numpy(), "counted": out["counted"].to_numpy(),
        "fatalities": np.floor(out["fatalities"].to_numpy()),
        "source": [None if x is None else "; ".join(dict.fromkeys(x.replace(SEP, "; ").split("; "))) for x in source],
        "notes": [("Disputed: " if d else "") + (t or "").replace(SEP, "; ") for d, t in zip(disputed, notes)],
        "n_claims": out["n_claims"].to_numpy(), "disputed": disputed.to_numpy(),
        "article_ids": _joined(codes, rows["article_id"], n),
    })
    return result.astype(_ACLED_TYPES)
