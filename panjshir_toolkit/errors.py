"""Every error the toolkit raises, in one place, so that all messages read alike.

Each message says what happened and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "ToolkitError",
    "ResourceMissingError",
    "ArticleLoadError",
    "CodebookError",
    "OptionalDependencyError",
    "ColumnsError",
]


def _rebuild(cls, args: tuple, kwargs: dict, state: dict):
    error = cls(*args, **kwargs)
    error.__dict__.update(state)
    return error


class ToolkitError(Exception):
    """Base class of every error raised by panjshir_toolkit.

    Errors pickle with the arguments they were made with, so that one raised in a worker
    process (``n_jobs``, Dask) reaches the caller as itself, message and attributes included.
    """

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls, *args)
        self._init_args = (args, kwargs)
        return self

    def __reduce__(self):
        args, kwargs = self.__dict__.get("_init_args", (self.args, {}))
        state = {k: v for k, v in self.__dict__.items() if k != "_init_args"}
        return (_rebuild, (type(self), args, kwargs, state))


class ResourceMissingError(ToolkitError, LookupError):
    """An NLTK resource the toolkit needs is not installed.

    The message names the resource, the exact command that installs it and
    every folder that was searched.
    """

    def __init__(self, resource: str, package: str, searched: list[str], detail: str = ""):
        self.resource = resource
        self.package = package
        self.searched = list(searched)
        folders = "\n".join(f"    - {p}" for p in self.searched) or "    (none)"
        msg = (
            f"The NLTK resource '{package}' ({resource}) is not installed.\n"
            f"  Fix: run  python -m nltk.downloader {package}\n"
            f"       or  python -c \"import panjshir_toolkit; panjshir_toolkit.download_resources()\"\n"
            f"       or point the NLTK_DATA environment variable at a folder that holds it.\n"
            f"  Folders searched:\n{folders}"
        )
        if detail:
            msg += f"\n  Detail: {detail}"
        super().__init__(msg)


class ArticleLoadError(ToolkitError, ValueError):
    """Input could not be read as articles at all (for example: no inputs given).

    Problems with single files or rows never raise: they go to the load report.
    """


class CodebookError(ToolkitError, ValueError):
    """The actor codebook CSV is malformed (missing columns, empty actor names)."""


class OptionalDependencyError(ToolkitError, ImportError):
    """An optional dependency (openpyxl, pyarrow, dask, ...) is needed but missing."""

    def __init__(self, package: str, feature: str, extra: str):
        self.package = package
        msg = (
            f"{feature} needs the optional package '{package}', which is not installed.\n"
            f"  Fix: pip install '{package}'   (or: pip install 'panjshir-toolkit[{extra}]')"
        )
        super().__init__(msg)


class ColumnsError(ToolkitError, AttributeError):
    """A DataFrame lacks the columns a function or accessor needs."""

    def __init__(self, what: str, missing: list[str]):
        self.missing = list(missing)
        super().__init__(
            f"{what} needs the column(s) {', '.join(map(repr, missing))}, which this DataFrame lacks. "
            "Pass a table made by panjshir_toolkit.analyze() (e.g. result.claims)."
        )
