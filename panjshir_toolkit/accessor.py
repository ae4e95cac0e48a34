"""``df.panjshir``: the comparison, event-data, plot and export functions as a pandas accessor.

For notebook users::

    import panjshir_toolkit.accessor  # registers df.panjshir (nothing else happens at import)

    result.claims.panjshir.contested(event="wounded")
    result.claims.panjshir.plot_claimed_figures(event="killed", counted="Taliban")
    result.quotes.panjshir.relay_chains(result.articles)

The accessor is a thin layer: every method calls the function of the same name in
:mod:`~panjshir_toolkit.compare`, :mod:`~panjshir_toolkit.eventdata`,
:mod:`~panjshir_toolkit.plots` or :mod:`~panjshir_toolkit.exports` with the DataFrame as its
first argument. It recognises the table it is given (claims, quotes or relay edges) from
its columns; ``df.panjshir`` on any other DataFrame raises
:class:`~panjshir_toolkit.errors.ColumnsError` (an ``AttributeError``, as pandas expects
from an accessor), naming the columns that are missing. A method that needs another table
(``contested`` on a quotes table) raises the same error.

Importing this module registers the accessor; :func:`register` does the same explicitly and
may be called any number of times. ``import panjshir_toolkit`` alone does not register it.
"""

from __future__ import annotations

import pandas as pd

from .errors import ColumnsError

__all__ = ["PanjshirAccessor", "register", "ACCESSOR_NAME"]

ACCESSOR_NAME = "panjshir"

_CLAIMS = ["article_id", "outlet", "published", "quote_id", "speaker", "speaker_text", "affiliation", "relayed_by",
           "figure_id", "surface", "value", "low", "high", "qualifier", "unit", "counted", "event"]
_QUOTES = ["quote_id", "article_id", "speaker", "speaker_text", "affiliation", "relayed_by"]
_EDGES = ["quote_id", "article_id", "step", "source", "target", "relation"]


class PanjshirAccessor:
    """Comparisons, event-data shapes, plots and exports of a toolkit table (``df.panjshir``).

    Attributes:
        kind: ``"claims"``, ``"quotes"`` or ``"edges"``: the table recognised from the columns.
    """

    def __init__(self, frame: pd.DataFrame):
        cols = set(frame.columns)
        if cols.issuperset(_CLAIMS):
            self.kind = "claims"
        elif cols.issuperset(_QUOTES):
            self.kind = "quotes"
        elif cols.issuperset(_EDGES):
            self.kind = "edges"
        else:
            raise ColumnsError("The df.panjshir accessor (on a claims, quotes or relay-edges table)", [c for c in _CLAIMS if c not in cols])
        self._frame = frame

    def _need(self, *kinds: str, what: str) -> pd.DataFrame:
        if self.kind not in kinds:
            needed = {"claims": _CLAIMS, "quotes": _QUOTES, "edges": _EDGES}[kinds[0]]
            raise ColumnsError(f"df.panjshir.{what} (on a {kinds[0]} table)",
                               [c for c in needed if c not in self._frame.columns])
        return self._frame

    # comparisons
    def compare(self, event=None, counted=None, by=("speaker", "affiliation", "outlet"), **kwargs) -> pd.DataFrame:
        """:func:`panjshir_toolkit.compare.compare_figures` of this claims table."""
        from .compare import compare_figures

        return compare_figures(self._need("claims", what="compare()"), event=event, counted=counted, by=by, **kwargs)

    def contested(self, **kwargs) -> pd.DataFrame:
        """:func:`panjshir_toolkit.compare.contested_figures` of this claims table."""
        from .compare import contested_figures

        return contested_figures(self._need("claims", what="contested()"), **kwargs)

    def relay_chains(self, articles: pd.DataFrame | None = None) -> pd.DataFrame:
        """:func:`panjshir_toolkit.compare.relay_chains` of this quotes (or claims) table."""
        from .compare import relay_chains

        return relay_chains(self._need("quotes", "claims", what="relay_chains()"), articles)

    # event data
    def to_ucdp(self, **kwargs) -> pd.DataFrame:
        """:func:`panjshir_toolkit.eventdata.to_ucdp` of this claims table."""
        from .eventdata import to_ucdp

        return to_ucdp(self._need("claims", what="to_ucdp()"), **kwargs)

    def to_acled(self, **kwargs) -> pd.DataFrame:
        """:func:`panjshir_toolkit.eventdata.to_acled` of this claims table."""
        from .eventdata import to_acled

        return to_acled(self._need("claims", what="to_acled()"), **kwargs)

    # plots
    def plot_claimed_figures(self, event=None, counted=None, ax=None, **kwargs):
        """:func:`panjshir_toolkit.plots.plot_claimed_figures`; returns the Axes."""
        from .plots import plot_claimed_figures

        return plot_claimed_figures(self._need("claims", what="plot_claimed_figures()"), event, counted, ax, **kwargs)

    def plot_statements(self, by: str = "speaker", hue: str | None = "affiliation", ax=None, **kwargs):
        """:func:`panjshir_toolkit.plots.plot_statements`; returns the Axes."""
        from .plots import plot_statements

        return plot_statements(self._need("quotes", "claims", what="plot_statements()"), by, hue, ax, **kwargs)

    def plot_relay_chains(self, articles: pd.DataFrame | None = None, ax=None):
        """:func:`panjshir_toolkit.plots.plot_relay_chains` of these edges (or of the chains of these quotes)."""
        from .plots import plot_relay_chains

        edges = self._frame if self.kind == "edges" else self.relay_chains(articles)
        return plot_relay_chains(edges, ax)

    def plot_figures_over_time(self, ax=None, freq: str = "D", **kwargs):
        """:func:`panjshir_toolkit.plots.plot_figures_over_time`; returns the Axes."""
        from .plots import plot_figures_over_time

        return plot_figures_over_time(self._need("claims", what="plot_figures_over_time()"), ax, freq, **kwargs)

    # export
    def export(self, path, format: str | None = None, *, provenance: dict | None = None, name: str | None = None):
        """:func:`panjshir_toolkit.exports.export` of this table (with its provenance sidecar)."""
        from .exports import export

        return export(self._frame, path, format, provenance=provenance, name=name)


def register() -> type[PanjshirAccessor]:
    """Register ``df.panjshir`` (idempotent: a second call changes nothing and warns nothing)."""
    registered = getattr(pd.DataFrame.__dict__.get(ACCESSOR_NAME), "_accessor", None)
    if registered is not None and (registered.__module__, registered.__qualname__) == (__name__, "PanjshirAccessor"):
        return PanjshirAccessor
    pd.api.extensions.register_dataframe_accessor(ACCESSOR_NAME)(PanjshirAccessor)
    return PanjshirAccessor


register()
