"""panjshir_toolkit: who claims what, with which figures, and through whom, in conflict news.

Load articles, find the speakers, their statements and the figures they cite, and get
pandas tables with character offsets back into the text::

    >>> import panjshir_toolkit as pt
    >>> result = pt.analyze(pt.panjshir_path())
    >>> sorted(result.tables)
    ['actors', 'articles', 'claims', 'figures', 'quotes', 'sentences']

Nothing runs at import: NLTK resources are loaded when first needed
(:func:`download_resources` fetches them).
"""

__version__ = "0.1.0"

from .actors import Codebook, default_codebook, load_codebook
from .articles import Article, LoadResult, load_articles
from .datasets import actors_path, load_panjshir, panjshir_path
from .errors import ToolkitError, ResourceMissingError
from .pipeline import Analysis, analyze, analyze_article
from .resources import download_resources
from .schema import COLUMNS, TABLES

# Heavier parts (ipywidgets, matplotlib, the corpus fetcher) load on first use, so that
# `import panjshir_toolkit` stays quick and changes nothing.
_LAZY = {
    "filter_claims": "widgets", "ClaimExplorer": "widgets",
    "show_article": "display", "render_article_html": "display",
    "compare_figures": "compare", "contested_figures": "compare", "relay_chains": "compare",
    "to_ucdp": "eventdata", "to_acled": "eventdata",
    "export": "exports", "read_table": "exports",
    "fetch_news_articles": "corpora",
    "analyze_to_parquet": "stream", "read_parquet_tables": "stream", "iter_articles": "stream",
    "analyze_dask": "distributed",
    "plot_claimed_figures": "plots", "plot_statements": "plots", "plot_relay_chains": "plots",
    "plot_figures_over_time": "plots",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'panjshir_toolkit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "Article", "LoadResult", "load_articles",
    "Analysis", "analyze", "analyze_article",
    "Codebook", "load_codebook", "default_codebook",
    "panjshir_path", "load_panjshir", "actors_path",
    "download_resources", "ToolkitError", "ResourceMissingError",
    "COLUMNS", "TABLES",
    *_LAZY,
]
