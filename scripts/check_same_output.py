"""Check that a change to the pipeline leaves its output unchanged (for speed-ups and refactoring).

Usage::

    python scripts/check_same_output.py save DIR [--limit N]      # before the change
    python scripts/check_same_output.py compare DIR [--limit N]   # after it

``save`` runs :func:`panjshir_toolkit.analyze` on the first N articles (default 500) of
``NewsArticles.csv.gz`` and writes its six tables to ``DIR/<table>.parquet``; ``compare``
runs it again with the code as it is now and compares every table with
``pandas.testing.assert_frame_equal`` (values, dtypes, column order and index). It prints
``identical`` per table and exits 0, or shows the first difference and exits 1. The
analysis time is printed too. To save the "before" tables from another commit, run
``save`` from a checkout of that commit (``git worktree add`` or ``git archive``).

The corpus is third-party data, found in ``$PANJSHIR_SHARED/corpora`` or ``../shared/corpora``
beside the repository; without it the script prints ``skipped: ...`` and exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = "NewsArticles.csv.gz"
COLUMN_MAP = {"article_id": "id", "publish_date": "published", "article_source_link": "url"}


def corpus_path() -> Path:
    env = os.environ.get("PANJSHIR_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpora" / CORPUS


def tables(limit: int) -> dict:
    import panjshir_toolkit as pt

    articles = pt.load_articles(corpus_path(), column_map=COLUMN_MAP).articles[:limit]
    t0 = time.perf_counter()
    analysis = pt.analyze(articles)
    print(f"analyze: {time.perf_counter() - t0:.1f} s for {len(articles):,} articles "
          f"({sum(len(a.text) for a in articles):,} chars)", flush=True)
    return dict(analysis.tables)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=("save", "compare"))
    p.add_argument("dir", type=Path, help="folder of the saved tables (<table>.parquet)")
    p.add_argument("--limit", type=int, default=500, help="first N articles of the corpus (default 500)")
    args = p.parse_args(argv)
    if not corpus_path().is_file():
        print(f"skipped: {corpus_path()} not found (set PANJSHIR_SHARED to the folder holding corpora/{CORPUS})")
        return 0
    import pandas as pd

    now = tables(args.limit)
    if args.mode == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, frame in now.items():
            frame.to_parquet(args.dir / f"{name}.parquet")
        print(f"saved {', '.join(f'{k} ({len(v):,} rows)' for k, v in now.items())} to {args.dir}")
        return 0
    saved = {p.stem for p in args.dir.glob("*.parquet")}
    if saved != set(now):
        print(f"DIFFERENT: the saved tables are {sorted(saved)}, the pipeline now makes {sorted(now)}")
        return 1
    for name, frame in now.items():
        try:
            pd.testing.assert_frame_equal(frame, pd.read_parquet(args.dir / f"{name}.parquet"))
        except AssertionError as exc:
            print(f"DIFFERENT: table {name}:\n{exc}")
            return 1
        print(f"identical: {name} ({len(frame):,} rows)")
    print("all tables identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
