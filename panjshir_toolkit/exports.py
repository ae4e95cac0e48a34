"""Writing tables to disk: CSV, Excel and Parquet, atomically, with a provenance sidecar.

A file is written to a temporary name in the same folder and renamed when complete, so
a partial file never looks complete.

:func:`export` writes any table (the six of the contract, a comparison, an event-data
shape) and beside it ``<file>.provenance.json``: the toolkit version, the UTC time, the
command, the input files and the actor codebook with their SHA-256 checksums, and the
checksum, rows and columns of the file written, so that a table found later on a disk can
be traced to what made it. :func:`read_provenance` reads the sidecar back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .errors import OptionalDependencyError
from .io import atomic_path

__all__ = ["FORMATS", "write_table", "read_table", "write_tables", "export", "provenance_record",
           "read_provenance", "sidecar_path", "sha256_file"]

FORMATS = ("csv", "parquet", "xlsx")
_NEEDS = {"parquet": ("pyarrow", "Writing Parquet"), "xlsx": ("openpyxl", "Writing Excel files")}


def _require(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    if fmt in _NEEDS:
        package, feature = _NEEDS[fmt]
        try:
            __import__(package)
        except ImportError:
            raise OptionalDependencyError(package, feature, "export") from None


def write_table(frame: pd.DataFrame, path: str | Path, format: str | None = None) -> Path:
    """Write one DataFrame to *path* (format from the suffix unless given), atomically."""
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    _require(fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        if fmt == "csv":
            frame.to_csv(tmp, index=False, encoding="utf-8")
        elif fmt == "parquet":
            frame.to_parquet(tmp, index=False)
        else:
            _write_xlsx(frame, tmp, sheet=path.name.split(".")[0])
    return path


# Excel keeps a string starting with "=" as a formula and cannot hold control characters.
# Article text is untrusted input: every string cell is written as a string (never a
# formula), and a control character is written in the OOXML escape _xHHHH_ (a literal
# "_xHHHH_" in the data gets its "_" escaped as _x005F_), undone by read_table.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xlsx_escape(text: str) -> str:
    text = _XLSX_LITERAL.sub("_x005F_", text)
    return _XLSX_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _xlsx_unescape(value):
    if isinstance(value, str) and "_x" in value:
        return _XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _write_xlsx(frame: pd.DataFrame, path, sheet: str) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet((sheet or "table")[:31])
    ws.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in row:
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                cells.append(None)
            elif isinstance(value, str):
                cell = WriteOnlyCell(ws, value=_xlsx_escape(value))
                cell.data_type = "s"
                cells.append(cell)
            elif hasattr(value, "item"):  # numpy scalars
                cells.append(value.item())
            else:
                cells.append(value)
        ws.append(cells)
    book.save(path)


def read_table(path: str | Path, name: str | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_table` back, with the contract's dtypes when *name* is a table name."""
    from .schema import DTYPES, conform

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    _require(fmt)
    if fmt == "csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    elif fmt == "parquet":
        frame = pd.read_parquet(path)
    else:
        frame = pd.read_excel(path, engine="openpyxl", dtype=object, keep_default_na=False, na_values=[""])
        for col in frame.columns:
            if frame[col].dtype == object:
                frame[col] = frame[col].map(_xlsx_unescape)
    name = name or path.stem
    if name in DTYPES:
        if fmt != "parquet":
            for col, dtype in DTYPES[name].items():
                if col in frame and dtype == "boolean":
                    frame[col] = frame[col].map({"True": True, "False": False, True: True, False: False})
                elif col in frame and dtype != "string":
                    frame[col] = pd.to_numeric(frame[col])
        return conform(name, frame)
    return frame


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, format: str = "csv") -> list[Path]:
    """Write every table as ``out_dir/<name>.<format>``; returns the paths written."""
    _require(format)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_table(frame, out_dir / f"{name}.{format}", format) for name, frame in tables.items()]


# --------------------------------------------------------------------------- provenance

def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """The SHA-256 checksum of a file, as 64 hex digits (read in 1 MiB chunks)."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def sidecar_path(path: str | Path) -> Path:
    """``claims.csv`` -> ``claims.csv.provenance.json`` (beside the file)."""
    path = Path(path)
    return path.with_name(path.name + ".provenance.json")


def _file_entry(item) -> dict:
    if isinstance(item, dict):
        return dict(item)
    path = Path(item)
    if path.is_file():
        return {"path": str(path.resolve()), "sha256": sha256_file(path), "bytes": path.stat().st_size}
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        return {"path": str(path.resolve()), "folder": True,
                "files": [{"path": str(p.relative_to(path)), "sha256": sha256_file(p), "bytes": p.stat().st_size}
                          for p in files]}
    return {"path": str(path), "sha256": None, "note": "not found when the table was exported"}


def _codebook_entry(codebook) -> dict | None:
    if codebook is None:
        return None
    import hashlib

    from .actors import Codebook

    if isinstance(codebook, Codebook):
        source = codebook.source
        if source and Path(source).is_file():
            return _file_entry(source)
        csv_text = codebook.to_frame().to_csv(index=False)
        return {"path": None, "description": source or "a Codebook object",
                "sha256_of_csv": hashlib.sha256(csv_text.encode("utf-8")).hexdigest(), "actors": len(codebook)}
    if isinstance(codebook, pd.DataFrame):
        csv_text = codebook.to_csv(index=False)
        return {"path": None, "description": "a codebook DataFrame",
                "sha256_of_csv": hashlib.sha256(csv_text.encode("utf-8")).hexdigest(), "actors": len(codebook)}
    return _file_entry(codebook)


def provenance_record(*, inputs=(), codebook=None, command=None, **extra) -> dict:
    """What made a table: toolkit version, UTC time, command, inputs and codebook with checksums.

    Args:
        inputs: the input files or folders (paths; a folder lists every file in it), or
            ready-made dicts. Files missing now are recorded with ``sha256: null`` and a note.
        codebook: the actor codebook: a CSV path, a :class:`~panjshir_toolkit.actors.Codebook`
            (its source file, or a checksum of its CSV form when it was built in memory), a
            DataFrame, or None for the default codebook shipped with the toolkit.
        command: the command line or call that made the table (default: ``sys.argv``).
        **extra: anything else worth keeping (JSON-serialisable), stored under its key.

    Returns:
        A JSON-serialisable dict.
    """
    import datetime
    import platform
    import sys

    from . import __version__

    if codebook is None:
        try:
            from .datasets import actors_path

            codebook_entry = {**_file_entry(actors_path()), "default": True}
        except Exception:  # the default codebook is optional for provenance
            codebook_entry = None
    else:
        codebook_entry = _codebook_entry(codebook)
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    return {
        "toolkit": "panjshir_toolkit",
        "version": __version__,
        "created_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": list(sys.argv) if command is None else (command if isinstance(command, str) else list(command)),
        "inputs": [_file_entry(i) for i in inputs],
        "codebook": codebook_entry,
        "python": platform.python_version(),
        "pandas": pd.__version__,
        **extra,
    }


def export(table: pd.DataFrame, path: str | Path, format: str | None = None, *, provenance: dict | None = None,
           name: str | None = None) -> Path:
    """Write *table* (CSV, Excel or Parquet) and its provenance sidecar ``<file>.provenance.json``.

    Args:
        table: any DataFrame: one of the six tables, a comparison, an event-data shape.
        path: the file to write; the format comes from its suffix unless *format* is given.
        format: ``"csv"``, ``"xlsx"`` or ``"parquet"``.
        provenance: what :func:`provenance_record` takes (``inputs``, ``codebook``,
            ``command``, and any extra keys), or a record it already made (a dict with a
            ``"toolkit"`` key is used as it is). ``None`` records the version, time and command.
        name: the table's name in the sidecar (default: the file's stem).

    Returns:
        The path of the table written. Both files are written atomically; the sidecar also
        holds the table file's SHA-256, rows and columns.

    Raises:
        OptionalDependencyError: when Excel (openpyxl) or Parquet (pyarrow) is asked for
            and the package is missing; nothing is written then.
        ValueError: for an unknown format.

    Example:
        >>> export(result.claims, "out/claims.xlsx",
        ...        provenance={"inputs": ["data/panjshir_2021-09-04.txt"], "codebook": "data/actors.csv"})  # doctest: +SKIP
    """
    import json

    from .io import atomic_path

    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    _require(fmt)
    record = dict(provenance) if provenance and "toolkit" in provenance else provenance_record(**(provenance or {}))
    write_table(table, path, fmt)
    record["table"] = {
        "name": name or path.name.split(".")[0], "file": path.name, "format": fmt, "sha256": sha256_file(path),
        "rows": int(len(table)), "columns": [str(c) for c in table.columns],
    }
    with atomic_path(sidecar_path(path)) as tmp:
        Path(tmp).write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def read_provenance(path: str | Path) -> dict:
    """The provenance record beside a table written by :func:`export` (pass the table's path or the sidecar's)."""
    import json

    path = Path(path)
    side = path if path.name.endswith(".provenance.json") else sidecar_path(path)
    try:
        return json.loads(side.read_text(encoding="utf-8"))
    except FileNotFoundError:
        from .errors import ToolkitError

        raise ToolkitError(f"No provenance sidecar at {side}. Tables written with panjshir_toolkit.exports.export() "
                           "have one; re-export the table to create it.") from None
