"""Benchmark: contested_figures / compare_figures / to_acled on a synthetic claims table.

    python scripts/bench_compare.py [--rows 100000] [--repeat 3]

The table is built to look like a year of conflict reporting: 120 days, 9 outlets, 400
claimants on 4 sides, 3 events, 12 counted groups, figures with every qualifier. Prints
the best wall time of each function over --repeat runs and the size of what it returns.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd


def synthetic_claims(n: int, seed: int = 0) -> pd.DataFrame:
    from panjshir_toolkit.schema import conform

    rng = np.random.default_rng(seed)
    n_articles = max(1, n // 20)
    article = rng.integers(0, n_articles, n)
    day = pd.Timestamp("2017-01-01") + pd.to_timedelta(article % 120, unit="D")
    outlets = np.array(["Al Jazeera", "TASS", "ABC News", "RTÉ", "HuffPost", "DW", "China Daily", "BBC", "CNN"])
    sides = np.array(["Taliban", "National Resistance Front", "Afghan government", "United Nations"])
    claimant = rng.integers(0, 400, n)
    own = rng.random(n) < 0.2
    events = np.array(["killed", "wounded", "captured"])
    counted = np.array(["people", "civilians", "Taliban fighters", "soldiers", "police", "children", "others",
                        "militants", "Taliban", "persons", "troops", "victims"])
    value = np.round(rng.lognormal(3, 1.2, n))
    qual = rng.choice(["exact", "approximate", "at_least", "more_than", "vague", "range"], n,
                      p=[0.45, 0.2, 0.15, 0.1, 0.05, 0.05])
    low = np.where(qual == "approximate", np.round(value * 0.9), value)
    low = np.where(qual == "more_than", value + 1, low)
    low = np.where(qual == "vague", 24.0, low)
    low = np.where(qual == "range", np.round(value * 0.8), low)
    high = np.where(np.isin(qual, ["at_least", "more_than"]), np.nan, value)
    high = np.where(qual == "approximate", np.round(value * 1.1), high)
    high = np.where(qual == "vague", 99.0, high)
    high = np.where(qual == "range", np.round(value * 1.2), high)
    value = np.where(qual == "vague", 36.0, value)
    frame = pd.DataFrame({
        "article_id": article.astype(str), "outlet": outlets[article % 9],
        "published": day.strftime("%Y-%m-%d"),
        "quote_id": np.where(own, None, [f"{a}:q{i}" for i, a in enumerate(article)]),
        "speaker": np.where(own, None, [f"Claimant {c}" for c in claimant]),
        "affiliation": np.where(own, None, sides[claimant % 4]),
        "figure_id": [f"{a}:f{i}" for i, a in enumerate(article)],
        "surface": value.astype(int).astype(str), "value": value, "low": low, "high": high, "qualifier": qual,
        "unit": "people", "counted": counted[rng.integers(0, 12, n)], "event": events[rng.integers(0, 3, n)],
        "title": "synthetic",
    })
    return conform("claims", frame)


def best_of(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main(argv=None):
    from panjshir_toolkit.compare import compare_figures, contested_figures
    from panjshir_toolkit.eventdata import to_acled

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    t = time.perf_counter()
    claims = synthetic_claims(args.rows)
    print(f"synthetic claims: {len(claims):,} rows, built in {time.perf_counter() - t:.2f} s")
    for name, fn in [
        ("contested_figures(form='pairs')", lambda: contested_figures(claims)),
        ("contested_figures(form='groups')", lambda: contested_figures(claims, form="groups")),
        ("contested_figures(conflict='disjoint')", lambda: contested_figures(claims, conflict="disjoint")),
        ("compare_figures()", lambda: compare_figures(claims)),
        ("to_acled(events=None)", lambda: to_acled(claims, events=None)),
    ]:
        seconds, out = best_of(fn, args.repeat)
        print(f"{name:42s} {seconds:7.2f} s  -> {len(out):,} rows")


if __name__ == "__main__":
    main()
