"""Loading articles from files, folders, CSV/JSONL, strings and DataFrames.

:func:`load_articles` is the one entry point. It takes any mix of inputs and never gives
up on a batch because one input is bad: every input is either loaded as an
:class:`Article` or listed, with the file, the line or byte offset and the reason, in the
load report of the returned :class:`LoadResult`. The count of loaded plus skipped inputs
always equals the count of inputs.

What counts as one input:

- a ``.txt`` / ``.md`` file (optionally gzip-compressed): one article;
- a row of a ``.csv`` / ``.tsv`` file or a line of a ``.jsonl`` / ``.ndjson`` file (also
  ``.gz``): one article; a file that cannot be parsed at all (binary, no ``text`` column,
  unreadable) counts as one input; blank lines are not inputs;
- a Python string, an :class:`Article`, a DataFrame row: one article;
- a folder: every article file below it (recursively, in sorted order). Hidden entries
  (names starting with ``.``), Python package files (``__init__.py``, ``__pycache__``) and
  ``README`` files are passed over without a mention; other files of a type the loader
  does not read (``.py``, ``.png``, ...) and CSV files without a text column (a codebook
  lying beside the articles) get a ``warning`` row and are not inputs. A symlink that
  leads back into a folder already read (a loop) or nowhere (broken), and a pipe or
  device file, is one skipped input.

Tables: CSV/TSV files need a header row with a ``text`` column (``column_map`` renames;
``article_id`` is understood as ``id``); quoted fields may hold line breaks. A record that
cannot be parsed (an unbalanced quote) costs the line it starts on, and reading goes on
with the next line. A row with fewer or more fields than the header is loaded with a
warning when it has its text. JSON Lines files must be UTF-8 (RFC 8259); each line is one
JSON object, and a malformed line costs that line only.

Strings: a ``str`` is a path when it has no line break, is at most 4,096 characters
long and names an existing file or folder; otherwise it is the text of an article. A
one-word string that ends in a file suffix the loader reads (``"corpus/a.txt"``) but
does not exist is reported as a missing file rather than loaded as a one-word article.

Text is never modified: character offsets computed later point into ``Article.text``.
Files are decoded as follows (offsets are into the decoded text; a byte-order mark is
not part of the text):

- a BOM decides: UTF-8 (BOM stripped), UTF-16 LE/BE, UTF-32 LE/BE;
- without a BOM: UTF-8; if that fails, Windows-1252 (cp1252, what Windows tools write),
  with a ``warning`` row naming the file, the encoding and the first non-UTF-8 byte;
- a file with NUL bytes (and no UTF-16/32 BOM), or a known binary signature (PNG, JPEG,
  PDF, ZIP, ...) is a ``binary file``; bytes that neither UTF-8 nor cp1252 can decode are
  reported with their byte offset.

Line ends are kept as they are (``\\r\\n`` stays ``\\r\\n``). ``Article.meta["encoding"]`` records
the encoding when it was not plain UTF-8 (``utf-8-sig``, ``utf-16-le``, ``cp1252``...);
``Article.meta["source_line"]`` the line a CSV/JSONL row starts on (or the 1-based row of a
DataFrame).

Front matter (``.txt`` / ``.md``): when the first line is ``---``, the lines up to the next
``---`` line are ``key: value`` pairs. ``title, outlet, published, url, byline, credit`` fill
the :class:`Article` fields, ``id`` sets the article id, other keys go to ``Article.meta``.
The article text starts after the closing line. A block that never closes, or that holds
lines that are not ``key: value``, is not front matter: the whole file is the text, with a
warning. Front matter and body are decoded separately: bytes in a metadata value that are
not UTF-8 (read as cp1252) or NUL (replaced by U+FFFD in the value) give a warning and
never change how the body is decoded.

Article ids are stable: a row's ``id`` when it has one; for files, the path relative to
the folder given, without the extension (``2021/panjshir_2021-09-04``) or the file stem
for a file given directly; for rows without an id, ``<file id>:<line>``; for DataFrame
rows without an ``id`` column, the index label when the index is not the default
``RangeIndex``; for strings and other DataFrame rows, ``text-<first 10 hex digits of the
SHA-1 of the text>``.
``id_prefix`` is prepended to every id the loader makes or reads (not to :class:`Article`
objects passed in). A second article with an id already seen is skipped and reported,
never merged.

Credit: when an article's metadata gives no ``credit``, a trailing credit line such as
"(With inputs from ANI)" or "-- Reuters" sets it (see :func:`find_credit` and the lexicon
table ``credits.csv``); the line stays in the text.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import errno
import gzip
import hashlib
import html
import io
import json
import math
import numbers
import os
import re
import stat
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import lexicon
from .errors import ArticleLoadError

__all__ = [
    "Article",
    "LoadResult",
    "Credit",
    "load_articles",
    "find_credit",
    "ARTICLE_SUFFIXES",
    "REPORT_COLUMNS",
    "FIELDS",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One article: a stable id, its text (never modified) and its metadata.

    ``credit`` is the agency named in a trailing credit line such as
    "(With inputs from ANI)"; the line itself stays in ``text``.
    """

    article_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    byline: str | None = None
    credit: str | None = None
    source_path: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def n_chars(self) -> int:
        """The length of the text in characters."""
        return len(self.text)

    def to_record(self) -> dict:
        """The article as one row of the ``articles`` table (see :mod:`panjshir_toolkit.schema`)."""
        return {
            "article_id": self.article_id, "title": self.title, "outlet": self.outlet,
            "published": self.published, "url": self.url, "byline": self.byline,
            "credit": self.credit, "source_path": self.source_path, "text": self.text,
            "n_chars": len(self.text),
        }


#: Metadata fields an input row or front matter can fill (besides ``text``).
FIELDS: tuple[str, ...] = ("id", "title", "outlet", "published", "url", "byline", "credit")
_ROW_FIELDS = set(FIELDS) | {"text"}
#: Column names understood without a ``column_map`` (lower-cased) -> field.
_DEFAULT_ALIASES = {"article_id": "id"}

#: The columns of :attr:`LoadResult.report`.
REPORT_COLUMNS: tuple[str, ...] = ("source_path", "line", "byte_offset", "article_id", "reason", "severity")

_TEXT_SUFFIXES = (".txt", ".md")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_CSV_SUFFIXES = (".csv", ".tsv")
#: The file suffixes the loader reads (each also with ``.gz``).
ARTICLE_SUFFIXES: tuple[str, ...] = _TEXT_SUFFIXES + _JSONL_SUFFIXES + _CSV_SUFFIXES

_MAX_PATH_STRING = 4096
_MANY_FRONT_MATTER_KEYS = 100

# ----------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class _Issue:
    source_path: str | None
    line: int | None
    byte_offset: int | None
    article_id: str | None
    reason: str
    severity: str  # "skipped" | "warning"


class LoadResult:
    """What :func:`load_articles` loaded, and a report of everything it did not load.

    Attributes:
        articles: the loaded articles, in input order.
        n_inputs: how many inputs there were (files, rows, strings, ...; see the module doc).
        n_loaded: how many were loaded (``len(articles)``).
        n_reported: how many were skipped (each has a ``skipped`` row in :attr:`report`).

    ``n_loaded + n_reported == n_inputs`` always. Iterating over a result yields its
    articles; ``len(result)`` is the number of articles.
    """

    def __init__(self, articles: list[Article], issues: list[_Issue], n_inputs: int):
        self.articles: list[Article] = list(articles)
        self._issues: list[_Issue] = list(issues)
        self.n_inputs: int = n_inputs

    @property
    def n_loaded(self) -> int:
        return len(self.articles)

    @property
    def n_reported(self) -> int:
        return sum(1 for i in self._issues if i.severity == "skipped")

    @property
    def n_warnings(self) -> int:
        """How many ``warning`` rows the report has (loaded with a caveat, or files passed over)."""
        return sum(1 for i in self._issues if i.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when nothing was skipped (warnings allowed)."""
        return self.n_reported == 0

    @property
    def report(self) -> pd.DataFrame:
        """One row per problem: ``source_path, line, byte_offset, article_id, reason, severity``.

        ``severity`` is ``"skipped"`` when the input was not loaded and ``"warning"`` when it
        was loaded with a caveat (e.g. read as cp1252) or a file was passed over. ``line``
        is 1-based; ``byte_offset`` counts from the start of the (decompressed) file.
        """
        return pd.DataFrame(
            {
                "source_path": pd.Series([i.source_path for i in self._issues], dtype="string"),
                "line": pd.Series([i.line for i in self._issues], dtype="Int64"),
                "byte_offset": pd.Series([i.byte_offset for i in self._issues], dtype="Int64"),
                "article_id": pd.Series([i.article_id for i in self._issues], dtype="string"),
                "reason": pd.Series([i.reason for i in self._issues], dtype="string"),
                "severity": pd.Series([i.severity for i in self._issues], dtype="string"),
            }
        )

    def articles_frame(self) -> pd.DataFrame:
        """The loaded articles as the ``articles`` table of :mod:`panjshir_toolkit.schema`."""
        from .schema import conform, empty_table

        if not self.articles:
            return empty_table("articles")
        return conform("articles", [a.to_record() for a in self.articles])

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, index):
        return self.articles[index]

    def summary(self) -> str:
        """One line: inputs, loaded, skipped, warnings."""
        return (
            f"{self.n_inputs:,} input(s): {self.n_loaded:,} loaded, {self.n_reported:,} skipped, "
            f"{self.n_warnings:,} warning(s)"
        )

    def __str__(self) -> str:
        lines = [f"LoadResult: {self.summary()}"]
        shown = self._issues[:10]
        for i in shown:
            where = i.source_path or "?"
            if i.line is not None:
                where += f", line {i.line}"
            if i.byte_offset is not None:
                where += f", byte {i.byte_offset}"
            lines.append(f"  [{i.severity}] {where}: {i.reason}")
        if len(self._issues) > len(shown):
            lines.append(f"  ... and {len(self._issues) - len(shown):,} more (see .report)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<LoadResult {self.summary()}>"

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [f"<div><strong>LoadResult</strong>: {esc(self.summary())}</div>"]
        if self._issues:
            head = "".join(f"<th>{esc(c)}</th>" for c in REPORT_COLUMNS)
            rows = []
            for i in self._issues[:20]:
                cells = (i.source_path, i.line, i.byte_offset, i.article_id, i.reason, i.severity)
                rows.append("<tr>" + "".join(f"<td>{esc('' if c is None else str(c))}</td>" for c in cells) + "</tr>")
            more = ""
            if len(self._issues) > 20:
                more = f"<div>... and {len(self._issues) - 20:,} more rows in <code>.report</code></div>"
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}")
        return "\n".join(parts)


# ----------------------------------------------------------------------------- credit lines


@dataclass(frozen=True, slots=True)
class Credit:
    """A trailing credit found in an article's text.

    Attributes:
        credit: the agency or people credited, several joined with ``|`` ("ANI", "ANI|PTI").
        start: offset of the credit phrase in the text (``text[start:end]`` is the phrase).
        end: end offset of the phrase.
        template: the row of ``credits.csv`` that matched.
    """

    credit: str
    start: int
    end: int
    template: str


_AGENCY_WORD = r"(?:agencies|[A-Z0-9][\w.&'’-]*)"
_PLACEHOLDERS = {
    # name-like: capitalised words joined by spaces, commas, "and", "&", "of", "the"
    "agency": rf"(?P<agency>(?-i:{_AGENCY_WORD}(?:(?:,\s*|\s+|\s*&\s*)(?:(?:and|of|de|the)\s+)?{_AGENCY_WORD}){{0,7}}))",
    "names": r"(?P<names>[^()\n;]{1,200}?)",
    "other": r"[^\n]*?",
}
_DASHES = r"(?:--|[–—])"


def _compile_template(template: str) -> re.Pattern:
    out = []
    pos = 0
    for m in re.finditer(r"\{(\w+)\}|--|\s+", template):
        out.append(re.escape(template[pos:m.start()]))
        if m.group(1):
            if m.group(1) not in _PLACEHOLDERS:
                raise ValueError(f"credits.csv: unknown placeholder {{{m.group(1)}}} in {template!r}; use {{agency}}, {{names}} or {{other}}")
            out.append(_PLACEHOLDERS[m.group(1)])
        elif m.group() == "--":
            out.append(_DASHES)
        else:
            out.append(r"\s+")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    body = "".join(out)
    # The phrase must start the line or follow white space / sentence punctuation.
    return re.compile(rf"(?:^|(?<=[\s.!?\"”']))(?P<phrase>{body})\s*$", re.IGNORECASE)


def _literals(template: str) -> tuple[str, ...]:
    """Lower-case strings of which a line must contain one for *template* to match (a cheap pre-filter)."""
    pieces = [" ".join(p.split()).lower() for p in re.split(r"\{\w+\}", template)]
    longest = max(pieces, key=len).strip()
    if "--" in longest:
        return ("--", "\u2013", "\u2014")
    return (longest.split(" ")[0] if " " in longest else longest,)


_credit_rules_cache: list[tuple[str, str, re.Pattern, tuple[str, ...]]] | None = None
_credit_any_literal: re.Pattern | None = None


def _credit_rules() -> list[tuple[str, str, re.Pattern, tuple[str, ...]]]:
    global _credit_rules_cache, _credit_any_literal
    if _credit_rules_cache is None:
        rules = [
            (row["template"], row["credit"], _compile_template(row["template"]), _literals(row["template"]))
            for row in lexicon.load("credits")
        ]
        literals = sorted({lit for rule in rules for lit in rule[3]}, key=len, reverse=True)
        _credit_any_literal = re.compile("|".join(map(re.escape, literals)))
        _credit_rules_cache = rules
    return _credit_rules_cache


_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'’-]*$")


def _split_names(value: str) -> list[str]:
    names = []
    for part in _NAME_SPLIT.split(value):
        part = _IN_PLACE.sub("", part.strip()).strip(" .")
        if part and part not in names:
            names.append(part)
    return names


def find_credit(text: str) -> Credit | None:
    """Find the trailing credit line of *text* ("(With inputs from ANI)", "-- Reuters", "(AFP)").

    Only the last non-blank line is examined; the templates of the lexicon table
    ``credits.csv`` are tried in order and must match at the end of that line. Several
    agencies or people are joined with ``|``; "in <Place>" after a reporter's name is
    dropped.

    Args:
        text: an article text.

    Returns:
        The :class:`Credit`, or None when the last line is not a credit line.

    >>> find_credit("Fighting continued.\\n(With inputs from ANI)").credit
    'ANI'
    >>> find_credit("(Reporting by Jane Doe in Kabul and John Roe; Editing by Ann Lee)").credit
    'Jane Doe|John Roe'
    >>> find_credit("He said he would never give up.") is None
    True
    """
    stripped = text.rstrip()
    if not stripped:
        return None
    line_start = max(stripped.rfind("\n"), stripped.rfind("\r")) + 1
    line = stripped[line_start:]
    if len(line) > 2000:
        line_start += len(line) - 2000
        line = line[-2000:]
    low = line.lower()
    rules = _credit_rules()
    if not _credit_any_literal.search(low):
        return None
    for template, credit, pattern, literals in rules:
        if not any(lit in low for lit in literals):
            continue
        m = pattern.search(line)
        if not m:
            continue
        groups = {k: v for k, v in m.groupdict().items() if k != "phrase" and v}
        if credit.startswith("{") and credit.endswith("}"):
            value = groups.get(credit[1:-1])
            if not value:
                continue
            names = _split_names(value)
            if not names:
                continue
            value = "|".join(names)
        else:
            value = credit
        return Credit(value, line_start + m.start("phrase"), line_start + m.end("phrase"), template)
    return None


# ----------------------------------------------------------------------------- decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or a .docx/.xlsx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"PAR1", "Parquet file"),
    (b"\x80\x04\x95", "Python pickle"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


@dataclass(slots=True)
class _Decoded:
    text: str | None = None
    encoding: str | None = None
    bom: int = 0
    problem: str | None = None
    byte_offset: int | None = None
    warning: str | None = None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _decode(data: bytes, *, nul_window: int | None = None) -> _Decoded:
    """Decode file bytes by the rules of the module docstring.

    Args:
        data: the raw (decompressed) file content.
        nul_window: look for NUL bytes only in the first *nul_window* bytes (None: everywhere).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                offset = len(bom) + e.start
                return _Decoded(
                    problem=f"undecodable: starts with a {encoding.upper()} byte-order mark but the bytes at byte offset {offset} are not valid {encoding.upper()} ({e.reason})",
                    byte_offset=offset,
                )
            return _Decoded(text, encoding, len(bom))
    kind = _binary_kind(data)
    if kind:
        return _Decoded(problem=f"binary file ({kind}), not text", byte_offset=0)
    nul = data.find(b"\x00", 0, nul_window) if nul_window else data.find(b"\x00")
    if nul >= 0:
        return _Decoded(
            problem=f"binary file: NUL byte at byte offset {nul} (a text file has none; UTF-16 text needs a byte-order mark)",
            byte_offset=nul,
        )
    try:
        text = data.decode("utf-8")
        encoding, warning = "utf-8", None
    except UnicodeDecodeError as e:
        bad = e.start
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as e2:
            if e2.start == bad:
                detail = f"byte 0x{data[bad]:02x} at byte offset {bad} is neither valid UTF-8 nor defined in cp1252"
            else:
                detail = (f"byte 0x{data[bad]:02x} at byte offset {bad} is not valid UTF-8, "
                          f"and byte 0x{data[e2.start]:02x} at byte offset {e2.start} is undefined in cp1252")
            return _Decoded(problem=f"undecodable: {detail}; re-save the file as UTF-8", byte_offset=bad)
        encoding = "cp1252"
        warning = (
            f"not valid UTF-8 (byte 0x{data[bad]:02x} at byte offset {bad}); read as cp1252 (Windows-1252). "
            "Check the accented letters and quote marks, or re-save the file as UTF-8"
        )
        result = _Decoded(text, encoding, 0, warning=warning, byte_offset=bad)
    else:
        result = _Decoded(text, encoding, 0)
    sample = text[:4096]
    n_control = len(_CONTROL.findall(sample))
    if n_control >= 4 and n_control > len(sample) * 0.05:
        return _Decoded(problem=f"binary file: {n_control} control characters in the first {len(sample)} characters", byte_offset=0)
    return result


# ----------------------------------------------------------------------------- front matter

_FM_OPEN = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)
_FM_LINE = re.compile(r"([A-Za-z_][\w .-]{0,100}?)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")


_FM_OPEN_BYTES = re.compile(rb"---[ \t]*(?:\r\n|\n|\r)")
_FM_CLOSE_BYTES = re.compile(rb"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)


def _split_front_matter_bytes(data: bytes) -> tuple[int, int] | None:
    """``(start, end)`` of a ``---`` ... ``---`` block at the top of an (optionally UTF-8-BOM) file, or None.

    Splitting the bytes lets the body be decoded on its own, so that odd bytes in a
    metadata value neither turn the article into mojibake nor make it unreadable.
    """
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    m = _FM_OPEN_BYTES.match(data, start)
    if not m:
        return None
    close = _FM_CLOSE_BYTES.search(data, m.end())
    return (start, close.end()) if close else None


def _decode_front_matter(head: bytes, start: int = 0) -> tuple[str, list[str]]:
    """Decode a front matter block leniently: metadata is not text, so it never costs the article."""
    warnings = []
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as e:
        text = head.decode("cp1252", errors="replace")
        warnings.append(f"front matter is not valid UTF-8 (byte 0x{head[e.start]:02x} at byte offset {start + e.start}); "
                        "its values were read as cp1252")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
        warnings.append("front matter contains NUL bytes; they were replaced by U+FFFD in the metadata (the text is unchanged)")
    return text, warnings


@dataclass(slots=True)
class _FrontMatter:
    fields: dict
    body_start: int
    warnings: list


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _front_matter(text: str) -> _FrontMatter | None:
    """Parse a leading ``---`` block; None when there is none. See the module docstring."""
    m = _FM_OPEN.match(text)
    if not m:
        return None
    close = _FM_CLOSE.search(text, m.end())
    if close is None:
        return _FrontMatter({}, 0, ["front matter opened with '---' on line 1 is never closed; the whole file was read as the text"])
    block = text[m.end():close.start()]
    fields: dict[str, str] = {}
    warnings: list[str] = []
    last_key = None
    for lineno, raw in enumerate(re.split(r"\r\n|\n|\r", block), start=2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if last_key is not None and (raw[:1] in " \t" or raw.startswith("- ")):
            fields[last_key] = (fields[last_key] + "\n" + raw.strip()).strip()
            continue
        lm = _FM_LINE.match(raw)
        if not lm:
            snippet = raw.strip()[:40]
            return _FrontMatter(
                {}, 0,
                [f"the '---' block at the top is not front matter (line {lineno} is not 'key: value': {snippet!r}); the whole file was read as the text"],
            )
        key = lm.group(1).strip()
        if key in fields:
            warnings.append(f"front matter key {key!r} appears twice (line {lineno}); the last value is used")
        fields[key] = _unquote(lm.group(2) or "")
        last_key = key
    for key, value in fields.items():
        if _CONTROL.search(value) or "\x00" in value:
            warnings.append(f"front matter value of {key!r} contains control characters; kept as written")
    if len(fields) > _MANY_FRONT_MATTER_KEYS:
        warnings.append(f"front matter has {len(fields):,} keys; the unknown ones are kept in Article.meta")
    return _FrontMatter(fields, close.end(), warnings)


# ----------------------------------------------------------------------------- helpers


def _blank(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _as_str(value) -> str | None:
    """A metadata value as a stripped string (None for missing/empty)."""
    if _blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp | _dt.datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _text_id(text: str) -> str:
    return "text-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _strip_suffixes(name: str) -> tuple[str, str, bool]:
    """``"a.csv.gz" -> ("a", ".csv", True)``: stem, article suffix (lower-case), gzip."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        name, lower = name[:-3], lower[:-3]
    for suffix in ARTICLE_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)], suffix, gz
    dot = name.rfind(".")
    if dot > 0:
        return name[:dot], lower[dot:], gz
    return name, "", gz


def _looks_like_path(s: str) -> bool:
    if not s or any(c.isspace() for c in s):
        return False
    _, suffix, _ = _strip_suffixes(os.path.basename(s))
    return suffix in ARTICLE_SUFFIXES


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "unreadable: permission denied"
    if isinstance(err, FileNotFoundError):
        return "no such file or folder"
    if err.errno == errno.ELOOP:
        return "symlink loop: the link points (indirectly) to itself"
    return f"unreadable: {err.strerror or err}"


_CSV_LIMIT_LOCK = threading.Lock()
_csv_limit_users = 0
_csv_limit_saved = 0


@dataclass
class _CsvFile:
    """A CSV file being read record by record (see :meth:`_Loader.csv_record`).

    Attributes:
        source: the file, as reported.
        file_id: the id its rows are numbered under.
        in_folder: it was met in a folder walk.
        n_before: the loader's ``n_inputs`` before the file: if it has not grown by the
            end, no row of the file was an input.
        file_warnings: warnings about the whole file, reported once the header is read.
        header: the column names, once read.
        header_line: the line the header is on.
    """

    source: str
    file_id: str
    in_folder: bool
    n_before: int
    file_warnings: list[str] = field(default_factory=list)
    header: list[str] | None = None
    header_line: int = 0


def _csv_blank(row: list[str]) -> bool:
    """True for a CSV record that is no row at all: no fields, or one field of white space."""
    return not row or all(not c.strip() for c in row) and len(row) <= 1


@contextlib.contextmanager
def _csv_field_limit():
    """Allow fields as long as a whole file (a 20 MB article in one cell) for the duration of a read.

    ``csv.field_size_limit`` is process-wide: it is raised when the first concurrent read
    starts and restored when the last one ends, so threads loading at the same time never
    see it lowered under them.
    """
    global _csv_limit_users, _csv_limit_saved
    with _CSV_LIMIT_LOCK:
        if _csv_limit_users == 0:
            _csv_limit_saved = csv.field_size_limit(2**31 - 1)
        _csv_limit_users += 1
    try:
        yield
    finally:
        with _CSV_LIMIT_LOCK:
            _csv_limit_users -= 1
            if _csv_limit_users == 0:
                csv.field_size_limit(_csv_limit_saved)


# ----------------------------------------------------------------------------- the loader


class _Loader:
    def __init__(self, column_map: dict | None, id_prefix: str | None, recursive: bool):
        self.column_map = dict(column_map or {})
        bad = sorted({str(v) for v in self.column_map.values()} - _ROW_FIELDS)
        if bad:
            raise ArticleLoadError(
                f"column_map maps to {', '.join(map(repr, bad))}, which the loader does not know. "
                f"Map your column names to one of: {', '.join(sorted(_ROW_FIELDS))}."
            )
        self.id_prefix = id_prefix or ""
        self.recursive = recursive
        self.articles: list[Article] = []
        self.issues: list[_Issue] = []
        self.n_inputs = 0
        self.seen: dict[str, str] = {}
        self._keys: dict = {}

    # -- bookkeeping
    def skip(self, source, reason, *, line=None, byte_offset=None, article_id=None) -> None:
        self.n_inputs += 1
        self.issues.append(_Issue(source, line, byte_offset, article_id, reason, "skipped"))

    def warn(self, source, reason, *, line=None, byte_offset=None, article_id=None) -> None:
        self.issues.append(_Issue(source, line, byte_offset, article_id, reason, "warning"))

    def add(self, article: Article, where: str, *, line=None, byte_offset=None, warnings=(), find=True) -> None:
        first = self.seen.get(article.article_id)
        if first is not None:
            self.skip(article.source_path or where, f"duplicate article_id {article.article_id!r} (first seen in {first})",
                      line=line, byte_offset=byte_offset, article_id=article.article_id)
            return
        if find and article.credit is None:
            credit = find_credit(article.text)
            if credit is not None:
                article = replace(article, credit=credit.credit)
        self.n_inputs += 1
        self.seen[article.article_id] = where if line is None else f"{where} line {line}"
        self.articles.append(article)
        for w in warnings:
            self.warn(article.source_path or where, w, line=line, byte_offset=byte_offset, article_id=article.article_id)

    # -- dispatch
    def load(self, item, index: int) -> None:
        if isinstance(item, Article):
            where = f"<Article argument {index}>"
            if not isinstance(item.text, str) or not item.text.strip():
                self.skip(item.source_path or where, "Article has no text", article_id=str(item.article_id))
            else:
                self.add(item, where, find=False)
        elif isinstance(item, pd.DataFrame):
            self.load_frame(item, f"<DataFrame argument {index}>")
        elif isinstance(item, os.PathLike):
            path = Path(item)
            self.load_path(path, base=None, given=str(item))
        elif isinstance(item, str):
            self.load_string(item, index)
        else:
            self.skip(f"<argument {index}>", f"unsupported input of type {type(item).__name__}: pass a path, a folder, a str, an Article or a DataFrame")

    def load_string(self, s: str, index: int) -> None:
        where = f"<string argument {index}>"
        if "\n" not in s and "\r" not in s and len(s) <= _MAX_PATH_STRING:
            try:
                exists = os.path.lexists(s)
            except (ValueError, OSError):
                exists = False
            if exists:
                self.load_path(Path(s), base=None, given=s)
                return
            if _looks_like_path(s):
                self.skip(s, "no such file or folder (a one-word string ending in a file suffix is taken as a path; pass longer text to load it as an article)")
                return
        if not s.strip():
            self.skip(where, "empty text (only white space)" if s else "empty text")
            return
        self.add(Article(self.id_prefix + _text_id(s), s, source_path=None), where)

    # -- files and folders
    def load_path(self, path: Path, *, base: Path | None, given: str) -> None:
        try:
            st = os.stat(path)
        except OSError as e:
            if os.path.islink(path):
                reason = _os_reason(e) if getattr(e, "errno", None) == errno.ELOOP else "broken symlink: its target does not exist"
            else:
                reason = _os_reason(e)
            self.skip(given, reason)
            return
        if stat.S_ISDIR(st.st_mode):
            self.load_folder(path, given)
        else:
            self.load_file(path, source=given, base=base)

    def _entries(self, folder: Path) -> Iterator[os.DirEntry] | None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            self.skip(str(folder), f"cannot list folder: {_os_reason(e)}")
            return None
        return iter(entries)

    def load_folder(self, root: Path, given: str) -> None:
        """Read every article file below *root*, depth first in sorted name order, without recursion
        (so any nesting depth works) and without following a symlink into a folder already read."""
        n_before = self.n_inputs
        root_st = os.stat(root)
        visited = {(root_st.st_dev, root_st.st_ino): given}
        first = self._entries(root)
        stack: list[Iterator[os.DirEntry]] = [first] if first is not None else []
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            if entry.name.startswith((".", "__")):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                if not self.recursive:
                    continue
                try:
                    st = os.stat(path)
                except OSError as e:
                    self.skip(str(path), f"cannot read folder: {_os_reason(e)}")
                    continue
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    self.skip(str(path), f"symlink loop or repeated folder: it is the folder {visited[key]} already read; not followed")
                    continue
                visited[key] = str(path)
                sub = self._entries(path)
                if sub is not None:
                    stack.append(sub)
                continue
            if entry.is_symlink():
                try:
                    os.stat(path)
                except OSError as e:
                    reason = _os_reason(e) if getattr(e, "errno", None) == errno.ELOOP else "broken symlink: its target does not exist"
                    self.skip(str(path), reason)
                    continue
            stem, suffix, _ = _strip_suffixes(entry.name)
            if stem.lower() == "readme":
                continue
            if suffix not in ARTICLE_SUFFIXES:
                self.warn(str(path), f"not an article file ({suffix or 'no suffix'}); passed over. The loader reads {', '.join(ARTICLE_SUFFIXES)} (also .gz)")
                continue
            self.load_file(path, source=str(path), base=root, in_folder=True)
        if self.n_inputs == n_before:
            self.warn(given, "folder holds no article files")

    def file_id(self, path: Path, base: Path | None) -> str:
        if base is not None:
            rel = path.relative_to(base)
            stem, _, _ = _strip_suffixes(rel.name)
            parts = list(rel.parts[:-1]) + [stem]
            return self.id_prefix + "/".join(parts)
        return self.id_prefix + _strip_suffixes(path.name)[0]

    def read_bytes(self, path: Path, source: str) -> bytes | None:
        try:
            mode = os.stat(path).st_mode
        except OSError as e:
            self.skip(source, _os_reason(e))
            return None
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # a FIFO would block forever, a device would never end
            self.skip(source, "not a regular file (a pipe, socket or device); not read")
            return None
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            self.skip(source, "is a folder where a file was expected")
            return None
        except OSError as e:
            self.skip(source, _os_reason(e))
            return None
        _, _, gz = _strip_suffixes(path.name)
        if gz or data[:2] == b"\x1f\x8b":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error) as e:
                self.skip(source, f"corrupt gzip file: {e}")
                return None
        return data

    def load_file(self, path: Path, *, source: str, base: Path | None, in_folder: bool = False) -> None:
        _, suffix, _ = _strip_suffixes(path.name)
        data = self.read_bytes(path, source)
        if data is None:
            return
        file_id = self.file_id(path, base)
        if suffix in _JSONL_SUFFIXES:
            self.load_jsonl(data, source, file_id)
        elif suffix in _CSV_SUFFIXES:
            self.load_csv(data, source, file_id, "\t" if suffix == ".tsv" else ",", in_folder)
        else:
            self.load_text_file(data, source, file_id)

    def load_text_file(self, data: bytes, source: str, file_id: str) -> None:
        if not data:
            self.skip(source, "empty file", article_id=file_id)
            return
        warnings: list[str] = []
        fm = dec = None
        base = 0  # byte offset of the body in the file
        split = _split_front_matter_bytes(data)
        if split is not None:
            # A front matter block: decode it and the body separately.
            head_text, head_warnings = _decode_front_matter(data[split[0]:split[1]], split[0])
            fm = _front_matter(head_text)
            if fm is not None and fm.body_start == len(head_text):
                warnings.extend(head_warnings)
                base = split[1]
                dec = _decode(data[base:]) if base < len(data) else _Decoded("", "utf-8", 0)
                if split[0] and dec.encoding == "utf-8" and not dec.bom:
                    dec.bom = split[0]
            else:
                fm = None  # not front matter after all: the whole file is the text
        if dec is None:
            dec = _decode(data)
            if not dec.problem:
                fm = _front_matter(dec.text)
        if dec.problem:
            offset = None if dec.byte_offset is None else base + dec.byte_offset
            reason = re.sub(r"byte offset (\d+)", lambda m: f"byte offset {base + int(m.group(1))}", dec.problem) if base else dec.problem
            self.skip(source, reason, byte_offset=offset, article_id=file_id)
            return
        text = dec.text
        if dec.warning:
            w = dec.warning
            if base:
                w = re.sub(r"byte offset (\d+)", lambda m: f"byte offset {base + int(m.group(1))}", w)
            warnings.append(w)
        meta: dict = {}
        fields: dict[str, str | None] = {}
        if fm is not None:
            warnings.extend(fm.warnings)
            text = text[fm.body_start:] if not base else text
            for key, value in fm.fields.items():
                k = key.strip().lower()
                if k in FIELDS or k in _DEFAULT_ALIASES:
                    fields[_DEFAULT_ALIASES.get(k, k)] = _as_str(value)
                else:
                    meta[key] = value
        article_id = self.id_prefix + fields["id"] if fields.get("id") else file_id
        if not text.strip():
            self.skip(source, "no text after the front matter" if fm is not None else "empty file (only white space)",
                      article_id=article_id)
            return
        if dec.encoding != "utf-8" or dec.bom:
            meta["encoding"] = dec.encoding + ("-sig" if dec.encoding == "utf-8" else "")
        article = Article(
            article_id, text, title=fields.get("title"), outlet=fields.get("outlet"), published=fields.get("published"),
            url=fields.get("url"), byline=fields.get("byline"), credit=fields.get("credit"), source_path=source, meta=meta,
        )
        offset = None if not dec.warning or dec.byte_offset is None else base + dec.byte_offset
        self.add(article, source, byte_offset=offset, warnings=warnings)

    # -- rows
    def map_key(self, key) -> str | None:
        """The field a column / JSON key fills, or None for metadata (cached per key)."""
        try:
            return self._keys[key]
        except (KeyError, TypeError):
            pass
        if key in self.column_map:
            target = str(self.column_map[key])
        else:
            k = str(key).strip().lstrip("\ufeff").lower()
            target = next((str(dst) for src, dst in self.column_map.items() if str(src).strip().lower() == k), None)
            if target is None:
                target = _DEFAULT_ALIASES.get(k, k if k in _ROW_FIELDS else None)
        with contextlib.suppress(TypeError):
            self._keys[key] = target
        return target

    def add_row(self, record: dict, *, source: str, where: str, line: int | None, byte_offset: int | None,
                default_id: str | None, warnings: list[str] | None = None, from_file: bool = True) -> None:
        fields: dict = {}
        meta: dict = {}
        for key, value in record.items():
            target = self.map_key(key)
            if target is None:
                meta[str(key)] = value
            elif target in fields and not _blank(fields[target]) and _blank(value):
                continue
            else:
                fields[target] = value
        row_id = _as_str(fields.get("id"))
        article_id = self.id_prefix + row_id if row_id else None
        warnings = list(warnings or ())
        if "text" not in fields:
            keys = ", ".join(map(str, list(record)[:12])) or "none"
            self.skip(source, f"row has no 'text' field (its fields: {keys}); map one with column_map={{'your_column': 'text'}}",
                      line=line, byte_offset=byte_offset, article_id=article_id)
            return
        text = fields["text"]
        if _blank(text):
            self.skip(source, "row has no text ('text' is empty)", line=line, byte_offset=byte_offset, article_id=article_id)
            return
        if not isinstance(text, str):
            if isinstance(text, numbers.Real) and not isinstance(text, bool):
                warnings.append(f"'text' is a number ({text!r}); loaded as the string {_as_str(text)!r}")
                text = _as_str(text)
            else:
                self.skip(source, f"row's 'text' is a {type(text).__name__}, not a string", line=line,
                          byte_offset=byte_offset, article_id=article_id)
                return
        if article_id is None:
            article_id = default_id if default_id is not None else self.id_prefix + _text_id(text)
        if line is not None:
            meta["source_line"] = line
        article = Article(
            article_id, text,
            title=_as_str(fields.get("title")), outlet=_as_str(fields.get("outlet")),
            published=_as_str(fields.get("published")), url=_as_str(fields.get("url")),
            byline=_as_str(fields.get("byline")), credit=_as_str(fields.get("credit")),
            source_path=source if from_file else None, meta=meta,
        )
        self.add(article, where, line=line, byte_offset=byte_offset, warnings=warnings)

    def load_jsonl(self, data: bytes, source: str, file_id: str) -> None:
        if not data.strip():
            self.skip(source, "empty file" if not data else "empty file (only white space)", article_id=file_id)
            return
        if not data.startswith(tuple(b for b, _ in _BOMS)) and self.jsonl_binary(data, source, file_id):
            return
        bom_enc = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
        if bom_enc and bom_enc != "utf-8":
            dec = _decode(data)
            if dec.problem:
                self.skip(source, dec.problem, byte_offset=dec.byte_offset, article_id=file_id)
                return
            lines = ((n, None, ln) for n, ln in enumerate(dec.text.split("\n"), start=1))
            self._jsonl_lines(lines, source, file_id)
            return
        start = 3 if bom_enc == "utf-8" else 0

        def byte_lines():
            offset = start
            for n, raw in enumerate(data[start:].split(b"\n"), start=1):
                yield n, offset, raw
                offset += len(raw) + 1

        self._jsonl_lines(byte_lines(), source, file_id)

    def _jsonl_lines(self, lines, source: str, file_id: str) -> None:
        n_before = self.n_inputs
        for n, offset, raw in lines:
            self.jsonl_line(n, offset, raw, source, file_id)
        self.jsonl_end(n_before, source, file_id)

    # JSON Lines, one line at a time. Both readers of JSONL files call these: load_jsonl (a
    # file read whole) and panjshir_toolkit.stream (a large file read line by line).
    def jsonl_binary(self, head: bytes, source: str, file_id: str) -> bool:
        """True, and the file reported (skipped), when the start of a JSON Lines file is binary data.

        Args:
            head: the file's first bytes (64 KiB are looked at).
            source: the file, as reported.
            file_id: the file's id.
        """
        check = _decode(head[:65536], nul_window=65536)
        if check.problem and "binary" in check.problem:
            self.skip(source, check.problem, byte_offset=check.byte_offset, article_id=file_id)
            return True
        return False

    def jsonl_line(self, n: int, offset: int | None, raw: bytes | str, source: str, file_id: str) -> None:
        """Load one line of a JSON Lines file as an article, or report it; a blank line is passed over.

        Args:
            n: the line number.
            offset: the line's byte offset in the file (None when the file was decoded whole,
                e.g. from UTF-16).
            raw: the line without its ``\\n``: bytes (decoded here, as UTF-8) or text.
            source: the file, as reported.
            file_id: the file's id; the article id is the object's ``id`` or ``<file_id>:<n>``.
        """
        if isinstance(raw, bytes):
            if not raw.strip():
                return
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                self.skip(source, f"line {n} is not valid UTF-8 (byte 0x{raw[e.start]:02x} at byte offset {offset + e.start}); JSON Lines must be UTF-8",
                          line=n, byte_offset=offset + e.start)
                return
        else:
            line = raw
            if not line.strip():
                return
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            self.skip(source, f"malformed JSON on line {n}: {e.msg} (column {e.colno})", line=n,
                      byte_offset=None if offset is None else offset + len(line[: e.pos].encode("utf-8", "surrogatepass")))
            return
        except RecursionError:
            self.skip(source, f"malformed JSON on line {n}: nested too deeply", line=n, byte_offset=offset)
            return
        if not isinstance(record, dict):
            self.skip(source, f"line {n} is a JSON {type(record).__name__}, not an object with a 'text' field",
                      line=n, byte_offset=offset)
            return
        self.add_row(record, source=source, where=source, line=n, byte_offset=offset, default_id=f"{file_id}:{n}")

    def jsonl_end(self, n_before: int, source: str, file_id: str) -> None:
        """Report (skipped) a JSON Lines file read to its end in which no line was an input.

        Args:
            n_before: :attr:`n_inputs` before the file was read.
            source: the file, as reported.
            file_id: the file's id.
        """
        if self.n_inputs == n_before:
            self.skip(source, "no JSON lines in the file", article_id=file_id)

    def load_csv(self, data: bytes, source: str, file_id: str, delimiter: str, in_folder: bool = False) -> None:
        if not data.strip():
            self.skip(source, "empty file" if not data else "empty file (only white space)", article_id=file_id)
            return
        dec = _decode(data, nul_window=65536)
        if dec.problem:
            self.skip(source, dec.problem, byte_offset=dec.byte_offset, article_id=file_id)
            return
        file_warnings = [dec.warning] if dec.warning else []
        lines = list(io.StringIO(dec.text, newline=""))
        with _csv_field_limit():
            self._csv_rows(lines, source, file_id, delimiter, file_warnings, in_folder)

    def _csv_rows(self, lines: list[str], source: str, file_id: str, delimiter: str, file_warnings: list[str],
                  in_folder: bool) -> None:
        csv_file = self.csv_file(source, file_id, in_folder, file_warnings)
        pos = 0  # index into lines where the next reader starts
        while pos < len(lines):
            reader = csv.reader(iter(lines[pos:]), delimiter=delimiter, strict=True)
            last = 0  # lines consumed by this reader so far
            try:
                for row in reader:
                    first_line = pos + last + 1
                    last = reader.line_num
                    if not self.csv_record(csv_file, row, first_line):
                        return
                pos = len(lines)
            except csv.Error as e:
                # The record that starts on bad_line is broken: it costs that line only, and
                # reading starts again on the next line (an unclosed quote would otherwise
                # swallow the rest of the file).
                bad_line = pos + last + 1
                self.csv_broken_record(csv_file, e, bad_line)
                pos = bad_line
                if csv_file.header is None and pos >= len(lines):
                    return
        self.csv_end(csv_file)

    # CSV records, one at a time. Both readers of CSV files call these: _csv_rows (a file
    # read whole) and panjshir_toolkit.stream (a large file read record by record), so the
    # two apply the same rules and report with the same words.
    def csv_file(self, source: str, file_id: str, in_folder: bool, file_warnings: Iterable[str] = ()) -> _CsvFile:
        """Start reading a CSV file: the state :meth:`csv_record` and :meth:`csv_end` keep for it.

        Args:
            source: the file, as reported.
            file_id: the id the file's rows are numbered under (``<file_id>:<line>``).
            in_folder: the file was met in a folder walk (rather than given directly).
            file_warnings: warnings about the whole file (e.g. its encoding), reported once
                its header shows it is an article table.
        """
        return _CsvFile(source, file_id, in_folder, self.n_inputs, list(file_warnings))

    def csv_record(self, csv_file: _CsvFile, row: list[str], line: int) -> bool:
        """Take the next record of a CSV file: blank (passed over), its header, or a row.

        Args:
            csv_file: the file's state, from :meth:`csv_file`.
            row: the record's fields.
            line: the line the record starts on.

        Returns:
            False when the file must not be read further (its header has no text column;
            that is reported), else True.
        """
        if _csv_blank(row):
            return True
        if csv_file.header is None:
            csv_file.header_line = line
            csv_file.header = self.csv_header(row, source=csv_file.source, line=line, file_id=csv_file.file_id,
                                              in_folder=csv_file.in_folder)
            if csv_file.header is None:
                return False
            for w in csv_file.file_warnings:
                self.warn(csv_file.source, w)
            return True
        self.csv_row(row, csv_file.header, source=csv_file.source, line=line, file_id=csv_file.file_id)
        return True

    def csv_header(self, row: list[str], *, source: str, line: int, file_id: str, in_folder: bool) -> list[str] | None:
        """The column names of a CSV file, from its first record that is not blank.

        Args:
            row: the record's fields.
            source: the file, as reported.
            line: the line the record starts on.
            file_id: the id the file's rows are numbered under.
            in_folder: the file was met in a folder walk (rather than given directly).

        Returns:
            The names, stripped (and without a byte-order mark); None when no column fills
            ``text``: the file is then reported (a warning "not an article table" in a
            folder, where it may be any table; skipped when given directly) and its other
            records must not be read.
        """
        header = [c.strip().lstrip("\ufeff") for c in row]
        if "text" in [self.map_key(h) for h in header]:
            return header
        names = ", ".join(map(repr, header[:12]))
        if in_folder:
            self.warn(source, f"not an article table (no text column; the header has {names}); "
                      "passed over. Give the file directly with a column_map to load it", line=line)
        else:
            self.skip(source, f"no text column: the header has {names}; "
                      "map one with column_map={'your_column': 'text'}", line=line, article_id=file_id)
        return None

    def csv_row(self, row: list[str], header: list[str], *, source: str, line: int, file_id: str) -> None:
        """Load one CSV record (not the header) as an article, or report it.

        A record with fewer fields than the header has the missing ones empty (a warning),
        or is skipped when they include the text column; one with more keeps the extra
        fields in ``meta['extra_fields']`` (a warning). The article id is the row's ``id``
        or ``<file_id>:<line>``.

        Args:
            row: the record's fields.
            header: the names :meth:`csv_header` returned.
            source: the file, as reported.
            line: the line the record starts on.
            file_id: the id the file's rows are numbered under.
        """
        warnings = []
        if len(row) != len(header):
            more = "fewer" if len(row) < len(header) else "more"
            warnings.append(f"row has {len(row)} fields, the header {len(header)} ({more}); "
                            + ("missing ones are empty" if more == "fewer" else "extra ones kept in meta['extra_fields']"))
        record = dict(zip(header, row))
        if len(row) > len(header):
            record["extra_fields"] = row[len(header):]
        if len(row) < len(header) and "text" not in {self.map_key(h) for h in header[: len(row)]}:
            self.skip(source, f"row has no text: it has {len(row)} fields, the header {len(header)}", line=line)
            return
        self.add_row(record, source=source, where=source, line=line, byte_offset=None,
                     default_id=f"{file_id}:{line}", warnings=warnings)

    def csv_broken_record(self, csv_file: _CsvFile, error: csv.Error, line: int) -> None:
        """Report (skipped) the record starting on *line* that the csv module could not read.

        The readers go on with the next line, so the reason says so.
        """
        if "unexpected end of data" in str(error):
            reason = (f"unbalanced quote: the record starting on line {line} opens a quoted field that never closes; "
                      "that line was skipped and reading went on with the next one")
        elif "'\"'" in str(error):
            reason = (f"unbalanced quote in the record starting on line {line} ({error}); "
                      "that line was skipped and reading went on with the next one")
        else:
            reason = (f"malformed CSV record starting on line {line} ({error}); "
                      "that line was skipped and reading went on with the next one")
        self.skip(csv_file.source, reason, line=line)

    def csv_end(self, csv_file: _CsvFile) -> None:
        """Report a CSV file read to its end that had no header (skipped) or no row after it (a warning)."""
        if csv_file.header is None:
            self.skip(csv_file.source, "no header row", article_id=csv_file.file_id)
        elif self.n_inputs == csv_file.n_before:
            self.warn(csv_file.source, f"only a header (line {csv_file.header_line}), no rows")

    # -- DataFrames
    def load_frame(self, frame: pd.DataFrame, where: str) -> None:
        if frame.empty:
            self.warn(where, "DataFrame has no rows")
            return
        columns = list(frame.columns)
        targets = [self.map_key(c) for c in columns]
        if "text" not in targets:
            self.skip(where, f"no text column in the DataFrame (so its {len(frame):,} rows count as one input): it has "
                      f"{', '.join(map(repr, columns[:12]))}; map one with column_map={{'your_column': 'text'}}")
            return
        use_index = "id" not in targets and not isinstance(frame.index, pd.RangeIndex)
        for n, (label, values) in enumerate(zip(frame.index, frame.itertuples(index=False, name=None)), start=1):
            record = dict(zip(columns, values))
            default_id = self.id_prefix + str(label) if use_index else None
            self.add_row(record, source=where, where=where, line=n, byte_offset=None, default_id=default_id, from_file=False)


def _flatten(inputs: Iterable) -> list:
    out = []
    for item in inputs:
        if isinstance(item, list | tuple | set | frozenset | pd.Series | pd.Index) or (
            isinstance(item, Iterable) and not isinstance(item, str | bytes | os.PathLike | pd.DataFrame | dict | Article)
            and hasattr(item, "__next__")
        ):
            out.extend(_flatten(sorted(item, key=str) if isinstance(item, set | frozenset) else item))
        else:
            out.append(item)
    return out


def load_articles(*inputs, column_map: dict | None = None, id_prefix: str | None = None, recursive: bool = True) -> LoadResult:
    """Load articles from any mix of files, folders, CSV/JSONL tables, strings, Articles and DataFrames.

    Bad inputs never raise: each is listed in the report of the result (file, line or byte
    offset, reason) and loading carries on. See the module docstring for what one input
    is, how strings are told from paths, how files are decoded, front matter, article ids
    and credit lines.

    Args:
        *inputs: paths (``str`` or :class:`~pathlib.Path`) to ``.txt``/``.md``, ``.jsonl``/``.ndjson``,
            ``.csv``/``.tsv`` files (each also ``.gz``) or folders; article texts as ``str``;
            :class:`Article` objects; DataFrames with a ``text`` column. Lists, tuples,
            iterators and pandas Series of these are flattened (each element is an input).
        column_map: other column / JSON key names -> the loader's fields (``id, text, title,
            outlet, published, url, byline, credit``), e.g. ``{"article_id": "id",
            "publish_date": "published", "article_source_link": "url"}``. Unmapped unknown
            columns go to ``Article.meta``. Matching ignores case.
        id_prefix: prepended to every article id the loader reads or makes.
        recursive: read sub-folders of folders (default True).

    Returns:
        A :class:`LoadResult`: ``.articles``, ``.report``, ``.n_inputs``, ``.n_loaded``, ``.n_reported``.

    Raises:
        ArticleLoadError: only when the call itself is unusable: no inputs at all, or a
            ``column_map`` that maps to unknown fields.

    Example:
        >>> result = load_articles("About 600 Taliban have been killed, the spokesperson said.\\n(With inputs from ANI)")
        >>> result.n_loaded, result.articles[0].credit, result.articles[0].article_id
        (1, 'ANI', 'text-dec20c9d12')
    """
    items = _flatten(inputs)
    if not items:
        raise ArticleLoadError(
            "load_articles() was given no inputs. Pass file or folder paths, article texts (str), "
            "Article objects or DataFrames, e.g. load_articles('data/') or load_articles(panjshir_toolkit.datasets.panjshir_path())."
        )
    loader = _Loader(column_map, id_prefix, recursive)
    for index, item in enumerate(items):
        loader.load(item, index)
    return LoadResult(loader.articles, loader.issues, loader.n_inputs)
