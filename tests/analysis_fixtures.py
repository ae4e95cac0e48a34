"""Hand-built tables for the analysis tests (compare, eventdata, export, plots, accessor).

The tables are made the way the pipeline makes them: quote and figure records with
character offsets found in the article text (``text[start:end] == field`` holds for every
span), conformed to the table contract and joined by ``tables.claims_table``.

- :func:`panjshir_tables`: the seed article as the hand gold reads it, plus one short
  *constructed* follow-up report (written for these tests, not a real article) in which an
  unnamed Taliban spokesman gives a different death toll, so that two sides disagree.
- :func:`kabul_tables`: the three reports of the 7 February 2017 Kabul Supreme Court
  bombing in the News Articles corpus (CNN, Al Jazeera, RTE), reduced to the sentences
  that carry casualty figures, quoted as the corpus has them (test fixtures only).
"""

from __future__ import annotations

from pathlib import Path

from panjshir_toolkit.schema import conform
from panjshir_toolkit.tables import claims_table

SEED = Path(__file__).resolve().parents[1] / "data" / "panjshir_2021-09-04.txt"

NAN = float("nan")


def _span(text, needle, start=0):
    i = text.find(needle, start)
    assert i >= 0, f"{needle!r} not in text"
    return i, i + len(needle)


def _build(article, quote_specs, figure_specs):
    """article: dict with article_id, text, ...; quote_specs: dicts with speaker_text, content,
    cue (+ fields); figure_specs: dicts with surface (+ fields) and 'quote' (index or None)."""
    text, aid = article["text"], article["article_id"]
    quotes = []
    for n, spec in enumerate(quote_specs, start=1):
        spec = dict(spec)
        anchor = spec.pop("after", 0)
        anchor = text.find(anchor) if isinstance(anchor, str) else anchor
        c0, c1 = _span(text, spec["content"], anchor)
        s0, s1 = _span(text, spec["speaker_text"], anchor)
        k0, k1 = _span(text, spec["cue"], anchor)
        quotes.append({"quote_id": f"{aid}:q{n}", "article_id": aid, "speaker_start": s0, "speaker_end": s1,
                       "cue_start": k0, "cue_end": k1, "content_start": c0, "content_end": c1,
                       "cue_lemma": spec.pop("cue_lemma", None), **spec})
    figures = []
    for n, spec in enumerate(figure_specs, start=1):
        spec = dict(spec)
        q = spec.pop("quote")
        anchor = spec.pop("after", 0)
        anchor = text.find(anchor) if isinstance(anchor, str) else anchor
        f0, f1 = _span(text, spec["surface"], anchor)
        figures.append({"figure_id": f"{aid}:f{n}", "article_id": aid, "start": f0, "end": f1,
                        "quote_id": None if q is None else f"{aid}:q{q}", "unit": "people", "implicit": False, **spec})
    record = {"n_chars": len(text), **article}
    return record, quotes, figures


def _tables(parts):
    arts, quotes, figs = [], [], []
    for a, q, f in parts:
        arts.append(a)
        quotes.extend(q)
        figs.extend(f)
    articles = conform("articles", arts)
    quotes = conform("quotes", quotes)
    figures = conform("figures", figs)
    return {"articles": articles, "quotes": quotes, "figures": figures,
            "claims": claims_table(articles, quotes, figures)}


def panjshir_tables():
    """The seed article (gold reading) and a constructed Taliban-side follow-up."""
    raw = SEED.read_text(encoding="utf-8")
    body = raw.split("---", 2)[2].lstrip("\n")
    seed = {"article_id": "panjshir_2021-09-04", "published": "2021-09-04", "credit": "ANI",
            "title": "About 600 Taliban killed in Panjshir, resistance forces claim", "text": body,
            "source_path": "data/panjshir_2021-09-04.txt"}
    nrf = {"speaker": "National Resistance Front", "speaker_kind": "organization", "affiliation": "National Resistance Front"}
    dashti = {"speaker": "Fahim Dashti", "speaker_kind": "person", "affiliation": "National Resistance Front"}
    motaqi = {"speaker": "Amir Khan Muttaqi", "speaker_kind": "person", "affiliation": "Taliban"}
    seed_quotes = [
        {"speaker_text": "Afghan resistance forces", **nrf, "cue": "claimed", "cue_lemma": "claim",
         "content": "About 600 Taliban have been killed in Afghanistan's northeastern province of Panjshir",
         "quote_type": "indirect", "sentence_ids": "0", "cue_category": "assertive"},
        {"speaker_text": "the resistance forces' spokesperson Fahim Dashti", **dashti, "cue": "said", "cue_lemma": "say",
         "content": "About 600 Taliban have been liquidated in various districts of Panjshir since morning. "
                    "More than 1,000 Taliban have been captured or surrendered themselves.",
         "quote_type": "direct", "channel": "twitter", "sentence_ids": "1|2", "cue_category": "neutral"},
        {"speaker_text": "A Taliban source", "speaker": "Taliban source", "speaker_kind": "anonymous",
         "affiliation": "Taliban", "cue": "said", "cue_lemma": "say", "after": "A Taliban source",
         "content": "fighting was continuing in Panjshir but the advance had been slowed by landmines placed on the "
                    "road to the capital Bazarak and the provincial governor's compound",
         "quote_type": "indirect", "relayed_by": "Al Jazeera", "sentence_ids": "5", "cue_category": "neutral"},
        {"speaker_text": "the Taliban's commission for guidance and encouragement's head Mullah Amir Khan Motaqi",
         **motaqi, "cue": "said", "cue_lemma": "say",
         "content": "negotiations with Panjshir's leaders failed", "quote_type": "indirect",
         "relayed_by": "Khaama Press", "sentence_ids": "13", "cue_category": "neutral"},
    ]
    seed_figures = [
        {"surface": "About 600", "value": 600, "low": 540, "high": 660, "qualifier": "approximate",
         "counted": "Taliban", "event": "killed", "quote": 1, "sentence_id": 0},
        {"surface": "About 600", "value": 600, "low": 540, "high": 660, "qualifier": "approximate",
         "counted": "Taliban", "event": "killed", "quote": 2, "sentence_id": 1, "after": "Taking to Twitter"},
        {"surface": "More than 1,000", "value": 1000, "low": 1001, "high": NAN, "qualifier": "more_than",
         "counted": "Taliban", "event": "captured|surrendered", "quote": 2, "sentence_id": 2},
        {"surface": "approximately 90 miles", "value": 90, "low": 81, "high": 99, "qualifier": "approximate",
         "unit": "miles", "counted": None, "event": None, "quote": None, "sentence_id": 12},
    ]
    follow_text = ("A Taliban spokesman told reporters on Sunday that 13 fighters of the group had been killed "
                   "in Panjshir, dismissing the resistance's figures as propaganda. The outlet could not verify "
                   "either side's claims; residents said dozens of fighters had died.")
    follow = {"article_id": "constructed-followup", "published": "2021-09-05", "outlet": "Example Wire",
              "title": "Taliban dispute resistance casualty claims (constructed test article)", "text": follow_text}
    follow_quotes = [
        {"speaker_text": "A Taliban spokesman", "speaker": "Taliban spokesman", "speaker_kind": "role",
         "affiliation": "Taliban", "cue": "told", "cue_lemma": "tell", "quote_type": "indirect",
         "content": "13 fighters of the group had been killed in Panjshir", "channel": "statement",
         "sentence_ids": "0", "cue_category": "neutral"},
        {"speaker_text": "residents", "speaker": "residents", "speaker_kind": "anonymous", "affiliation": None,
         "cue": "said", "cue_lemma": "say", "content": "dozens of fighters had died", "quote_type": "indirect",
         "sentence_ids": "1", "cue_category": "neutral", "after": "residents"},
    ]
    follow_figures = [
        {"surface": "13", "value": 13, "low": 13, "high": 13, "qualifier": "exact", "counted": "Taliban fighters",
         "event": "killed", "quote": 1, "sentence_id": 0},
        {"surface": "dozens", "value": 36, "low": 24, "high": 99, "qualifier": "vague", "counted": "fighters",
         "event": "killed", "quote": 2, "sentence_id": 1},
    ]
    return _tables([_build(seed, seed_quotes, seed_figures), _build(follow, follow_quotes, follow_figures)])


# The sentences of the Kabul Supreme Court bombing reports (News Articles corpus, ids 37, 328, 646).
CNN_TEXT = (
    "A suicide bomber detonated his explosives in a parking near the court in the Afghan capital, according to "
    "Basir Mojahid, spokesman for Kabul's chief of police. At least 35 people were wounded in the blast, according "
    "to Saleem Rasooli, head of Kabul hospitals. The blast comes a month after at least 36 people were killed and "
    "dozens wounded in two suicide bombings near the Afghan Parliament in Kabul."
)
AJ_TEXT = (
    "A suspected suicide bomber has targeted the Supreme Court building in the Afghan capital, Kabul, killing at "
    "least 20 people, according to officials. Ismail Kawasi, the public health ministry spokesman, said 41 people "
    "were also wounded in Tuesday's explosion, which hit near a side door used for court employees to leave the "
    "building at the end of the work day. \"In fact the exact location, the car park of the supreme court, was "
    "targeted before in June 2013 by a suicide bomber, which killed 17 people.\""
)
RTE_TEXT = (
    "At least 20 people have been killed in a bomb blast outside the Supreme Court in the centre of the Afghan "
    "capital, government officials said, in what appears to be the latest in a series of attacks on the judiciary. "
    "The Ministry of Public Health said that 41 others were wounded and taken to Kabul hospitals. Last month, "
    "bombers killed more than 30 people and wounded about 70 in twin blasts in a crowded area of Kabul during the "
    "afternoon rush hour."
)


def kabul_tables():
    """CNN, Al Jazeera and RTE on the 7 February 2017 Kabul Supreme Court bombing."""
    cnn = {"article_id": "37", "outlet": "CNN", "published": "2017-02-07", "text": CNN_TEXT,
           "title": "20 dead in suicide blast outside Afghan Supreme Court in Kabul",
           "url": "http://www.cnn.com/2017/02/07/world/afghanistan-explosion/index.html"}
    aj = {"article_id": "328", "outlet": "Al Jazeera", "published": "2017-02-07", "text": AJ_TEXT,
          "title": "Suicide blast near Kabul Supreme Court kills dozens",
          "url": "http://www.aljazeera.com/news/2017/02/suicide-blast-supreme-court-kabul-170207114057162.html"}
    rte = {"article_id": "646", "outlet": "RTÉ", "published": "2017-02-07", "text": RTE_TEXT,
           "title": "Blast kills at least 20 outside Kabul Supreme Court",
           "url": "http://www.rte.ie/news/2017/0207/850847-kabul-attack-court/"}
    person = {"speaker_kind": "person", "affiliation": None, "quote_type": "indirect", "cue_category": "neutral"}
    cnn_q = [
        {"speaker_text": "Saleem Rasooli, head of Kabul hospitals", "speaker": "Saleem Rasooli", **person,
         "cue": "according to", "content": "At least 35 people were wounded in the blast", "sentence_ids": "1"},
    ]
    cnn_f = [
        {"surface": "At least 35", "value": 35, "low": 35, "high": NAN, "qualifier": "at_least", "counted": "people",
         "event": "wounded", "quote": 1, "sentence_id": 1},
        {"surface": "at least 36", "value": 36, "low": 36, "high": NAN, "qualifier": "at_least", "counted": "people",
         "event": "killed", "quote": None, "sentence_id": 2},
        {"surface": "dozens", "value": 36, "low": 24, "high": 99, "qualifier": "vague", "counted": None,
         "event": "wounded", "quote": None, "sentence_id": 2},
    ]
    aj_q = [
        {"speaker_text": "officials", "speaker": "officials", "speaker_kind": "anonymous", "affiliation": None,
         "quote_type": "indirect", "cue": "according to", "sentence_ids": "0", "cue_category": "neutral",
         "content": "A suspected suicide bomber has targeted the Supreme Court building in the Afghan capital, Kabul, "
                    "killing at least 20 people"},
        {"speaker_text": "Ismail Kawasi", "speaker": "Ismail Kawasi", **person, "cue": "said", "sentence_ids": "1",
         "content": "41 people were also wounded in Tuesday's explosion, which hit near a side door used for court "
                    "employees to leave the building at the end of the work day"},
    ]
    aj_f = [
        {"surface": "at least 20", "value": 20, "low": 20, "high": NAN, "qualifier": "at_least", "counted": "people",
         "event": "killed", "quote": 1, "sentence_id": 0},
        {"surface": "41", "value": 41, "low": 41, "high": 41, "qualifier": "exact", "counted": "people",
         "event": "wounded", "quote": 2, "sentence_id": 1},
        {"surface": "17", "value": 17, "low": 17, "high": 17, "qualifier": "exact", "counted": "people",
         "event": "killed", "quote": None, "sentence_id": 2},
    ]
    rte_q = [
        {"speaker_text": "government officials", "speaker": "government officials", "speaker_kind": "anonymous",
         "affiliation": None, "quote_type": "indirect", "cue": "said", "sentence_ids": "0", "cue_category": "neutral",
         "content": "At least 20 people have been killed in a bomb blast outside the Supreme Court in the centre of "
                    "the Afghan capital"},
        {"speaker_text": "The Ministry of Public Health", "speaker": "Ministry of Public Health",
         "speaker_kind": "organization", "affiliation": None, "quote_type": "indirect", "cue": "said",
         "after": "The Ministry", "sentence_ids": "1", "cue_category": "neutral",
         "content": "41 others were wounded and taken to Kabul hospitals"},
    ]
    rte_f = [
        {"surface": "At least 20", "value": 20, "low": 20, "high": NAN, "qualifier": "at_least", "counted": "people",
         "event": "killed", "quote": 1, "sentence_id": 0},
        {"surface": "41", "value": 41, "low": 41, "high": 41, "qualifier": "exact", "counted": "others",
         "event": "wounded", "quote": 2, "sentence_id": 1},
        {"surface": "more than 30", "value": 30, "low": 31, "high": NAN, "qualifier": "more_than", "counted": "people",
         "event": "killed", "quote": None, "sentence_id": 2},
        {"surface": "about 70", "value": 70, "low": 63, "high": 77, "qualifier": "approximate", "counted": None,
         "event": "wounded", "quote": None, "sentence_id": 2},
    ]
    return _tables([_build(cnn, cnn_q, cnn_f), _build(aj, aj_q, aj_f), _build(rte, rte_q, rte_f)])
