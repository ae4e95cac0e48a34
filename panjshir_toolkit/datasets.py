"""The data bundled with the toolkit: the Panjshir article and the default actor codebook.

The files live in the project's top-level ``data/`` folder, which an installed package
ships as ``panjshir_toolkit.data`` (see ``pyproject.toml``). Notebooks and users find them
through these functions, never through ``../data`` paths, so the same code works from an
installed package, a source checkout on ``PYTHONPATH`` and Binder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .articles import LoadResult, load_articles

__all__ = ["data_dir", "panjshir_path", "load_panjshir", "actors_path"]

PANJSHIR_FILE = "panjshir_2021-09-04.txt"
ACTORS_FILE = "actors.csv"


def data_dir() -> Path:
    """The folder holding the bundled data.

    The installed package ``panjshir_toolkit.data`` when it can be imported; otherwise
    (a source checkout on ``PYTHONPATH``, where ``data/`` sits beside the package) the
    ``data`` folder next to the ``panjshir_toolkit`` folder.

    Raises:
        FileNotFoundError: when neither exists (a broken installation).
    """
    try:
        found = resources.files("panjshir_toolkit.data")
    except ModuleNotFoundError:
        found = None
    if found is not None:
        path = Path(str(found))
        if path.is_dir():
            return path
    fallback = Path(__file__).resolve().parent.parent / "data"
    if fallback.is_dir():
        return fallback
    raise FileNotFoundError(
        "The toolkit's bundled data folder was not found: neither the package panjshir_toolkit.data "
        f"nor the folder {fallback} exists. Reinstall the toolkit (pip install -e . in the project folder)."
    )


def _bundled(name: str) -> Path:
    path = data_dir() / name
    if not path.is_file():
        raise FileNotFoundError(
            f"The bundled file {name!r} is missing from {path.parent}. Reinstall the toolkit, "
            "or restore it from the project's data/ folder."
        )
    return path


def panjshir_path() -> Path:
    """The path of the bundled Panjshir article (``panjshir_2021-09-04.txt``, with front matter).

    >>> panjshir_path().name
    'panjshir_2021-09-04.txt'
    """
    return _bundled(PANJSHIR_FILE)


def load_panjshir() -> LoadResult:
    """The bundled Panjshir article, loaded: one article with id ``panjshir_2021-09-04``.

    >>> article = load_panjshir().articles[0]
    >>> article.article_id, article.published, article.credit
    ('panjshir_2021-09-04', '2021-09-04', 'ANI')
    """
    return load_articles(panjshir_path())


def actors_path() -> Path:
    """The path of the default actor codebook (``actors.csv``) for the Panjshir material.

    Raises:
        FileNotFoundError: when the codebook is not installed.
    """
    return _bundled(ACTORS_FILE)
