"""Plots of claims, statements and relay chains (matplotlib).

Every function takes ``ax=None`` (a new figure and Axes when None), draws on that Axes
only and returns it. Nothing here calls ``plt.show()``, picks a backend or changes
matplotlib's global settings: the caller decides how the figure is shown or saved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .compare import claimant_frame, compare_figures, require_columns, _label
from .schema import split_multi

__all__ = ["plot_claimed_figures", "plot_statements", "plot_relay_chains", "plot_figures_over_time"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _colors(labels):
    import matplotlib

    cmap = matplotlib.colormaps["tab10"]
    return {label: cmap(i % 10) for i, label in enumerate(dict.fromkeys(labels))}


def plot_claimed_figures(claims: pd.DataFrame, event=None, counted=None, ax=None, *, synonyms=None):
    """The figures each claimant gave, as bars with their intervals, coloured by side.

    One horizontal bar per claimant and outlet (the stated value; the median when the same
    claimant gave several), a black line over the interval low-high, and an arrow where the
    interval is open ("at least 35"). With several events or counted groups each label
    starts with them; pass *event* and *counted* to draw one comparison.

    Args:
        claims: a claims table.
        event, counted: as for :func:`~panjshir_toolkit.compare.compare_figures`.
        ax: the matplotlib Axes to draw on (default: a new figure).
        synonyms: extra counted-group mappings.

    Returns:
        The Axes: one bar patch per line of ``compare_figures(claims, event, counted)``,
        y tick labels "claimant (outlet)", a legend of sides.
    """
    ax = _axes(ax)
    table = compare_figures(claims, event=event, counted=counted, synonyms=synonyms)
    if table.empty:
        ax.text(0.5, 0.5, "no figures to compare", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    table = table.iloc[::-1].reset_index(drop=True)  # the first line at the top
    several = table[["event", "counted"]].drop_duplicates().shape[0] > 1
    labels = []
    for r in table.itertuples(index=False):
        label = _label(r.speaker, r.outlet, None, r.article_ids)
        labels.append(f"{r.event} {r.counted}: {label}" if several else label)
    colors = _colors(table["affiliation"])
    y = np.arange(len(table))
    ax.barh(y, table["value"], color=[colors[s] for s in table["affiliation"]], alpha=0.8)
    finite_high = table["high"].dropna()
    right = max(float(table["value"].max()), float(finite_high.max()) if len(finite_high) else 0.0) * 1.15 or 1.0
    for yi, r in zip(y, table.itertuples(index=False)):
        low = r.low if r.low == r.low else 0.0
        high = r.high if r.high == r.high else right
        ax.hlines(yi, low, high, color="black", linewidth=1.5)
        if r.high != r.high:
            ax.annotate("", xy=(right, yi), xytext=(low, yi), arrowprops={"arrowstyle": "->", "color": "black"})
    ax.set_yticks(y, labels)
    ax.set_xlim(0, right)
    unit = table["unit"].iloc[0]
    ax.set_xlabel(f"claimed figure ({unit})" if not several else "claimed figure")
    if not several:
        ax.set_title(f"{table['event'].iloc[0]}: {table['counted'].iloc[0]}")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=c, label=s) for s, c in colors.items()], title="side", loc="lower right")
    return ax


def plot_statements(quotes: pd.DataFrame, by: str = "speaker", hue: str | None = "affiliation", ax=None, *, top: int = 15):
    """Statements per speaker (or any column), stacked by side (or any other column).

    Args:
        quotes: a quotes table (or a claims table: each quote is counted once).
        by: the column on the y axis (``"speaker"``, ``"speaker_kind"``, ``"outlet"``...).
        hue: the column the bars are split by (``"affiliation"``, ``"quote_type"``...), or None.
        ax: the Axes (default: a new figure).
        top: draw the *top* most frequent values of *by* only.

    Returns:
        The Axes: one bar container per value of *hue*, y tick labels the values of *by*
        (missing values as "(unknown)"), most statements at the top.
    """
    need = ["quote_id", by] + ([hue] if hue else [])
    require_columns(quotes, need, "plot_statements")
    ax = _axes(ax)
    q = quotes.loc[quotes["quote_id"].notna()].drop_duplicates("quote_id")
    keys = q[by].astype("string").fillna("(unknown)")
    hues = q[hue].astype("string").fillna("(unknown)") if hue else pd.Series("statements", index=q.index)
    counts = pd.crosstab(keys, hues)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]].iloc[::-1]
    colors = _colors(counts.columns)
    left = np.zeros(len(counts))
    y = np.arange(len(counts))
    for col in counts.columns:
        ax.barh(y, counts[col].to_numpy(), left=left, color=colors[col], label=str(col))
        left += counts[col].to_numpy()
    ax.set_yticks(y, list(counts.index))
    ax.set_xlabel("statements")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if hue:
        ax.legend(title=hue)
    return ax


def plot_relay_chains(edges: pd.DataFrame, ax=None):
    """The relay chains (:func:`~panjshir_toolkit.compare.relay_chains`) as a layered diagram.

    Speakers on the left, relaying media in the middle (one column per relay step), outlets
    on the right; a credited agency sits in the column before the outlet it is credited by.
    Arrows are solid for said_to / relayed_by / published_by and dashed for credited; an arrow
    carried by several quotes is labelled with their number. Drawn with matplotlib alone.

    Returns:
        The Axes: one text artist per node (its name), one annotation per distinct edge.
    """
    require_columns(edges, ["source", "target", "relation", "step"], "plot_relay_chains")
    ax = _axes(ax)
    ax.set_axis_off()
    if edges.empty:
        ax.text(0.5, 0.5, "no relay chains", ha="center", va="center", transform=ax.transAxes)
        return ax
    chain = edges[edges["relation"] != "credited"]
    layer: dict[str, int] = {}
    for s in chain.loc[chain["relation"].isin(["said_to", "published_by"]) & (chain["step"] == 1), "source"]:
        layer.setdefault(s, 0)
    for _ in range(len(edges)):  # longest-path layering over a small graph
        changed = False
        for s, t in zip(chain["source"], chain["target"]):
            want = layer.get(s, 0) + 1
            if layer.get(t, -1) < want:
                layer[t], changed = want, True
        if not changed:
            break
    outlets = set(chain.loc[chain["relation"] == "published_by", "target"])
    last = max([layer[o] for o in outlets], default=max(layer.values(), default=1))
    for o in outlets:
        layer[o] = last
    for s, t in zip(edges.loc[edges["relation"] == "credited", "source"], edges.loc[edges["relation"] == "credited", "target"]):
        layer.setdefault(s, max(layer.get(t, last) - 1, 1))
    columns: dict[int, list[str]] = {}
    for node, col in sorted(layer.items(), key=lambda kv: (kv[1], kv[0])):
        columns.setdefault(col, []).append(node)
    pos = {}
    for col, nodes in columns.items():
        for i, node in enumerate(nodes):
            pos[node] = (col, 1.0 - (i + 1) / (len(nodes) + 1))
    counts = edges.groupby(["source", "target", "relation"], sort=False).size()
    for (s, t, rel), n in counts.items():
        style = "--" if rel == "credited" else "-"
        ax.annotate("", xy=pos[t], xytext=pos[s],
                    arrowprops={"arrowstyle": "->", "linestyle": style, "color": "grey" if rel == "credited" else "black",
                                "shrinkA": 18, "shrinkB": 18})
        if n > 1:
            mx, my = (pos[s][0] + pos[t][0]) / 2, (pos[s][1] + pos[t][1]) / 2
            ax.text(mx, my, str(n), fontsize=7, ha="center", va="bottom", color="dimgrey")
    for node, (x, yv) in pos.items():
        ax.text(x, yv, node, ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "grey"})
    ax.set_xlim(-0.6, max(columns) + 0.6)
    ax.set_ylim(0, 1)
    return ax


def plot_figures_over_time(claims: pd.DataFrame, ax=None, freq: str = "D", *, event=None, value: str = "count",
                           synonyms=None):
    """Claimed figures across a corpus over time, one line per event.

    Args:
        claims: a claims table with ``published`` dates.
        ax: the Axes (default: a new figure).
        freq: the period (a pandas frequency: ``"D"`` day, ``"W"`` week, ``"MS"`` month).
        event: only this event (or events).
        value: ``"count"``: how many figures were claimed per period; ``"median"`` / ``"max"``:
            the median / largest claimed value per period (mixing counted groups: filter first).

    Returns:
        The Axes: one line per event (label = the event), dates on the x axis. Undated
        claims are left out.
    """
    if value not in ("count", "median", "max"):
        raise ValueError(f"value must be 'count', 'median' or 'max', not {value!r}.")
    ax = _axes(ax)
    rows = claimant_frame(claims, synonyms)
    if event is not None:
        rows = rows[rows["event"].isin([event] if isinstance(event, str) else list(event))]
    rows = rows[rows["date"].notna()]
    if rows.empty:
        ax.text(0.5, 0.5, "no dated figures", ha="center", va="center", transform=ax.transAxes)
        return ax
    for ev, g in rows.groupby("event", sort=True):
        series = g.set_index("date")["value"].resample(freq)
        series = series.size() if value == "count" else getattr(series, value)()
        ax.plot(series.index, series.to_numpy(), marker="o", label=str(ev))
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylabel("figures claimed" if value == "count" else f"{value} claimed figure")
    ax.set_xlabel("published")
    ax.legend(title="event")
    return ax
