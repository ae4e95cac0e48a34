"""Streaming analysis: corpora larger than memory to partitioned Parquet, resumably.

:func:`analyze_to_parquet` reads articles lazily (CSV and JSON lines are read row by row,
never loaded whole), analyses them in batches (serially or in worker processes) and writes
each batch as one part of every table::

    out_dir/
        articles/part-00000.parquet   sentences/part-00000.parquet   quotes/...
        figures/...   claims/...      (one part per batch, in input order)
        actors/part-00000.parquet     (written last: it counts over the whole corpus)
        _manifest/part-00000.json     (one per finished batch: its article ids)
        _SUCCESS.json                 (only once every article is in)
        load_report.csv               (rows that were skipped, articles whose analysis failed)

Memory stays bounded by one batch (plus the set of finished article ids), however large
the corpus.

**Crash safety.** Every file is written under a temporary name beginning with ``.`` and
renamed into place with :func:`os.replace` (atomic), so a file with a final name is always
complete, and Parquet readers (pandas, pyarrow, Dask, Spark) ignore the temporary ones.
A batch counts as finished only when its manifest file exists; the manifest is written
after the batch's table parts.

**Resuming.** Run the same command again after an interruption (Ctrl-C, a killed job, a
full disk): finished batches are kept, table parts without a manifest (written just before
the interruption) are deleted, and only the articles not yet in a finished batch are
analysed, into new parts. Every article ends up exactly once.

Reading the result: :func:`read_parquet_tables` (the six tables, typed as in
:mod:`panjshir_toolkit.schema`), or any Parquet reader on a table folder, e.g.
``pd.read_parquet("out/quotes")`` or ``dask.dataframe.read_parquet("out/quotes")``.
"""

from __future__ import annotations

import collections
import csv
import functools
import gzip
import zlib
import itertools
import json
import os
import stat
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import articles as _articles
from .articles import Article
from .schema import DTYPES, TABLES, conform, empty_table

__all__ = ["analyze_to_parquet", "iter_articles", "read_parquet_tables", "StreamResult",
           "PART_TABLES", "REPORT_COLUMNS"]

#: Tables written one part per batch (``actors`` is computed once, at the end).
PART_TABLES = ("articles", "sentences", "quotes", "figures", "claims")
#: Columns of the load report (as in :func:`panjshir_toolkit.articles.load_articles`).
REPORT_COLUMNS = list(_articles.REPORT_COLUMNS)

_MANIFEST_DIR = "_manifest"
_SUCCESS = "_SUCCESS.json"
_REPORT = "load_report.csv"
# Columns actors_table reads: the final actors table is built from these alone.
_ACTOR_QUOTE_COLS = ["quote_id", "speaker", "speaker_kind", "affiliation", "speaker_text", "relayed_by"]


# --------------------------------------------------------------------------- reading

#: CSV / JSONL files larger than this (bytes on disk) are read record by record; smaller
#: ones are read whole by :func:`~panjshir_toolkit.articles.load_articles`'s loader.
STREAM_FILE_BYTES = 32 * 2**20
_READ_BLOCK = 1 << 16  # 64 KiB: small enough that a truncated .gz loses at most one block


def _issue_record(issue) -> dict:
    return {"source_path": issue.source_path, "line": issue.line, "byte_offset": issue.byte_offset,
            "article_id": issue.article_id, "reason": issue.reason, "severity": issue.severity}


def _drain(loader, report: list) -> list[Article]:
    """The articles the loader has made since the last call; its issues go to *report*."""
    articles, loader.articles = loader.articles, []
    if loader.issues:
        report.extend(_issue_record(i) for i in loader.issues)
        loader.issues.clear()
    return articles


class _FileLister(_articles._Loader):
    """The loader's folder walk (order, hidden files, symlink loops, README...), listing files instead of reading them."""

    def __init__(self):
        super().__init__(None, None, recursive=True)
        self.files: list[tuple[Path, str, Path]] = []

    def load_file(self, path: Path, *, source: str, base: Path | None, in_folder: bool = False) -> None:
        self.n_inputs += 1  # so that the walk does not call the folder empty
        self.files.append((path, source, base))


def _open_bytes(path: Path):
    with open(path, "rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def _byte_lines(fh, start: int) -> Iterator[tuple[int, int, bytes]]:
    """(line number, byte offset, bytes without the ``\n``) of a binary stream, as the loader splits them."""
    fh.read(start)
    n, offset, carry = 1, start, b""
    for block in iter(lambda: fh.read(_READ_BLOCK), b""):
        block = carry + block
        *lines, carry = block.split(b"\n")
        for raw in lines:
            yield n, offset, raw
            n, offset = n + 1, offset + len(raw) + 1
    yield n, offset, carry


def _stream_jsonl(loader, path: Path, source: str, file_id: str, report: list) -> Iterator[Article]:
    with _open_bytes(path) as fh:
        head = fh.read(65536)
    if not head.strip() or any(head.startswith(bom) for bom, enc in _articles._BOMS if enc != "utf-8"):
        loader.load_file(path, source=source, base=None)  # empty or UTF-16/32: the loader's rules, whole file
        yield from _drain(loader, report)
        return
    if loader.jsonl_binary(head, source, file_id):
        yield from _drain(loader, report)
        return
    start = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    n_before = loader.n_inputs
    with _open_bytes(path) as fh:
        for n, offset, raw in _byte_lines(fh, start):
            loader.jsonl_line(n, offset, raw, source, file_id)  # the loader's rules, one line at a time
            yield from _drain(loader, report)
    loader.jsonl_end(n_before, source, file_id)
    yield from _drain(loader, report)


class _PushbackLines:
    """Decoded text lines with their numbers; lines of a broken CSV record can be read again."""

    def __init__(self, fh, source: str, loader):
        self._raw = _byte_lines(fh, 0)
        self._again: collections.deque = collections.deque()
        self.record: list[tuple[int, str]] = []
        self.source, self.loader, self.warned = source, loader, False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._again:
            item = self._again.popleft()
        else:
            n, offset, raw = next(self._raw)
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                text = raw.decode("cp1252", errors="replace")
                if not self.warned:
                    self.warned = True
                    self.loader.warn(self.source, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at byte offset {offset + e.start}); "
                                     "lines that are not were read as cp1252 (Windows-1252). Check the accented letters "
                                     "and quote marks, or re-save the file as UTF-8")
            item = (n, text + "\n")
        self.record.append(item)
        return item[1]

    def retry_after_first(self) -> None:
        """Read the lines of the current record again, except its first one."""
        self._again.extendleft(reversed(self.record[1:]))
        self.record = []


def _stream_csv(loader, path: Path, source: str, file_id: str, delimiter: str, in_folder: bool,
                report: list) -> Iterator[Article]:
    """The loader's CSV rules (``_Loader._csv_rows``), one record at a time.

    Only the reading differs from the loader's (lines from the file as they come, those of
    a broken record read again); what is done with each record, and how it is reported,
    is the loader's own (``_Loader.csv_record``, ``csv_broken_record``, ``csv_end``).
    """
    csv_file = loader.csv_file(source, file_id, in_folder)
    with _open_bytes(path) as fh, _articles._csv_field_limit():
        lines = _PushbackLines(fh, source, loader)
        while True:
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            try:
                while True:
                    lines.record = []  # csv.reader reads exactly the lines of one record
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    go_on = loader.csv_record(csv_file, row, lines.record[0][0])
                    yield from _drain(loader, report)
                    if not go_on:
                        return
                break
            except csv.Error as e:
                loader.csv_broken_record(csv_file, e, lines.record[0][0])
                yield from _drain(loader, report)
                lines.retry_after_first()
    loader.csv_end(csv_file)
    yield from _drain(loader, report)


def _iter_file(loader, path: Path, source: str, base: Path | None, in_folder: bool, report: list,
               stream_bytes: int) -> Iterator[Article]:
    _, suffix, _ = _articles._strip_suffixes(path.name)
    try:
        st = os.stat(path)
        big = stat.S_ISREG(st.st_mode) and st.st_size > stream_bytes
    except OSError:
        big = False
    if big and suffix in (*_articles._JSONL_SUFFIXES, *_articles._CSV_SUFFIXES):
        if suffix in _articles._JSONL_SUFFIXES:
            records = _stream_jsonl(loader, path, source, loader.file_id(path, base), report)
        else:
            records = _stream_csv(loader, path, source, loader.file_id(path, base), "\t" if suffix == ".tsv" else ",",
                                  in_folder, report)
        try:
            yield from records
        except (EOFError, OSError, zlib.error) as e:
            # A file that breaks while being read (a truncated .gz): what was read stays
            # loaded, the unreadable rest is one reported input.
            loader.skip(source, f"corrupt or truncated file: the records after the last one read are unreadable ({e})")
            yield from _drain(loader, report)
    else:
        loader.load_file(path, source=source, base=base, in_folder=in_folder)
        yield from _drain(loader, report)


def _is_path(item) -> bool:
    if isinstance(item, os.PathLike):
        return True
    if isinstance(item, str) and "\n" not in item and "\r" not in item and len(item) <= _articles._MAX_PATH_STRING:
        try:
            return os.path.lexists(item)
        except (ValueError, OSError):
            return False
    return False


def _lazy_flatten(inputs) -> Iterator:
    if isinstance(inputs, (str, bytes, os.PathLike, Article, pd.DataFrame, dict, _articles.LoadResult)):
        yield inputs
        return
    if isinstance(inputs, (set, frozenset)):
        inputs = sorted(inputs, key=str)  # as load_articles does
    for item in inputs:
        if isinstance(item, (list, tuple, set, frozenset, pd.Series, pd.Index)) or isinstance(item, Iterator):
            yield from _lazy_flatten(item)
        else:
            yield item


def iter_articles(*inputs, column_map: dict | None = None, id_prefix: str | None = None,
                  report: list | None = None, stream_bytes: int = STREAM_FILE_BYTES) -> Iterator[Article]:
    """:func:`~panjshir_toolkit.articles.load_articles` as a generator: articles one at a time.

    Takes what ``load_articles`` takes (paths, folders, CSV/TSV/JSONL files, strings,
    Articles, DataFrames, lists or generators of them; a generator is consumed lazily)
    and yields the same articles, with the same ids, metadata and credit lines, in the
    same order, skipping and reporting the same bad inputs, but without holding a corpus
    in memory: files are read one at a time, and CSV/JSONL files larger than
    *stream_bytes* record by record. Inside such a large CSV, a line that is not UTF-8 is
    read as cp1252 with one warning for the file (the loader, reading a whole file,
    decides for the whole file). Duplicate ids are skipped and reported across all inputs.

    Args:
        *inputs: anything ``load_articles`` accepts.
        column_map: their column / JSON key -> the loader's field, e.g. ``{"body": "text"}``.
        id_prefix: prepended to every id the loader makes or reads.
        report: a list that receives one dict per problem (keys of :data:`REPORT_COLUMNS`),
            as they are met.
        stream_bytes: files above this size (on disk) are read record by record.

    Raises:
        ArticleLoadError: *column_map* maps to a field the loader does not know.

    Notes:
        Files read record by record (above *stream_bytes*) follow the loader's rules with
        these known differences: a CSV with CR-only line endings is not split into lines
        (re-save it with LF or CRLF endings); a whitespace-only CSV is reported as "no
        header row" rather than "empty file"; a CSV whose only record is broken gets one
        more "no header row" row; undecodable lines are read as cp1252 line by line (one
        warning per file) rather than the whole file; a truncated ``.gz`` keeps what was
        read and reports the rest as one input.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.jsonl"
        >>> _ = path.write_text('{"id": "k1", "text": "Dashti said 3 posts fell."}\\n', encoding="utf-8")
        >>> [(a.article_id, a.text) for a in iter_articles(path)]
        [('k1', 'Dashti said 3 posts fell.')]
    """
    loader = _articles._Loader(column_map, id_prefix, recursive=True)
    report = report if report is not None else []
    return _iter(loader, inputs, report, stream_bytes)


def _iter(loader, inputs, report: list, stream_bytes: int) -> Iterator[Article]:
    for index, item in enumerate(_lazy_flatten(inputs)):
        if isinstance(item, _articles.LoadResult):
            report.extend({k: (None if pd.isna(v) else v) for k, v in row.items()} for row in item.report.to_dict("records"))
            for article in item.articles:
                loader.load(article, index)
                yield from _drain(loader, report)
        elif _is_path(item):
            path = Path(item)
            if path.is_dir():
                lister = _FileLister()
                lister.load_folder(path, str(item))
                report.extend(_issue_record(i) for i in lister.issues)
                for file_path, source, base in lister.files:
                    yield from _iter_file(loader, file_path, source, base, True, report, stream_bytes)
            else:
                yield from _iter_file(loader, path, str(item), None, False, report, stream_bytes)
        else:
            loader.load(item, index)
            yield from _drain(loader, report)


# --------------------------------------------------------------------------- writing

def _write_atomic(target: Path, write) -> None:
    """Call ``write(tmp_path)`` on a temporary file beside *target*, then rename it to *target*.

    See :func:`panjshir_toolkit.io.atomic_path`: the temporary name starts with ``.``, so
    Parquet readers ignore it, and on failure it is removed.
    """
    from .io import atomic_path

    with atomic_path(target) as tmp:
        write(tmp)


def _write_parquet(frame: pd.DataFrame, target: Path) -> None:
    _write_atomic(target, lambda tmp: frame.to_parquet(tmp, index=False, engine="pyarrow"))


def _write_json(obj, target: Path) -> None:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(obj, fh, ensure_ascii=False)
    _write_atomic(target, write)


def _part_name(n: int) -> str:
    return f"part-{n:05d}"


def _part_number(path: Path) -> int | None:
    stem = path.name.split(".")[0]
    if stem.startswith("part-") and stem[5:].isdigit():
        return int(stem[5:])
    return None


@dataclass
class StreamResult:
    """What :func:`analyze_to_parquet` did.

    Attributes:
        out_dir: the output folder.
        complete: True when every input article is in the output (``_SUCCESS.json`` written).
        n_articles: articles in the output now (all runs).
        n_new: articles analysed by this run.
        n_resumed: articles skipped by this run because an earlier run had finished them.
        n_parts: table parts (finished batches) in the output.
        report: skipped rows and failed analyses (columns of :data:`REPORT_COLUMNS`).
    """

    out_dir: Path
    complete: bool
    n_articles: int
    n_new: int
    n_resumed: int
    n_parts: int
    report: pd.DataFrame = field(repr=False, default_factory=lambda: pd.DataFrame(columns=REPORT_COLUMNS))

    def read(self, tables=None) -> dict[str, pd.DataFrame]:
        """The tables written so far (see :func:`read_parquet_tables`)."""
        return read_parquet_tables(self.out_dir, tables)


def _read_manifest(out_dir: Path) -> dict[int, dict]:
    done = {}
    folder = out_dir / _MANIFEST_DIR
    if not folder.is_dir():
        return done
    for path in sorted(folder.glob("part-*.json")):
        n = _part_number(path)
        if n is None:
            continue
        try:
            done[n] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            path.unlink(missing_ok=True)  # cannot happen with atomic writes; treat as unfinished
    return done


def _clean_output(out_dir: Path, keep_parts: set[int]) -> None:
    """Remove temporary files, parts of unfinished batches and the end-of-run files."""
    for name in (*PART_TABLES, "actors", _MANIFEST_DIR):
        folder = out_dir / name
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.startswith(".") and ".tmp" in path.name:
                path.unlink(missing_ok=True)
            elif name == "actors" and path.name.startswith("part-"):
                path.unlink(missing_ok=True)
            elif name != "actors" and _part_number(path) is not None and _part_number(path) not in keep_parts:
                path.unlink(missing_ok=True)
    for name in (_SUCCESS, _REPORT):
        (out_dir / name).unlink(missing_ok=True)


def _write_batch(out_dir: Path, part: int, pairs: list, codebook, problems: list) -> list:
    """Write one batch's table parts, then its manifest; return the problems recorded with it."""
    from .pipeline import failure_rows
    from .tables import build_tables

    tables = build_tables((res for res, _ in pairs), codebook)
    name = _part_name(part) + ".parquet"
    for table in PART_TABLES:
        _write_parquet(tables[table], out_dir / table / name)
    ids = [res.article["article_id"] for res, _ in pairs]
    problems = problems + failure_rows(pairs)
    _write_json({"part": part, "n_articles": len(ids), "article_ids": ids,
                 "rows": {t: len(tables[t]) for t in PART_TABLES}, "problems": problems},
                out_dir / _MANIFEST_DIR / (_part_name(part) + ".json"))
    return problems


def _finish(out_dir: Path, manifest: dict[int, dict], codebook, problems: list) -> pd.DataFrame:
    """Write the actors table, the load report and ``_SUCCESS.json``; return the report."""
    from .actors import actors_table

    parts = sorted(manifest)
    quote_parts = [out_dir / "quotes" / f"{_part_name(n)}.parquet" for n in parts]
    figure_parts = [out_dir / "figures" / f"{_part_name(n)}.parquet" for n in parts]
    quotes = pd.concat([empty_table("quotes")[_ACTOR_QUOTE_COLS]]
                       + [pd.read_parquet(p, columns=_ACTOR_QUOTE_COLS) for p in quote_parts], ignore_index=True)
    figures = pd.concat([empty_table("figures")[["quote_id"]]]
                        + [pd.read_parquet(p, columns=["quote_id"]) for p in figure_parts], ignore_index=True)
    actors = actors_table(_na_typed(quotes, "quotes"), _na_typed(figures, "figures"), codebook)
    _write_parquet(actors, out_dir / "actors" / "part-00000.parquet")
    report = _report(manifest, problems)
    if len(report):
        _write_atomic(out_dir / _REPORT, lambda tmp: report.to_csv(tmp, index=False))
    n_articles = sum(m["n_articles"] for m in manifest.values())
    _write_json({"n_articles": n_articles, "n_parts": len(parts), "n_reported": len(report),
                 "tables": list(TABLES)}, out_dir / _SUCCESS)
    return report


def _report(manifest: dict[int, dict], problems: list) -> pd.DataFrame:
    """The problems recorded with every finished batch and those met since, each once."""
    rows = [row for n in sorted(manifest) for row in manifest[n].get("problems", [])] + problems
    return pd.DataFrame(rows, columns=REPORT_COLUMNS).drop_duplicates(ignore_index=True)


def _na_typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    return frame.astype({c: DTYPES[table][c] for c in frame.columns})


def _batches(results: Iterator, size: int) -> Iterator[list]:
    while batch := list(itertools.islice(results, size)):
        yield batch


def analyze_to_parquet(inputs, out_dir: str | os.PathLike, *, batch_size: int = 500, n_jobs: int | None = 1,
                       actors=None, resume: bool = True, column_map: dict | None = None,
                       progress: bool = False, max_batches: int | None = None, func=None) -> StreamResult:
    """Analyse a corpus of any size into partitioned Parquet tables, in bounded memory.

    Articles are read lazily, analysed *batch_size* at a time (in *n_jobs* worker
    processes when n_jobs > 1; workers keep busy while a batch is written) and written as
    one part per table per batch (see the module docstring for the layout). The tables
    read back with :func:`read_parquet_tables` equal those of
    :func:`panjshir_toolkit.analyze` on the same articles.

    Args:
        inputs: a CSV/JSONL path (read row by row), a folder, a text file, an
            :class:`~panjshir_toolkit.articles.Article`, a DataFrame, a ``LoadResult``, or an
            iterable of any of these (a generator of Articles is consumed lazily). To resume,
            give the same inputs again: finished articles are recognised by their ids.
        out_dir: the output folder (created if missing).
        batch_size: articles per part. Memory grows with it; so does throughput, up to a point.
        n_jobs: worker processes (1: serial; -1: every core).
        actors: the actor codebook (CSV path, DataFrame, Codebook or None for the default).
        resume: keep the finished batches of an earlier run into *out_dir* and analyse
            only the articles not in them. False starts afresh (the toolkit's files in
            *out_dir* are deleted; other files are left alone).
        column_map: their CSV/JSONL column -> ours, e.g. ``{"body": "text"}``.
        progress: show a progress bar (tqdm; terminal or notebook).
        max_batches: stop after writing this many batches (the run is then incomplete and
            a later call resumes it); None: run to the end.
        func: the per-article function (default
            :func:`panjshir_toolkit.pipeline.analyze_article`).

    Returns:
        A :class:`StreamResult`. An article id met twice is analysed once; the repeat is
        reported (severity ``skipped``). Articles whose analysis fails are kept without
        annotations and reported, as in ``analyze``.

    Raises:
        ValueError: *batch_size* < 1.
    """
    from .parallel import WorkerPool, resolve_n_jobs
    from .pipeline import _safe_analyze, resolve_codebook

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    codebook = resolve_codebook(actors)
    manifest = _read_manifest(out_dir) if resume else {}
    if not resume:
        for path in (out_dir / _MANIFEST_DIR).glob("part-*.json"):
            path.unlink()
    _clean_output(out_dir, keep_parts=set(manifest))
    for name in (*PART_TABLES, "actors", _MANIFEST_DIR):
        (out_dir / name).mkdir(exist_ok=True)

    done_ids = {aid for m in manifest.values() for aid in m["article_ids"]}
    for m in manifest.values():  # the ids are in done_ids now; keep one copy only
        del m["article_ids"]
    problems: list = []  # load problems met since the last finished batch
    counts = {"resumed": 0}

    def todo() -> Iterator[Article]:
        for article in iter_articles(inputs, column_map=column_map, report=problems):
            if article.article_id in done_ids:
                counts["resumed"] += 1
                continue
            yield article

    failed: list[tuple[str, str]] = []
    worker = functools.partial(_safe_analyze, func=func) if func is not None else _safe_analyze
    next_part = max(manifest) + 1 if manifest else 0
    n_new = 0
    written = 0
    complete = True
    workers = resolve_n_jobs(n_jobs)
    chunksize = max(1, min(64, batch_size // (2 * workers) or 1))
    with WorkerPool(worker, (codebook,), n_jobs=workers, progress=progress, desc="articles") as pool:
        results = pool.imap(todo(), chunksize=chunksize)
        for batch in _batches(results, batch_size):
            batch_problems, problems[:] = list(problems), []
            recorded = _write_batch(out_dir, next_part, batch, codebook, batch_problems)
            manifest[next_part] = {"n_articles": len(batch), "problems": recorded}
            n_new += len(batch)
            failed.extend((res.article["article_id"], err) for res, err in batch if err)
            next_part += 1
            written += 1
            if max_batches is not None and written >= max_batches:
                complete = _exhausted(results)
                break
    if complete:
        report = _finish(out_dir, manifest, codebook, problems)
    else:
        report = _report(manifest, problems)
    if failed:
        warnings.warn(
            f"{len(failed)} of {n_new} article(s) hit an internal error and are kept without quotes or figures "
            f"(first: {failed[0][0]}: {failed[0][1]}). See {out_dir / _REPORT}; please report it as a bug with the article.",
            RuntimeWarning, stacklevel=2,
        )
    n_articles = sum(m["n_articles"] for m in manifest.values())
    return StreamResult(out_dir, complete, n_articles, n_new, counts["resumed"], len(manifest), report)


def _exhausted(results: Iterator) -> bool:
    """True when *results* has nothing left (used when stopping at max_batches)."""
    for _ in results:
        return False
    return True


# --------------------------------------------------------------------------- reading back

def read_parquet_tables(out_dir: str | os.PathLike, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """The tables an :func:`analyze_to_parquet` run wrote, in article order, typed as in the schema.

    Only the parts of finished batches (those in the manifest) are read, so the result is
    consistent even while a run is going on or after an interruption.

    Args:
        out_dir: the folder given to :func:`analyze_to_parquet`.
        tables: names of the tables to read (default: all six; ``actors`` is empty until
            the run is complete).
    """
    out_dir = Path(out_dir)
    parts = sorted(_read_manifest(out_dir))
    out = {}
    for name in tables or TABLES:
        if name not in TABLES:
            raise KeyError(f"No table {name!r}; the tables are {', '.join(TABLES)}.")
        if name == "actors":
            files = [out_dir / "actors" / "part-00000.parquet"] if (out_dir / _SUCCESS).exists() else []
        else:
            files = [out_dir / name / f"{_part_name(n)}.parquet" for n in parts]
        frames = [pd.read_parquet(f) for f in files]
        frame = pd.concat(frames, ignore_index=True) if frames else empty_table(name)
        out[name] = conform(name, frame) if len(frame) else empty_table(name)
    return out
