"""Small, realistic tables for the widget, display and browser tests, built by hand.

They follow the table contract of ``panjshir_toolkit.schema`` without running the
pipeline: the seed Panjshir article with seven of its claims (offsets located in the
text), a second short article from another outlet and date, and a hostile article whose
text, title and speaker carry HTML/JavaScript payloads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from panjshir_toolkit import schema

SEED = Path(__file__).resolve().parents[1] / "data" / "panjshir_2021-09-04.txt"

#: Payloads that must only ever appear escaped.
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

HOSTILE_TEXT = (
    f"Residents said {SCRIPT} the road to Bazarak was closed.\n"
    f'A commander {IMG} said, "About 40 fighters were wounded near {SCRIPT} the river."'
)

OTHER_TEXT = (
    "Taliban spokesman Zabihullah Mujahid said on Monday that Panjshir had been captured. "
    "The resistance denied the claim."
)


def seed_text() -> str:
    """The seed article's text, without its front matter."""
    raw = SEED.read_text(encoding="utf-8")
    return raw.split("---\n", 2)[2]


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentence(text, article_id, sid, first_words, last_words):
    start = text.index(first_words)
    end = text.index(last_words, start) + len(last_words)
    return {"article_id": article_id, "sentence_id": sid, "paragraph_id": sid, "start": start, "end": end,
            "text": text[start:end]}


def records() -> dict[str, list[dict]]:
    """Plain records (JSON-serialisable) for the tables ``articles``, ``sentences``, ``quotes``,
    ``figures`` and ``claims``."""
    seed = seed_text()
    a1, a2, a3 = "panjshir-2021-09-04", "kabul-observer-2021-09-06", "hostile-1"
    articles = [
        {"article_id": a1, "title": "About 600 Taliban killed in Panjshir, claim resistance forces",
         "outlet": "ANI", "published": "2021-09-04", "credit": "ANI", "text": seed, "n_chars": len(seed)},
        {"article_id": a2, "title": "Taliban claim Panjshir", "outlet": "Kabul Observer",
         "published": "2021-09-06T08:30:00+04:30", "text": OTHER_TEXT, "n_chars": len(OTHER_TEXT)},
        {"article_id": a3, "title": f"Hostile {SCRIPT}", "outlet": f"Evil {IMG} Daily", "published": "6 Sep 2021",
         "url": "javascript:alert(1)", "text": HOSTILE_TEXT, "n_chars": len(HOSTILE_TEXT)},
    ]
    sentences = [
        _sentence(seed, a1, 0, "About 600 Taliban have been killed", "claimed on Saturday."),
        _sentence(seed, a1, 1, "Taking to Twitter", "since morning."),
        _sentence(seed, a1, 2, "More than 1,000 Taliban", "surrendered themselves.\""),
        _sentence(seed, a1, 3, "A Taliban source said", "reported Al Jazeera."),
        _sentence(seed, a1, 4, "The valley lies", "north of Kabul."),
        _sentence(seed, a1, 5, "On Wednesday, Khaama Press", "motivate their leaders."),
        _sentence(OTHER_TEXT, a2, 0, "Taliban spokesman", "been captured."),
        _sentence(HOSTILE_TEXT, a3, 0, "Residents said", "was closed."),
        _sentence(HOSTILE_TEXT, a3, 1, "A commander", "the river.\""),
    ]

    def quote(qid, article_id, text, speaker_text, speaker, kind, side, cue, cue_lemma, category, content,
              qtype, channel=None, relayed_by=None, sentence_ids="0", after=0):
        s0, s1 = _span(text, speaker_text, after)
        c0, c1 = _span(text, cue, s1)
        t0, t1 = _span(text, content, after)
        return {"quote_id": qid, "article_id": article_id, "speaker_text": speaker_text, "speaker_start": s0,
                "speaker_end": s1, "speaker": speaker, "speaker_kind": kind, "affiliation": side, "cue": cue,
                "cue_lemma": cue_lemma, "cue_start": c0, "cue_end": c1, "content": content, "content_start": t0,
                "content_end": t1, "quote_type": qtype, "channel": channel, "relayed_by": relayed_by,
                "sentence_ids": sentence_ids, "cue_category": category}

    quotes = [
        quote(f"{a1}:q1", a1, seed, "Afghan resistance forces", "National Resistance Front", "organization", "NRF",
              "claimed", "claim", "assertive",
              "About 600 Taliban have been killed in Afghanistan's northeastern province of Panjshir", "indirect"),
        quote(f"{a1}:q2", a1, seed, "the resistance forces' spokesperson Fahim Dashti", "Fahim Dashti", "person",
              "NRF", "said", "say", "neutral",
              "About 600 Taliban have been liquidated in various districts of Panjshir since morning. "
              "More than 1,000 Taliban have been captured or surrendered themselves.", "direct", "twitter",
              sentence_ids="1|2"),
        quote(f"{a1}:q3", a1, seed, "A Taliban source", "Taliban source", "anonymous", "Taliban", "said", "say",
              "neutral", "fighting was continuing in Panjshir but the advance had been slowed by landmines placed "
              "on the road to the capital Bazarak and the provincial governor's compound", "indirect",
              relayed_by="Al Jazeera", sentence_ids="3"),
        quote(f"{a1}:q4", a1, seed, "Mullah Amir Khan Motaqi", "Amir Khan Motaqi", "person", "Taliban", "said",
              "say", "neutral", "negotiations with Panjshir's leaders failed", "indirect",
              relayed_by="Khaama Press", sentence_ids="5"),
        quote(f"{a2}:q1", a2, OTHER_TEXT, "Taliban spokesman Zabihullah Mujahid", "Zabihullah Mujahid", "person",
              "Taliban", "said", "say", "neutral", "Panjshir had been captured", "indirect"),
        quote(f"{a3}:q1", a3, HOSTILE_TEXT, f"A commander {IMG}", f"Commander {SCRIPT}", "role", "NRF", "said",
              "say", "neutral", f"About 40 fighters were wounded near {SCRIPT} the river.", "direct",
              sentence_ids="1"),
    ]

    def figure(fid, article_id, text, surface, value, low, high, qualifier, unit, counted, event, quote_id,
               sentence_id, after=0):
        f0, f1 = _span(text, surface, after)
        return {"figure_id": fid, "article_id": article_id, "quote_id": quote_id, "surface": surface, "start": f0,
                "end": f1, "value": value, "low": low, "high": high, "qualifier": qualifier, "unit": unit,
                "counted": counted, "event": event, "sentence_id": sentence_id, "implicit": False}

    twitter = seed.index("Taking to Twitter")
    figures = [
        figure(f"{a1}:f1", a1, seed, "About 600", 600.0, 540.0, 660.0, "approximate", "people", "Taliban", "killed",
               f"{a1}:q1", 0),
        figure(f"{a1}:f2", a1, seed, "About 600", 600.0, 540.0, 660.0, "approximate", "people", "Taliban", "killed",
               f"{a1}:q2", 1, after=twitter),
        figure(f"{a1}:f3", a1, seed, "More than 1,000", 1000.0, 1001.0, float("nan"), "more_than", "people",
               "Taliban", "captured|surrendered", f"{a1}:q2", 2),
        figure(f"{a1}:f4", a1, seed, "approximately 90 miles", 90.0, 81.0, 99.0, "approximate", "miles", "distance",
               "other", None, 4),
        figure(f"{a3}:f1", a3, HOSTILE_TEXT, "About 40", 40.0, 36.0, 44.0, "approximate", "people", "fighters",
               "wounded", f"{a3}:q1", 1),
    ]

    meta = {a["article_id"]: a for a in articles}
    by_quote = {}
    for f in figures:
        by_quote.setdefault(f["quote_id"], []).append(f)
    claims = []

    def claim(q, f):
        a = meta[(q or f)["article_id"]]
        row = {"article_id": a["article_id"], "outlet": a["outlet"], "published": a["published"],
               "title": a["title"], "credit": a.get("credit")}
        if q:
            row.update({k: v for k, v in q.items() if k != "article_id"})
        if f:
            row.update({k: v for k, v in f.items() if k not in ("article_id", "quote_id", "start", "end")})
            row.update({"figure_start": f["start"], "figure_end": f["end"]})
        return row

    for q in quotes:
        for f in by_quote.get(q["quote_id"], [None]):
            claims.append(claim(q, f))
    claims.extend(claim(None, f) for f in by_quote.get(None, []))
    return {"articles": articles, "sentences": sentences, "quotes": quotes, "figures": figures, "claims": claims}


def tables() -> dict:
    """The :func:`records` as typed DataFrames (``schema.conform``)."""
    return {name: schema.conform(name, rows) for name, rows in records().items()}


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

