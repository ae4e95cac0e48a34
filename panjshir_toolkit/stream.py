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

import codecs
import csv
import functools
import gzip
import io
import itertools
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .articles import Article
from .schema import DTYPES, TABLES, conform, empty_table

__all__ = ["analyze_to_parquet", "iter_articles", "read_parquet_tables", "StreamResult",
           "PART_TABLES", "REPORT_COLUMNS"]

#: Tables written one part per batch (``actors`` is computed once, at the end).
PART_TABLES = ("articles", "sentences", "quotes", "figures", "claims")
#: Columns of the load report (as in :func:`panjshir_toolkit.articles.load_articles`).
REPORT_COLUMNS = ["source_path", "line", "byte_offset", "article_id", "reason", "severity"]

#: Column names other tools use for our article fields (ours -> theirs are also accepted as is).
COLUMN_ALIASES = {
    "id": "article_id", "doc_id": "article_id",
    "body": "text", "content": "text",
    "headline": "title",
    "source": "outlet", "publisher": "outlet",
    "publish_date": "published", "date": "published", "published_at": "published",
    "link": "url", "article_source_link": "url",
    "author": "byline", "authors": "byline",
}
_FIELDS = ("article_id", "text", "title", "outlet", "published", "url", "byline", "credit")
_CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")

_MANIFEST_DIR = "_manifest"
_SUCCESS = "_SUCCESS.json"
_REPORT = "load_report.csv"
# Columns actors_table reads: the final actors table is built from these alone.
_ACTOR_QUOTE_COLS = ["quote_id", "speaker", "speaker_kind", "affiliation", "speaker_text", "relayed_by"]


# --------------------------------------------------------------------------- reading

def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in _CSV_SUFFIXES + _JSONL_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _problem(path, reason, *, line=None, byte_offset=None, article_id=None, severity="skipped") -> dict:
    return {"source_path": str(path) if path is not None else None, "line": line, "byte_offset": byte_offset,
            "article_id": article_id, "reason": reason, "severity": severity}


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _row_to_article(row: dict, path: Path, n: int, column_map: dict) -> tuple[Article | None, str | None]:
    """An Article from one CSV/JSONL record, or (None, why it was skipped)."""
    fields: dict = {}
    meta: dict = {}
    for key, value in row.items():
        if key is None:  # surplus cells of a CSV row
            continue
        ours = column_map.get(key) or (key if key in _FIELDS else COLUMN_ALIASES.get(key.strip().lower()))
        if ours in _FIELDS and ours not in fields:
            fields[ours] = value
        else:
            meta[key] = value
    text = fields.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        return None, "no text: the 'text' column is empty or missing (map yours with column_map={'theirs': 'text'})"
    article_id = _clean(fields.pop("article_id", None)) or f"{path.stem.split('.')[0]}-{n}"
    kwargs = {k: _clean(v) for k, v in fields.items()}
    return Article(article_id=article_id, text=text, source_path=str(path), meta=meta, **kwargs), None


def _open_bytes(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _iter_csv(path: Path, column_map: dict, report: list) -> Iterator[Article]:
    delimiter = "\t" if ".tsv" in _suffix(path) else ","
    # Article texts are long: raise csv's per-field limit (131,072 characters by default).
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    with _open_bytes(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.DictReader(text, delimiter=delimiter)
        start_line, n = 2, 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                report.append(_problem(path, f"unreadable CSV row ({exc}); the rest of the file was skipped",
                                       line=start_line))
                return
            n += 1
            if None in row:
                report.append(_problem(path, f"{len(row[None])} more cell(s) than the header; extra cells ignored",
                                       line=start_line, severity="warning"))
            article, why = _row_to_article(row, path, n, column_map)
            if article is None:
                report.append(_problem(path, why, line=start_line, article_id=_clean(row.get("article_id") or row.get("id"))))
            else:
                yield article
            start_line = reader.line_num + 1


def _iter_jsonl(path: Path, column_map: dict, report: list) -> Iterator[Article]:
    offset = 0
    n = 0
    with _open_bytes(path) as fh:
        for line_no, raw in enumerate(fh, start=1):
            here, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            n += 1
            try:
                record = json.loads(codecs.decode(raw.rstrip(b"\r\n"), "utf-8-sig"))
            except UnicodeDecodeError as exc:
                report.append(_problem(path, f"not UTF-8 (byte {here + exc.start}); line skipped",
                                       line=line_no, byte_offset=here))
                continue
            except json.JSONDecodeError as exc:
                report.append(_problem(path, f"not valid JSON ({exc.msg} at column {exc.colno}); line skipped",
                                       line=line_no, byte_offset=here))
                continue
            if not isinstance(record, dict):
                report.append(_problem(path, f"a JSON {type(record).__name__} where an object was expected; line skipped",
                                       line=line_no, byte_offset=here))
                continue
            article, why = _row_to_article(record, path, n, column_map)
            if article is None:
                report.append(_problem(path, why, line=line_no, byte_offset=here,
                                       article_id=_clean(record.get("article_id") or record.get("id"))))
            else:
                yield article


def iter_articles(path: str | os.PathLike, column_map: dict | None = None, *,
                  report: list | None = None) -> Iterator[Article]:
    """Articles of a CSV/TSV or JSON-lines file (``.gz`` too), one at a time, never all in memory.

    Columns are matched by name: ``article_id`` (or ``id``), ``text``, ``title``,
    ``outlet``, ``published`` (or ``publish_date``, ``date``), ``url`` (or
    ``article_source_link``, ``link``), ``byline``, ``credit``; *column_map* maps other names
    (``{"body_text": "text"}``). Any other column goes to ``Article.meta``. A row without an
    id gets ``<file stem>-<n>`` (n counts records from 1).

    Rows that cannot be used are skipped, never raised: each appends one dict to *report*
    (keys ``source_path, line, byte_offset, article_id, reason, severity``; ``line`` is the
    1-based line where the record starts, ``byte_offset`` is given for JSON lines).
    Undecodable bytes in a CSV are replaced with U+FFFD.

    Args:
        path: the file (``.csv``, ``.tsv``, ``.jsonl``, ``.ndjson``, optionally ``.gz``).
        column_map: their column name -> ours.
        report: a list that receives the skipped rows (default: discarded).

    Raises:
        ArticleLoadError: the file does not exist or is not CSV/TSV/JSON lines.
    """
    from .errors import ArticleLoadError

    path = Path(path)
    report = report if report is not None else []
    column_map = dict(column_map or {})
    if not path.is_file():
        raise ArticleLoadError(f"No such file: {path}. Give the path of a CSV or JSON-lines file of articles.")
    suffix = _suffix(path)
    if suffix in _CSV_SUFFIXES:
        return _iter_csv(path, column_map, report)
    if suffix in _JSONL_SUFFIXES:
        return _iter_jsonl(path, column_map, report)
    raise ArticleLoadError(
        f"{path} is not a CSV or JSON-lines file (suffix {suffix!r}); iter_articles reads "
        f"{', '.join(_CSV_SUFFIXES + _JSONL_SUFFIXES)}. Use load_articles for text files and folders."
    )


def _iter_inputs(inputs, column_map: dict | None, report: list) -> Iterator[Article]:
    """Articles from any mix of inputs, lazily: CSV/JSONL row by row, other files one by one."""
    from .articles import LoadResult, load_articles

    if isinstance(inputs, (str, os.PathLike, Article, pd.DataFrame, LoadResult)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, LoadResult):
            report.extend(item.report.to_dict("records"))
            yield from item.articles
        elif isinstance(item, (str, os.PathLike)):
            path = Path(item)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                    yield from _iter_path(child, column_map, report, load_articles)
            else:
                yield from _iter_path(path, column_map, report, load_articles)
        else:
            loaded = load_articles(item, column_map=column_map)
            report.extend(loaded.report.to_dict("records"))
            yield from loaded.articles


def _iter_path(path: Path, column_map, report: list, load_articles) -> Iterator[Article]:
    if path.is_file() and _suffix(path) in _CSV_SUFFIXES + _JSONL_SUFFIXES:
        yield from iter_articles(path, column_map, report=report)
    else:
        loaded = load_articles(str(path), column_map=column_map)
        report.extend(loaded.report.to_dict("records"))
        yield from loaded.articles


# --------------------------------------------------------------------------- writing

def _tmp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _write_atomic(target: Path, write) -> None:
    """Call ``write(tmp_path)``, then rename tmp -> target; on failure remove tmp."""
    tmp = _tmp_name(target)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
    encountered: set = set()

    def todo() -> Iterator[Article]:
        for article in _iter_inputs(inputs, column_map, problems):
            aid = article.article_id
            if aid in encountered:
                problems.append(_problem(article.source_path, f"article_id {aid!r} appears again; the repeat was skipped",
                                         article_id=aid))
                continue
            encountered.add(aid)
            if aid in done_ids:
                counts["resumed"] += 1
                continue
            yield article

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
            next_part += 1
            written += 1
            if max_batches is not None and written >= max_batches:
                complete = _exhausted(results)
                break
    if complete:
        report = _finish(out_dir, manifest, codebook, problems)
    else:
        report = _report(manifest, problems)
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
