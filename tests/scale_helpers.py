"""Shared material for the scale tests (parallel, stream, distributed).

- :func:`make_corpus`: about forty small articles built from sentences written for these
  tests, in the style of the Panjshir reporting (speakers, cues, relays and figures), so
  that every table (claims and actors included) has rows.
- :func:`fake_analyze`: a small pure per-article function with the signature of
  :func:`panjshir_toolkit.pipeline.analyze_article`. It segments with the real
  :func:`panjshir_toolkit.text.split_sentences` and reads "<Speaker> said ..." sentences
  and the numbers in them, so the scale machinery can be tested on its own, independently
  of the accuracy of the real extractors. It is top-level so worker processes import it.

This module is imported by worker processes (by name, through ``sys.path``), so it must
stay import-safe: nothing runs at import.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

from panjshir_toolkit.articles import Article
from panjshir_toolkit.pipeline import _article_record
from panjshir_toolkit.schema import join_multi
from panjshir_toolkit.tables import ArticleResult
from panjshir_toolkit.text import split_sentences

SENTENCES = [
    "Fahim Dashti said that about 600 Taliban fighters were killed in the Panjshir valley.",
    "The road to Bazarak was closed for a third day.",
    "Zabihullah Mujahid said Taliban forces had taken 4 districts of the province.",
    "Residents described long queues for bread and fuel.",
    "Ahmad Massoud said the resistance would never surrender.",
    "A Taliban source told Al Jazeera that landmines had slowed the advance.",
    "Amrullah Saleh said 1,000 families had fled towards the mountains.",
    "Mobile networks were cut across the valley on Friday.",
    "Amir Khan Muttaqi said talks with the elders had failed.",
    "Khaama Press reported that 34 fighters surrendered near Rokha.",
    "Aid agencies warned that food stocks would last only 2 weeks.",
    "The United Nations said it was deeply concerned about civilians.",
    "Neither claim could be independently verified.",
]

_SAID = re.compile(r"^(?P<speaker>[A-Z][A-Za-z .'-]*?) (?P<cue>said|reported)(?: that)? (?P<content>.+?)\.?$")
_NUMBER = re.compile(r"\d[\d,]*")


def make_corpus(n: int = 40) -> list[Article]:
    """*n* articles of two or three paragraphs, each a different selection of :data:`SENTENCES`."""
    articles = []
    k = len(SENTENCES)
    for i in range(n):
        picks = [SENTENCES[(i * 5 + j * (i % 4 + 1)) % k] for j in range(3 + i % 5)]
        half = max(1, len(picks) // 2)
        text = " ".join(picks[:half]) + "\n\n" + " ".join(picks[half:])
        if i % 7 == 3:
            text += "\n\n(With inputs from ANI)"
        articles.append(Article(
            article_id=f"a{i:03d}", text=text, title=f"Panjshir update {i}",
            outlet=["Khaama Press", "Al Jazeera", "TOLOnews"][i % 3],
            published=f"2021-09-{1 + i % 28:02d}", credit="ANI" if i % 7 == 3 else None,
        ))
    return articles


def fake_analyze(article: Article, codebook) -> ArticleResult:
    """A stand-in for ``analyze_article``: real segmentation, "X said Y" quotes, digit figures."""
    trigger = article.meta.get("interrupt_once") if article.meta else None
    if trigger and os.path.exists(trigger):
        os.remove(trigger)
        raise KeyboardInterrupt(f"simulated interruption at {article.article_id}")
    if article.meta and article.meta.get("fail"):
        raise ValueError(f"simulated bug on {article.article_id}")
    aid, text = article.article_id, article.text
    sentences = split_sentences(text)
    sentence_rows, quotes, figures = [], [], []
    for s in sentences:
        sentence_rows.append({"article_id": aid, "sentence_id": s.sentence_id, "paragraph_id": s.paragraph_id,
                              "start": s.start, "end": s.end, "text": s.text})
        m = _SAID.match(s.text)
        quote_id = None
        if m:
            quote_id = f"{aid}:q{len(quotes) + 1}"
            actor = codebook.match(m["speaker"])
            quotes.append({
                "quote_id": quote_id, "article_id": aid, "speaker_text": m["speaker"],
                "speaker_start": s.start + m.start("speaker"), "speaker_end": s.start + m.end("speaker"),
                "speaker": actor.actor if actor else m["speaker"],
                "speaker_kind": actor.kind if actor else "unknown",
                "affiliation": actor.affiliation if actor else None,
                "cue": m["cue"], "cue_lemma": "say" if m["cue"] == "said" else "report",
                "cue_start": s.start + m.start("cue"), "cue_end": s.start + m.end("cue"),
                "content": m["content"], "content_start": s.start + m.start("content"),
                "content_end": s.start + m.end("content"), "quote_type": "indirect",
                "channel": None, "relayed_by": "Al Jazeera" if "Al Jazeera" in s.text else None,
                "sentence_ids": join_multi([s.sentence_id]), "cue_category": "neutral",
            })
        for num in _NUMBER.finditer(s.text):
            value = float(num.group().replace(",", ""))
            figures.append({
                "figure_id": f"{aid}:f{len(figures) + 1}", "article_id": aid, "quote_id": quote_id,
                "surface": num.group(), "start": s.start + num.start(), "end": s.start + num.end(),
                "value": value, "low": value, "high": value,
                "qualifier": "approximate" if "about" in s.text else "exact",
                "unit": "people", "counted": None, "event": "killed" if "killed" in s.text else "other",
                "sentence_id": s.sentence_id, "implicit": False,
            })
    return ArticleResult(_article_record(article), sentence_rows, quotes, figures)


def write_csv(articles: list[Article], path: Path, *, extra_rows: list[dict] | None = None) -> Path:
    """*articles* as a CSV with the columns of NewsArticles.csv (``article_id, publish_date, ..., text``)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["article_id", "publish_date", "article_source_link", "title", "text"])
        writer.writeheader()
        for a in articles:
            writer.writerow({"article_id": a.article_id, "publish_date": a.published,
                             "article_source_link": a.url or "", "title": a.title or "", "text": a.text})
        for row in extra_rows or []:
            writer.writerow(row)
    return path


def write_jsonl(articles: list[Article], path: Path, *, bad_lines: dict[int, str] | None = None) -> Path:
    """*articles* as JSON lines (``id, text, title, outlet, published``); *bad_lines* inserts raw lines."""
    lines = [json.dumps({"id": a.article_id, "text": a.text, "title": a.title, "outlet": a.outlet,
                         "published": a.published}) for a in articles]
    for at, raw in sorted((bad_lines or {}).items()):
        lines.insert(at, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fake_missing_resource(article: Article, codebook) -> ArticleResult:
    """A per-article function whose set-up is broken: the POS tagger is not installed."""
    from panjshir_toolkit.errors import ResourceMissingError

    raise ResourceMissingError("taggers/averaged_perceptron_tagger_eng", "averaged_perceptron_tagger_eng",
                               ["/nowhere/nltk_data"])
