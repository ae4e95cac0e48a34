"""Speed and memory benchmark of the whole pipeline (``make bench``).

Usage::

    python scripts/bench.py [--quick] [--no-10x] [--no-huge] [--jobs N] [--batch-size N] [--repeat N]

Corpus: ``NewsArticles.csv.gz`` (3,824 English news articles, 12.5 M characters; see
``../shared/corpora/README.md``), found in ``$PANJSHIR_SHARED/corpora`` or in
``../shared/corpora`` beside the repository. When it is absent the benchmark prints
``skipped: ...`` and exits 0 (the data is third-party and never part of the project).

Runs, each in a fresh Python process so that its memory high-water mark is its own
(serial, n_jobs and Dask are run ``--repeat`` times, interleaved, and the fastest run is
reported, because other processes on a shared machine slow some runs down):

- ``serial``: ``map_articles`` + ``build_tables`` (what :func:`panjshir_toolkit.analyze`
  does after loading) on the corpus, loaded beforehand (loading is not timed);
- ``n_jobs=N``: the same in N worker processes (default 2);
- ``dask``: :func:`panjshir_toolkit.distributed.analyze_dask` on a
  ``dask.distributed.LocalCluster`` of N worker processes (one thread each), the tables
  computed in one pass; cluster start-up is reported apart and not timed;
- ``10x stream``: :func:`panjshir_toolkit.stream.analyze_to_parquet` on the corpus
  repeated ten times with new ids (``<id>-r<k>``), read row by row from the .csv.gz ten
  times over (the 10x corpus is never in memory), written as partitioned Parquet with
  N worker processes; reading, analysing and writing are all timed;
- ``2 MB article``: :func:`panjshir_toolkit.analyze_article` on one article of 2 MB, the
  news paragraph of ``tests/hostile.py`` repeated (what its ``huge()`` writes): the
  pipeline must stay linear in article length (it once took 110 s where the corpus rate
  predicts 7 s). Only this analysis is timed (best of ``--repeat``).

Peak memory is measured two ways: ``tree`` is the largest sum of the resident set sizes
of the run's process and all its descendants (workers), sampled every 50 ms with psutil;
``ru_maxrss`` is the kernel's high-water mark (``resource.getrusage``) of the run's
process and of its largest child. The share of time per stage (segment / attribute /
figures / tables) is measured serially on the first 1,000 articles (all with
``--quick``), calling the stages one by one as :func:`analyze_article` does.
``filter_claims`` is timed on 100,000 claims made by repeating the corpus's claims table
(best of 7 runs per filter). Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = "NewsArticles.csv.gz"
TARGETS = {"serial_chars_per_s": 300_000, "jobs_speedup": 1.7, "dask_vs_jobs": 0.8,
           "stream_peak_mb": 1536, "filter_ms": 50, "huge_seconds": 10}
HUGE_MB = 2


def shared_dir() -> Path:
    env = os.environ.get("PANJSHIR_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


# ----------------------------------------------------------------------------- measuring

class PeakMemory:
    """Largest RSS of this process plus all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = None
        try:
            import psutil
        except ImportError:
            self._psutil = None
        else:
            self._psutil = psutil

    def _sample(self) -> None:
        me = self._psutil.Process()
        while not self._stop.is_set():
            try:
                rss = me.memory_info().rss
                for child in me.children(recursive=True):
                    try:
                        rss += child.memory_info().rss
                    except self._psutil.Error:
                        pass
                self.peak = max(self.peak, rss)
            except self._psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self):
        if self._psutil is not None:
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def _maxrss_mb() -> tuple[float, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # Linux: KiB; macOS: bytes
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
    return own, child


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min)"
    except OSError:
        return "n/a"


def load_corpus(path: Path, limit: int | None):
    from panjshir_toolkit.stream import iter_articles

    report: list = []
    articles = []
    for article in iter_articles(path, report=report):
        articles.append(article)
        if limit is not None and len(articles) >= limit:
            break
    return articles, report


def _func(spec: str | None):
    if not spec:
        return None
    module, _, name = spec.partition(":")
    import importlib

    return getattr(importlib.import_module(module), name)


# ----------------------------------------------------------------------------- child runs

def run_in_memory(args) -> dict:
    from panjshir_toolkit.actors import default_codebook
    from panjshir_toolkit.pipeline import failure_rows, map_articles
    from panjshir_toolkit.tables import build_tables

    articles, _ = load_corpus(Path(args.corpus), args.limit)
    codebook = default_codebook()
    func = _func(args.func)
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        pairs = map_articles(articles, codebook, n_jobs=args.jobs, func=func)
        tables = build_tables((res for res, _ in pairs), codebook)
        seconds = time.perf_counter() - t0
    if args.save_claims:
        tables["claims"].to_parquet(args.save_claims, index=False)
    return {"articles": len(articles), "chars": sum(len(a.text) for a in articles), "seconds": seconds,
            "tree_mb": mem.peak / 2**20, "rows": {k: len(v) for k, v in tables.items()},
            "failed": len(failure_rows(pairs)), "failures": [e for _, e in pairs if e][:3]}


def run_dask(args) -> dict:
    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from panjshir_toolkit.distributed import analyze_dask

    articles, _ = load_corpus(Path(args.corpus), args.limit)
    func = _func(args.func)
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        with LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            startup = time.perf_counter() - t0
            client.run(_warm_up)  # load NLTK models in the workers, as a pool's first chunk would
            t1 = time.perf_counter()
            npartitions = max(args.jobs * 8, len(articles) // 250)
            tables = analyze_dask(db.from_sequence(articles, npartitions=npartitions), func=func)
            computed = dask.compute(*tables.values())
            seconds = time.perf_counter() - t1
    return {"articles": len(articles), "chars": sum(len(a.text) for a in articles), "seconds": seconds,
            "startup": startup, "tree_mb": mem.peak / 2**20, "npartitions": npartitions,
            "rows": {k: len(v) for k, v in zip(tables, computed)}}


def _warm_up() -> None:
    from panjshir_toolkit import resources

    resources.sentence_tokenizer()
    resources.pos_tagger()


def run_stream(args) -> dict:
    from panjshir_toolkit.stream import analyze_to_parquet, iter_articles

    path = Path(args.corpus)
    counts = {"articles": 0, "chars": 0}

    def repeated():
        for k in range(args.repeat):
            for n, article in enumerate(iter_articles(path)):
                if args.limit is not None and n >= args.limit:
                    break
                counts["articles"] += 1
                counts["chars"] += len(article.text)
                yield dataclasses.replace(article, article_id=f"{article.article_id}-r{k}")

    with tempfile.TemporaryDirectory(prefix="panjshir-bench-") as out, PeakMemory() as mem:
        t0 = time.perf_counter()
        result = analyze_to_parquet(repeated(), out, batch_size=args.batch_size, n_jobs=args.jobs,
                                    func=_func(args.func))
        seconds = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in Path(out).rglob("*.parquet"))
    return {**counts, "seconds": seconds, "tree_mb": mem.peak / 2**20, "parts": result.n_parts,
            "complete": result.complete, "parquet_mb": size / 2**20}


def huge_article(megabytes: int = HUGE_MB):
    """One article of *megabytes* MB: the paragraph of ``tests/hostile.py`` repeated, as its ``huge()`` writes it."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from hostile import ARTICLE
    finally:
        sys.path.remove(str(ROOT / "tests"))
    from panjshir_toolkit.articles import Article

    paragraph = ARTICLE.replace("(With inputs from agencies)\n", "")
    text = paragraph * (megabytes * 1024 * 1024 // len(paragraph) + 1) + "(With inputs from ANI)\n"
    return Article(article_id="huge", text=text)


def run_huge(args) -> dict:
    from panjshir_toolkit.actors import default_codebook
    from panjshir_toolkit.pipeline import analyze_article

    article = huge_article()
    codebook = default_codebook()
    _warm_up()
    best = float("inf")
    with PeakMemory() as mem:
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            result = analyze_article(article, codebook)
            best = min(best, time.perf_counter() - t0)
    return {"articles": 1, "chars": len(article.text), "seconds": best, "tree_mb": mem.peak / 2**20,
            "rows": {"sentences": len(result.sentences), "quotes": len(result.quotes), "figures": len(result.figures)}}


def run_stages(args) -> dict:
    from panjshir_toolkit.actors import default_codebook
    from panjshir_toolkit.pipeline import analyze_article
    from panjshir_toolkit.tables import build_tables

    articles, _ = load_corpus(Path(args.corpus), args.limit)
    codebook = default_codebook()
    _warm_up()
    t = dict.fromkeys(("segment", "attribute", "figures", "tables"), 0.0)
    results = [analyze_article(article, codebook, timings=t) for article in articles]
    t0 = time.perf_counter()
    build_tables(results, codebook)
    t["tables"] += time.perf_counter() - t0
    return {"articles": len(articles), "seconds": t}


CHILDREN = {"memory": run_in_memory, "dask": run_dask, "stream": run_stream, "stages": run_stages, "huge": run_huge}


def child_main(argv) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--child", required=True, choices=sorted(CHILDREN))
    p.add_argument("--corpus", required=True)
    p.add_argument("--limit", type=int)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=500)
    p.add_argument("--func")
    p.add_argument("--save-claims")
    args = p.parse_args(argv)
    out = CHILDREN[args.child](args)
    own, child = _maxrss_mb()
    out["ru_maxrss_mb"], out["ru_maxrss_children_mb"] = own, child
    print("BENCH-RESULT " + json.dumps(out))


def spawn(mode: str, common: list[str], *extra: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *common, *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT "):])
    tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
    return {"error": f"run '{mode}' failed (exit {proc.returncode}):\n{tail}"}


# ----------------------------------------------------------------------------- filter_claims

def time_filter_claims(claims_path: Path, n: int = 100_000) -> dict:
    try:
        from panjshir_toolkit.widgets import filter_claims
    except ImportError as exc:
        return {"error": f"n/a (panjshir_toolkit.widgets.filter_claims not available: {exc})"}
    import pandas as pd

    base = pd.read_parquet(claims_path)
    if not len(base):
        return {"error": "n/a (the corpus gave no claims)"}
    reps = -(-n // len(base))
    claims = pd.concat([base] * reps, ignore_index=True).iloc[:n].reset_index(drop=True)
    top = claims["speaker"].dropna().value_counts().index[:2].tolist()
    side = claims["affiliation"].dropna().value_counts().index[:1].tolist()
    cases = {
        "no filter": {},
        f"speaker in {top}": {"speaker": top},
        f"affiliation={side[0] if side else None!r}": {"affiliation": side[0] if side else None},
        "value 10..1000": {"value_range": (10, 1000)},
        "search 'killed'": {"search": "killed"},
        "combined": {"speaker_kind": ["person", "organization"], "value_range": (1, 10_000), "search": "said"},
    }
    timings = {}
    for name, kwargs in cases.items():
        best = float("inf")
        for _ in range(7):
            t0 = time.perf_counter()
            filter_claims(claims, **kwargs)
            best = min(best, time.perf_counter() - t0)
        timings[name] = best * 1000
    # The explorer computes the search text once (search_haystack) and filters with it.
    from panjshir_toolkit.widgets import search_haystack

    haystack = search_haystack(claims)
    best = float("inf")
    for _ in range(7):
        t0 = time.perf_counter()
        filter_claims(claims, search="killed", haystack=haystack)
        best = min(best, time.perf_counter() - t0)
    return {"rows": len(claims), "ms": timings, "explorer_search_ms": best * 1000}


# ----------------------------------------------------------------------------- report

def _fmt_row(name, r, base=None, jobs=None):
    if "error" in r:
        return f"{name:<24} {r['error'].splitlines()[0]}"
    cps = r["chars"] / r["seconds"]
    aps = r["articles"] / r["seconds"]
    rel = f"{cps / base:5.2f}x" if base else "     "
    return (f"{name:<24} {r['articles']:>8,} {r['chars'] / 1e6:>8.1f}M {r['seconds']:>9.1f} {cps:>11,.0f} "
            f"{aps:>10.1f} {rel:>8} {r['tree_mb']:>9,.0f} {r['ru_maxrss_mb']:>8,.0f}/{r['ru_maxrss_children_mb']:,.0f}")


def _best(results: list[dict]) -> dict:
    """The fastest of repeated runs, with the highest memory seen in any of them."""
    ok = [r for r in results if "error" not in r]
    if not ok:
        return results[0]
    best = dict(min(ok, key=lambda r: r["seconds"]))
    best["tree_mb"] = max(r["tree_mb"] for r in ok)
    best["runs"] = [round(r["seconds"], 1) for r in ok]
    return best


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--child" in argv:
        child_main(argv)
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="first 300 articles only (a smoke run)")
    p.add_argument("--no-10x", action="store_true", help="skip the 10x streaming run")
    p.add_argument("--no-huge", action="store_true", help=f"skip the run on one {HUGE_MB} MB article")
    p.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel runs (default 2)")
    p.add_argument("--batch-size", type=int, default=500, help="articles per Parquet part in the 10x run")
    p.add_argument("--repeat", type=int, default=2,
                   help="runs of serial / n_jobs / Dask, interleaved; the fastest is reported (default 2)")
    p.add_argument("--func", help="MODULE:FUNCTION to benchmark instead of analyze_article (machinery checks)")
    args = p.parse_args(argv)

    corpus = shared_dir() / "corpora" / CORPUS
    if not corpus.is_file():
        print(f"skipped: {corpus} not found (set PANJSHIR_SHARED to the folder holding corpora/{CORPUS})")
        return 0
    limit = 300 if args.quick else None
    common = ["--corpus", str(corpus)] + (["--limit", str(limit)] if limit else []) + (
        ["--func", args.func] if args.func else [])
    import multiprocessing

    try:
        import psutil  # noqa: F401
        mem_note = "tree = peak RSS of the run's process + its workers (psutil, sampled every 50 ms)"
    except ImportError:
        mem_note = "tree = n/a (psutil not installed)"
    print(f"panjshir_toolkit benchmark: {corpus.name}{' (first 300 articles: --quick)' if limit else ''}; "
          f"{platform.python_implementation()} {platform.python_version()}, {multiprocessing.cpu_count()} CPUs, "
          f"{platform.machine()}" + (f"; per-article function {args.func}" if args.func else ""))
    print(f"load average at start: {_load()} (other processes on the machine slow every run, the parallel ones most)")
    t_start = time.perf_counter()
    print()
    print(f"{'run':<24} {'articles':>8} {'chars':>9} {'seconds':>9} {'chars/s':>11} {'articles/s':>10} "
          f"{'vs serial':>8} {'tree MB':>9} {'ru_maxrss MB self/child':>8}", flush=True)
    runs: dict = {}
    base_cps = None

    def record(name, result):
        nonlocal base_cps
        runs[name] = result
        if name == "serial" and "error" not in result:
            base_cps = result["chars"] / result["seconds"]
        print(_fmt_row(name, result, base_cps), flush=True)

    with tempfile.TemporaryDirectory(prefix="panjshir-bench-") as tmp:
        claims_path = Path(tmp) / "claims.parquet"
        configs = {
            "serial": ("memory", "--jobs", "1", "--save-claims", str(claims_path)),
            f"n_jobs={args.jobs}": ("memory", "--jobs", str(args.jobs)),
            f"dask LocalCluster({args.jobs})": ("dask", "--jobs", str(args.jobs)),
        }
        tries: dict[str, list] = {name: [] for name in configs}
        for _ in range(max(1, args.repeat)):  # interleaved, so that a burst of load elsewhere hits every config
            for name, (mode, *extra) in configs.items():
                tries[name].append(spawn(mode, common, *extra))
        for name, results in tries.items():
            record(name, _best(results))
        stages = spawn("stages", ["--corpus", str(corpus), "--limit", str(limit or 1000)]) if not args.func else {
            "error": "n/a (stages are those of analyze_article; not measured with --func)"}
        filt = time_filter_claims(claims_path) if claims_path.exists() else {"error": "n/a (serial run failed)"}
        if not args.no_10x:
            record(f"10x stream n_jobs={args.jobs}", spawn("stream", common, "--jobs", str(args.jobs),
                                                           "--batch-size", str(args.batch_size)))
        if not args.no_huge and not args.func:
            record(f"{HUGE_MB} MB article (serial)", spawn("huge", ["--corpus", str(corpus), "--repeat", str(args.repeat)]))

    base = runs["serial"]
    for name, r in runs.items():
        if "error" in r:
            print(f"  {name}: {r['error']}")
    if args.repeat > 1:
        print("  best of " + str(args.repeat) + " interleaved runs: " + "; ".join(
            f"{name} {r['runs']} s" for name, r in runs.items() if "runs" in r))
    print(f"  peak memory: {mem_note}; ru_maxrss = getrusage high-water mark of the run's process / its largest child")
    d = runs[f"dask LocalCluster({args.jobs})"]
    if "error" not in d:
        print(f"  dask: {d['npartitions']} partitions; cluster start-up {d['startup']:.1f} s (not timed)")
    s = runs.get(f"10x stream n_jobs={args.jobs}")
    if s and "error" not in s:
        print(f"  10x stream: {s['parts']} parts per table, {s['parquet_mb']:.0f} MB of Parquet, "
              f"reading + analysis + writing timed, batch_size={args.batch_size}")
    if "error" not in base:
        print("  serial rows: " + ", ".join(f"{k} {v:,}" for k, v in base["rows"].items())
              + (f"; {base['failed']} article(s) failed: {base['failures']}" if base["failed"] else ""))

    print()
    if "error" in stages:
        print(f"stages: {stages['error'].splitlines()[0]}")
    else:
        total = sum(stages["seconds"].values())
        print(f"stages (serial, first {stages['articles']:,} articles, {total:.1f} s): " + ", ".join(
            f"{k} {v / total:.0%} ({v:.1f} s)" for k, v in stages["seconds"].items()))
    if "error" in filt:
        print(f"filter_claims: {filt['error']}")
    else:
        worst = max(filt["ms"].values())
        print(f"filter_claims on {filt['rows']:,} claims (best of 7; slowest filter {worst:.1f} ms): " + ", ".join(
            f"{k} {v:.1f} ms" for k, v in filt["ms"].items())
            + f"; search 'killed' as the explorer runs it (precomputed search text) {filt['explorer_search_ms']:.1f} ms")

    print()
    print("targets:")
    checks = []
    if base_cps is not None:
        checks.append(("serial >= 300,000 chars/s", base_cps >= TARGETS["serial_chars_per_s"], f"{base_cps:,.0f}"))
        j = runs[f"n_jobs={args.jobs}"]
        if "error" not in j:
            speed = (j["chars"] / j["seconds"]) / base_cps
            checks.append((f"n_jobs={args.jobs} >= 1.7x serial", speed >= TARGETS["jobs_speedup"], f"{speed:.2f}x"))
            if "error" not in d:
                ratio = (d["chars"] / d["seconds"]) / (j["chars"] / j["seconds"])
                checks.append((f"dask within 20% of n_jobs={args.jobs}", ratio >= TARGETS["dask_vs_jobs"], f"{ratio:.2f}x"))
    if s and "error" not in s:
        checks.append(("10x stream peak < 1.5 GB", s["tree_mb"] < TARGETS["stream_peak_mb"], f"{s['tree_mb']:,.0f} MB (tree)"))
    h = runs.get(f"{HUGE_MB} MB article (serial)")
    if h and "error" not in h:
        checks.append((f"one {HUGE_MB} MB article < {TARGETS['huge_seconds']} s", h["seconds"] < TARGETS["huge_seconds"],
                       f"{h['seconds']:.1f} s ({h['rows']['quotes']:,} quotes, {h['rows']['figures']:,} figures)"))
    if "error" not in filt:
        checks.append(("filter_claims 100k < 50 ms", worst < TARGETS["filter_ms"], f"{worst:.1f} ms (slowest filter)"))
    for what, ok, got in checks:
        print(f"  [{'met' if ok else 'MISSED'}] {what}: {got}")
    print(f"(benchmark took {time.perf_counter() - t_start:.0f} s; load average at the end: {_load()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
