"""Segmentation: paragraphs, sentences (NLTK Punkt), tokens and POS tags, all with character spans.

Every span is a pair of character offsets into the article text, so that
``text[start:end]`` is always the thing itself.

Paragraphs: when the text has blank lines, paragraphs are separated by blank lines
(single line breaks are hard wrapping); otherwise every line is a paragraph, as in
articles pasted from the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import resources

__all__ = ["Sentence", "Token", "paragraphs", "split_sentences", "tokenize", "pos_tag"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its position in the article and its text (``article_text[start:end]``)."""

    sentence_id: int
    paragraph_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """One token with its character span in the article text."""

    start: int
    end: int
    text: str


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_BLOCK = re.compile(r"(?:[^\n]|\n(?![ \t\r\f\v]*\n))+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of *text*, leading/trailing white space trimmed.

    >>> paragraphs("One. Two.\\nThree.")
    [(0, 9), (10, 16)]
    """
    pattern = _BLOCK if _BLANK_LINE.search(text) else _LINE
    spans = []
    for m in pattern.finditer(text):
        start, end = m.span()
        chunk = m.group()
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            spans.append((start + lead, end - trail))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split *text* into sentences with NLTK's English Punkt model, paragraph by paragraph.

    Sentences never cross a paragraph boundary. Ids count from 0 in text order.

    Raises:
        ResourceMissingError: when NLTK's ``punkt_tab`` is not installed.
    """
    tokenizer = resources.sentence_tokenizer()
    out: list[Sentence] = []
    for pid, (pstart, pend) in enumerate(paragraphs(text)):
        para = text[pstart:pend]
        for s, e in tokenizer.span_tokenize(para):
            out.append(Sentence(len(out), pid, pstart + s, pstart + e, para[s:e]))
    return out


_TOKEN = re.compile(
    r"""
      (?:[A-Za-z]\.){2,}(?![A-Za-z])           # abbreviations: U.S., U.N.
    | \w+?(?=n['’]t\b)                          # do|n't
    | n['’]t\b
    | ['’](?:s|re|ve|ll|d|m)\b                  # clitics: 's 're ...
    | \d+(?:[.,]\d+)*                           # 1,000  2.5
    | \w+(?:-\w+)*                              # words, hyphenated words
    | \.\.\.|--|[^\w\s]                          # punctuation, one mark at a time
    """,
    re.VERBOSE | re.IGNORECASE,
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of *text* with spans shifted by *offset* (pass a sentence's ``start``).

    >>> [t.text for t in tokenize("Masoud's forces didn't give up 1,000 km.")]
    ['Masoud', "'s", 'forces', 'did', "n't", 'give', 'up', '1,000', 'km', '.']
    """
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


_TAGGER_FORM = {'"': "``", "“": "``", "”": "''", "‘": "`", "’": "'"}


def pos_tag(tokens: list[Token]) -> list[str]:
    """Penn Treebank POS tags for *tokens* (NLTK's averaged perceptron tagger).

    Only call this on sentences that need it: tagging is the slowest step of the pipeline.

    Raises:
        ResourceMissingError: when ``averaged_perceptron_tagger_eng`` is not installed.
    """
    if not tokens:
        return []
    tagger = resources.pos_tagger()
    words = [_TAGGER_FORM.get(t.text, t.text) for t in tokens]
    return [tag for _, tag in tagger.tag(words)]
