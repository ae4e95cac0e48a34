"""NLTK resources: one helper to find, load and download them.

Nothing here runs at import time. :func:`require` looks a resource up when a
pipeline stage first needs it and raises :class:`~panjshir_toolkit.errors.ResourceMissingError`
(naming the resource, the fix and every folder searched) when it is absent.
:func:`download_resources` fetches everything on a machine with internet access
and is what ``make lab`` / ``make test`` call; it honours ``NLTK_DATA``.
"""

from __future__ import annotations

import functools
import os

from .errors import ResourceMissingError

__all__ = ["RESOURCES", "require", "download_resources", "missing_resources", "sentence_tokenizer", "pos_tagger"]

#: NLTK package name -> resource path that nltk.data.find() understands.
RESOURCES: dict[str, str] = {
    "punkt_tab": "tokenizers/punkt_tab/english/",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng/",
    "stopwords": "corpora/stopwords",
    "names": "corpora/names",
    "gazetteers": "corpora/gazetteers",
}


def _search_path() -> list[str]:
    import nltk

    return [str(p) for p in nltk.data.path]


def _found(path: str) -> bool:
    import nltk

    for candidate in (path, path.rstrip("/") + ".zip"):
        try:
            nltk.data.find(candidate)
            return True
        except LookupError:
            continue
    return False


def require(package: str) -> None:
    """Make sure NLTK resource *package* is installed, or raise a clear error.

    Args:
        package: an NLTK download id, e.g. ``"punkt_tab"``.

    Raises:
        ResourceMissingError: naming the resource, the fix and the folders searched.
    """
    path = RESOURCES.get(package, package)
    if not _found(path):
        raise ResourceMissingError(path, package, _search_path())


def missing_resources(packages: list[str] | None = None) -> list[str]:
    """The NLTK packages (of *packages*, default all the toolkit uses) that are not installed."""
    return [p for p in (packages or list(RESOURCES)) if not _found(RESOURCES.get(p, p))]


def download_resources(packages: list[str] | None = None, *, quiet: bool = True, download_dir: str | None = None) -> list[str]:
    """Download the NLTK resources the toolkit needs, skipping those already present.

    Honours ``NLTK_DATA``: when it is set, resources found there count as present and
    new downloads go to its first folder.

    Returns:
        The packages that were downloaded (empty when everything was present).

    Raises:
        ResourceMissingError: for the first resource that could not be downloaded
            (no network, for example), naming the fix and the folders searched.
    """
    import nltk

    missing = missing_resources(packages)
    if download_dir is None and os.environ.get("NLTK_DATA"):
        download_dir = os.environ["NLTK_DATA"].split(os.pathsep)[0]
    for package in missing:
        try:
            ok = nltk.download(package, quiet=quiet, download_dir=download_dir, raise_on_error=True)
        except Exception as exc:  # network errors come in many types
            ok = False
            detail = f"download failed: {exc}"
        else:
            detail = "nltk.download() reported failure (no network?)"
        if not ok or not _found(RESOURCES.get(package, package)):
            raise ResourceMissingError(RESOURCES.get(package, package), package, _search_path(), detail)
    return missing


@functools.cache
def sentence_tokenizer():
    """The English Punkt sentence tokenizer (loaded once, on first use)."""
    require("punkt_tab")
    from nltk.tokenize.punkt import PunktTokenizer

    return PunktTokenizer("english")


@functools.cache
def pos_tagger():
    """NLTK's averaged perceptron tagger for English (loaded once, on first use)."""
    require("averaged_perceptron_tagger_eng")
    from nltk.tag.perceptron import PerceptronTagger

    return PerceptronTagger(lang="eng")
