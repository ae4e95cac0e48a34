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

__all__ = [
    "__version__",
    "Article", "LoadResult", "load_articles",
    "Analysis", "analyze", "analyze_article",
    "Codebook", "load_codebook", "default_codebook",
    "panjshir_path", "load_panjshir", "actors_path",
    "download_resources", "ToolkitError", "ResourceMissingError",
    "COLUMNS", "TABLES",
]
