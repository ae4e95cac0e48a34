"""Attribution: who said what, through whom, in one article.

:func:`extract_quotes` finds every attributed statement of an article: the speaker
mention, the reporting verb (the *cue*), the reported content (a direct quote, indirect
speech, or a paraphrase with a partial quote), the channel the speaker used and the media
that relayed it. It is a rule-based extractor over NLTK's tokens and POS tags, driven by
the lexicon tables ``cues``, ``channels``, ``roles``, ``anonymity`` and ``media``.

How it works, in four passes:

1. **Quote marks** are paired over the whole text, paragraph by paragraph
   (:func:`find_quote_spans`): straight, curly and low double quotes, guillemets, ``''``,
   single quotes that are not apostrophes, and the mojibake ``"?`` of a curly quote. A quote
   still open at the end of a paragraph ends there (the open-quote convention of news
   writing: the next paragraph re-opens it); a stray mark never raises.
2. **Frames**: only sentences holding a possible cue word (a form from ``cues.csv`` that is
   not ruled out by its neighbours, e.g. "the report") or "according to" are tokenized, and
   only a window around each cue is POS-tagged (plain frames such as ``"...," Smith said``
   need no tagger at all). Each reporting verb gets a speaker: the subject noun phrase
   before it (with possessive pre-modifiers, names with titles, a parenthetical
   ``(D-Wis.)``, a restrictive relative clause, a prepositional phrase ``a doctor in
   Bazarak``; appositions ``X, a doctor, said`` are skipped), the noun phrase after an
   inverted verb (``"...," said X``, ``..., reported Al Jazeera``, ``according to X``), the
   subject of ``X was quoted as saying`` / ``Y quoted X as saying``, the speaker of the
   clause for a participle (``..., saying ...``), or the earlier subject for a coordinated
   verb (``said ... and asked ...``). The content is the quotation after ``said,`` /
   ``said:``, the clause after the verb (without "that", up to the next trailing or
   coordinated frame), or the quotation / clause before a trailing frame (``"...," X
   said``). Verbless frames: a quote signed with a dash (``"..." ― Name``) and a speaker
   label opening a paragraph (``PENCE: ...``).
3. **Relays and continuations**: a media outlet whose content holds another speaker's
   statement (``Khaama Press reported that Motaqi said ...``, ``..., reported Al Jazeera``,
   ``..., local media reported``) is not a quote of its own: it goes into the inner
   statements' ``relayed_by``; so does a medium the speaker talked to (``told Al Jazeera``).
   A quotation that opens a sentence right after an attributed quotation, with no frame of
   its own (``"...," he said. "..."``, or the next paragraph), continues it.
4. **Resolution within the article** (``speaker_ref``, ``mention_kind``): "he"/"she" go to
   the nearest earlier person or role speaker of a compatible gender when one is close (600
   characters), else to the nearest person the text names outside quotations (a name after a
   title or role word, a name whose first word is in NLTK's ``names`` corpus, which also gives
   the gender, or a name before a reporting verb; later surnames alone count too), else to any
   earlier compatible speaker; "they"/"it" go to the nearest earlier group or organization
   speaker, else to a plural role or organization noun just before ("Residents ... They
   said"); "the 57-year-old" resolves like "he"/"she". "I" outside any quotation is the
   person answering in a question-and-answer interview ("Simone Young: I think ..."), else
   the author's own voice (``speaker_ref`` "the author", kind person); "I"/"we" inside another
   statement's content belong to that statement and yield no record of their own; "you" is
   never a source. Role nouns ("the spokesperson") go to the nearest earlier mention holding
   the noun, documents ("the statement") to the issuer the article names (lexicon table
   ``documents``), bare surnames ("Masoud") to the nearest earlier full name with that
   surname; mentions are typed person / role / anonymous / organization / media from the
   lexicon tables (and NLTK's ``gazetteers`` country list, when installed). Subjects that
   cannot be sources (a year, a contraction fragment, "the time", "Jewish law": lexicon
   table ``non_speakers``) drop their frame.

The quality on PolNeAR (US political news) is measured by ``scripts/eval_attribution.py``.

Notes:
    The frames follow the taxonomy of attribution relations of Pareti (2015), "Attribution:
    a computational approach" (PhD thesis, Edinburgh) and the PolNeAR corpus (Newell,
    Margolin and Ruths, LREC 2018). Unlike textacy's ``direct_quotations`` it does not give
    up on an odd number of quote marks and it reads colon-, dash-introduced and indirect speech.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from . import lexicon, resources
from .text import _TAGGER_FORM, Sentence, Token, pos_tag, tokenize

__all__ = ["extract_quotes", "find_quote_spans", "QuoteSpan", "cue_lexicon", "RECORD_KEYS"]

#: The keys of every record returned by :func:`extract_quotes`, in order.
RECORD_KEYS = (
    "speaker_text", "speaker_start", "speaker_end", "speaker_ref", "mention_kind",
    "cue", "cue_lemma", "cue_category", "cue_start", "cue_end",
    "content", "content_start", "content_end", "quote_type",
    "channel", "relayed_by", "sentence_ids",
)

# ---------------------------------------------------------------------------------------------
# Lexicon tables, read once on first use
# ---------------------------------------------------------------------------------------------


def _inflect(lemma: str) -> list[str]:
    """Regular inflections of a verb: lemma, -s, -ed, -ing."""
    vowels = "aeiou"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past = lemma + "d"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        ing = lemma[:-1] + "ing"
    else:
        ing = lemma + "ing"
    return [lemma, third, past, ing]


@functools.cache
def cue_lexicon() -> dict[str, tuple[str, str]]:
    """Reporting-verb forms -> ``(lemma, category)``, from lexicon table ``cues``.

    Multi-word lemmas ("point out") are keyed by their first word's forms and
    checked against the following word by the extractor.
    """
    out: dict[str, tuple[str, str]] = {}
    for row in lexicon.load("cues"):
        lemma, category = row["lemma"].lower(), row["category"]
        head, _, rest = lemma.partition(" ")
        forms = row.get("forms", "").split() or _inflect(head)
        for form in forms:
            key = form if not rest else f"{form} {rest}"
            out.setdefault(key, (lemma, category))
    return out


@functools.cache
def _quote_only() -> frozenset[str]:
    """Lemmas that are cues only right before a colon or a quotation (``frame`` = quote in cues.csv)."""
    return frozenset(r["lemma"].lower() for r in lexicon.load("cues") if r.get("frame") == "quote")


@functools.cache
def _cue_first_words() -> frozenset[str]:
    return frozenset(k.split(" ")[0] for k in cue_lexicon())


@functools.cache
def _channels() -> list[tuple[re.Pattern, str]]:
    rows = sorted(lexicon.load("channels"), key=lambda r: -len(r["phrase"]))
    return [(re.compile(r"(?<!\w)" + re.escape(r["phrase"].lower()) + r"(?!\w)"), r["channel"]) for r in rows]


@functools.cache
def _roles() -> frozenset[tuple[str, str]]:
    """``(word, kind)`` pairs of lexicon table ``roles`` (a word may be both a role and a title)."""
    return frozenset((row["word"].lower(), row["kind"]) for row in lexicon.load("roles"))


@functools.cache
def _role_words() -> dict[str, str]:
    """role noun -> 'role' | 'organization' (titles excluded)."""
    out: dict[str, str] = {}
    for row in lexicon.load("roles"):
        if row["kind"] != "title":
            out.setdefault(row["word"].lower(), row["kind"])
    return out


@functools.cache
def _role_genders() -> dict[str, str]:
    """role noun -> "m" | "f", for the nouns of ``roles`` that say it (spokesman, spokeswoman)."""
    return {row["word"].lower(): row["gender"] for row in lexicon.load("roles") if row.get("gender") in ("m", "f")}


@functools.cache
def _non_speaker_words() -> frozenset[str]:
    """Head nouns that cannot be a speaker (lexicon table ``non_speakers``)."""
    return frozenset(row["word"].lower() for row in lexicon.load("non_speakers"))


@functools.cache
def _document_words() -> frozenset[str]:
    """Document nouns ("statement", "report": lexicon table ``documents``)."""
    return frozenset(row["word"].lower() for row in lexicon.load("documents"))


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(w for (w, k) in _roles() if k == "title")


@functools.cache
def _countries() -> frozenset[str]:
    """Country names from NLTK's ``gazetteers`` corpus (empty when it is not installed).

    A country or capital as a speaker ("Russia said", "Moscow wants") stands for its
    government: an organization, not a person.
    """
    try:
        from nltk.corpus import gazetteers

        return frozenset(w.lower() for w in gazetteers.words("countries.txt"))
    except (LookupError, OSError):
        return frozenset()


@functools.cache
def _anonymity() -> re.Pattern:
    markers = sorted((r["marker"].lower() for r in lexicon.load("anonymity")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, markers)) + r")(?!\w)")


@functools.cache
def _media() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern finding media names (case-insensitive) and a map lower-case alias -> canonical name."""
    names: dict[str, str] = {}
    for row in lexicon.load("media"):
        for alias in [row["name"], *row.get("aliases", "").split("|")]:
            alias = alias.strip()
            if alias:
                names.setdefault(alias.lower(), row["name"])
                if alias.lower().startswith("the "):
                    names.setdefault(alias.lower()[4:], row["name"])
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.IGNORECASE), names


def _media_name(mention: str) -> str | None:
    """The canonical media name a mention ends with ("the country's Khaama Press" -> "Khaama Press")."""
    pattern, names = _media()
    found = None
    for m in pattern.finditer(mention):
        found = m
    if found is None:
        return None
    tail = mention[found.end():].strip(" .,'’")
    if tail and tail.lower() not in ("news", "news agency", "agency", "reports", "report", "newspaper", "tv", "television"):
        return None
    # a short all-caps alias (AP, ABC...) must be written in capitals to count
    if len(found.group()) <= 4 and not found.group().isupper() and found.group().lower() != "dpa":
        return None
    return names[found.group().lower()]


# ---------------------------------------------------------------------------------------------
# Pass 1: quote marks
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: the text between a pair of quote marks.

    Attributes:
        start, end: the quoted text (``text[start:end]``), white space trimmed.
        open_start: where the opening mark starts; close_end: where the closing mark ends
            (``end`` plus trailing white space when the quote runs to the paragraph end unclosed).
        closed: False when the paragraph ended before a closing mark.
        continues: True when the quote re-opens one left open at the end of the previous paragraph.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    closed: bool
    continues: bool = False


_DOUBLE = re.compile(r'"\?|\'\'|[“”„«»‟"]|[‘’‚‹›\']')
_OPENERS = "“„«‟‘‚‹"
_CLOSERS = "”»’›"


def _mark_role(text: str, start: int, end: int, mark: str) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe) for the mark ``text[start:end]``."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    single = mark in "‘’'‚‹›"  # "''" (two apostrophes, as in some archives) is a double quote
    if mark == "’" or (single and mark == "'"):
        if before.isalnum() and (after.isalnum()):
            return "none"  # don't, Masoud's
    if mark == '"?':
        if before.isalnum() and after.isalpha():
            return "none"  # DeVos"?highly: a mojibake apostrophe
    if mark in _OPENERS and mark not in "‟":
        if single and before.isalnum():
            return "none"
        return "open"
    if mark in _CLOSERS and mark != "’":
        return "close"
    left_space = before.isspace() or before in "([{—–-/"
    right_space = after.isspace() or after in ".,;:!?)]}—–-" or end >= len(text)
    if left_space and not right_space:
        return "open"
    if right_space and not left_space:
        return "close"
    if single:
        return "none"
    return "either"


def find_quote_spans(text: str, paragraph_spans: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Pair the quote marks of *text* into quotations, never raising on broken text.

    Double quotes (straight, curly, low, guillemets, the mojibake ``"?``) and single quotes
    are paired separately; a single quote only counts when it opens after white space and
    closes before white space or punctuation (so apostrophes are left alone). A quote left
    open at a paragraph end closes there; if the next paragraph starts with an opening mark
    that quote ``continues`` it. An unmatched closing mark is ignored.

    Args:
        text: the article text.
        paragraph_spans: ``(start, end)`` of each paragraph; default: the whole text is one.

    Returns:
        The quotations in text order (non-empty ones only).
    """
    spans = paragraph_spans or [(0, len(text))]
    out: list[QuoteSpan] = []
    carried = False  # previous paragraph ended inside an open quote
    for pstart, pend in spans:
        marks = []
        for m in _DOUBLE.finditer(text, pstart, pend):
            mark = m.group()
            role = _mark_role(text, m.start(), m.end(), mark)
            if role != "none":
                marks.append((m.start(), m.end(), mark in "‘’‚‹›'", role))
        para_quotes: list[QuoteSpan] = []
        ended_open = False
        for single in (False, True):
            opened: tuple[int, int] | None = None
            for s, e, is_single, role in marks:
                if is_single != single:
                    continue
                if single and any(q.open_start < s < q.close_end for q in para_quotes):
                    continue  # nested single quotes inside a double quote: part of it
                if opened is None:
                    if role in ("open", "either"):
                        opened = (s, e)
                    continue
                if role == "open":
                    if single:
                        opened = (s, e)
                        continue
                    # a second opener: the first quote was never closed; end it here
                    _add_quote(text, para_quotes, opened, s, s, False, carried and not para_quotes)
                    opened = (s, e)
                    continue
                _add_quote(text, para_quotes, opened, s, e, True, carried and not para_quotes and not single)
                opened = None
            if opened is not None and not single:
                _add_quote(text, para_quotes, opened, pend, pend, False, carried and not para_quotes)
                ended_open = True
        para_quotes.sort(key=lambda q: q.start)
        out.extend(para_quotes)
        carried = ended_open
    return out


def _add_quote(text, quotes, opened, inner_end, close_end, closed, continues) -> None:
    s = opened[1]
    e = inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        quotes.append(QuoteSpan(s, e, opened[0], close_end, closed, continues))


# ---------------------------------------------------------------------------------------------
# Lookups by position: the rules ask "which quote/sentence is at or near this offset" for every
# sentence, frame and record; scanning all quotes of the article each time made long articles
# quadratic. These indexes answer the same questions by bisection, with the same result.
# ---------------------------------------------------------------------------------------------


class _Spans:
    """A growing set of half-open spans ``[a, b)`` answering the two overlap questions of the rules.

    ``covers(x)``: does some span hold *x* (``a <= x < b``)? ``starts_in(lo, hi)``: does some
    span start in ``[lo, hi)``? Kept as the sorted starts plus the union of the spans as
    sorted disjoint runs, so both are a bisection.
    """

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._lo: list[int] = []  # union runs [lo[k], hi[k]), disjoint and sorted
        self._hi: list[int] = []
        for a, b in sorted(spans):
            self._starts.append(a)
            if a >= b:
                continue
            if self._hi and a <= self._hi[-1]:
                self._hi[-1] = max(self._hi[-1], b)
            else:
                self._lo.append(a)
                self._hi.append(b)

    def add(self, a: int, b: int) -> None:
        bisect.insort(self._starts, a)
        if a >= b:
            return
        i = bisect.bisect_left(self._hi, a)  # first run that ends at or after a: it may touch [a, b)
        j = bisect.bisect_right(self._lo, b)  # runs before j start at or before b
        if i < j:
            a, b = min(a, self._lo[i]), max(b, self._hi[j - 1])
        self._lo[i:j] = [a]
        self._hi[i:j] = [b]

    def covers(self, x: int) -> bool:
        k = bisect.bisect_right(self._lo, x) - 1
        return k >= 0 and x < self._hi[k]

    def starts_in(self, lo: int, hi: int) -> bool:
        k = bisect.bisect_left(self._starts, lo)
        return k < len(self._starts) and self._starts[k] < hi


class _QuoteList(list):
    """The quotations of an article (a list of :class:`QuoteSpan`, in order) with indexes by offset.

    Every lookup returns what a scan of the list in order would: the indexes only skip the
    quotes that cannot qualify.
    """

    def __init__(self, quotes):
        super().__init__(quotes)
        n = len(self)
        self.inside = _Spans((q.start, q.end) for q in self)
        # _quote_at: the scan stops at the first quote opening after the position
        self._open_max: list[int] = []
        top = -1
        for q in self:
            top = max(top, q.open_start)
            self._open_max.append(top)
        self._by_open: dict[int, int] = {}
        for k, q in enumerate(self):
            self._by_open.setdefault(q.open_start, k)
        # closing near a position, scanned from the last quote back
        self._close_min: list[int] = [0] * n  # min close_end of self[k:]
        low = None
        for k in range(n - 1, -1, -1):
            low = self[k].close_end if low is None else min(low, self[k].close_end)
            self._close_min[k] = low
        self._by_close = sorted((q.close_end, k) for k, q in enumerate(self))
        self._opens_sorted = sorted((q.open_start, q.close_end) for q in self)

    def opening_at(self, k: int) -> QuoteSpan | None:
        """The first quote (in list order) opening at *k*, before any quote opening after *k*."""
        first = self._by_open.get(k)
        if first is None:
            return None
        stop = bisect.bisect_right(self._open_max, k)  # the scan breaks at this index
        return self[first] if first < stop else None

    def closing_near(self, k: int) -> list[QuoteSpan]:
        """The quotes a backward scan from the last one meets before its first quote closing
        before ``k - 3``, that close at or before *k*: in that (reverse list) order."""
        # the scan breaks at the last quote closing before k - 3
        j = self._last_closing_before(k - 3)
        lo = bisect.bisect_left(self._by_close, (k - 3, -1))
        hi = bisect.bisect_right(self._by_close, (k, len(self)))
        ks = sorted((idx for _, idx in self._by_close[lo:hi] if idx > j), reverse=True)
        return [self[idx] for idx in ks]

    def _last_closing_before(self, x: int) -> int:
        """The largest index whose quote closes before *x*, or -1."""
        # _close_min is non-decreasing; the last k with _close_min[k] < x is that index
        return bisect.bisect_left(self._close_min, x) - 1

    def any_within(self, cs: int, ce: int) -> bool:
        """Does a quote open at or after *cs* and close at or before *ce*?"""
        k = bisect.bisect_left(self._opens_sorted, (cs, -1))
        while k < len(self._opens_sorted) and self._opens_sorted[k][0] < ce:
            if self._opens_sorted[k][1] <= ce:
                return True
            k += 1
        return False


class _SentenceIndex:
    """Sentences by offset, as a scan of the list in order finds them (bisection when the
    starts and ends are both in order, as :func:`panjshir_toolkit.text.split_sentences` makes them)."""

    def __init__(self, sentences):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.ends = [s.end for s in sentences]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:])) and \
            all(a <= b for a, b in zip(self.ends, self.ends[1:]))

    def holding(self, pos: int, or_ending: bool = False):
        """The first sentence with ``start <= pos < end`` (or, with *or_ending*, ``end == pos``)."""
        if not self.ordered:
            return next((s for s in self.sentences if s.start <= pos < s.end or (or_ending and s.end == pos)), None)
        best = None
        k = bisect.bisect_right(self.ends, pos)  # first sentence ending after pos
        if k < len(self.sentences) and self.starts[k] <= pos:
            best = k
        if or_ending:
            e = bisect.bisect_left(self.ends, pos)  # first sentence ending at pos, if any
            if e < len(self.sentences) and self.ends[e] == pos and (best is None or e < best):
                best = e
        return self.sentences[best] if best is not None else None

    def overlapping(self, cs: int, ce: int) -> list:
        """The sentences with ``start < ce`` and ``cs < end``, in order."""
        if not self.ordered:
            return [s for s in self.sentences if s.start < ce and cs < s.end]
        a = bisect.bisect_right(self.ends, cs)
        b = bisect.bisect_left(self.starts, ce)
        return [s for s in self.sentences[a:b] if s.start < ce and cs < s.end]


# ---------------------------------------------------------------------------------------------
# Pass 2: frames in candidate sentences
# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+")
_AUX = frozenset(
    "has have had having will would shall should may might must can could is are was were be been "
    "being did does do also further later then again once previously repeatedly reportedly "
    "publicly privately recently earlier already still even just not n't never only first "
    "quickly immediately initially subsequently separately".split()
)
_STOP_BEFORE = frozenset("that which who whom whose when where while because if as than".split())
_SUBJ_PRON = frozenset("he she they it we i you".split())
_NP_TAGS = frozenset("NNP NNPS NN NNS JJ JJR JJS DT POS PRP PRP$ CD VBN VBG FW".split())
_NP_INNER = frozenset("of for and & de al el bin ibn von van der".split())
_NP_PREP = frozenset("in of from at".split())
_CAP_FUNCTION = frozenset(
    "the a an in on at but and or as for if when while after before since because so then meanwhile however "
    "although though whereas unless until once whether nor "
    "still yet also by with from to of that this these those it there here what which who his her their its "
    "our my your we they he she i you".split()
)
_QUOTE_CHARS = set('"“”„«»‟‘’‚‹›\'')
_PUNCT_BREAK = frozenset([",", ";", ":", "—", "–", "--", "(", ")", ".", "?", "!"])
_SPEECH_TO = frozenset("vow pledge promise threaten urge ask call appeal plead beg implore encourage invite advise order instruct warn agree refuse swear decide want hope expect".split())


@dataclass
class _Frame:
    """One reporting verb with its speaker, content and relays, before records are made."""

    sent: Sentence
    cue_i: int
    cue_start: int
    cue_end: int
    lemma: str
    category: str
    speaker: tuple[int, int] | None = None  # char span
    speaker_toks: tuple[int, int] | None = None  # token index span [a, b)
    frame_start: int = 0  # leftmost char of the frame (speaker / relay / cue)
    content: tuple[int, int] | None = None
    content_kind: str = "after"  # after | before | quote
    direct: bool = False
    relays: list[str] = field(default_factory=list)
    relay_span: tuple[int, int] | None = None
    coordinated_with: "_Frame | None" = None
    trailing: bool = False  # the frame follows its content: "..., X said"
    inverted: bool = False
    drop: bool = False
    addressee: tuple[int, int] | None = None
    participle: bool = False  # "..., saying ...": the speaker is the clause's subject


def _is_candidate(sentence_text: str) -> bool:
    """Can this sentence hold an attribution? Every frame needs a cue word or "according to"."""
    words = _cue_first_words()
    for w in _WORD.findall(sentence_text):
        if w.lower() in words:
            return True
    return "according" in sentence_text.lower()


_WINDOW_BEFORE, _WINDOW_AFTER = 14, 5
#: Sentences are read up to this many tokens (run-on text without punctuation stays fast).
_MAX_TOKENS = 300


def _tag_window(tokens: list[Token]) -> list[str] | None:
    """POS tags for the tokens around the cue words of a sentence ("" elsewhere), or None without cues.

    The rules read tags only near a cue (the subject before it, a few words after it), so
    tagging that window alone keeps the stage fast on long sentences.
    """
    words = _cue_first_words()
    hits = [i for i, t in enumerate(tokens) if (t.text.lower() in words and _may_be_cue(tokens, i)) or t.text.lower() == "according"]
    if not hits:
        return None
    lexical = _lexical_tags(tokens, hits)
    if lexical is not None:
        return lexical
    tags = [""] * len(tokens)
    windows: list[list[int]] = []
    for i in hits:
        a, b = max(0, i - _WINDOW_BEFORE), min(len(tokens), i + _WINDOW_AFTER)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    for a, b in windows:
        tags[a:b] = _pos_tag(tokens[a:b])
    return tags


def _tagger_form(tokens: list[Token], k: int) -> str:
    """The word the tagger sees: a straight double quote glued to the word before it closes
    a quotation (two apostrophes), otherwise it opens one (two backticks), as in the Penn Treebank."""
    t = tokens[k].text
    if t == '"' and k > 0 and tokens[k - 1].end == tokens[k].start:
        return "''"
    return _TAGGER_FORM.get(t, t)


def _pos_tag(tokens: list[Token]) -> list[str]:
    """Penn Treebank tags as :func:`panjshir_toolkit.text.pos_tag` gives them, computed faster.

    Same model, same features, same arithmetic: NLTK's averaged perceptron, with its arg-max
    done over the scored labels only (NLTK calls a lambda for every label of every token,
    which is most of its run time). One difference: a straight closing quote is shown to the
    tagger as a closing quote (``text.pos_tag`` shows every ``"`` as an opening one, which
    makes it read ``"...," Hargreaves added`` as a verb and an adjective). Falls back to
    ``text.pos_tag`` if the tagger object lacks the attributes this relies on.
    """
    tagger = resources.pos_tagger()
    model = getattr(tagger, "model", None)
    weights = getattr(model, "weights", None)
    if weights is None or not hasattr(tagger, "_get_features") or not hasattr(tagger, "tagdict"):
        return pos_tag(tokens)
    words = [_tagger_form(tokens, k) for k in range(len(tokens))]
    prev, prev2 = tagger.START
    context = tagger.START + [tagger.normalize(w) for w in words] + tagger.END
    tagdict, classes = tagger.tagdict, model.classes
    out = []
    for i, word in enumerate(words):
        tag = tagdict.get(word)
        if not tag:
            scores: dict[str, float] = {}
            for feat, value in tagger._get_features(i, word, context, prev, prev2).items():
                w = weights.get(feat)
                if w is None or value == 0:
                    continue
                for label, weight in w.items():
                    scores[label] = scores.get(label, 0.0) + value * weight
            best, best_key = None, None
            for label, score in scores.items():
                key = (score, label)
                if best_key is None or key > best_key:
                    best, best_key = label, key
            if best_key is None or best_key[0] < 0 or (best_key[0] == 0):
                # labels never scored count as 0.0, as in NLTK's max over all classes
                for label in classes:
                    key = (scores.get(label, 0.0), label)
                    if best_key is None or key > best_key:
                        best, best_key = label, key
            tag = best
        out.append(tag)
        prev2, prev = prev, tag
    return out


_PLAIN_VERB_FORMS = frozenset(
    "said says told tells added adds noted wrote explained stated insisted argued claimed warned urged "
    "denied acknowledged announced declared stressed asserted recalled confirmed tweeted".split()
)
_CLAUSE_OPENERS = frozenset([",", "that", "“", '"', "”", "''", "—", "–", ":", ";"])
_AFTER_PLAIN = frozenset([",", ".", "that", ":", "“", '"', "''", "!", "?", ";"])
_SENTENCE_ADVERBS = frozenset(
    "meanwhile however still also later earlier today yesterday separately instead now thus therefore moreover "
    "furthermore indeed previously finally first last".split()
)


_NOUN_BEFORE = frozenset("the a an this that these those his her their its our my your whose every each no".split())


def _may_be_cue(tokens: list[Token], i: int) -> bool:
    """Can token *i* (a cue form) be a reporting verb, judging by the words alone?

    Rules out, before any tagging: a capitalised form inside a sentence ("United States",
    "the Washington Post") unless the sentence is a headline ("Lindsey Graham Says"); a form
    after a determiner or possessive ("the report", "his comments"); a form before "of"
    ("the state of"); a multi-word cue ("point out") without its second word.
    """
    tok = tokens[i].text
    low = tok.lower()
    lex = cue_lexicon()
    if low not in lex:
        nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        if f"{low} {nxt}" not in lex:
            return False
    if i > 0 and tok[:1].isupper():
        caps = sum(1 for t in tokens if t.text[:1].isupper())
        words = sum(1 for t in tokens if t.text[:1].isalpha())
        if low in ("states", "state", "post") or caps * 2 < words:
            return False
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    if prev in _NOUN_BEFORE or (prev == "to" and low != "say"):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].text.lower() == "of" and low not in ("accused", "accuse", "accuses", "warned", "warn", "warns", "spoke", "speak", "speaks", "told", "tell", "tells", "learned", "learn"):
        return False
    return True


def _lexical_tags(tokens: list[Token], hits: list[int]) -> list[str] | None:
    """Tags read off the words alone when every cue sits in the plainest frame, else None.

    The plainest frame is a pronoun, or a short noun phrase of capitalised words, role nouns
    from ``roles.csv`` and possessives (with an article in front: "the army spokesman"),
    opening the sentence or following a comma / quote mark / "that", then an unambiguous speech-verb form
    ("said", "told"...), then punctuation or "that": ``"...," Smith said.``, ``He said that ...``.
    The POS tagger would add nothing there, and skipping it keeps the stage fast.
    """
    tags = [""] * len(tokens)
    for i in hits:
        low = tokens[i].text.lower()
        if low not in _PLAIN_VERB_FORMS or i == 0:
            return None
        nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else "."
        if nxt not in _AFTER_PLAIN:
            return None
        prev = tokens[i - 1].text
        if prev.lower() in _SUBJ_PRON:
            before = tokens[i - 2].text if i >= 2 else ","
            if before.lower() not in _CLAUSE_OPENERS and before not in _QUOTE_CHARS:
                return None
            tags[i - 1] = "PRP"
        else:
            k = i - 1
            nouns = _role_words()
            while k >= 0 and i - k <= 5:
                t = tokens[k].text
                tl = t.lower()
                if t[:1].isupper() and t[1:].replace("-", "").isalpha() and tl not in _CAP_FUNCTION and tl not in _SENTENCE_ADVERBS:
                    tags[k] = "NNP"
                elif tl in nouns or tl in ("source", "sources"):
                    tags[k] = "NNS" if tl.endswith("s") else "NN"
                elif k < i - 1 and k > 0 and _tok_is_possessive(tokens, k, ""):
                    tags[k] = "POS"  # "the army's spokesman", "the forces' spokesperson"
                else:
                    break
                k -= 1
            if k == i - 1:
                return None
            if k >= 0 and tokens[k].text.lower() in ("the", "a", "an"):
                tags[k] = "DT"
                k -= 1
            if k >= 0 and ((tokens[k].text.lower() not in _CLAUSE_OPENERS and tokens[k].text not in _QUOTE_CHARS)
                           or tokens[k].end == tokens[k + 1].start):
                return None  # not after a clause boundary, or a mark glued to the name (O'Loughlin)
        tags[i] = "VBZ" if low.endswith("s") else "VBD"
    for x, t in enumerate(tokens):
        if not tags[x]:
            if t.text in (",", ".", ":", ";"):
                tags[x] = t.text
            elif t.text.lower() == "that":
                tags[x] = "IN"
    return tags


def _tok_is_possessive(tokens: list[Token], i: int, text: str) -> bool:
    t = tokens[i].text
    if t.lower() in ("'s", "’s"):
        return True
    if t in ("'", "’") and i > 0 and tokens[i - 1].end == tokens[i].start and tokens[i - 1].text[-1:] in "sS" \
            and i + 1 < len(tokens) and tokens[i + 1].text[:1].isalnum():
        return True
    return False


def _np_backward(tokens, tags, end_i: int, text: str) -> int | None:
    """Start index of the noun phrase that ends just before token *end_i* (exclusive), or None."""
    i = end_i - 1
    start = None
    seen_pos = False
    n = 0
    while i >= 0 and n < 18:
        tok, tag = tokens[i].text, tags[i]
        low = tok.lower()
        if _tok_is_possessive(tokens, i, text):
            seen_pos = True
            start = i
        elif tag in ("DT", "PRP$") or low in ("the", "a", "an"):
            if low in ("that", "this", "these", "those", "which", "whatever") and start is None:
                return None
            if low in ("that", "which"):
                break
            start = i
            if low == "the" and i > 1 and tokens[i - 1].text.lower() in _NP_PREP and tags[i - 2] in ("NN", "NNS") \
                    and any(tokens[x].text[:1].isupper() for x in range(i + 1, end_i)):
                i -= 1  # "a doctor at the Emergency hospital": go on over the preposition
                n += 1
                continue
            break
        elif tag == "PRP":
            if start is None and low in _SUBJ_PRON:
                return i
            break
        elif (low in _NP_INNER or low in _NP_PREP) and start is not None and i > 0:
            left_tag = tags[i - 1]
            right_tag = tags[i + 1] if i + 1 < len(tags) else ""
            if low in _NP_INNER and ((left_tag.startswith("NNP") and right_tag.startswith("NNP")) or (seen_pos and left_tag.startswith("NN"))):
                start = i
            elif low in _NP_PREP and (left_tag in ("NN", "NNS") or tokens[i - 1].text.lower() in _role_words()) and (right_tag.startswith("NNP") or (
                    right_tag == "DT" and i + 2 < len(tokens) and tokens[i + 2].text[:1].isupper())):
                start = i  # "a doctor in Bazarak", "residents of Kabul"
            else:
                break
        elif low in _AUX or low in _STOP_BEFORE:
            break
        elif tag in _NP_TAGS or (tok[:1].isupper() and tag not in ("IN", "CC", "TO", "MD", "WP", "WDT", "EX") and not tag.startswith("VB")) \
                or (tok[:1].isupper() and low not in _CAP_FUNCTION and start == i + 1 and tokens[i + 1].text[:1].isupper()) \
                or (tok[:1].isupper() and tag.startswith("VB") and i > 0 and tokens[i - 1].text[:1].isupper()):
            if tag in ("VBN", "VBG") and start is None:
                break
            start = i
        elif tok in ("-", "–") and start is not None and i > 0 and tokens[i - 1].end == tokens[i].start:
            start = i
        elif tok == "." and start is not None and i > 0 and tokens[i - 1].end == tokens[i].start and len(tokens[i - 1].text) <= 3 and tokens[i - 1].text[:1].isupper():
            start = i  # Sen. / Dr. abbreviations split off
        else:
            break
        i -= 1
        n += 1
    if start is None:
        return None
    # trim leading inner words / possessives / hyphens left dangling
    while start < end_i and (tokens[start].text.lower() in ("of", "for", "and", "&", "in", "from", "at") or _tok_is_possessive(tokens, start, text) or tokens[start].text in ("-", "–", ".")):
        start += 1
    if start >= end_i:
        return None
    # a noun phrase needs a noun or a pronoun
    if not any(tags[j].startswith(("NN", "PRP", "CD", "FW")) or tokens[j].text[:1].isupper() for j in range(start, end_i)):
        return None
    return start


def _np_forward(tokens, tags, start_i: int, text: str, stop: int | None = None) -> int | None:
    """End index (exclusive) of the noun phrase starting at token *start_i*, or None."""
    stop = len(tokens) if stop is None else stop
    i = start_i
    last_noun = None
    while i < stop and i - start_i < 18:
        tok, tag = tokens[i].text, tags[i]
        low = tok.lower()
        if _tok_is_possessive(tokens, i, text):
            pass
        elif tag in ("DT", "PRP$") and i == start_i:
            pass
        elif tag == "PRP" and i == start_i and low in _SUBJ_PRON:
            return i + 1
        elif low in _NP_INNER and last_noun is not None and i + 1 < stop and (
                (tags[i - 1].startswith("NNP") and tags[i + 1].startswith("NNP")) or low in ("of",)):
            pass
        elif tag in _NP_TAGS and tag not in ("DT", "PRP", "PRP$", "VBN", "VBG") or (tok[:1].isupper() and tag not in ("IN", "CC", "TO", "MD", "WP", "WDT", "EX", "DT")):
            if tag.startswith(("NN", "CD", "FW")) or tok[:1].isupper():
                last_noun = i
        elif tok == "." and last_noun == i - 1 and len(tokens[i - 1].text) <= 3 and tokens[i - 1].end == tokens[i].start and tokens[i - 1].text[:1].isupper() and i + 1 < stop:
            pass
        else:
            break
        i += 1
    if last_noun is None:
        return None
    return last_noun + 1


def _skip_aux_back(tokens, tags, i: int) -> int:
    """From token index *i* (exclusive), skip auxiliaries and adverbs backwards; return the new end."""
    j = i
    if j > 1 and tokens[j - 1].text.lower() == "to" and tokens[j].text.lower() in ("say", "tell", "add", "ask", "argue", "warn", "note", "write"):
        # "She went on to say:", "He proceeded to tell reporters": the subject governs the verb chain
        k = j - 1
        while k > 0 and j - k <= 4 and (tags[k - 1].startswith(("VB", "RP", "RB")) or tokens[k - 1].text.lower() in ("on", "going")):
            k -= 1
        if k < j - 1 and not tags[j - 2].startswith("VBN"):
            j = k
    while j > 0:
        low = tokens[j - 1].text.lower()
        if low in _AUX or (tags[j - 1] in ("RB", "RBR", "MD") and low not in ("so", "as", "not") and not tokens[j - 1].text[:1].isupper()):
            j -= 1
        else:
            k = _time_adverbial_back(tokens, tags, j)
            if k == j:
                break
            j = k
    return j


def _time_adverbial_back(tokens, tags, j: int) -> int:
    """Skip one time adverbial ending before token *j*: "this month", "last week", "in 2010",
    "on Monday" ("Wells Fargo just this month announced", "McConnell, who in 2010 said")."""
    if j < 2:
        return j
    first, last = tokens[j - 2].text.lower(), tokens[j - 1].text.lower()
    if last in _WEEKDAYS_MONTHS and last not in ("may", "march"):
        # "Trump Monday said", "put out a statement late Monday saying"
        k = j - 2 if first in ("late", "early", "on", "in", "since", "by", "last", "this", "next") else j - 1
        return k if k == 0 or not tags[k - 1].startswith("VB") else j
    k = j
    if first in ("this", "last", "next", "earlier", "later") and last in _TIME_WORDS:
        k = j - 2
    elif first in ("in", "on", "since", "by") and (re.fullmatch(r"(?:19|20)\d\d", last) or last in _TIME_WORDS):
        k = j - 2
    if k < j and k > 0 and tags[k - 1] in ("VBN", "VBD") and not tokens[k - 1].text[:1].isupper():
        return j  # "A GAO report released last year found": the adverbial belongs to the participle
    return k


_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning "
    "afternoon evening night week weekend month year earlier later recently last this next "
    "january february march april may june july august september october november december".split()
)


def _skip_adverbials_forward(tokens, tags, i: int, stop: int) -> int:
    """Skip adverbs and short prepositional phrases (time, place, channel) after a cue."""
    j = i
    for _ in range(6):
        if j >= stop:
            return j
        low = tokens[j].text.lower()
        tag = tags[j]
        if low in ("—", "–", "--"):
            # "said — on Twitter, as it happens — that ...": skip a parenthetical between dashes
            close = next((k for k in range(j + 1, min(stop, j + 15)) if tokens[k].text in ("—", "–", "--")), None)
            if close is not None:
                j = close + 1
                continue
            return j
        if tag in ("RB", "RBR") and low not in ("not", "so", "as") or low in ("further", "also", "again", "repeatedly", "publicly", "late", "early"):
            j += 1
            continue
        if low in _TIME_WORDS and j + 1 < stop and tokens[j + 1].text in (",", ".", "that", ":") :
            j += 1
            continue
        if (tag in ("IN", "VBG") and low in ("on", "in", "at", "during", "via", "through", "after", "before", "from", "late", "earlier",
                                            "early", "over", "with", "to", "following", "amid", "ahead", "since", "upon")):
            k = j + 1
            n = 0
            while k < stop and n < 12 and (tags[k] in _NP_TAGS or tokens[k].text[:1].isupper()
                                            or (tokens[k].text.lower() in ("with", "of", "in", "at", "for", "from") and k > j + 1)) \
                    and tokens[k].text.lower() not in ("that",):
                k += 1
                n += 1
            if k == j + 1:
                return j
            nxt = tokens[k].text if k < stop else "."
            # a PP counts as an adverbial when a clause boundary or 'that' follows
            if nxt in (",", ".", ":", "that", ";", "—", "–") or nxt in _QUOTE_CHARS or nxt == '"' or k >= stop:
                j = k
                continue
            # "said on Saturday the Taliban ..." : a time PP followed directly by a clause
            if all(tokens[x].text.lower() in _TIME_WORDS or tags[x] in ("DT", "CD") for x in range(j + 1, k)):
                j = k
                continue
            return j
        return j
    return j


def _cue_ok(tokens, tags, i: int) -> bool:
    """Is token *i* (a cue form) used as a verb here?"""
    tag = tags[i]
    low = tokens[i].text.lower()
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    if tag.startswith("VB"):
        if prev == "to" and low not in ("say",):
            return False
        if prev == "the" or prev == "a" or prev == "an":
            return False
        return True
    if tag in ("NNS", "NN") and low.endswith("s") and i > 0 and (tags[i - 1].startswith("NNP") or tags[i - 1] == "PRP") and nxt in ("to", "that", ":", ","):
        return True  # headline present tense tagged as a plural noun: "Masoud vows to ..."
    if low in ("said", "told", "added") and tag not in ("JJ",):
        return True
    return False


def _find_frames(text: str, sent: Sentence, tokens: list[Token], tags: list[str], quotes: list[QuoteSpan]) -> list[_Frame]:
    lex = cue_lexicon()
    frames: list[_Frame] = []
    n = len(tokens)

    def in_quote(pos: int) -> bool:
        return quotes.inside.covers(pos)

    used_as_relay: set[int] = set()
    for i, tok in enumerate(tokens):
        low = tok.text.lower()
        # multi-word: "according to"
        if low == "according" and i + 1 < n and tokens[i + 1].text.lower() == "to":
            if in_quote(tok.start):
                continue
            end = _np_forward(tokens, tags, i + 2, text)
            if end is None:
                continue
            fr = _Frame(sent, i, tok.start, tokens[i + 1].end, "according to", "neutral")
            fr.speaker_toks = (i + 2, end)
            fr.speaker = (tokens[i + 2].start, tokens[end - 1].end)
            fr.frame_start = tok.start
            fr.inverted = True
            # content: the clause before (", according to X") or after ("According to X, ...")
            if i == 0 or (i == 1 and tokens[0].text in _QUOTE_CHARS):
                k = end
                while k < n and tokens[k].text != ",":
                    k += 1
                if k + 1 < n:
                    fr.content = (tokens[k + 1].start, _trim_end(text, tokens[k + 1].start, _strip_final_period(text, tokens[k + 1].start, sent.end)))
                    fr.content_kind = "after"
                else:
                    continue
            else:
                fr.trailing = True
                fr.content_kind = "before"
            frames.append(fr)
            continue
        entry = None
        if i + 1 < n and f"{low} {tokens[i + 1].text.lower()}" in lex:
            entry = lex[f"{low} {tokens[i + 1].text.lower()}"]
        elif low in lex:
            entry = lex[low]
        if entry is None or not _may_be_cue(tokens, i) or not _cue_ok(tokens, tags, i):
            continue
        if in_quote(tok.start):
            continue
        lemma, category = entry
        if lemma in _quote_only():
            nxt_tok = tokens[i + 1].text if i + 1 < n else ""
            if not (nxt_tok == ":" or nxt_tok in _QUOTE_CHARS or (nxt_tok == "," and i + 2 < n and tokens[i + 2].text in _QUOTE_CHARS)):
                continue
        # passive: "was told", "has been reported" (no speaker) -- except "as saying"
        prev_low = tokens[i - 1].text.lower() if i > 0 else ""
        if tags[i] == "VBN" and prev_low in ("was", "were", "been", "is", "are", "be", "being"):
            continue
        if tags[i] in ("VBN",) and i > 0 and tags[i - 1].startswith("NN") and prev_low not in _SUBJ_PRON and lemma not in ("say",) \
                and not (i + 1 < n and tokens[i + 1].text.lower() in ("that", ",", ":")):
            # "the claims reported by ..." : a reduced relative, not a cue
            if i + 1 < n and tokens[i + 1].text.lower() == "by":
                continue
        fr = _Frame(sent, i, tok.start, tok.end, lemma, category)
        # -- "X was quoted as saying" / "Y quoted X as saying"
        if low == "saying" and prev_low == "as":
            j = i - 1
            sp_end = j
            k = j - 1
            if k >= 0 and tokens[k].text.lower() in ("quoted", "cited") and k >= 1 and tokens[k - 1].text.lower() in ("was", "were", "is", "been", "being"):
                aux = k - 1
                while aux > 0 and tokens[aux - 1].text.lower() in ("has", "had", "have", "been", "was"):
                    aux -= 1
                st = _np_backward(tokens, tags, aux, text)
                if st is None:
                    continue
                fr.speaker_toks = (st, aux)
            else:
                # Y quoted X as saying: X ends before "as"
                st = _np_backward(tokens, tags, sp_end, text)
                if st is None:
                    continue
                fr.speaker_toks = (st, sp_end)
                q = st - 1
                if q >= 0 and tokens[q].text.lower() in ("quoted", "cited"):
                    used_as_relay.add(q)
                    rst = _np_backward(tokens, tags, _skip_aux_back(tokens, tags, q), text)
                    if rst is not None:
                        rend = _skip_aux_back(tokens, tags, q)
                        fr.relay_span = (tokens[rst].start, tokens[rend - 1].end)
                        fr.frame_start = tokens[rst].start
                        name = _media_name(text[fr.relay_span[0]:fr.relay_span[1]])
                        fr.relays.append(name or _strip_article(text[fr.relay_span[0]:fr.relay_span[1]]))
            a, b = fr.speaker_toks
            fr.speaker = (tokens[a].start, tokens[b - 1].end)
            if not fr.relay_span:
                fr.frame_start = fr.speaker[0]
            fr.trailing = _before_is_boundary(text, sent, fr.frame_start)
            frames.append(fr)
            continue
        # -- participle adjunct: "..., saying that ...", "..., adding: ...", "..., telling the crowd, "...""
        if tags[i] == "VBG" and i > 1 and tokens[i - 1].text == ",":
            subj = _clause_subject(text, sent, tokens, tags, i, frames)
            if subj is not None:
                fr.speaker_toks = subj
                fr.speaker = (tokens[subj[0]].start, tokens[subj[1] - 1].end)
                fr.frame_start = tok.start
                fr.participle = True
                frames.append(fr)
                continue
        # -- inverted: '"...," said X' and '..., reported Al Jazeera'
        if i > 0 and (tokens[i - 1].text in (",", "—", "–") or tokens[i - 1].text in _QUOTE_CHARS) and i + 1 < n \
                and lemma not in _ADDRESSEE_VERBS:  # "..., told Al Jazeera": Al Jazeera is spoken to, not speaking
            end = _np_forward(tokens, tags, i + 1, text)
            if end is not None and all(t.text.lower() in _TIME_WORDS for t in tokens[i + 1:end]):
                end = None  # '"...," McConnell, R-Ky., said Tuesday.': a time, not an inverted subject
            if end is not None:
                end = _paren_after(tokens, end)
            if end is not None and (end >= n or tokens[end].text in (".", ",", ";", "!", "?", ")", "—", "–") or tokens[end].text.lower() in ("on", "in", "at", "who", "which", "late", "earlier", "today", "yesterday")):
                fr.speaker_toks = (i + 1, end)
                fr.speaker = (tokens[i + 1].start, tokens[end - 1].end)
                fr.frame_start = tok.start
                fr.inverted = True
                fr.trailing = True
                fr.content_kind = "before"
                frames.append(fr)
                continue
        # -- speaker before the cue
        j = _skip_aux_back(tokens, tags, i)
        paren_end = j
        j = _paren_before(tokens, j)
        if j != paren_end:
            k = _np_backward(tokens, tags, j, text)
            if k is None:
                continue
            fr.speaker_toks = (k, paren_end)
            fr.speaker = (tokens[k].start, tokens[paren_end - 1].end)
            fr.frame_start = fr.speaker[0]
            fr.trailing = _before_is_boundary(text, sent, fr.frame_start)
            frames.append(fr)
            continue
        if j > 0 and tokens[j - 1].text.lower() in ("and", "but", "or") and frames and frames[-1].speaker:
            fr.coordinated_with = frames[-1]
            fr.speaker, fr.speaker_toks = frames[-1].speaker, frames[-1].speaker_toks
            fr.frame_start = tokens[j - 1].start
            fr.relays = frames[-1].relays
            frames.append(fr)
            continue
        if j > 0 and tokens[j - 1].text.lower() in ("who", "which") and j > 1:
            # relative clause: "officials who said that ..." -- only with an explicit complement
            nxt = tokens[i + 1].text.lower() if i + 1 < n else ""
            timed = any(
                tokens[x].text.lower() in _TIME_WORDS or tokens[x].text.isdigit() for x in range(j, i))
            if nxt not in ("that", ":") and not (nxt in (",",) and i + 2 < n and tokens[i + 2].text in _QUOTE_CHARS) \
                    and not (timed and lemma == "say"):
                continue  # ("McConnell, who in 2010 said the goal was ...": a dated report reads as one)
            k = j - 1
            if tokens[k - 1].text == ",":
                k -= 1
            st = _np_backward(tokens, tags, k, text)
            if st is None:
                continue
            fr.speaker_toks = (st, k)
        elif j > 0 and tokens[j - 1].text == "," and j > 1:
            # apposition: "X, a doctor, said" / "the commander of ..., Ahmad Shah Masoud, has vowed"
            k = j - 2
            while k >= 0 and tokens[k].text not in (",",) and tokens[k].text not in _QUOTE_CHARS and j - k < 25:
                k -= 1
            if k >= 0 and tokens[k].text != ",":
                continue
            sentence_initial = k < 0  # "John Kasich (R-OH), said": a name set off by a comma alone
            seg = range(k + 1, j - 1)
            if not seg:
                continue
            seg_tags = [tags[x] for x in seg]
            seg_first = tokens[k + 1].text.lower()
            is_rel = seg_first in ("who", "which")
            if any(t in ("VBD", "VBZ", "VBP") for t in seg_tags) and not is_rel:
                continue
            in_paren = set()
            for x in seg:
                if tokens[x].text == "(":
                    in_paren.update(range(x, min(x + 10, j - 1)))
                if tokens[x].text == ")":
                    in_paren.add(x)
                    break
            names_only = all(t.startswith("NNP") or tokens[x].text.lower() in _titles() or tokens[x].text == "." or x in in_paren
                             for x, t in zip(seg, seg_tags))
            party = _PARTY_STATE.fullmatch(text[tokens[k + 1].start:tokens[j - 2].end])
            if party and k > 0:
                # "Sen. Chris Van Hollen, D-Md., said": the name before the party-state label
                st = _np_backward(tokens, tags, k, text)
                if st is None:
                    continue
                fr.speaker_toks = (st, k)
            elif names_only:
                fr.speaker_toks = (k + 1, j - 1)
            elif sentence_initial:
                continue
            else:
                kp = _paren_before(tokens, k)
                st = _np_backward(tokens, tags, kp, text)
                if st is None:
                    continue
                fr.speaker_toks = (st, k)
        else:
            st = _np_backward(tokens, tags, j, text)
            if st is None:
                continue
            st = _relative_head(tokens, tags, st, text)
            fr.speaker_toks = (st, j)
        a, b = fr.speaker_toks
        fr.speaker = (tokens[a].start, tokens[b - 1].end)
        fr.frame_start = fr.speaker[0]
        fr.trailing = _before_is_boundary(text, sent, fr.frame_start)
        frames.append(fr)
    # "quoted" used inside "Y quoted X as saying" is not a cue of its own
    frames = [f for f in frames if f.cue_i not in used_as_relay]
    for fr in frames:
        _find_content(text, sent, tokens, tags, quotes, fr, frames)
    return [f for f in frames if f.content is not None and f.content[1] > f.content[0]]


#: A US party-and-state label set off by commas after a politician's name: "D-Md.", "R-Ariz.", "I-Vt."
_PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z.]{1,6}")


def _clause_subject(text, sent, tokens, tags, i: int, frames) -> tuple[int, int] | None:
    """The speaker of a participle adjunct at token *i*: the previous frame's speaker in the
    sentence, or the noun phrase that opens the sentence (after an introductory phrase)."""
    for fr in reversed(frames):
        if fr.sent is sent and fr.cue_i < i and fr.speaker_toks and not _not_a_speaker(text, fr.speaker):
            return fr.speaker_toks
    k = 0
    # skip an introductory phrase ending in a comma: "On Monday, Clinton ..."
    for x in range(min(i - 1, 8)):
        if tokens[x].text == ",":
            k = x + 1
            break
    while k < i and tokens[k].text in _QUOTE_CHARS:
        k += 1
    end = _np_forward(tokens, tags, k, text)
    if end is None or end >= i:
        return None
    end = _paren_after(tokens, end)
    if end < len(tokens) and (tags[end].startswith(("VB", "MD")) or tokens[end].text.lower() in _AUX):
        return (k, end)
    return None


def _paren_after(tokens, end: int) -> int:
    """Extend a noun phrase ending at *end* over a short parenthetical: "Rep. Gwen Moore (D-Wis.)"."""
    if end < len(tokens) and tokens[end].text == "(":
        for k in range(end + 1, min(len(tokens), end + 10)):
            if tokens[k].text == ")":
                return k + 1
    return end


def _paren_before(tokens, j: int) -> int:
    """If a short parenthetical ends just before token *j*, the index where it opens; else *j*."""
    if j > 0 and tokens[j - 1].text == ")":
        for k in range(j - 2, max(-1, j - 10), -1):
            if tokens[k].text == "(":
                return k
            if tokens[k].text in (")", ".", ";") and tokens[k].end != tokens[k + 1].start:
                break
    return j


def _relative_head(tokens, tags, st: int, text: str) -> int:
    """Extend a subject back over a restrictive relative clause: "a senior official who spoke on condition of anonymity"."""
    for w in range(st - 1, max(-1, st - 12), -1):
        t = tokens[w].text
        if t in _PUNCT_BREAK or t in _QUOTE_CHARS:
            return st
        if t.lower() == "who":
            if w == 0 or tokens[w - 1].text == ",":
                return st
            head = _np_backward(tokens, tags, w, text)
            if head is None or tags[st].startswith("VB"):
                return st
            return head
    return st


def _before_is_boundary(text: str, sent: Sentence, pos: int) -> bool:
    """Is the text just before *pos* a clause boundary (a comma or a closing quote) after some content?"""
    k = pos
    while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
        k -= 1
    if k <= 0:
        return False
    if k <= sent.start:
        # Punkt ends a sentence at '?"' / '!"' / the mojibake '"?': '"...?" he said'
        return text[k - 1] in _QUOTE_CHARS or text[max(0, k - 2):k] == '"?'
    return text[k - 1] in ",;—–" or text[k - 1] in _QUOTE_CHARS or text[k - 2:k] == '"?'


_ADDRESSEE_VERBS = frozenset(["tell", "inform", "assure", "reassure", "brief"])
_OBJECT_PRONOUNS = frozenset("me us him her them you".split())


def _addressee(text, tokens, tags, fr: _Frame, i: int) -> int:
    """Skip the addressee of "told Y" (recording it; a medium becomes a relay); return the next index."""
    if i >= len(tokens):
        return i
    if tokens[i].text.lower() in _OBJECT_PRONOUNS:
        end = i + 1
    else:
        end = _np_forward(tokens, tags, i, text)
        if end is None:
            return i
        end = _paren_after(tokens, end)
    fr.addressee = (tokens[i].start, tokens[end - 1].end)
    name = _media_name(text[fr.addressee[0]:fr.addressee[1]])
    if name and name not in fr.relays:
        fr.relays = [*fr.relays, name]
    return end


def _find_content(text, sent, tokens, tags, quotes, fr: _Frame, frames: list[_Frame]) -> None:
    n = len(tokens)
    if fr.content is not None:
        return
    last_tok = fr.speaker_toks[1] - 1 if fr.inverted and fr.speaker_toks else fr.cue_i
    if fr.lemma == "according to":
        last_tok = fr.speaker_toks[1] - 1
    if fr.content_kind == "before" or (fr.trailing and not fr.coordinated_with):
        after = last_tok + 1
        if fr.lemma in _ADDRESSEE_VERBS and not fr.inverted:
            after = _addressee(text, tokens, tags, fr, after)
        after = _skip_adverbials_forward(tokens, tags, after, n)
        if fr.trailing and not fr.coordinated_with and _quote_before(text, sent, quotes, fr, frames) \
                and not (after < n and (tokens[after].text.lower() == "that" or tokens[after].text == ":")):
            # '"...," Stenberg said as she accepted her award.': the quote is the content, whatever follows
            q = _quote_before(text, sent, quotes, fr, frames)
            fr.content = (q.start, _trim_end(text, q.start, q.end))
            fr.direct, fr.content_kind = True, "quote"
            return
        if fr.trailing and (after >= n or tokens[after].text in (".", "!", "?", ";", ")") or tokens[after].text in _QUOTE_CHARS
                            or fr.inverted or _short_tail(tokens, tags, after)):
            _content_before(text, sent, quotes, fr, frames)
            if fr.content is not None and (fr.direct or fr.inverted or len(text[fr.content[0]:fr.content[1]].split()) > 1):
                return
            fr.content, fr.direct, fr.content_kind = None, False, "after"
        if fr.inverted or fr.lemma == "according to":
            return
    i = last_tok + 1
    if fr.lemma in _ADDRESSEE_VERBS:
        i = _addressee(text, tokens, tags, fr, i)
    i = _skip_adverbials_forward(tokens, tags, i, n)
    if i >= n:
        return
    t = tokens[i].text
    # "said, "..."" / "said: "..."" / "said "...""
    if t in (",", ":", "—", "–") or t in _QUOTE_CHARS:
        pos = tokens[i].end if t not in _QUOTE_CHARS else tokens[i].start
        q = _quote_at(text, quotes, pos, sent.end)
        if q is not None:
            fr.content = (q.start, _trim_end(text, q.start, q.end))
            fr.direct = True
            fr.content_kind = "quote"
            return
        if t == ":" and i + 1 < n:
            fr.content = (tokens[i + 1].start, _forward_end(text, sent, tokens, fr, frames, quotes))
            fr.content_kind = "after"
            return
        if t in (",", ".") and fr.trailing:
            _content_before(text, sent, quotes, fr, frames)
        return
    if t in (".", "!", "?", ";", ")"):
        if fr.trailing:
            _content_before(text, sent, quotes, fr, frames)
        return
    if t.lower() == "that" and i + 1 < n:
        i += 1
    elif fr.lemma in ("say", "tell") and tags[i] in ("TO", "IN") and t.lower() not in ("that", "if", "whether"):
        return  # "said to be", "told of": not a report
    fr.content = (tokens[i].start, _forward_end(text, sent, tokens, fr, frames, quotes))
    fr.content_kind = "after"


def _short_tail(tokens, tags, i: int) -> bool:
    """Is what follows token *i* a short verbless tail ("this month on CNBC.") rather than a clause?"""
    rest = tokens[i:]
    if len(rest) > 8 or not rest:
        return False
    first = rest[0].text.lower()
    second = rest[1].text.lower() if len(rest) > 1 else ""
    if not (tags[i] in ("IN", "RB") or first in _TIME_WORDS or (first in ("this", "last", "next") and second in _TIME_WORDS)):
        return False
    return not any(t.text.lower() in ("that", ":") or t.text in _QUOTE_CHARS or tags[i + k].startswith(("VB", "MD"))
                   or (tags[i + k] == "" and t.text[:1].isalnum()) for k, t in enumerate(rest))


def _quote_at(text: str, quotes: list[QuoteSpan], pos: int, limit: int) -> QuoteSpan | None:
    """The quotation whose opening mark is at *pos* (after white space), if any."""
    k = pos
    while k < len(text) and text[k].isspace():
        k += 1
    return quotes.opening_at(k)


def _strip_final_period(text: str, start: int, end: int) -> int:
    """End of ``text[start:end]`` without trailing white space and one final period."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in ".;:":
        end -= 1
    return end


def _quote_leads(text: str, sent: Sentence, q: QuoteSpan) -> bool:
    """Does quote *q* stand alone (opening its sentence, or after a colon/comma), not inside a paraphrase?"""
    if q.open_start <= sent.start:
        return True
    before = text[sent.start:q.open_start].rstrip()
    return not before or before[-1] in ":,;—–"


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing white space and a trailing comma (a period stays)."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return end


def _forward_end(text, sent, tokens, fr: _Frame, frames, quotes) -> int:
    """End of a content that follows its cue: the sentence end or the next trailing/coordinated frame."""
    end = sent.end
    for other in frames:
        if other is fr or other.cue_start <= fr.cue_end:
            continue
        if other.frame_start <= fr.cue_end:
            continue
        if other.coordinated_with is not None or other.trailing or other.participle:
            # only a frame outside a quote opened in the content terminates it
            end = min(end, other.frame_start)
            break
    # a direct quote that begins in the content and runs past the sentence end stays whole
    e = end
    while e > fr.cue_end and (text[e - 1].isspace() or text[e - 1] in ",.;:—–-" ):
        e -= 1
    if e > fr.cue_end and end < sent.end:
        # cut a trailing coordinator: "... and said"
        m = re.search(r"(?:,?\s+(?:and|but|or))$", text[fr.cue_end:e])
        if m:
            e = fr.cue_end + m.start()
    else:
        e = end
        while e > fr.cue_end and text[e - 1].isspace():
            e -= 1
        if e > fr.cue_end and text[e - 1] in ".;:":
            # keep a period that belongs to a closing quote mark (",\"" handled by quotes)
            e -= 1
        while e > fr.cue_end and text[e - 1] in ",—– ":
            e -= 1
    return _trim_end(text, fr.cue_end, e)


def _quote_before(text, sent, quotes, fr: _Frame, frames) -> QuoteSpan | None:
    """The quotation that ends with a comma (or ?/!) just before a trailing frame and stands alone."""
    k = fr.frame_start
    while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
        k -= 1
    if any(o is not fr and o.sent is fr.sent and o.cue_start < fr.frame_start for o in frames):
        return None
    for q in quotes.closing_near(k):
        if q.closed and _quote_leads(text, sent, q) and text[q.end - 1:q.end] in ",?!—–" \
                and (q.start >= sent.start or q.close_end > sent.start):
            return q
    return None


def _content_before(text, sent, quotes, fr: _Frame, frames) -> None:
    """Content for a trailing frame: the quote that ends right before it, or the clause before it."""
    k = fr.frame_start
    while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
        k -= 1
    # a quotation closing just before: '"...," X said' (the quote may start sentences earlier)
    earlier = [o for o in frames if o is not fr and o.sent is fr.sent and o.cue_start < fr.frame_start]
    for q in quotes.closing_near(k):
        if q.closed and not earlier and _quote_leads(text, sent, q):
            fr.content = (q.start, _trim_end(text, q.start, q.end))
            fr.direct = True
            fr.content_kind = "quote"
            return
    if k <= sent.start:
        return  # nothing of this sentence precedes the frame
    # the clause before: from the sentence start to the comma
    start = sent.start
    while start < k and (text[start].isspace() or text[start] in _QUOTE_CHARS):
        start += 1
    end = k
    while end > start and (text[end - 1] in ",;—– " or text[end - 1].isspace()):
        end -= 1
    if end > start:
        fr.content = (start, end)
        fr.content_kind = "before"


def _strip_article(s: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", s.strip(), flags=re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Pass 3 + 4: relays, continuations, resolution
# ---------------------------------------------------------------------------------------------

_PERSON_PRON = {"he": "m", "she": "f", "him": "m", "her": "f"}
_PLURAL_PRON = frozenset(["they", "we"])


def _mention_kind(mention: str, tokens_tags: list[tuple[str, str]]) -> tuple[str, str]:
    """``(kind, ref)`` of a speaker mention read alone (before resolution)."""
    if "(" in mention and tokens_tags and any(w == "(" for w, _ in tokens_tags):
        # "Rep. Gwen Moore (D-Wis.)": read the mention without its parenthetical
        cut = next(k for k, (w, _) in enumerate(tokens_tags) if w == "(")
        if cut > 0:
            return _mention_kind(mention[: mention.index("(")].rstrip(), tokens_tags[:cut])
    if _anonymity().search(mention.lower()) and mention.lower().strip() not in _SUBJ_PRON:
        return "anonymous", _strip_article(_strip_relative(mention))
    for k, (w, _) in enumerate(tokens_tags):
        if k > 0 and (w in ("in", "from", "at") or (w == "of" and (tokens_tags[k - 1][0][:1].islower() or tokens_tags[k - 1][1] in ("NN", "NNS")))):
            # "officials in Kabul", "residents of Bazarak": the head comes before the preposition
            kind, ref = _mention_kind(mention[: _nth_word_start(mention, tokens_tags, k)].rstrip(), tokens_tags[:k])
            return kind, (ref if kind in ("person", "media") else _strip_article(mention))
    low = mention.lower().strip()
    if low in _SUBJ_PRON:
        return "pronoun", mention
    media = _media_name(mention)
    if media:
        return "media", media
    # the proper-name part: the trailing run of capitalised words (titles included)
    words = [(w, t) for w, t in tokens_tags]
    run: list[str] = []
    for w, t in reversed(words):
        if (t.startswith("NNP") or (w[:1].isupper() and t not in ("DT", "PRP", "PRP$", "IN", "CC", "POS"))) and w not in ("'s", "’s"):
            run.insert(0, w)
        elif w == "." and run:
            run.insert(0, w)
        else:
            break
    run_text = _join_name(run)
    roles = _role_words()
    head = words[-1][0].lower() if words else ""
    # "the Ministry of Public Health": a capitalised organization noun joined by "of"/"for"/"and"
    ext = len(words) - len(run)
    while ext >= 2 and words[ext - 1][0].lower() in ("of", "for", "and", "&") and words[ext - 2][0][:1].isupper():
        ext -= 2
        while ext >= 1 and words[ext - 1][0][:1].isupper() and words[ext - 1][1] not in ("DT", "POS"):
            ext -= 1
    if len(run) > 1:
        # "Senate Majority Leader Mitch McConnell": a name after the last role word of the run
        kinds = [roles.get(w.lower().rstrip("."), "title" if w.lower() in _titles() else None) for w in run]
        k = max((x for x, kd in enumerate(kinds) if kd in ("role", "title")), default=-1)
        if 0 < k < len(run) - 1 and any(kd == "organization" for kd in kinds[:k]) and not any(kinds[k + 1:]) \
                and all(w[:1].isupper() and w[1:2].islower() for w in run[k + 1:]):
            return "person", _join_name(run[k + 1:])
    if run and ext < len(words) - len(run) and any(
            roles.get(w.lower()) == "organization" for w, _ in words[ext:len(words) - len(run)]):
        return "organization", _strip_article(mention)
    if _anonymity().search(low):
        return "anonymous", _strip_article(_strip_relative(mention))
    if run and run_text and (run_text.lower() in _countries() or run_text.lower() in roles) and len(run) == len(
            [w for w, _ in words if w.lower() not in ("the",)]):
        return roles.get(run_text.lower(), "organization"), _strip_article(mention)
    if run and run_text:
        first_low = run[0].lower()
        det = words[0][0].lower() in ("the",) and len(words) >= 1
        last_low = run[-1].lower()
        if last_low in roles and roles[last_low] == "organization":
            return "organization", _strip_article(mention)
        if any(w.lower() in roles and roles[w.lower()] == "organization" for w in run) and first_low not in _titles():
            return "organization", _strip_article(mention)
        if det and len(run) == len(words) - 1 and first_low not in _titles():
            return "organization", _strip_article(mention)  # "the Taliban", "the Pentagon"
        if len(run) == 1 and last_low in roles:
            return roles[last_low], _strip_article(mention)
        if words and head in ("taliban",):
            return "organization", _strip_article(mention)
        return "person", run_text
    if head in roles:
        return roles[head], _strip_article(mention)
    for w, _ in reversed(words):
        if w.lower() in roles:
            return roles[w.lower()], _strip_article(mention)
    return "unknown", _strip_article(mention)


def _nth_word_start(mention: str, tokens_tags, k: int) -> int:
    """Character offset in *mention* where its k-th token starts (tokens as found in order)."""
    pos = 0
    for w, _ in tokens_tags[:k]:
        found = mention.find(w, pos)
        if found < 0:
            return len(mention)
        pos = found + len(w)
    found = mention.find(tokens_tags[k][0], pos)
    return found if found >= 0 else len(mention)


def _strip_relative(s: str) -> str:
    return re.split(r"\s+(?:who|which|that)\s+", s, maxsplit=1)[0]


def _join_name(words: list[str]) -> str:
    out = ""
    for w in words:
        if w == "." or not out:
            out += w
        else:
            out += " " + w
    return out


def _resolve(records: list[dict], mentions: list[tuple[str, str]], text: str, quotes: list[QuoteSpan] = ()) -> None:
    """Resolve pronouns, role nouns, documents and bare surnames to earlier mentions, in text order.

    Pronouns (see :func:`_pronoun_antecedent`): "he"/"she" go to the nearest earlier
    speaker of that gender, or, when no speaker is close, to the nearest named person of
    the text; "they"/"it" to a group or organization. "I" outside any quotation is the
    person answering in an interview (:func:`_interview_label`), else the author's own
    voice: ``("person", "the author")``. Role nouns ("the spokesperson") go to
    the nearest earlier mention holding the noun; documents ("the statement") to their issuer
    (:func:`_document_issuer`); bare surnames to the nearest earlier full name.
    """
    titles = _titles()
    inside = quotes.inside if isinstance(quotes, _QuoteList) else _Spans((q.start, q.end) for q in quotes)
    history: list[dict] = []  # resolved records so far, in order of speaker position
    by_word = _History()  # the same, known-kind ones, by each word of the mention (lower case)
    by_surname = _History()  # the same, people named in full, by last word of the name
    people: list | None = None  # named people of the text, found on first need
    # names are only needed before the last "he"/"she"/"the 57-year-old"
    last = max((r["speaker_start"] for r in records if r["speaker_start"] is not None and (
        (r["speaker_text"] or "").lower() in _PERSON_PRON or _AGE_NOUN.match((r["speaker_text"] or "").lower()))), default=0)
    for rec, (kind, ref) in zip(records, mentions):
        low = (rec["speaker_text"] or "").lower()
        words = ref.split()
        if kind == "pronoun":
            if low == "i":
                kind, ref = _interview_label(text, rec["speaker_start"]) or ("person", "the author")
            else:
                if low in _PERSON_PRON and people is None:
                    people = [p for p in _named_people(text[:last]) if not inside.covers(p[0])]
                found = _pronoun_antecedent(low, rec["speaker_start"], history, people or [], text)
                kind, ref = found if found is not None else ("unknown", ref)
        elif kind == "unknown" and _AGE_NOUN.match(low):
            # "the 57-year-old" stands for a person named before, like "he" or "she"
            if people is None:
                people = [p for p in _named_people(text[:last]) if not inside.covers(p[0])]
            found = _pronoun_antecedent("", rec["speaker_start"], history, people, text)
            kind, ref = found if found is not None else ("unknown", ref)
        elif kind == "unknown" and _document_head(low):
            found = _document_issuer(text, rec, history)
            if found is not None:
                kind, ref = found
        elif kind in ("role", "anonymous", "organization") and low.startswith(("the ", "this ")):
            # "the spokesperson" -> the nearest earlier mention holding that noun (and a name)
            # ("The White House list", of kind unknown, says nothing about "The White House":
            # such mentions are not in the index)
            found = by_word.latest(low.split()[-1], rec["speaker_start"], low)
            if found is not None:
                kind, ref = found["mention_kind"], found["speaker_ref"]
        elif kind == "person" and len([w for w in words if w.lower() not in titles]) == 1:
            surname = [w for w in words if w.lower() not in titles][0]
            prev = by_surname.latest(surname, rec["speaker_start"])
            found = prev["speaker_ref"] if prev is not None else None
            if found is None and rec["speaker_start"] is not None:
                m = None
                for m in re.finditer(r"((?:[A-Z][\w'’-]+\.?[ \t\u00a0]+){1,3})" + re.escape(surname) + r"\b", text[max(0, rec["speaker_start"] - 20000): rec["speaker_start"]]):
                    pass
                if m is not None and not re.search(r"[a-z]{3,}\.", m.group(1)):  # not "Queensland. Ayliffe"
                    found = (m.group(1) + surname).strip()
            if found:
                ref = found
        rec["mention_kind"], rec["speaker_ref"] = kind, ref
        history.append(rec)
        if rec["speaker_text"] is not None and kind != "unknown":
            mention_low = rec["speaker_text"].lower()
            for w in set(mention_low.split()):
                by_word.add(w, rec, mention_low)
        if kind == "person":
            ref_words = ref.split()
            if len(ref_words) > 1:
                by_surname.add(ref_words[-1], rec, ref)


class _History:
    """Resolved records under keys (a word, a surname), in the order they were resolved.

    :func:`_resolve` looks back for the nearest earlier record under a key whose speaker
    starts before a position and whose mention differs from the one being resolved; this
    finds it without scanning the whole article's records. Records come in order of speaker
    position, so only the last few can start at or after the position, and a run of records
    with the same mention is stepped over at once.
    """

    def __init__(self):
        self._recs: dict[str, list[dict]] = {}
        self._texts: dict[str, list[str]] = {}
        self._skip: dict[str, list[int]] = {}  # index of the last earlier record with another text, or -1

    def add(self, key: str, rec: dict, text: str) -> None:
        recs = self._recs.setdefault(key, [])
        texts = self._texts.setdefault(key, [])
        skip = self._skip.setdefault(key, [])
        if texts:
            skip.append(len(texts) - 1 if texts[-1] != text else skip[-1])
        else:
            skip.append(-1)
        recs.append(rec)
        texts.append(text)

    def latest(self, key: str, before: int, not_text: str | None = None) -> dict | None:
        """The last record under *key* whose speaker starts before *before* and whose text is not *not_text*."""
        recs = self._recs.get(key)
        if not recs:
            return None
        texts, skip = self._texts[key], self._skip[key]
        k = len(recs) - 1
        while k >= 0:
            if recs[k]["speaker_start"] >= before:
                k -= 1
            elif texts[k] == not_text:
                k = skip[k]
            else:
                return recs[k]
        return None


#: How much farther back (characters) a name of the pronoun's gender may be than a name of unknown gender.
_SURE_GENDER_BONUS = 300
_AGE_NOUN = re.compile(r"^(?:the|a)\s+\d+-year-old$")

_LABEL = re.compile(r"(?:^|(?<=[.?!\n\"”])|(?<=[-–—] ))[ \t\u00a0]*((?:[A-Z][\w.'’-]*)(?:[ \u00a0]+[A-Z][\w.'’-]*){0,3}):[ \u00a0]+(?=[A-Z\"“])")


def _interview_label(text: str, pos: int) -> tuple[str, str] | None:
    """``(kind, ref)`` of the interview speaker label ("Simone Young: I'm surprised ...")
    that the answer holding *pos* follows, within 1,500 characters; None outside interviews.

    In a question-and-answer interview "I" is the person answering, not the author.
    """
    window_start = max(0, pos - 1500)
    found = None
    for m in _LABEL.finditer(text, window_start, pos + 1):
        found = m
    if found is None:
        return None
    label = found.group(1)
    if label.lower().rstrip(".") in _NOT_SPEAKERS or label.split()[0].lower() in _NOT_SPEAKERS:
        return None
    kind, ref = _mention_kind(label, _rough_tags(label))
    if kind not in ("person", "role", "organization", "media", "anonymous"):
        return None
    return kind, ref


#: How far back (characters) a speaker is preferred to a merely named person for "he"/"she".
_NEAR_SPEAKER = 600
#: How far back (characters) named people and group nouns are looked for.
_NEAR_MENTION = 2000


def _pronoun_antecedent(low: str, pos: int, history: list[dict], people: list[tuple[int, str, str]], text: str) -> tuple[str, str] | None:
    """``(kind, ref)`` a third-person speaker pronoun stands for, or None.

    "he"/"she": the nearest earlier person/role speaker of a compatible gender if it is
    within :data:`_NEAR_SPEAKER` characters, else the nearest named person of that gender
    in the text before (within :data:`_NEAR_MENTION`), else any earlier compatible speaker.
    "they"/"we": the nearest earlier speaker that is not a single person; then a plural
    role noun or organization noun just before ("Residents ... They said"). "it": an earlier
    organization or media speaker, then an organization noun just before.
    """
    if low in _PERSON_PRON or low == "":
        want = _PERSON_PRON.get(low, "")
        before_pos = bisect.bisect_left(people, (pos,))  # people are in text order: people[:before_pos] precede pos
        # the nearest compatible earlier speaker (only the nearest is ever used)
        nearest = next((p for p in reversed(history)
                        if p["speaker_start"] is not None and p["speaker_start"] < pos
                        and p["mention_kind"] in ("person", "role")
                        and not (p["mention_kind"] == "role" and _is_group(p["speaker_ref"]))
                        and (not want or _gender_of(p["speaker_ref"], p["speaker_text"]) in ("", want))), None)
        if nearest is not None and pos - nearest["speaker_start"] <= _NEAR_SPEAKER:
            near = nearest
            if want and _gender_of(near["speaker_ref"], near["speaker_text"]) == "":
                # a person of the right gender named after a speaker of unknown gender is closer:
                # "... Cipriani, 29, the court heard. But when Lisa Murphy ... she asked"
                for k in range(before_pos - 1, -1, -1):
                    start, name, gender = people[k]
                    if start <= near["speaker_start"]:
                        break
                    if gender == want:
                        return "person", name
            return near["mention_kind"], near["speaker_ref"]
        near_any = near_sure = None
        for k in range(before_pos - 1, -1, -1):
            start, name, gender = people[k]
            if start < pos - _NEAR_MENTION:
                break
            if not want or gender in ("", want):
                near_any = near_any or (start, name)
                if want and gender == want:
                    near_sure = (start, name)
                    break
        if near_sure is not None and near_any[0] - near_sure[0] <= _SURE_GENDER_BONUS:
            return "person", near_sure[1]  # "Lisa Murphy ... with Cipriani, 29 ... she asked"
        if near_any is not None:
            return "person", near_any[1]
        if nearest is not None:
            return nearest["mention_kind"], nearest["speaker_ref"]
        return None
    for prev in reversed(history):
        if prev["speaker_start"] is None or prev["speaker_start"] >= pos or prev["mention_kind"] in ("unknown", "pronoun"):
            continue
        if low in _PLURAL_PRON and prev["mention_kind"] == "person":
            continue
        if low == "it" and prev["mention_kind"] not in ("organization", "media"):
            continue
        return prev["mention_kind"], prev["speaker_ref"]
    if low == "we":
        return None  # "we" is the speaker's own group, not a group named before
    return _group_noun_before(text, pos, plural=low in _PLURAL_PRON)


_NAME_WORD = r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?|(?:Mc|Mac|O'|O’)[A-Z][a-z]+)"
_GROUP_WORDS = frozenset("people men women police many others everyone everybody all both staff crew".split())


def _is_group(ref: str | None) -> bool:
    """Does a role mention name several people ("residents", "many posters", "former colleagues")?"""
    words = re.findall(r"[a-z]+", (ref or "").lower().split(" of ")[0])
    if not words:
        return False
    head = words[-1]
    return head in _GROUP_WORDS or (head.endswith("s") and not head.endswith(("ss", "us", "is")))


_TITLED_NAME = re.compile(r"(?<![\w.])(Mr|Mrs|Ms|Miss|Dr)\.?[ \u00a0]+(" + _NAME_WORD + r")\b")
_NAME_RUN = re.compile(r"(?<![\w.'’])(" + _NAME_WORD + r"(?:[ \u00a0]+[A-Z]\.)?(?:[ \u00a0]+" + _NAME_WORD + r"){0,7})\b")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \u00a0]+$")
_WORD_AFTER = re.compile(r",?[ \u00a0]+([a-z]+)")
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


@functools.cache
def _name_genders() -> dict[str, str]:
    """First name (lower case) -> "m", "f", or "" when NLTK's ``names`` lists it as both."""
    resources.require("names")
    from nltk.corpus import names

    out: dict[str, str] = {}
    for fileid, gender in (("male.txt", "m"), ("female.txt", "f")):
        for name in names.words(fileid):
            key = name.lower()
            out[key] = gender if out.get(key, gender) == gender else ""
    return out


def _gender_of(ref: str | None, mention: str | None) -> str:
    """"m", "f" or "" (unknown) for a speaker, from its title, first name or role noun."""
    words = [w.strip(".,").lower() for w in (mention or "").split()] + [w.strip(".,").lower() for w in (ref or "").split()]
    for w in words:
        if w in _TITLE_GENDER:
            return _TITLE_GENDER[w]
    genders = _role_genders()
    for w in words:
        if w in genders:
            return genders[w]
    titles = _titles()
    first = [w for w in (ref or "").split() if w.lower() not in titles and w.lower().strip(".") not in titles
             and f"{w.lower().strip('.')}." not in titles and w[:1].isupper()]
    if first:
        return _name_genders().get(first[0].lower(), "")
    return ""


def _named_people(text: str) -> list[tuple[int, str, str]]:
    """``(start, full name, gender)`` of the people the text names, in order.

    A run of two to four capitalised words is a person's name when, once leading titles
    and role words are set aside ("President Barack Obama", "Spokesperson Svetlana
    Petrenko"), two or three words remain and the first is a first name of NLTK's
    ``names`` corpus, or a title / role noun stood before it ("adviser Kellyanne Conway"),
    or a reporting verb follows it ("Rima Batalova said"). "Mr./Mrs./Ms. Surname" is a name
    too. The gender comes from the title ("Mrs."), the role noun ("spokeswoman") or the
    first name (NLTK's ``names``; "" when unknown or listed for both). Later mentions of a
    found name's surname alone ("Conway") are listed as the full name.
    """
    genders = _name_genders()
    role_words = {w for w, k in _role_words().items() if k == "role"} | _titles()
    role_genders = _role_genders()
    cues = cue_lexicon()
    found: list[tuple[int, str, str]] = []
    for m in _TITLED_NAME.finditer(text):
        found.append((m.start(), f"{m.group(1)}. {m.group(2)}", _TITLE_GENDER.get(m.group(1).lower(), "")))
    for m in _NAME_RUN.finditer(text):
        words = m.group(1).split()
        starts = [m.start(1) + k for k in _word_offsets(m.group(1))]
        lows = [w.lower().rstrip(".") for w in words]
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        role = before.group(1).lower() if before and before.group(1).lower() in role_words else None
        # the name follows the last title or role word of the run: "Spokesperson Svetlana Petrenko"
        last_role = max((k for k, w in enumerate(lows) if w in role_words), default=-1)
        if last_role >= 0:
            role = lows[last_role]
            words, starts = words[last_role + 1:], starts[last_role + 1:]
        after = _WORD_AFTER.match(text, m.end(), m.end() + 20)
        cue_after = bool(after and after.group(1) in cues)
        if len(words) > 3:
            firsts = [k for k, w in enumerate(words) if w.lower() in genders]
            if cue_after:  # "Russian Paralympic Committee Rima Batalova said"
                cut = len(words) - (3 if words[-3].lower() in genders else 2)
            elif firsts:
                cut = firsts[0]
            else:
                continue
            words, starts = words[cut:cut + 3], starts[cut:cut + 3]
        if not words or (len(words) == 1 and (role is None or role not in _titles())):
            continue  # one word is a name only after a title: "President Trump"
        first = words[0].lower()
        if first not in genders and role is None and not cue_after:
            continue
        if first not in genders and len(words) == 3 and role is None:
            words, starts = words[1:], starts[1:]  # "Cyprus Stanislav Osadchy said": keep the name
        gender = role_genders.get(role or "", "") or genders.get(first, "")
        found.append((starts[0], " ".join(words), gender))
    found.sort()
    surnames = {n.split()[-1]: (n, g) for _, n, g in found if " " in n}
    if surnames:
        pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True))) + r")\b(?![ \u00a0][A-Z])")
        firsts: dict[str, int] = {}
        for start, name, _ in found:
            firsts.setdefault(name, start)
        extra = []
        for m in pattern.finditer(text):
            name, gender = surnames[m.group(1)]
            if m.start() > firsts.get(name, len(text)) + len(name):
                extra.append((m.start(), name, gender))
        found = sorted(found + extra)
    return found


def _word_offsets(run: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\S+", run)]


def _group_noun_before(text: str, pos: int, plural: bool) -> tuple[str, str] | None:
    """The nearest group noun in the 400 characters before *pos*: for "they" a plural role or
    organization noun ("Residents ... They said", "the militants"), for "it" a singular
    organization noun ("the ministry", "The hospital"). Nouns written with a capital inside
    the text ("MOSCOW, February 7", "Berlin") are places or names, not taken here."""
    window = text[max(0, pos - 400):pos]
    roles = _role_words()
    best = None
    for m in re.finditer(r"(?:(?:[Tt]he|[Ii]ts|[Tt]heir)[ \u00a0]+)?((?:[A-Z][\w'’.-]*[ \u00a0]+){0,4}?)([A-Za-z][a-z]+)\b", window):
        head = m.group(2).lower()
        kind = roles.get(head)
        if kind is None:
            continue
        if m.group(2)[0].isupper() and not (plural and m.start() == m.start(2) and re.search(r"(?:^|[.!?\n][\"”’]?)\s*$", window[:m.start()])):
            continue  # a capitalised noun is a name, unless a plural opens a sentence ("Residents of Bazarak")
        is_plural = head.endswith("s") or head in ("police", "taliban", "military", "people")
        if plural and not is_plural:
            continue
        if not plural and (kind != "organization" or is_plural):
            continue
        best = m
    if best is None:
        return None
    return roles[best.group(2).lower()], _strip_article(best.group(0).strip())


def _document_head(low: str) -> bool:
    """Is this mention headed by a document noun ("the report", "a new study")?"""
    words = re.findall(r"[a-z]+", low.split(" from ")[0].split(" by ")[0].split(" of ")[0])
    return bool(words) and (words[-1] in _document_words() or " ".join(words[-2:]) in _document_words())


_ISSUED = re.compile(
    r"([Tt]he[ \u00a0]+[a-z]+|(?:[Tt]he[ \u00a0]+)?(?:[A-Z][\w'’.&-]*[ \u00a0]+){0,5}[A-Z][\w'’.&-]*)"
    r"[ \u00a0]+(?:\w+[ \u00a0]+)?(?:issued|released|published|put[ \u00a0]+out|sent|posted|filed|wrote)[ \u00a0]+"
    r"(?:a|an|its|their|the|his|her)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,3}?(\w+)\b"
)


def _document_issuer(text: str, rec: dict, history: list[dict]) -> tuple[str, str] | None:
    """``(kind, ref)`` of the issuer of a document speaker ("the statement"), or None.

    The issuer is named inside the mention ("a statement from the Interior Ministry"), or in
    the same or the previous sentence: as the subject of issued/released/published... with
    that document ("The ministry issued a statement on Monday. The statement said ..."), or
    as the speaker of an earlier quote given "in a statement" / "in a report".
    """
    mention = rec["speaker_text"] or ""
    start = rec["speaker_start"]
    # "a statement from Texas Lt. Gov. Dan Patrick", "Amnesty's report", "a report published
    # on Tuesday by rights group Amnesty International": the issuer in or right after the mention
    tail = text[rec["speaker_end"]:rec["speaker_end"] + 80].split("\n")[0]
    for issuer in (_issuer_in(mention), _issuer_in(mention + tail, after_only=True)):
        if issuer is not None:
            return issuer
    lo = max(0, start - 400)
    dot = [k for k in (text.rfind(". ", lo, start), text.rfind(".\n", lo, start)) if k >= 0]
    if dot:  # back to the start of the previous sentence
        prev_dot = max(text.rfind(". ", lo, max(dot)), text.rfind(".\n", lo, max(dot)))
        lo = prev_dot + 1 if prev_dot >= 0 else lo
    head = re.findall(r"[a-z]+", mention.lower())[-1]
    best = None
    for m in _ISSUED.finditer(text, lo, start):
        if m.group(2).lower().rstrip("s") == head.rstrip("s"):
            best = m
    if best is not None:
        issuer = best.group(1)
        kind, ref = _mention_kind(issuer, _rough_tags(issuer))
        if kind in ("person", "role", "organization", "media", "anonymous"):
            return kind, ref
    for prev in reversed(history):  # in order of speaker position: stop at the first before lo
        if prev["speaker_start"] is not None and prev["speaker_start"] < lo:
            break
        if prev["speaker_start"] is None or prev["speaker_start"] >= start:
            continue
        if prev["mention_kind"] in ("person", "role", "organization", "media", "anonymous") and \
                re.search(r"\b" + re.escape(head) + r"\b", text[prev["cue_start"]:prev["content_start"]].lower() + " " + (prev["channel"] or "")):
            return prev["mention_kind"], prev["speaker_ref"]
    return None


_ISSUER_AFTER = re.compile(
    r"^[^,;:\"“”]{0,40}?\b(?:from|by)[ \u00a0]+((?:the[ \u00a0]+)?(?:[a-z]+[ \u00a0]+){0,2}?(?:[A-Z][\w'’.&-]*(?:[ \u00a0]+(?:of|for|and|on)[ \u00a0]+|[ \u00a0]+)?){1,7})")
_ISSUER_POSSESSIVE = re.compile(r"^(?:[Tt]he[ \u00a0]+)?((?:[A-Z][\w.&-]*[ \u00a0]+){0,5}[A-Z][\w.&-]*)['’]s?[ \u00a0]+")


def _issuer_in(phrase: str, after_only: bool = False) -> tuple[str, str] | None:
    """``(kind, ref)`` of a document's issuer named in *phrase*: after "from"/"by" ("a
    statement from the Interior Ministry"), or as a possessive ("Amnesty's report")."""
    found = []
    m = _ISSUER_AFTER.match(phrase)
    if m:
        found.append(m.group(1).strip())
    if not after_only:
        p = _ISSUER_POSSESSIVE.match(phrase)
        if p:
            found.append(p.group(1))
    for issuer in found:
        issuer = re.sub(r"[ \u00a0]+(?:of|for|and|on)$", "", issuer.strip())
        if issuer.endswith(".") and not re.search(r"(?:^|[ \u00a0.])[A-Z][a-z]?\.$", issuer):
            issuer = issuer[:-1]  # "Japan's Foreign Ministry." but "Lt. Gov. Dan Patrick", "U.S."
        issuer = re.sub(r"^(?:rights|human rights|watchdog|advocacy)[ \u00a0]+group[ \u00a0]+", "", issuer)
        words = issuer.split()
        if not words or any(w.lower().strip(".,") in _TIME_WORDS for w in words):
            continue  # "a statement on Monday"
        kind, ref = _mention_kind(issuer, _rough_tags(issuer))
        if kind == "person" and len(words) == 1:
            kind = "organization"  # "Amnesty's report", "RUSADA's statement": documents come from bodies
        if kind in ("person", "role", "organization", "media", "anonymous"):
            return kind, ref
    return None


def _rough_tags(mention: str) -> list[tuple[str, str]]:
    """Word/tag pairs for a mention read without the tagger (capitalised words as names)."""
    out = []
    for w in re.findall(r"[\w.&-]+|'s|’s", mention):
        low = w.lower()
        if low in ("the", "a", "an"):
            out.append((w, "DT"))
        elif low in ("'s", "’s"):
            out.append((w, "POS"))
        elif low in ("of", "for", "in", "from", "at", "by"):
            out.append((w, "IN"))
        elif low == "and":
            out.append((w, "CC"))
        else:
            out.append((w, "NNP" if w[:1].isupper() else "NN"))
    return out


def _channel_of(text: str, sent: Sentence, content: tuple[int, int], extra: str = "") -> str | None:
    outside = (text[sent.start:content[0]] if content[0] > sent.start else "") + " | " + (text[content[1]:sent.end] if content[1] < sent.end else "")
    outside = (outside + " " + extra).lower()
    for pattern, channel in _channels():
        if pattern.search(outside):
            return channel
    return None


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def extract_quotes(text: str, sentences: list[Sentence]) -> list[dict]:
    """Every attributed statement of an article, in text order.

    Args:
        text: the article text.
        sentences: its sentences, as made by :func:`panjshir_toolkit.text.split_sentences`.

    Returns:
        One dict per statement with the keys of :data:`RECORD_KEYS`: the speaker mention
        (``speaker_text/_start/_end``, None when implicit), ``speaker_ref`` (the name the
        mention stands for after resolving pronouns, role nouns and surnames within the
        article), ``mention_kind`` (person | role | anonymous | organization | media |
        unknown), the cue (``cue``, ``cue_lemma``, ``cue_category``, ``cue_start/_end``), the
        content (``content``, ``content_start/_end``), ``quote_type`` (direct | indirect |
        mixed), ``channel`` (or None), ``relayed_by`` (a list, nearest first) and
        ``sentence_ids`` (the sentences the content spans). Every span satisfies
        ``text[start:end] == field``. Sorted by content start, then cue start.

    The extractor never raises on odd text: a sentence its rules cannot read yields nothing.

    Raises:
        ResourceMissingError: when NLTK's POS tagger is not installed, or NLTK's ``names``
            corpus when an article has a "he"/"she" speaker to resolve.

    Example:
        >>> from panjshir_toolkit.text import split_sentences
        >>> t = 'A Taliban source said the advance had slowed, reported Al Jazeera.'
        >>> [(r["speaker_text"], r["cue"], r["content"], r["relayed_by"]) for r in extract_quotes(t, split_sentences(t))]
        [('A Taliban source', 'said', 'the advance had slowed', ['Al Jazeera'])]
    """
    return _extract(text, sentences, strict=False)


def _extract(text: str, sentences: list[Sentence], strict: bool) -> list[dict]:
    if not text or not sentences:
        return []
    para_bounds: dict[int, list[int]] = {}
    for s in sentences:
        b = para_bounds.setdefault(s.paragraph_id, [s.start, s.end])
        b[0], b[1] = min(b[0], s.start), max(b[1], s.end)
    quotes = _QuoteList(find_quote_spans(text, sorted(tuple(b) for b in para_bounds.values())))
    by_offset = _SentenceIndex(sentences)
    frames: list[_Frame] = []
    tagged: dict[int, tuple[list[Token], list[str]]] = {}
    for sent in sentences:
        if not _is_candidate(sent.text):
            continue
        try:
            toks = tokenize(sent.text, sent.start)[:_MAX_TOKENS]
            tags = _tag_window(toks)
            if tags is None:
                continue
            tagged[sent.sentence_id] = (toks, tags)
            frames.extend(f for f in _find_frames(text, sent, toks, tags, quotes) if not _not_a_speaker(text, f.speaker))
        except Exception:
            if strict:
                raise
            continue  # rules that cannot read a sentence must not sink the article
    frames = _relays(text, frames)
    frames = _continuations(text, by_offset, quotes, frames)
    frames += [f for f in _punctuation_frames(text, by_offset, quotes, frames, sorted(tuple(b) for b in para_bounds.values()))
               if not _not_a_speaker(text, f.speaker)]
    frames = _drop_nested_first_person(text, frames)
    records, mentions = [], []
    for fr in frames:
        rec, mention = _record(text, by_offset, quotes, fr, tagged)
        records.append(rec)
        mentions.append(mention)
    order = sorted(range(len(records)), key=lambda k: (records[k]["speaker_start"] if records[k]["speaker_start"] is not None else records[k]["cue_start"]))
    _resolve([records[k] for k in order], [mentions[k] for k in order], text, quotes)
    records.sort(key=lambda r: (r["content_start"], r["cue_start"]))
    return records


_LOWER_WORD = re.compile(r"(?<![\w'’-])([a-z][a-z-]*)")
_WEEKDAYS_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february april june july "
    "august september october november december".split()
)  # not "may" and "march": Theresa May, a march
_FUNCTION_ONLY = frozenset("the a an this that these those".split())


def _speaker_head(mention: str) -> str:
    """The head noun of a speaker mention, lower case: the last word before a relative
    clause, a parenthesis or a preposition, numbers and possessive endings dropped
    ("Germany's number 1" -> "number", "Seven violations of the ceasefire" -> "violations")."""
    words = re.findall(r"[A-Za-z][\w'’-]*|\d[\d,.]*|\(", mention)
    out = []
    for k, w in enumerate(words):
        if w == "(" or (k > 0 and w.lower() in ("who", "which", "that", "of", "in", "from", "at", "with", "for")):
            break
        out.append(w)
    while out and not out[-1][:1].isalpha():
        out.pop()
    if not out:
        return ""
    return re.sub(r"['’]s?$", "", out[-1].lower())


def _not_a_speaker(text: str, span: tuple[int, int] | None) -> bool:
    """Is the subject found for a cue not a possible source? Such frames are dropped.

    Not a source: a mention without a letter (a year, "2013", a stray symbol); a determiner
    alone ("The reported crime"); a fragment glued to the word before it ("don"t" read as
    the subject "t", "I"?ve", "Cosmopolitan.com": mojibake contractions and domain names);
    "you" (the reader or an interviewer addressed, never the source of a report); a
    mention headed by a noun of lexicon table ``non_speakers`` ("the time", "an area",
    "Jewish law", "Seven violations").
    """
    if span is None:
        return False
    a, b = span
    mention = text[a:b]
    if not any(c.isalpha() for c in mention):
        return True
    if all(w in _FUNCTION_ONLY for w in mention.lower().split()):
        return True
    if a > 0:
        before = text[a - 1]
        if before.isalnum():
            return True
        if mention[:1].islower() and a > 1 and (
                ((before in _QUOTE_CHARS or before == ".") and text[a - 2].isalnum())
                or (before == "?" and a > 2 and text[a - 2] in _QUOTE_CHARS and text[a - 3].isalnum())):
            return True  # didn"t, didn"?t, I"ve, Cosmopolitan.com (but not ',"?she said')
    low = mention.lower().strip()
    if low == "you":
        return True
    head = _speaker_head(mention)
    words = re.findall(r"[a-z]+", low)
    if any(w in _document_words() for w in words):
        return False  # "A Government Accountability Office report released last year"
    if head in _WEEKDAYS_MONTHS:
        return True  # "put out a statement late Monday saying ..."
    if head not in _LOWER_WORD.findall(mention):
        return False  # the head is capitalised: a name ("The New York Times"), not a common noun
    return head in _non_speaker_words() or " ".join(words[-2:]) in _non_speaker_words()


def _drop_nested_first_person(text: str, frames: list[_Frame]) -> list[_Frame]:
    """Drop "I"/"we" frames whose cue lies inside another frame's content.

    First-person words inside a statement belong to that statement's speaker ("Smith said
    we told them to leave": the speaker is Smith, "we told" is part of what he said), so
    they are not speakers of nested attributions of their own.
    """
    spans = [f.content for f in frames if f.content is not None]
    union = _Spans(spans)
    out = []
    for f in frames:
        if f.speaker is not None and text[f.speaker[0]:f.speaker[1]].lower() in ("i", "we"):
            own = f.content
            if own is not None and own[0] <= f.cue_start < own[1]:
                # the frame's own content holds its cue: only another content counts (rare; scan)
                nested = any(a <= f.cue_start < b for a, b in spans if (a, b) != own)
            else:
                nested = union.covers(f.cue_start)
            if nested:
                continue
        out.append(f)
    return out


def _relays(text: str, frames: list[_Frame]) -> list[_Frame]:
    """Media frames holding another statement become relays of that statement."""
    by_cue = sorted(range(len(frames)), key=lambda k: frames[k].cue_start)
    cue_starts = [frames[k].cue_start for k in by_cue]
    by_sentence: dict[int, list[_Frame]] = {}
    for o in frames:
        by_sentence.setdefault(id(o.sent), []).append(o)
    for fr in frames:
        if fr.speaker is None or fr.content is None:
            continue
        name = _media_name(text[fr.speaker[0]:fr.speaker[1]])
        if not name:
            continue
        if fr.content_kind == "before":
            inner = [o for o in by_sentence[id(fr.sent)] if o is not fr and not o.drop and o.sent is fr.sent
                     and o.cue_start < fr.frame_start and (o.content is None or o.content[1] <= fr.frame_start + 1)]
        else:  # the frames whose cue lies in the content, in list order
            lo = bisect.bisect_left(cue_starts, fr.content[0])
            hi = bisect.bisect_left(cue_starts, fr.content[1])
            inner = [frames[k] for k in sorted(by_cue[lo:hi]) if frames[k] is not fr and not frames[k].drop]
        if not inner:
            continue
        fr.drop = True
        for o in inner:
            o.relays = [*o.relays, *[r for r in [name] if r not in o.relays]]
            o.relays += [r for r in fr.relays if r not in o.relays]
    # a coordinated frame shares its first frame's relays
    for fr in frames:
        if fr.coordinated_with is not None:
            for r in fr.coordinated_with.relays:
                if r not in fr.relays:
                    fr.relays = [*fr.relays, r]
    return [f for f in frames if not f.drop]


def _continuations(text, sentences: _SentenceIndex, quotes, frames: list[_Frame]) -> list[_Frame]:
    """Quotes with no frame of their own right after an attributed direct quote continue it."""
    covered = _Spans(f.content for f in frames if f.content)
    by_sentence = {}
    for f in frames:
        by_sentence.setdefault(f.sent.sentence_id, []).append(f)
    sent_of = {}
    extra = []
    for q in quotes:
        if covered.covers(q.start) or covered.starts_in(q.start, q.end):
            continue
        if q.end - q.start < 12 or text[q.open_start] in "‘'‚‹":
            continue  # too short, or single quotes (headlines, section titles)
        # the sentence the quote opens in
        s = sentences.holding(q.open_start)
        if s is None or s.sentence_id in by_sentence:
            continue
        if text[s.start:q.open_start].strip():
            continue  # a quote inside a sentence: a partial quote, not a continuation
        prev = None
        for back in range(1, 3):
            cand = by_sentence.get(s.sentence_id - back)
            if cand:
                direct = [f for f in cand if f.direct]
                prev = direct[-1] if direct else None
                break
        if prev is None:
            continue
        fr = _Frame(prev.sent, prev.cue_i, prev.cue_start, prev.cue_end, prev.lemma, prev.category,
                    speaker=prev.speaker, speaker_toks=prev.speaker_toks, frame_start=prev.frame_start,
                    content=(q.start, _trim_end(text, q.start, q.end)), content_kind="quote", direct=True,
                    relays=list(prev.relays))
        fr.continuation_of = prev  # type: ignore[attr-defined]
        extra.append(fr)
        by_sentence.setdefault(s.sentence_id, []).append(fr)
        covered.add(*fr.content)
    return frames + extra


_DASH_SPEAKER = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*((?:[A-Z][\w.'’-]*)(?:[ \u00a0]+(?:[A-Z][\w.'’-]*|de|van|von|al|bin)){0,3})")
_COLON_SPEAKER = re.compile(
    r"[\"“]?[ \u00a0]*((?:[A-Z][A-Z.'’-]+(?:[ \u00a0]+[A-Z][A-Z.'’-]+){0,2})|(?:[A-Z][\w.'’-]*(?:[ \u00a0]+[A-Z][\w.'’-]*)?))"
    r"[ \u00a0]*(:)[ \t\u00a0]+(?=\S)"
)
_NOT_SPEAKERS = frozenset(
    "note update updated editor editor's photo photos source sources related read watch video correction "
    "caption credit image images warning transcript q a question answer advertisement the breaking latest "
    "exclusive opinion analysis live editorial name age location occupation job salary income".split()
)


def _punctuation_frames(text, sentences: _SentenceIndex, quotes, frames, paragraphs) -> list[_Frame]:
    """Frames without a verb: a quote signed with a dash ("..." ― Carla Sanchez) and
    a speaker label opening a paragraph (``PENCE: Well, look, ...``; ``Pence: Flowers won't attend``)."""
    covered = _Spans(f.content for f in frames if f.content)
    out: list[_Frame] = []

    def sentence_at(pos):
        return sentences.holding(pos, or_ending=True)

    for q in quotes:
        if not q.closed or covered.covers(q.start):
            continue
        m = _DASH_SPEAKER.match(text, q.close_end)
        if not m or m.group(1).lower() in _NOT_SPEAKERS:
            continue
        sent = sentence_at(m.start(1))
        if sent is None:
            continue
        dash = text.index(next(c for c in "―—–" if c in text[m.start():m.start(1)]), m.start())
        fr = _Frame(sent, -1, dash, dash + 1, text[dash], "neutral", speaker=(m.start(1), m.end(1)),
                    frame_start=dash, content=(q.start, _trim_end(text, q.start, q.end)), content_kind="quote", direct=True)
        out.append(fr)
    for pstart, pend in paragraphs:
        m = _COLON_SPEAKER.match(text, pstart, pend)
        if not m or m.group(1).split()[0].lower().rstrip(".") in _NOT_SPEAKERS or m.group(1).lower() in _NOT_SPEAKERS:
            continue
        cstart = m.end()
        cend = _trim_end(text, cstart, pend)
        if len(text[cstart:cend].split()) < 3 or covered.covers(cstart):
            continue
        sent = sentence_at(m.start(1))
        if sent is None:
            continue
        q = _quote_at(text, quotes, cstart, pend)
        direct = q is not None and q.close_end >= cend - 1
        if direct:
            cstart, cend = q.start, _trim_end(text, q.start, q.end)
        fr = _Frame(sent, -1, m.start(2), m.end(2), ":", "neutral", speaker=(m.start(1), m.end(1)),
                    frame_start=m.start(1), content=(cstart, cend), content_kind="quote" if direct else "after", direct=direct)
        out.append(fr)
    return out


def _record(text, sentences: _SentenceIndex, quotes, fr: _Frame, tagged) -> tuple[dict, tuple[str, str]]:
    cs, ce = fr.content
    content = text[cs:ce]
    if fr.direct:
        qtype = "direct"
    elif quotes.any_within(cs, ce + 1) or any(c in "“”\"" for c in content):
        qtype = "mixed"
    else:
        qtype = "indirect"
    ids = [s.sentence_id for s in sentences.overlapping(cs, ce)]
    speaker_text = text[fr.speaker[0]:fr.speaker[1]] if fr.speaker else None
    if fr.speaker and fr.sent.sentence_id in tagged and fr.speaker_toks:
        toks, tags = tagged[fr.sent.sentence_id]
        a, b = fr.speaker_toks
        tt = [(toks[x].text, tags[x]) for x in range(a, b)]
    else:
        tt = [(w, "NNP" if w[:1].isupper() else "NN") for w in (speaker_text or "").split()]
    mention = _mention_kind(speaker_text, tt) if speaker_text else ("unknown", None)
    src_sent = getattr(fr, "continuation_of", fr).sent
    extra = text[fr.addressee[0]:fr.addressee[1]] if fr.addressee else ""
    channel = _channel_of(text, src_sent, (cs, ce) if src_sent.start <= cs else (src_sent.start, src_sent.start), extra)
    if fr.lemma == "tweet":
        channel = "twitter"
    rec = {
        "speaker_text": speaker_text,
        "speaker_start": fr.speaker[0] if fr.speaker else None,
        "speaker_end": fr.speaker[1] if fr.speaker else None,
        "speaker_ref": mention[1],
        "mention_kind": mention[0],
        "cue": text[fr.cue_start:fr.cue_end],
        "cue_lemma": fr.lemma,
        "cue_category": fr.category,
        "cue_start": fr.cue_start,
        "cue_end": fr.cue_end,
        "content": content,
        "content_start": cs,
        "content_end": ce,
        "quote_type": qtype,
        "channel": channel,
        "relayed_by": list(fr.relays),
        "sentence_ids": ids,
    }
    return rec, mention
