"""Score the attribution extractor against PolNeAR (``make eval``).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates every attribution relation of
US political news with character spans for its source (speaker), cue and content. This
script runs :func:`panjshir_toolkit.attribution.extract_quotes` on a split and prints, as
precision / recall / F1:

- ``content (overlap)``: a predicted content overlaps a gold content (one-to-one matching,
  largest overlap first);
- ``content (exact)``: the matched contents have the same boundaries (first to last
  character) once both are trimmed
  of white space, punctuation, quote marks and a leading "that" (our convention drops
  "that"; PolNeAR keeps it);
- ``speaker``: content matched and the predicted speaker span overlaps the gold source
  (both implicit counts too);
- ``cue``: content matched and the cue spans overlap;
- ``whole``: content matched and speaker right (content + speaker).

for all relations and for the *speech subset*: relations whose cue is a speech verb (a
lemma of our cue lexicon other than the ``belief`` category) or whose content is quoted.
Predictions enter the subset by the same rule (their cue category or quote type).

Our records are grouped into relations first: records with the same speaker and cue (a
quote and its continuation after the frame) are one relation, as in PolNeAR.

Usage::

    python scripts/eval_attribution.py [--split dev] [--limit N] [--errors K]

The data lives outside the repository, in ``../shared/eval/polnear`` (override with the
environment variable ``PANJSHIR_SHARED``); without it the script prints ``skipped: ...`` and
exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from panjshir_toolkit.attribution import cue_lexicon, extract_quotes  # noqa: E402
from panjshir_toolkit.text import split_sentences  # noqa: E402

MEASURES = ("content (overlap)", "content (exact)", "speaker", "cue", "whole")


def shared_dir() -> Path:
    """``../shared`` beside the repository root, or ``$PANJSHIR_SHARED``."""
    env = os.environ.get("PANJSHIR_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def polnear_dir() -> Path:
    return shared_dir() / "eval" / "polnear"


def load_split(split: str = "dev", limit: int | None = None, folder: Path | None = None):
    """``(docs, gold)`` of a PolNeAR split: ``{id: text}`` and ``{id: [relation, ...]}``.

    Raises:
        FileNotFoundError: when the split's files are absent (the caller skips).
    """
    folder = folder or polnear_dir()
    docs_path = folder / f"polnear_{split}_docs.jsonl.gz"
    gold_path = folder / f"polnear_{split}_gold.jsonl.gz"
    for p in (docs_path, gold_path):
        if not p.exists():
            raise FileNotFoundError(str(p))
    docs: dict[str, str] = {}
    with gzip.open(docs_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[d["id"]] = d["text"]
            if limit and len(docs) >= limit:
                break
    gold: dict[str, list[dict]] = {k: [] for k in docs}
    with gzip.open(gold_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            g = json.loads(line)
            if g["id"] in gold:
                gold[g["id"]].append(g)
    return docs, gold


def _hull(spans) -> tuple[int, int] | None:
    spans = [tuple(s) for s in spans or [] if s[1] > s[0]]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _overlap(spans_a, spans_b) -> int:
    return sum(max(0, min(a[1], b[1]) - max(a[0], b[0])) for a in spans_a for b in spans_b)


def _norm_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space, punctuation, quote marks and a leading 'that' off a span."""
    s = text[start:end]
    m = re.match(r"^(?:[\s\"“”‘’'.,;:—–-]+|that(?=\s))*", s, re.IGNORECASE)
    lead = m.end() if m else 0
    m2 = re.search(r"[\s\"“”‘’'.,;:—–-]+$", s[lead:])
    trail = len(s[lead:]) - m2.start() if m2 else 0
    return start + lead, end - trail


def _speech_lemmas() -> set[str]:
    return {form for form, (lemma, cat) in cue_lexicon().items() if cat != "belief"}


def gold_is_speech(g: dict, speech_forms: set[str]) -> bool:
    """A gold relation is in the speech subset: quoted content or a speech-verb cue word."""
    if g.get("quoted"):
        return True
    words = re.findall(r"[A-Za-z]+", (g.get("cue_text") or "").lower())
    return any(w in speech_forms for w in words) or "according to" in (g.get("cue_text") or "").lower()


def group_predictions(records: list[dict]) -> list[dict]:
    """Our records as PolNeAR-style relations: records sharing speaker and cue are one relation.

    A quote continued after its frame (``"...," he said. "..."``) is two records with the same
    speaker and cue; PolNeAR annotates it as one relation with a discontinuous content.
    """
    groups: dict[tuple, dict] = {}
    for r in records:
        key = (r["speaker_start"], r["cue_start"], r["cue_end"])
        g = groups.get(key)
        if g is None:
            g = groups[key] = {
                "content": [],
                "speaker": None if r["speaker_start"] is None else (r["speaker_start"], r["speaker_end"]),
                "cue": (r["cue_start"], r["cue_end"]),
                "speech": r["cue_category"] != "belief" or r["quote_type"] != "indirect",
                "record": r,
            }
        g["content"].append((r["content_start"], r["content_end"]))
    return list(groups.values())


def match(text: str, preds: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(pred index, gold index)`` of overlapping contents, largest overlap first."""
    cands = []
    for i, r in enumerate(preds):
        for j, g in enumerate(gold):
            ov = _overlap(r["content"], [tuple(s) for s in g["content"]])
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def judge(text: str, r: dict, g: dict) -> dict[str, bool]:
    """Which measures a matched (predicted relation, gold relation) pair gets right."""
    gc = _hull(g["content"])
    pc = _hull(r["content"])
    exact = gc is not None and _norm_span(text, *pc) == _norm_span(text, *gc)
    if g["source"]:
        speaker = r["speaker"] is not None and _overlap([r["speaker"]], [tuple(s) for s in g["source"]]) > 0
    else:
        speaker = r["speaker"] is None
    cue = _overlap([r["cue"]], [tuple(s) for s in g["cue"]]) > 0
    return {"content (overlap)": True, "content (exact)": exact, "speaker": speaker, "cue": cue, "whole": speaker}


def evaluate(docs: dict[str, str], gold: dict[str, list[dict]], errors: list | None = None):
    """Counts per subset and measure: ``{subset: {measure: [tp_pred, n_pred, tp_gold, n_gold]}}``.

    Precision counts predicted relations right; recall counts gold relations found right.
    """
    speech_forms = _speech_lemmas()
    counts = {sub: {m: [0, 0, 0, 0] for m in MEASURES} for sub in ("all", "speech")}
    for doc_id, text in docs.items():
        preds = group_predictions(extract_quotes(text, split_sentences(text)))
        golds = gold.get(doc_id, [])
        pairs = match(text, preds, golds)
        by_pred = {i: j for i, j in pairs}
        by_gold = {j: i for i, j in pairs}
        for sub in ("all", "speech"):
            p_in = [i for i, r in enumerate(preds) if sub == "all" or r["speech"]]
            g_in = [j for j, g in enumerate(golds) if sub == "all" or gold_is_speech(g, speech_forms)]
            for m in MEASURES:
                c = counts[sub][m]
                c[1] += len(p_in)
                c[3] += len(g_in)
                for i in p_in:
                    if i in by_pred and judge(text, preds[i], golds[by_pred[i]])[m]:
                        c[0] += 1
                for j in g_in:
                    if j in by_gold and judge(text, preds[by_gold[j]], golds[j])[m]:
                        c[2] += 1
        if errors is not None:
            for i, p in enumerate(preds):
                r = p["record"]
                if i not in by_pred:
                    errors.append(("false positive", doc_id, r["speaker_text"], r["cue"], r["content"][:100]))
                elif not judge(text, p, golds[by_pred[i]])["speaker"]:
                    g = golds[by_pred[i]]
                    errors.append(("wrong speaker", doc_id, r["speaker_text"], [text[a:b] for a, b in g["source"]], r["cue"], r["content"][:80]))
            for j, g in enumerate(golds):
                if j not in by_gold:
                    errors.append(("missed", doc_id, [text[a:b] for a, b in g["source"]], g.get("cue_text"), (text[g["content"][0][0]:g["content"][0][1]] if g["content"] else "")[:100]))
    return counts


def prf(c) -> tuple[float, float, float]:
    p = 100.0 * c[0] / c[1] if c[1] else 0.0
    r = 100.0 * c[2] / c[3] if c[3] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def format_table(counts) -> str:
    lines = [f"{'subset':<8} {'measure':<18} {'P':>6} {'R':>6} {'F1':>6}   (pred right/pred, gold found/gold)"]
    for sub in ("all", "speech"):
        for m in MEASURES:
            c = counts[sub][m]
            p, r, f = prf(c)
            lines.append(f"{sub:<8} {m:<18} {p:6.1f} {r:6.1f} {f:6.1f}   ({c[0]}/{c[1]}, {c[2]}/{c[3]})")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ap.add_argument("--errors", type=int, default=0, help="print K examples of each error class")
    args = ap.parse_args(argv)
    try:
        docs, gold = load_split(args.split, args.limit)
    except FileNotFoundError as exc:
        print(f"skipped: PolNeAR data not found ({exc}); put it in ../shared/eval/polnear or set PANJSHIR_SHARED")
        return 0
    errors = [] if args.errors else None
    t0 = time.perf_counter()
    counts = evaluate(docs, gold, errors)
    dt = time.perf_counter() - t0
    n_chars = sum(len(t) for t in docs.values())
    print(f"PolNeAR {args.split}: {len(docs)} documents, {sum(len(v) for v in gold.values())} gold relations, "
          f"{n_chars} characters in {dt:.1f} s")
    print(format_table(counts))
    if errors:
        from collections import Counter

        kinds = Counter(e[0] for e in errors)
        print("\nerrors:", dict(kinds))
        for kind in kinds:
            print(f"\n== {kind}")
            for e in [e for e in errors if e[0] == kind][: args.errors]:
                print("  ", e[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
