"""The toolkit's word lists (cue verbs, channels, hedges, vague quantities, event words...) as CSV data.

Each file in this folder is one table; :func:`load` reads it as a list of dicts.
See the README in this folder for what each table holds.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

__all__ = ["load", "names", "path"]


def names() -> list[str]:
    """The names of the lexicon tables shipped with the toolkit."""
    return sorted(p.name[:-4] for p in resources.files(__package__).iterdir() if p.name.endswith(".csv"))


def path(name: str):
    """The file behind lexicon table *name* (to read or copy and extend)."""
    return resources.files(__package__) / f"{name}.csv"


@functools.cache
def _read(name: str) -> tuple[dict, ...]:
    try:
        raw = path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"No lexicon table named {name!r}; the toolkit ships: {', '.join(names())}") from None
    lines = [line for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)))
    return tuple({k.strip(): (v or "").strip() for k, v in row.items()} for row in rows)


def load(name: str) -> list[dict]:
    """Rows of lexicon table *name* as dicts of stripped strings (a fresh list; the read is cached)."""
    return [dict(r) for r in _read(name)]
