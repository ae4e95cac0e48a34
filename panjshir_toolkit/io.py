"""Atomic file writing: a file is either the old one or the complete new one, never half written.

Every output the toolkit writes (tables, exports, HTML) goes through these helpers, so
that a crash, a full disk or Ctrl-C in the middle of a write never leaves a truncated
table that looks complete. The data is written to a temporary file in the *same folder*
as the target (so the final rename stays on one file system), flushed to disk, and then
renamed over the target with :func:`os.replace`, which is atomic on POSIX and Windows.

The temporary file keeps the target's suffix (``.articles.3f9a1c.tmp.xlsx`` for
``articles.xlsx``, ``.claims.3f9a1c.tmp.csv.gz`` for ``claims.csv.gz``), so writers that
choose a format or a compression from the file name, such as ``DataFrame.to_excel`` or
``DataFrame.to_csv``, behave exactly as they would with the real name.

Example:
    >>> import pandas as pd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "quotes.csv"
    >>> with atomic_path(out) as tmp:
    ...     pd.DataFrame({"a": [1]}).to_csv(tmp, index=False)
    >>> out.read_text()
    'a\\n1\\n'
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write_text", "atomic_write_bytes"]

_COMPRESSION_SUFFIXES = {".gz", ".bz2", ".xz", ".zip", ".zst", ".tar"}
_UMASK_LOCK = threading.Lock()


def _suffix(path: Path) -> str:
    """The suffix to keep on the temporary file: ``.csv``, or ``.csv.gz`` for compressed names."""
    suffixes = path.suffixes
    if len(suffixes) >= 2 and suffixes[-1].lower() in _COMPRESSION_SUFFIXES:
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def _default_mode() -> int:
    """The permissions a plain ``open(path, "w")`` would give a new file (0o666 minus the umask)."""
    with _UMASK_LOCK:
        umask = os.umask(0)
        os.umask(umask)
    return 0o666 & ~umask


def _temp_name(target: Path) -> Path:
    suffix = _suffix(target)
    stem = target.name[: len(target.name) - len(suffix)] if suffix else target.name
    return target.with_name(f".{stem}.{secrets.token_hex(4)}.tmp{suffix}")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside *path*; rename it to *path* when the block succeeds.

    Write the whole output to the yielded path inside the ``with`` block. When the block
    ends without an exception, the temporary file is flushed to disk and renamed over
    *path* in one atomic step (an existing file at *path* is replaced). When the block
    raises, the temporary file is removed, *path* is left untouched, and the exception
    propagates.

    The temporary file is created empty before the block starts (so nobody else can take
    the name); writers that open the path for writing simply overwrite it. A new target
    gets the permissions a plain ``open(path, "w")`` would give it; an existing target
    keeps its permissions.

    Args:
        path: the final file. Its folder must exist.

    Yields:
        The temporary path (a :class:`pathlib.Path` in the same folder, with the same suffix).

    Raises:
        FileNotFoundError: when the folder of *path* does not exist.
        PermissionError: when the folder is not writable.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"Cannot write the file {str(target)!r}: it is an existing folder. Choose a file name inside it.")
    tmp = _temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        yield tmp
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write *data* to *path* atomically (see :func:`atomic_path`) and return the path."""
    target = Path(path)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
    return target


def atomic_write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8", newline: str | None = "") -> Path:
    """Write *text* to *path* atomically (see :func:`atomic_path`) and return the path.

    Args:
        path: the file to write.
        text: the content.
        encoding: the text encoding (UTF-8 without BOM by default).
        newline: as for :func:`open`; the default ``""`` writes line ends exactly as they
            are in *text* (no ``\\n`` -> ``\\r\\n`` translation on Windows).
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding=encoding, newline=newline) as fh:
            fh.write(text)
    return target
