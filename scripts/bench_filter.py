"""Time filter_claims on 100,000 synthetic claims.

Usage:  PYTHONPATH=. python scripts/bench_filter.py [N_CLAIMS]

Builds a claims table of N rows (default 100,000) with realistic values for every
filterable column, then times a set of typical filter combinations (best of 7 runs
each, in milliseconds). No assertion: the number is reported, the target is < 50 ms.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from panjshir_toolkit import schema
from panjshir_toolkit.widgets import filter_claims, search_haystack


def synthetic_claims(n: int, seed: int = 0) -> pd.DataFrame:
    """A claims table of *n* rows drawn from Panjshir-like speakers, sides, events and dates."""
    rng = np.random.default_rng(seed)
    speakers = [("Fahim Dashti", "the resistance forces' spokesperson Fahim Dashti", "person", "NRF"),
                ("Ahmad Massoud", "Ahmad Masoud", "person", "NRF"),
                ("Amir Khan Motaqi", "Mullah Amir Khan Motaqi", "person", "Taliban"),
                ("Zabihullah Mujahid", "Taliban spokesman Zabihullah Mujahid", "person", "Taliban"),
                ("Taliban source", "A Taliban source", "anonymous", "Taliban"),
                ("resistance forces", "Afghan resistance forces", "organization", "NRF"),
                ("Amrullah Saleh", "ex-Vice President Amrullah Saleh", "person", "NRF"),
                (None, None, None, None)]
    speakers += [(f"Official {i}", f"a local official {i}", "role", "Afghan government") for i in range(200)]
    idx = rng.integers(0, len(speakers), n)
    sp = [speakers[i] for i in idx]
    events = np.array(["killed", "wounded", "captured|surrendered", "captured", "displaced", "other", None], dtype=object)
    qualifiers = np.array(["exact", "approximate", "more_than", "at_least", "range", "vague", None], dtype=object)
    outlets = np.array(["ANI", "Al Jazeera", "Khaama Press", "TOLOnews", "Reuters", "Pajhwok"], dtype=object)
    cues = np.array(["neutral", "assertive", "denial", "accusation", "media_report", None], dtype=object)
    days = pd.date_range("2021-08-15", "2021-09-30").strftime("%Y-%m-%d").to_numpy(dtype=object)
    published = days[rng.integers(0, len(days), n)]
    published[rng.random(n) < 0.02] = None
    value = np.round(rng.lognormal(4, 1.5, n))
    value[rng.random(n) < 0.2] = np.nan
    art = rng.integers(0, 5000, n)
    frame = pd.DataFrame({
        "article_id": [f"a{a}" for a in art],
        "outlet": outlets[art % len(outlets)],
        "published": published,
        "speaker": [s[0] for s in sp],
        "speaker_text": [s[1] for s in sp],
        "speaker_kind": [s[2] for s in sp],
        "affiliation": [s[3] for s in sp],
        "cue_category": cues[rng.integers(0, len(cues), n)],
        "content": [f"About {int(v) if v == v else 'many'} Taliban have been liquidated in district {i % 37}"
                    for i, v in enumerate(value)],
        "surface": [f"about {int(v)}" if v == v else None for v in value],
        "value": value,
        "qualifier": qualifiers[rng.integers(0, len(qualifiers), n)],
        "counted": np.array(["Taliban", "civilians", "resistance fighters", None], dtype=object)[rng.integers(0, 4, n)],
        "event": events[rng.integers(0, len(events), n)],
    })
    return schema.conform("claims", frame)


CASES = {
    "no filter": {},
    "affiliation=NRF": {"affiliation": "NRF"},
    "speaker (2 of 207)": {"speaker": ["Fahim Dashti", "Amir Khan Motaqi"]},
    "event=captured (in a|b)": {"event": "captured"},
    "value 100..1000": {"value_range": (100, 1000)},
    "date 2021-09-01..2021-09-07": {"date_range": ("2021-09-01", "2021-09-07")},
    "search 'dashti'": {"search": "dashti"},
    "search 'taliban liquidated' (2 terms)": {"search": "taliban liquidated"},
    "all filters combined": {"affiliation": ["NRF", "Taliban"], "event": ["killed", "captured"],
                             "value_range": (10, 5000), "qualifier": ["approximate", "exact"],
                             "date_range": ("2021-09-01", None), "outlet": ["ANI", "Al Jazeera"],
                             "search": "taliban"},
}


def main(n: int = 100_000) -> dict[str, float]:
    claims = synthetic_claims(n)
    print(f"{len(claims):,} claims x {claims.shape[1]} columns")
    t0 = time.perf_counter()
    haystack = search_haystack(claims)
    print(f"search_haystack (once, as ClaimExplorer does): {(time.perf_counter() - t0) * 1000:.1f} ms")
    timings = {}
    print(f"  {'filters':40s} {'pure':>10s} {'with haystack':>15s}")
    for name, kwargs in CASES.items():
        best = [float("inf"), float("inf")]
        for _ in range(7):
            for i, extra in enumerate(({}, {"haystack": haystack})):
                t0 = time.perf_counter()
                out = filter_claims(claims, **kwargs, **extra)
                best[i] = min(best[i], time.perf_counter() - t0)
        timings[name] = (best[0] * 1000, best[1] * 1000)
        print(f"  {name:40s} {best[0] * 1000:7.1f} ms {best[1] * 1000:12.1f} ms  -> {len(out):,} rows")
    return timings


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
