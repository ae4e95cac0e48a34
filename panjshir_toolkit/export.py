"""Writing tables to disk: CSV, Excel and Parquet, atomically.

A file is written to a temporary name in the same folder and renamed when complete, so
a partial file never looks complete.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import OptionalDependencyError
from .io import atomic_path

__all__ = ["FORMATS", "write_table", "read_table", "write_tables"]

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
    with atomic_path(path) as tmp:
        if fmt == "csv":
            frame.to_csv(tmp, index=False, encoding="utf-8")
        elif fmt == "parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_excel(tmp, index=False, engine="openpyxl")
    return path


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
        frame = pd.read_excel(path, engine="openpyxl", dtype=object)
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
