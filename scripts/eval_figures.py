"""Score the figure extractor: value P/R/F1 and hedge (qualifier) accuracy.

Three sources, each skipped with a "skipped: ..." line when absent:

(a) ``tests/data/figure_cases.json``: news-style sentences annotated by this project and used
    while developing (dev), and ``tests/data/figure_cases_heldout.json``: sentences written
    afterwards and scored before any change to the extractor (held out);
(b) ``tests/data/panjshir_gold.json``: the seed article's figures (with the gold quotes as
    the ``quotes`` argument, so the score does not depend on the attribution module);
(c) ``../shared/eval/numbers/``: quantulum3's English test cases (MIT). All cases, and the
    subset whose gold units are plain counts, percentages, money and distances. quantulum3
    codes a range as midpoint +/- uncertainty; its "hedge" score is the interval check
    (a range gets low/high = value -/+ uncertainty, a single number is not read as a range).

A predicted figure matches a gold one when their spans overlap and the values agree
(relative tolerance 1e-6). Run: ``python scripts/eval_figures.py [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from panjshir_toolkit.figures import extract_figures  # noqa: E402
from panjshir_toolkit.text import Sentence  # noqa: E402

def _shared() -> Path:
    """``$PANJSHIR_SHARED``, else ``../shared`` beside the repo root (or beside its worktree folder)."""
    if os.environ.get("PANJSHIR_SHARED"):
        return Path(os.environ["PANJSHIR_SHARED"])
    for cand in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if cand.exists():
            return cand
    return ROOT.parent / "shared"


SHARED = _shared()

PLAIN_UNITS = {
    "dimensionless", "percentage", "dollar", "euro", "pound sterling", "yen", "cent", "penny", "dime",
    "mile", "kilometre", "metre", "foot", "inch", "centimetre",
}


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _one_sentence(text: str) -> list[Sentence]:
    return [Sentence(0, 0, 0, len(text), text)]


def _locate(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Spans of gold surfaces, found left to right."""
    spans, pos = [], 0
    for s in surfaces:
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        spans.append((i, i + len(s)) if i >= 0 else (-1, -1))
        if i >= 0:
            pos = i + 1
    return spans


class Score:
    """Counts for one table row."""

    def __init__(self, name: str):
        self.name, self.tp, self.fp, self.fn = name, 0, 0, 0
        self.hedge_ok = self.hedge_n = 0
        self.errors: list[str] = []

    def add(self, text: str, gold: list[dict], pred: list[dict], hedge_ok):
        """Match *pred* to *gold* (dicts with start, end, value); *hedge_ok(g, p)* judges a match."""
        used = set()
        for g in gold:
            hit = None
            for j, p in enumerate(pred):
                if j in used:
                    continue
                if p["start"] < g["end"] and g["start"] < p["end"] and _close(p["value"], g["value"]):
                    hit = j
                    break
            if hit is None:
                self.fn += 1
                self.errors.append(f"[{self.name}] missed {g['surface']!r}={g['value']} in: {text}")
                continue
            used.add(hit)
            self.tp += 1
            self.hedge_n += 1
            ok = hedge_ok(g, pred[hit])
            self.hedge_ok += ok
            if not ok:
                p = pred[hit]
                self.errors.append(f"[{self.name}] hedge {p['surface']!r}: got {p['qualifier']} "
                                   f"{p['low']}..{p['high']} want {g} in: {text}")
        for j, p in enumerate(pred):
            if j not in used:
                self.fp += 1
                self.errors.append(f"[{self.name}] spurious {p['surface']!r}={p['value']} in: {text}")

    def row(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        h = self.hedge_ok / self.hedge_n if self.hedge_n else 0.0
        return (f"{self.name:<34} {self.tp + self.fn:>5} {100 * p:>6.1f} {100 * r:>6.1f} {100 * f:>6.1f} "
                f"{100 * h:>7.1f}")


def _own_hedge(g: dict, p: dict) -> bool:
    return (p["qualifier"] == g["qualifier"] and _close(p["low"], g.get("low")) and _close(p["high"], g.get("high")))


def eval_own(path: Path, scores: list, fields: dict, name: str):
    if not path.exists():
        print(f"skipped: {path} not found")
        return
    cases = json.loads(path.read_text(encoding="utf-8"))
    sc = Score(name)
    for case in cases:
        text = case["text"]
        gold = []
        for g, (s, e) in zip(case["figures"], _locate(text, [g["surface"] for g in case["figures"]])):
            gold.append({**g, "start": s, "end": e})
        pred = extract_figures(text, _one_sentence(text))
        sc.add(text, gold, pred, _own_hedge)
        for g in gold:
            for p in pred:
                if p["start"] == g["start"] and p["end"] == g["end"]:
                    for k in ("unit", "counted", "event"):
                        want = g.get(k)
                        got = p[k]
                        key = f"{name}: {k}"
                        fields.setdefault(key, [0, 0])
                        fields[key][1] += 1
                        if got == want:
                            fields[key][0] += 1
                        else:
                            sc.errors.append(f"[own] {k} of {p['surface']!r}: got {got!r} want {want!r} in: {text}")
    scores.append(sc)


def eval_seed(scores: list):
    gold_path = ROOT / "tests" / "data" / "panjshir_gold.json"
    article = ROOT / "data" / "panjshir_2021-09-04.txt"
    if not gold_path.exists() or not article.exists():
        print("skipped: seed gold or article not found")
        return
    from panjshir_toolkit.text import split_sentences

    raw = article.read_text(encoding="utf-8")
    text = raw.split("---\n", 2)[2] if raw.startswith("---") else raw
    from panjshir_toolkit.errors import ResourceMissingError

    try:
        sents = split_sentences(text)
    except ResourceMissingError as err:
        print(f"skipped: seed article (NLTK sentence model missing: {str(err).splitlines()[0]})")
        return
    gold_doc = json.loads(gold_path.read_text(encoding="utf-8"))
    quotes = []
    for i, q in enumerate(gold_doc["quotes"]):
        sid = int(str(q["sentence_ids"]).split("|")[0])
        start = text.find(q["content"], sents[sid].start)
        quotes.append({"quote_id": i, "content_start": start, "content_end": start + len(q["content"]),
                       "sentence_ids": [sid]})
    gold = []
    for g in gold_doc["figures"]:
        s0 = sents[g["sentence_id"]].start
        start = text.find(g["surface"], s0)
        gold.append({**g, "start": start, "end": start + len(g["surface"])})
    pred = extract_figures(text, sents, quotes)
    sc = Score("seed article (panjshir_gold.json)")

    def ok(g, p):
        event = "|".join(p["event"]) if p["event"] else None
        return (_own_hedge(g, p) and p["quote_id"] == g["quote"] and p["counted"] == g["counted"]
                and event == g["event"] and p["unit"] == g["unit"])

    sc.add(text, gold, pred, ok)
    scores.append(sc)


def eval_quantulum(scores: list):
    folder = SHARED / "eval" / "numbers"
    files = [folder / "quantulum3_quantities.json", folder / "quantulum3_quantities.ambiguity.json"]
    if not files[0].exists():
        print(f"skipped: quantulum3 cases not found under {folder} (set PANJSHIR_SHARED)")
        return
    all_sc, plain_sc = Score("quantulum3 all"), Score("quantulum3 plain (count/%/money/dist)")
    noyear_sc = Score("quantulum3 plain, years not scored")
    for f in files:
        if not f.exists():
            continue
        for case in json.loads(f.read_text(encoding="utf-8")):
            text = case["req"]
            gold = []
            for r, (s, e) in zip(case["res"], _locate(text, [r["surface"] for r in case["res"]])):
                gold.append({"surface": r["surface"], "value": r["value"], "unit": r["unit"],
                             "uncertainty": r.get("uncertainty"), "start": s, "end": e})
            pred = extract_figures(text, _one_sentence(text))

            def ok(g, p):
                if g["uncertainty"]:
                    return (p["qualifier"] == "range" and _close(p["low"], g["value"] - g["uncertainty"])
                            and _close(p["high"], g["value"] + g["uncertainty"]))
                return p["qualifier"] != "range"

            all_sc.add(text, gold, pred, ok)
            if all(g["unit"] in PLAIN_UNITS for g in gold):
                plain_sc.add(text, gold, pred, ok)
                # years are deliberately not figures here (quantulum3 reads "in 1979" as 1979)
                noyear_sc.add(text, [g for g in gold if not _is_year(g)], pred, ok)
    scores.extend([all_sc, plain_sc, noyear_sc])


def _is_year(g: dict) -> bool:
    return g["unit"] == "dimensionless" and g["surface"].isdigit() and len(g["surface"]) == 4 and 1000 <= g["value"] <= 2100


def bench(limit: int | None = None) -> None:
    """Throughput of :func:`extract_figures` on ``../shared/corpora/NewsArticles.csv.gz`` (column ``text``).

    Sentences are split beforehand and not timed: the figure is the cost this stage adds.
    """
    path = SHARED / "corpora" / "NewsArticles.csv.gz"
    if not path.exists():
        print(f"skipped: benchmark corpus {path} not found")
        return
    import time

    import pandas as pd

    from panjshir_toolkit.text import split_sentences

    from panjshir_toolkit.errors import ResourceMissingError

    texts = [str(t) for t in pd.read_csv(path, encoding="latin-1")["text"].dropna()][:limit]
    try:
        sents = [split_sentences(t) for t in texts]
    except ResourceMissingError as err:
        print(f"skipped: benchmark (NLTK sentence model missing: {str(err).splitlines()[0]})")
        return
    start = time.perf_counter()
    n_fig = sum(len(extract_figures(t, s)) for t, s in zip(texts, sents))
    secs = time.perf_counter() - start
    chars = sum(map(len, texts))
    print(f"figures throughput: {len(texts)} articles, {chars:,} chars, {n_fig:,} figures in {secs:.2f}s "
          f"= {chars / secs:,.0f} chars/s (one core)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error")
    data = ROOT / "tests" / "data"
    parser.add_argument("--cases", default=str(data / "figure_cases.json"),
                        help="annotated sentences used while developing (dev)")
    parser.add_argument("--heldout", default=str(data / "figure_cases_heldout.json"),
                        help="annotated sentences written after development and not tuned on")
    parser.add_argument("--bench", action="store_true", help="also time extract_figures on the news corpus")
    args = parser.parse_args(argv)
    scores: list[Score] = []
    fields: dict = {}
    eval_own(Path(args.cases), scores, fields, "own cases, dev")
    eval_own(Path(args.heldout), scores, fields, "own cases, held out")
    eval_seed(scores)
    eval_quantulum(scores)
    print(f"{'figures: source':<34} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'hedge%':>7}")
    for sc in scores:
        print(sc.row())
    for k, (ok, n) in fields.items():
        print(f"{k} accuracy on matched figures {100 * ok / n:.1f}% ({ok}/{n})")
    if args.bench:
        bench()
    if args.errors:
        for sc in scores:
            for e in sc.errors:
                print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
