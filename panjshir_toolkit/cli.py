"""Command line: ``panjshir-toolkit analyze INPUT... --out DIR``.

``--stream`` is for corpora larger than memory: CSV/JSONL inputs are read row by row and
the tables are written as partitioned Parquet, one part per batch; running the same
command again after an interruption resumes where it stopped (``--restart`` starts afresh).

Exit status:
    0  every input was analysed;
    1  the tables were written, but some inputs were skipped (listed on stderr and in
       ``DIR/load_report.csv``);
    2  nothing could be done: bad arguments, no readable article, a bad codebook, a missing
       NLTK resource or optional package (the message says how to fix it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
import pandas as pd

from .errors import ToolkitError

EXIT_OK, EXIT_SKIPPED, EXIT_FAILED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="panjshir-toolkit",
        description="Who claims what, with which figures, and through whom: news articles to tables.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="analyse articles and write the six tables",
                       description="Analyse articles (.txt with optional front matter, folders, .jsonl, .csv) "
                                   "and write articles, sentences, quotes, figures, claims and actors tables.")
    a.add_argument("inputs", nargs="+", metavar="INPUT", help="files and folders (.txt, .jsonl, .csv; folders recursively)")
    a.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the tables (created if missing)")
    a.add_argument("--format", default="csv", choices=["csv", "parquet", "xlsx"], help="table format (default: csv)")
    a.add_argument("--actors", type=Path, metavar="FILE", help="actor codebook CSV (default: the bundled data/actors.csv)")
    a.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (-1: all cores; default 1)")
    a.add_argument("--column", action="append", default=[], metavar="THEIRS=OURS",
                   help="map a CSV/JSONL column to ours, e.g. --column publish_date=published (repeatable)")
    a.add_argument("--quiet", action="store_true", help="print nothing but errors")
    a.add_argument("--progress", action="store_true", help="show a progress bar (needs tqdm)")
    a.add_argument("--stream", action="store_true",
                   help="for corpora larger than memory: read CSV/JSONL row by row and write partitioned Parquet "
                        "(DIR/<table>/part-NNNNN.parquet) batch by batch; rerun the same command to resume")
    a.add_argument("--batch-size", type=int, default=500, metavar="N", help="articles per Parquet part with --stream (default 500)")
    a.add_argument("--restart", action="store_true", help="with --stream: discard an earlier run's parts instead of resuming")

    s = sub.add_parser("setup", help="download the NLTK resources the toolkit needs (honours NLTK_DATA)")
    s.add_argument("--check", action="store_true", help="only check; exit 2 when something is missing")
    return parser


def _analyze(args) -> int:
    from .articles import load_articles
    from .exports import write_table
    from .pipeline import analyze

    column_map = {}
    for item in args.column:
        if "=" not in item:
            print(f"panjshir-toolkit: --column needs THEIRS=OURS, got {item!r}", file=sys.stderr)
            return EXIT_FAILED
        theirs, ours = item.split("=", 1)
        column_map[theirs.strip()] = ours.strip()
    if args.stream:
        return _analyze_stream(args, column_map)
    loaded = load_articles(*[str(p) for p in args.inputs], column_map=column_map or None)
    skipped = loaded.report[loaded.report["severity"] == "skipped"] if len(loaded.report) else loaded.report
    for row in loaded.report.itertuples(index=False):
        where = row.source_path or "<input>"
        if not pd.isna(row.line):
            where += f", line {int(row.line)}"
        if not pd.isna(row.byte_offset):
            where += f", byte {int(row.byte_offset)}"
        print(f"{row.severity}: {where}: {row.reason}", file=sys.stderr)
    if not loaded.articles:
        print(f"panjshir-toolkit: no article could be loaded from {len(args.inputs)} input(s); nothing written.", file=sys.stderr)
        return EXIT_FAILED
    result = analyze(loaded, actors=args.actors, n_jobs=args.jobs, progress=args.progress)
    paths = result.write(args.out, args.format)
    if len(result.report):
        paths.append(write_table(result.report, args.out / "load_report.csv"))
    if not args.quiet:
        sizes = ", ".join(f"{name} {len(t)}" for name, t in result.tables.items())
        print(f"Analysed {loaded.n_loaded} of {loaded.n_inputs} input(s) -> {args.out}: {sizes}")
        if len(skipped):
            print(f"{len(skipped)} input(s) skipped: see {args.out / 'load_report.csv'}", file=sys.stderr)
    return EXIT_SKIPPED if len(skipped) else EXIT_OK


def _print_report(report) -> None:
    for row in report.itertuples(index=False):
        where = row.source_path if isinstance(row.source_path, str) else "<input>"
        if row.line is not None and row.line == row.line:
            where += f", line {int(row.line)}"
        if row.byte_offset is not None and row.byte_offset == row.byte_offset:
            where += f", byte {int(row.byte_offset)}"
        print(f"{row.severity}: {where}: {row.reason}", file=sys.stderr)


def _analyze_stream(args, column_map: dict) -> int:
    """``analyze --stream``: partitioned Parquet, batch by batch, resumable (see panjshir_toolkit.stream)."""
    from .stream import analyze_to_parquet

    if args.format != "csv" and args.format != "parquet":
        print(f"panjshir-toolkit: --stream writes Parquet; --format {args.format} cannot be streamed.", file=sys.stderr)
        return EXIT_FAILED
    if args.batch_size < 1:
        print(f"panjshir-toolkit: --batch-size must be at least 1, got {args.batch_size}.", file=sys.stderr)
        return EXIT_FAILED
    result = analyze_to_parquet([str(p) for p in args.inputs], args.out, batch_size=args.batch_size,
                                n_jobs=args.jobs, actors=args.actors, resume=not args.restart,
                                column_map=column_map or None, progress=args.progress)
    _print_report(result.report)
    if not result.n_articles:
        print(f"panjshir-toolkit: no article could be loaded from {len(args.inputs)} input(s); nothing written.", file=sys.stderr)
        return EXIT_FAILED
    skipped = result.report[result.report["severity"] == "skipped"]
    if not args.quiet:
        resumed = f" ({result.n_resumed} already done by an earlier run)" if result.n_resumed else ""
        print(f"Analysed {result.n_new} article(s){resumed} -> {args.out}: {result.n_articles} article(s) "
              f"in {result.n_parts} Parquet part(s) per table")
        if len(skipped):
            print(f"{len(skipped)} input(s) skipped: see {args.out / 'load_report.csv'}", file=sys.stderr)
    return EXIT_SKIPPED if len(skipped) else EXIT_OK


def _setup(args) -> int:
    from .resources import download_resources, missing_resources

    if args.check:
        missing = missing_resources()
        if missing:
            print(f"Missing NLTK resources: {', '.join(missing)}. Run: panjshir-toolkit setup", file=sys.stderr)
            return EXIT_FAILED
        print("All NLTK resources are present.")
        return EXIT_OK
    fetched = download_resources()
    print(f"Downloaded: {', '.join(fetched)}" if fetched else "All NLTK resources are present.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``panjshir-toolkit`` command."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        return _setup(args)
    except ToolkitError as exc:
        print(f"panjshir-toolkit: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
