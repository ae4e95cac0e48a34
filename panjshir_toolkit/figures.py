"""Figures: every number a text cites, with its hedge, interval, unit, what was counted and what happened.

"About 600 Taliban have been killed" becomes one record: surface ``"About 600"``, value 600,
the interval 540..660 the word "about" allows, qualifier ``approximate``, unit ``people``,
counted ``"Taliban"`` and event ``["killed"]``.

The linguistic knowledge lives in the lexicon tables (``panjshir_toolkit/lexicon``):

- ``number_words.csv``: number words and scale words (six hundred, a dozen, 3bn);
- ``hedges.csv``: hedge phrases and the rule each selects ("more than" -> ``more_than``);
- ``qualifiers.csv``: the semantics of each rule, i.e. how ``low``/``high`` derive from the value;
- ``vague_quantities.csv``: THE rule table for "dozens", "hundreds of", "several"...;
- ``events.csv``: event words (killed, wounded, captured...), some only for counts of people;
- ``not_counted.csv``: -s words that never head what was counted (remains, costs, -ous);
- ``units.csv``: units (miles, percent, USD), the nouns of people counted, month names and
  the function words that end a counted noun phrase.

The extractor is regular expressions built from these tables plus light token logic; it
does not POS-tag, so it is fast enough to run on every sentence of a corpus.

Notes:
    Two readings of a figure are available. ``reading="ucdp"`` (the default) keeps an interval,
    like the UCDP Georeferenced Event Dataset's low/best/high estimates: ``value`` is the best
    figure and ``low``/``high`` the bounds the wording allows. ``reading="acled"`` gives one
    conservative figure, like ACLED's fatality coding: ``value = low = high`` = the ACLED figure of
    a vague quantity (dozens = 12, hundreds = 100) or, for a hedged number, the lowest figure the
    wording asserts (``low`` when it exists, else the number itself; "fewer than 10" gives 9).
    See Sundberg & Melander (2013), "Introducing the UCDP Georeferenced Event Dataset", Journal
    of Peace Research 50(4), and the ACLED Codebook, section on fatalities.

    Ranges ("between 20 and 30", "20-30", "20 to 30", "two or three", "$20 to $30") keep the
    written ends as ``low``/``high`` and their midpoint as ``value`` (a UCDP-style best estimate).
    A verb of change makes two figures instead ("the toll rose from 20 to 41": 20, then 41), and
    so does "from" a higher to a lower positive figure ("cut the price from $132 to $73") or two
    different units ("from 44 ml to 50 mg"). A hedge before a range applies to its ends ("some
    20-30" is approximate 18..33, value 25). A value with a margin ("45% ± 3", "52 percent plus
    or minus 3 percent") is a range value-margin..value+margin whose ``value`` is the figure.

    Written forms read besides words and digits: thousands separated by spaces ("10 000",
    "1 250 000 euros"), scientific notation ("2.48×10−5", "1.5 x 10^6", "4e3"), accounting
    negatives after a copula ("net income was ($1.2 million)" = -1.2 million; "20,000 afghanis
    ($250)" is a conversion and stays positive) and measures per unit ("$2 a day" has unit
    ``USD/day``, "$85 per barrel" ``USD/barrel``, "40 km/h" ``km/hour``).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
import re
from dataclasses import dataclass, field

from . import lexicon

__all__ = ["extract_figures", "interval", "vague_rules", "READINGS"]

READINGS = ("ucdp", "acled")

# Units whose numbers count things: bounds move by whole steps and are whole numbers.
_COUNT_UNITS = (None, "people")


# --------------------------------------------------------------------------- lexicon


def _alt(words) -> str:
    """A regex alternation of *words*, longest first, each escaped, spaces matching any blank run."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


@dataclass(frozen=True)
class _Lexicon:
    words: dict            # number word -> (value, kind, requires)
    rules: dict            # rule -> row of qualifiers.csv
    vague: dict            # phrase (lower) -> row of vague_quantities.csv
    hedge_before: dict     # phrase (lower) -> rule
    hedge_after: dict
    change: frozenset
    bridge: frozenset
    events: dict           # word (lower) -> event
    event_side: dict       # word (lower) -> side
    event_condition: dict  # word (lower) -> "people" when only a count of people undergoes it
    units_after: dict      # word (lower, exact case for a few) -> (unit, kind)
    units_before: dict
    per: dict              # word (lower) after "per" or "/" -> the unit's denominator ("kg", "barrel")
    people: dict           # noun (lower) -> True
    not_counted: frozenset  # -s words that never head what was counted (not_counted.csv)
    not_counted_suffix: tuple
    months: frozenset
    weekdays: frozenset
    boundary: frozenset
    master: re.Pattern = field(repr=False)
    second: re.Pattern = field(repr=False)     # the master pattern without the left-context guard (ranges)
    hedge_before_re: re.Pattern = field(repr=False)
    hedge_after_re: re.Pattern = field(repr=False)
    unit_after_re: re.Pattern = field(repr=False)
    unit_before_re: re.Pattern = field(repr=False)
    event_re: re.Pattern = field(repr=False)
    event_before_re: re.Pattern = field(repr=False)
    people_re: re.Pattern = field(repr=False)
    implicit_np_re: re.Pattern = field(repr=False)
    implicit_after_re: re.Pattern = field(repr=False)
    implicit_before_re: re.Pattern = field(repr=False)
    scale_re: re.Pattern = field(repr=False)
    per_re: re.Pattern = field(repr=False)


_GUARD = r"(?<![\w.,/:\d+^×−-])"
# "10 000", "1 250 000": thousands separated by a space, a no-break or a narrow no-break space
# (French, Russian and SI style); the first group has no leading zero and no group runs on into
# more digits, so phone numbers ("070 123 4567") and "245 23" stay apart.
_SPACED = r"[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?!\d|[,.]\d{3})"


@functools.cache
def _lex() -> _Lexicon:
    words = {r["word"].lower(): (float(r["value"]), r["kind"], r["requires"]) for r in lexicon.load("number_words")}
    rules = {r["rule"]: r for r in lexicon.load("qualifiers")}
    vague = {r["phrase"].lower(): r for r in lexicon.load("vague_quantities")}
    hb, ha, change, bridge = {}, {}, set(), set()
    for r in lexicon.load("hedges"):
        pos, phrase = r["position"], r["phrase"].lower()
        if pos == "before":
            hb[phrase] = r["rule"]
        elif pos == "after":
            ha[phrase] = r["rule"]
        elif pos == "change":
            change.add(phrase)
        elif pos == "bridge":
            bridge.add(phrase)
    events, side, condition = {}, {}, {}
    for r in lexicon.load("events"):
        events[r["word"].lower()] = r["event"]
        side[r["word"].lower()] = r["side"]
        condition[r["word"].lower()] = (r.get("condition") or "").strip()
    ua, ub, per, people, months, weekdays, boundary = {}, {}, {}, {}, set(), set(), set()
    for r in lexicon.load("units"):
        w, kind, pos = r["word"], r["kind"], r["position"]
        if kind == "people":
            people[w.lower()] = True
        elif kind == "date":
            months.add(w.lower())
        elif kind == "weekday":
            weekdays.add(w.lower())
        elif kind == "boundary":
            boundary.add(w.lower())
        elif kind == "per":
            per[w.lower()] = r["unit"] or w.lower()
        elif pos == "before":
            ub[w] = (r["unit"], kind)
        else:
            ua[w.lower()] = (r["unit"], kind)
    for w in people:
        per.setdefault(w, w)                             # "$100 per person", "per soldier"

    nc = lexicon.load("not_counted")
    not_counted = frozenset(r["word"].lower() for r in nc if r["kind"] == "word")
    not_counted_suffix = tuple(r["word"].lower() for r in nc if r["kind"] == "suffix")
    scale_words = [w for w, (_, k, _) in words.items() if k in ("hundred", "scale", "dozen")]
    seq_words = [w for w, (_, k, _) in words.items() if k in ("unit", "teen", "tens", "hundred", "scale", "dozen")]
    nw = rf"(?:{_alt(seq_words)})\b"
    numerators = _alt(w for w, v in words.items() if v[1] in ("unit", "teen"))
    denominators = _alt(w for w, v in words.items() if v[1] == "fraction")
    master = re.compile(
        rf"""
        (?P<vague>\b(?:{_alt(vague)})\b)
        |(?P<couple>\ba\s+couple(?=\s+of\b))
        |(?P<frac>\b(?:(?:a|an|{numerators})[\s-]+)?(?:{denominators})\b)
        |(?P<words>\b(?:(?:a|an)\s+(?=(?:{_alt(scale_words)})\b))?{nw}(?:(?:\s+(?:and|&)\s+|\s*-\s*|,?\s+){nw})*)
        |(?P<digits>{_GUARD}(?:(?<![\w.,/:\d+^×)-])[-−](?=\d))?(?:{_SPACED}|\d+(?:,\d{{3}})*)(?:\.\d+)?)
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    event_words = list(events)
    before_words = [w for w in events if side[w] in ("before", "both")]
    after_words = [w for w in events if side[w] in ("after", "both")]
    people_alt = _alt(people)
    durations = [w for w, (_, k) in ua.items() if k == "duration"]      # "$2 a day"
    return _Lexicon(
        words=words, rules=rules, vague=vague, hedge_before=hb, hedge_after=ha,
        change=frozenset(change), bridge=frozenset(bridge), events=events, event_side=side, event_condition=condition,
        units_after=ua, units_before=ub, per=per, people=people, not_counted=not_counted,
        not_counted_suffix=not_counted_suffix, months=frozenset(months), weekdays=frozenset(weekdays),
        boundary=frozenset(boundary),
        master=master,
        second=re.compile(master.pattern.replace(_GUARD, "", 1), master.flags),
        hedge_before_re=re.compile(rf"(?<![\w-])({_alt(hb)})\s+$", re.IGNORECASE),
        hedge_after_re=re.compile(rf"(?:\s+|(?=-))({_alt(ha)})(?![\w-])", re.IGNORECASE),
        unit_after_re=re.compile(rf"(?:\s*-\s*|\s?)({_alt(ua)})(?![\w])", re.IGNORECASE),
        unit_before_re=re.compile(rf"(?<![\w$£€])({_alt(ub)})\s?$"),
        event_re=re.compile(rf"\b({_alt(event_words)})\b", re.IGNORECASE),
        event_before_re=re.compile(
            rf"\b({_alt(before_words)})(?:\s+(?:from|in|of|after)\s+(?:the\s+)?[A-Za-z-]+)?(?:\s+(?:{people_alt}))?"
            rf"((?:\s+(?:{_alt(bridge)}|\d[\d,.]*))*)\s+$", re.IGNORECASE),
        people_re=re.compile(rf"({people_alt})\b", re.IGNORECASE),
        implicit_np_re=re.compile(
            rf"\b(?P<det>an?)\s+(?P<np>(?:[A-Za-z-]+\s+){{0,2}}?(?:{people_alt}))\b", re.IGNORECASE),
        implicit_after_re=re.compile(
            rf"\s+(?:was|has\s+been|had\s+been|is|got|were)\s+(?:(?:also|reportedly|allegedly|later|fatally|"
            rf"seriously|critically|badly|slightly)\s+)?(?P<ev>{_alt(after_words)})\b",
            re.IGNORECASE),
        implicit_before_re=re.compile(rf"\b(?P<ev>{_alt(before_words)})\s+$", re.IGNORECASE),
        per_re=re.compile(rf"(?:\s+per\s+|\s*/\s*|\s+an?\s+(?=(?:{_alt(durations)})\b))({_alt(per)})(?![\w])",
                          re.IGNORECASE),
        scale_re=re.compile(
            rf"\s*-?\s*({_alt(w for w, v in words.items() if v[1] in ('scale', 'hundred'))})\b"
            rf"|({_alt(w for w, v in words.items() if v[1] == 'abbrev')})(?![\w])"
            rf"|\s({_alt(w for w, v in words.items() if v[1] == 'abbrev' and not v[2] and len(w) > 1)})(?![\w])",
            re.IGNORECASE),
    )


def vague_rules():
    """The vague-quantity rule table (``lexicon/vague_quantities.csv``) as a DataFrame.

    Columns: ``phrase``, ``low``, ``best``, ``high`` (the UCDP-style reading), ``acled`` (the
    ACLED-conservative single figure), ``needs_of`` and ``scalable`` (booleans).

    >>> vague_rules().set_index("phrase").loc["dozens", ["low", "best", "high", "acled"]].tolist()
    [24.0, 36.0, 99.0, 12.0]
    """
    import pandas as pd

    frame = pd.DataFrame(lexicon.load("vague_quantities"))
    for col in ("low", "best", "high", "acled"):
        frame[col] = frame[col].astype("float64")
    for col in ("needs_of", "scalable"):
        frame[col] = frame[col].eq("yes")
    return frame


# --------------------------------------------------------------------------- semantics


def _clean(x: float, count: bool, side: str, value: float | None = None) -> float:
    """Drop float noise; round a count's bound inward to a whole number, never past the value."""
    x = float(f"{x:.12g}")
    if count and side in ("low", "high"):
        r = float(math.ceil(x) if side == "low" else math.floor(x))
        if value is None or (side == "low" and r <= value) or (side == "high" and r >= value):
            return r
    return x


def interval(value, qualifier: str, unit: str | None = None, *, reading: str = "ucdp",
             low: float | None = None, high: float | None = None, acled: float | None = None) -> dict:
    """The ``value``, ``low`` and ``high`` a figure's wording allows, from ``qualifiers.csv``.

    This is the one place where the semantics of the qualifiers live; the extractor calls it
    for every figure.

    Args:
        value: The number as written (the midpoint of a range, the best figure of a vague quantity).
        qualifier: A rule of ``qualifiers.csv``: ``exact``, ``approximate``, ``approximate_below``
            (nearly/almost: 10% below, never above), ``more_than``, ``at_least``, ``at_most``,
            ``less_than``, ``range`` or ``vague``.
        unit: The figure's unit. Counts (``None`` or ``"people"``) move strict bounds by one and
            get whole-number bounds; measures (km, percent, USD...) use the value itself as bound.
        reading: ``"ucdp"`` (interval) or ``"acled"`` (one conservative figure, value = low = high).
        low: The lower end of a range or of a vague quantity.
        high: The upper end of a range or of a vague quantity.
        acled: The ACLED figure of a vague quantity.

    Returns:
        A dict with ``value``, ``low``, ``high`` (``None`` for an open side) and ``qualifier`` (the
        column value: ``approximate_below`` is reported as ``approximate``).

    Raises:
        ValueError: for an unknown qualifier or reading.

    >>> interval(600, "approximate", "people")
    {'value': 600.0, 'low': 540.0, 'high': 660.0, 'qualifier': 'approximate'}
    >>> interval(1000, "more_than", "people")
    {'value': 1000.0, 'low': 1001.0, 'high': None, 'qualifier': 'more_than'}
    >>> interval(1000, "more_than", "people", reading="acled")
    {'value': 1001.0, 'low': 1001.0, 'high': 1001.0, 'qualifier': 'more_than'}
    """
    lex = _lex()
    if reading not in READINGS:
        raise ValueError(f"Unknown reading {reading!r}: use 'ucdp' (low/best/high interval) or 'acled' "
                         "(one conservative figure).")
    try:
        rule = lex.rules[qualifier]
    except KeyError:
        raise ValueError(f"Unknown qualifier {qualifier!r}; qualifiers.csv defines: "
                         f"{', '.join(lex.rules)}") from None
    count = unit in _COUNT_UNITS
    step = 1.0 if count else 0.0
    v = None if value is None else float(value)

    def ev(expr: str, side: str):
        expr = expr.strip()
        if not expr:
            return None
        if expr in ("range_low", "vague_low"):
            return None if low is None else _clean(float(low), count, "value")
        elif expr in ("range_high", "vague_high"):
            return None if high is None else _clean(float(high), count, "value")
        elif expr == "value":
            out = v
        elif expr == "value+step":
            out = v + step
        elif expr == "value-step":
            out = v - step
        elif expr.endswith("*value"):
            return _clean(v + (float(expr[:-6]) - 1.0) * abs(v), count, side, v)   # F*|value| around value
        else:
            raise ValueError(f"qualifiers.csv: cannot read the bound expression {expr!r} of rule {qualifier!r}")
        return _clean(float(out), count, "value")

    lo, hi = ev(rule["low"], "low"), ev(rule["high"], "high")
    out_value = None if v is None else _clean(v, count, "value")
    if reading == "acled":
        a = rule["acled"].strip()
        pick = {"low": lo, "high": hi, "value": out_value, "acled": acled}[a]
        if pick is None:
            pick = lo if lo is not None else out_value if out_value is not None else hi
        out_value = lo = hi = pick
    return {"value": out_value, "low": lo, "high": hi, "qualifier": rule["qualifier"]}


# --------------------------------------------------------------------------- number reading

_ORDINAL = frozenset({"st", "nd", "rd", "th"})
_CLOCK_AFTER = re.compile(r"\s?(?:[ap]\.?m\b\.?|o'clock\b|hrs?\b(?=\s*(?:local|GMT|UTC)))", re.IGNORECASE)
_CLOCK_NEXT = re.compile(r":\d")
_AGE_AFTER = re.compile(r"(?:-year[- ]old|\s+years?\s+old|-month[- ]old)\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\baged?|\bages|\bage\s+of)\s+$", re.IGNORECASE)
# "Rear, 40, had been missing": an age in apposition to a name
_AGE_RANGE_TAIL = re.compile(r"\s*(?:-|–|to|and)\s*\d{1,3}(?![\d,.])", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|until|from|of|during|before|after)\s+$", re.IGNORECASE)
_AGE_APPOSITION = re.compile(r"[A-Z][a-z]+,\s+$")
_PHONE = re.compile(r"(?<![\w])(?:\+?\d{2,4}(?:[ -]\d{2,4}){2,}|\+?0\d{1,4}[ -]\d{5,8}|\d{3,5}[ -]\d{6,8})(?![\w])")
_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+$", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\s+", re.IGNORECASE)
_NOT_ONE = re.compile(r"\b(?:no|any|every|some|each|the|this|that|which|another|last)\s+$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[.)](?:\s|$)")
_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75}
# "2 1/2", "2½": a whole number and a fraction
_FRACTION = re.compile(r"(?:\s(?P<num>[1-9])/(?P<den>[2-9]|1[0-6])(?![\d/])|(?P<vulgar>[½⅓⅔¼¾]))")
_SIMPLE_FRACTION = re.compile(r"(?P<num>\d{1,2})/(?P<den>\d{1,3})(?![\d/])(?P<tail>)")


def _fraction_context(text: str, end: int) -> bool:
    """A bare "1/4" is a fraction only before a unit or "of" ("1/4 inch", "1/40 of the wavelength")."""
    nxt = re.match(r"\s*-?\s*([A-Za-z]+)", text[end:end + 20])
    return bool(nxt and (nxt.group(1).lower() == "of" or nxt.group(1).lower() in _lex().units_after))


# scientific notation after a mantissa: "×10−5", "x10^-3", "e14", "E-3" (not "e" starting a word)
# ("3x100 m" is a dimension: after "x10" the exponent needs a sign or a caret)
_SCIENTIFIC = re.compile(
    r"(?:\s?[×x]\s?10(?:\s?\^\s?(?P<exp1>[-−+]?\d{1,3})|(?P<exp2>[-−]\d{1,3}))|[eE](?P<exp3>[-−+]?\d{1,3}))"
    r"(?![\d\w.])")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
_TOKENS = re.compile(r"[A-Za-z]+")
_NUMBER_TOKENS = re.compile(r"[A-Za-z]+|[&,]")


def _parse_words(s: str, offset: int):
    """Value and end offset of the longest well-formed number-word sequence at the start of *s*.

    "one hundred and five" -> 105; "three million, two hundred" stops at the comma.
    Returns ``(None, offset)`` when no number word is well formed.
    """
    words = _lex().words
    total = current = 0.0
    last = None
    end = None
    value = None
    pending_and = False
    for m in _NUMBER_TOKENS.finditer(s):
        w = m.group().lower()
        if w == "&":
            w = "and"
        if w == ",":
            if last == "scale" and not pending_and:
                pending_and = True                       # "three million, two hundred"
                continue
            break
        if w in ("a", "an") and last is None:
            current, last = 1.0, "article"
            continue
        if w == "and":
            if last in ("hundred", "scale") and not pending_and:
                pending_and = True
                continue
            break
        if w not in words:
            break
        val, kind, _ = words[w]
        if kind == "unit":
            ok = last in (None, "tens", "hundred", "scale") and not (last == "tens" and pending_and)
            if last == "article":
                ok = False
            if ok:
                current += val
        elif kind in ("teen", "tens"):
            ok = last in (None, "hundred", "scale")
            if ok:
                current += val
        elif kind in ("hundred", "dozen"):
            ok = last in (None, "article", "unit", "teen", "tens") and not pending_and
            if ok:
                current = (current or 1.0) * val
        elif kind == "scale":
            ok = last in (None, "article", "unit", "teen", "tens", "hundred", "dozen") and not pending_and
            if ok:
                total += (current or 1.0) * val
                current = 0.0
        else:
            ok = False
        if not ok:
            break
        last = "hundred" if kind == "dozen" else kind
        pending_and = False
        end = offset + m.end()
        value = total + current
    if end is None:
        return None, offset
    return value, end


@dataclass
class _Fig:
    start: int
    end: int
    value: float | None
    rule: str = "exact"
    unit: str | None = None
    unit_kind: str | None = None
    low: float | None = None
    high: float | None = None
    acled: float | None = None
    counted: str | None = None
    event: list | None = None
    implicit: bool = False
    vague: str | None = None
    core_end: int = 0
    scale: float = 1.0
    range_hedge: bool = False    # a hedged range: rule applies to the ends low..high


def _is_label(text: str, start: int, sent_start: int) -> bool:
    """A bare number right after a capitalised word inside a sentence names something ("Radio 5")."""
    lm = re.search(r"(?:^|(?<=\s))([A-Z][A-Za-z]+)\s$", text[max(sent_start, start - 20):start])
    if not lm:
        return False
    word = lm.group(1)
    before = text[sent_start:start - len(word) - 1].strip()
    lex = _lex()
    return (bool(before) and word.lower() not in lex.months and word.lower() not in lex.weekdays
            and word.lower() not in lex.hedge_before)


def _is_year(text: str, s: int, e: int, value: float) -> bool:
    raw = text[s:e]
    return raw.isdigit() and len(raw) == 4 and 1000 <= value <= 2100


def _near_month(text: str, s: int, e: int) -> bool:
    months = _lex().months
    before = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, s - 12):s])
    if before and before.group(1).lower() in months:
        return True
    after = re.match(r"(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Za-z]+)", text[e:e + 16])
    return bool(after and after.group(1).lower() in months)


def _read_core(text: str, m: re.Match, in_range: bool = False):
    """Turn one match of the master pattern into ``(fig, next_pos)``; ``fig`` None when excluded."""
    lex = _lex()
    s, e = m.span()
    kind = m.lastgroup
    if kind == "vague":
        phrase = re.sub(r"\s+", " ", m.group().lower())
        row = lex.vague[phrase]
        if row["needs_of"] == "yes" and not re.match(r"\s+of\b", text[e:e + 4]):
            return None, e
        factor = 1.0
        if row["scalable"] == "yes":
            sm = re.match(r"\s+(dozen|hundred|thousand|million|billion)\b", text[e:e + 12], re.IGNORECASE)
            if sm:
                factor = lex.words[sm.group(1).lower()][0]
                e += sm.end()
        f = _Fig(s, e, float(row["best"]) * factor, "vague", low=float(row["low"]) * factor,
                 high=float(row["high"]) * factor, acled=float(row["acled"]) * factor, vague=phrase)
        return f, e
    if kind == "couple":
        return _Fig(s, e, 2.0), e
    if kind == "frac":
        parts = re.split(r"[\s-]+", m.group().lower())
        den = lex.words[parts[-1]][0]
        has_num = len(parts) > 1
        num = lex.words[parts[0]][0] if has_num and parts[0] in lex.words else 1.0
        if re.match(r"\s+(?:of|the)\b", text[e:e + 5]):
            if not has_num and parts[-1] not in ("half", "third", "quarter"):
                return None, e                           # "fifth of" without a numerator: an ordinal
            return _Fig(s, e, round(100.0 * num / den, 6), unit="percent", unit_kind="percent"), e
        if not has_num or parts[0] in ("a", "an"):
            return None, e                               # "a third time", "the fifth day"
        return _Fig(s, e, num / den), e
    if kind == "words":
        value, end = _parse_words(m.group(), s)
        if value is None:
            return None, e
        e = end
        # "twenty-first": an ordinal, not a number
        if re.match(r"-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|th)\b", text[e:e + 8], re.I):
            return None, e + 1
        half = _AND_A_HALF.match(text, e)
        if half:
            value, e = value + 0.5, half.end()
        last = m.group()[: e - s].split()[-1].split("-")[-1].lower()
        scale = lex.words[last][0] if lex.words.get(last, (0, ""))[1] in ("scale", "hundred", "dozen") else 1.0
        return _Fig(s, e, value, scale=scale), e
    # digits
    raw = m.group()
    value = float(re.sub(r"[,\s]", "", raw).replace("−", "-"))
    prev = text[s - 1] if s else ""
    if prev in "-−" and s >= 2 and text[s - 2].isalnum() and not in_range:
        return None, e                                   # COVID-19, I7-860, 2013-14 tail
    half = _AND_A_HALF.match(text, e)
    if half:
        return _Fig(s, half.end(), value + 0.5), half.end()
    dotted = re.match(r"(?:\.\d+)+", text[e:e + 12])
    if dotted and "." in raw:
        return None, e + dotted.end()                    # 18.03.2017: a date
    sci = _SCIENTIFIC.match(text, e)
    if sci:                                              # 2.48×10−5, 5.5x10^-3, 4e14
        exp = int((sci.group("exp1") or sci.group("exp2") or sci.group("exp3")).replace("−", "-"))
        return _Fig(s, sci.end(), float(f"{value}e{exp}")), sci.end()
    if re.match(r"\s?[×x]\s?10", text[e:e + 5]):
        return None, e + 3                               # 2.48×10 with no readable exponent
    frac = _FRACTION.match(text, e)
    if frac:
        num, den = frac.group("num"), frac.group("den")
        part = _VULGAR[frac.group("vulgar")] if frac.group("vulgar") else float(num) / float(den)
        return _Fig(s, frac.end(), value + part), frac.end()
    glued = re.match(r"[A-Za-z]+", text[e:e + 12])
    if glued:
        g = glued.group()
        if g.lower() in _ORDINAL:
            return None, e + len(g)                      # 4th, 21st
    if _CLOCK_NEXT.match(text, e) or _CLOCK_AFTER.match(text, e):
        return None, e + 3
    slash = _SIMPLE_FRACTION.match(text, s)
    if slash and int(slash.group("den")) > 0 and (slash.group("tail") or True) and _fraction_context(text, slash.end()):
        return _Fig(s, slash.end(), float(slash.group("num")) / float(slash.group("den"))), slash.end()
    if re.match(r"/\d", text[e:e + 2]):
        return None, e + 2                               # 9/11: dates are not read
    vm = re.match(r"[½⅓⅔¼¾]", text[e:e + 1])
    if vm:
        return _Fig(s, e + 1, value + _VULGAR[vm.group()]), e + 1
    return _Fig(s, e, value), e


def _extend(text: str, f: _Fig) -> bool:
    """Scale words, percent, currency and unit around a core; False when the figure is excluded."""
    lex = _lex()
    e = f.end
    is_digits = text[f.start].isdigit()
    money_before = lex.unit_before_re.search(text, max(0, f.start - 5), f.start)
    if money_before and is_digits:
        f.unit, f.unit_kind = lex.units_before[money_before.group(1)]
        f.start = money_before.start()
    if is_digits:
        sm = lex.scale_re.match(text, e)
        if sm:
            w = (sm.group(1) or sm.group(2) or sm.group(3)).lower()
            val, kind, req = lex.words[w]
            if not (req == "money" and f.unit_kind != "money"):
                f.value *= val
                f.scale = val
                e = sm.end()
        glued = re.match(r"[A-Za-z]+", text[e:e + 12])
        if glued and not lex.unit_after_re.match(text, e):
            return False                                 # 860BOX, 4e14, J1149
    f.end = f.core_end = e
    if f.vague is None and f.unit_kind != "percent":
        um = lex.unit_after_re.match(text, e)
        if um and f.unit is None:
            word = um.group(1).lower()
            if word in lex.units_after:
                f.unit, f.unit_kind = lex.units_after[word]
                f.end = um.end()
        elif um and f.unit_kind == "money" and lex.units_after.get(um.group(1).lower(), ("", ""))[1] == "money":
            f.end = um.end()                             # "$5 million dollars" keeps USD
    if f.unit_kind not in (None, "people"):
        pm = lex.per_re.match(text, f.end)               # "$350 per kg", "5% a year", "12 km/h"
        if pm:
            f.unit = f.unit + "/" + lex.per[re.sub(r"\s+", " ", pm.group(1).lower())]
            f.end = pm.end()
    return True


# "The annual loss was ($99.99)": accounting notation for a negative amount. Only after a copula,
# "of" or a colon: in news "20,000 afghanis ($250)" is a currency conversion, not a negative.
_ACCOUNTING_BEFORE = re.compile(r"(?:\b(?:is|was|were|are|be|been|of|at)|:)\s*\($", re.IGNORECASE)


def _accounting_negative(text: str, f: _Fig) -> None:
    """Read "($99.99)" after a copula as -99.99 with the parentheses in the surface."""
    if (f.unit_kind == "money" and f.value is not None and f.value > 0 and text.startswith(")", f.end)
            and _ACCOUNTING_BEFORE.search(text, max(0, f.start - 12), f.start)):
        f.value = -f.value
        f.start -= 1
        f.end += 1


def _hedge_before(text: str, f: _Fig):
    lex = _lex()
    hm = lex.hedge_before_re.search(text, max(0, f.start - 24), f.start)
    if hm:
        return hm.start(), lex.hedge_before[re.sub(r"\s+", " ", hm.group(1).lower())]
    return None, None


def _try_range(text: str, f: _Fig):
    """Merge "20 to 30", "20-30", "between 20 and 30", "two or three" into one range figure."""
    lex = _lex()
    jm = re.match(r"(\s*-?\s*)(to|and|or|-|–|—|±|\+/-|\+/−|plus\s+or\s+minus)\s*", text[f.end:f.end + 20],
                  re.IGNORECASE)
    if not jm:
        return None
    join = jm.group(2).lower()
    plus_minus = join in ("±", "+/-", "+/−") or join.startswith("plus")
    hedge_start, _ = _hedge_before(text, f)
    left = f.start if hedge_start is None else hedge_start   # "rose from about $350 to $680": a change
    before = text[max(0, left - 40):left]
    between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
    frm = re.search(r"(?:(\w+)\s+)?\bfrom\s+$", before, re.IGNORECASE)
    if join == "and" and not between:
        return None
    if join == "to" and frm and frm.group(1) and frm.group(1).lower() in lex.change:
        return None
    prev_word = re.search(r"(\w+)\s+$", before)
    if join == "to" and not frm and prev_word and prev_word.group(1).lower() in lex.change:
        return None                                      # "up 0.08 to 63.43", "rose 5 to 41"
    pos = f.end + jm.end()
    if f.unit_kind == "money":
        cur = re.match(r"(?:US\$|[$£€]|Rs\.?\s?)", text[pos:pos + 4])
        if cur:
            pos += cur.end()                             # "$20 to $30": the second sign is read by _extend
    m2 = lex.second.match(text, pos)
    if not m2 or m2.lastgroup not in ("digits", "words"):
        return None
    g, nxt = _read_core(text, m2, in_range=True)
    if g is None:
        return None
    if not _extend(text, g):
        return None
    if m2.lastgroup == "digits" and (
            (_is_year(text, f.start, f.core_end, f.value) and g.unit is None) or _near_month(text, g.start, g.core_end)):
        return "skip"                                    # "2013-14", "from 2 to 5 September": dates
    if f.unit is not None and g.unit is not None and not (f.unit == g.unit or g.unit.startswith(f.unit + "/")):
        return None                                      # "from 44 ml to 50 mg": two measures, not a range
    if plus_minus:                                       # "45% ± 3", "9.83 +/- 0.01 km": value and its margin
        f.low, f.high, f.rule, f.end = f.value - abs(g.value), f.value + abs(g.value), "range", g.end
        if f.unit is None and g.unit is not None:
            f.unit, f.unit_kind = g.unit, g.unit_kind
        return "range"
    lo_v, hi_v = f.value, g.value
    if frm and join == "to" and 0 <= hi_v < lo_v * (g.scale if g.scale > 1 and f.scale == 1 else 1):
        return None                                      # "cut the price from $132 to $73": a change, not a range
    if join in ("-", "–") and hi_v < lo_v and float(lo_v).is_integer() and lo_v < 20:
        return "score"                                   # "beat Russia 4-3": a score
    # "2 to 3 million", "20-30%": the scale and unit of the second number apply to the first
    if g.scale > 1 and f.scale == 1 and abs(lo_v) < 10 * abs(hi_v / g.scale):
        lo_v *= g.scale                                  # not "$600,000 to $5 million": the first is whole
    low, high = min(lo_v, hi_v), max(lo_v, hi_v)
    f.low, f.high, f.value, f.rule = low, high, (low + high) / 2, "range"   # the midpoint: UCDP best
    f.end = g.end
    if g.unit is not None:
        f.unit, f.unit_kind = g.unit, g.unit_kind
    if between:
        f.start = between.start() + max(0, left - 40)
    return "range"


# --------------------------------------------------------------------------- what and what happened


def _counted(text: str, f: _Fig, limit: int):
    """What a count counts: the noun phrase right after it ("600 Taliban", "dozens of civilians")."""
    lex = _lex()
    pos = f.end
    om = re.match(r"\s+of(?:\s+(?:the|them|those|these|whom))?\b", text[pos:pos + 16], re.IGNORECASE)
    if om:
        pos += om.end()
    toks = []
    for m in _WORD.finditer(text, pos, min(limit, pos + 60)):
        w = m.group()
        if not w[0].isalpha():
            break
        lw = w.lower().strip("'’")
        if lw in lex.boundary or lw in lex.events or lw in lex.change or lw in lex.words:
            break
        toks.append(m)
        if len(toks) == 3:
            break
    if not toks:
        return None, None
    # longest run ending in a noun of people
    best = None
    for i in range(len(toks)):
        phrase = text[toks[0].start():toks[i].end()]
        tail2 = text[toks[i - 1].start():toks[i].end()].lower() if i else ""
        if toks[i].group().lower() in lex.people or tail2 in lex.people:
            best = phrase
        elif toks[i].group()[0].isupper() and re.search(r"(?:ans|ese|is|ians)$", toks[i].group()):
            best = phrase                                # Afghans, Pakistanis, Americans
    if best is not None:
        return re.sub(r"\s+", " ", best), "people"
    # else the first plural-looking lowercase word, with the lowercase modifiers before it
    # ("12 vehicles", "five search warrants"); never after a count of one ("That one costs"),
    # never a verb, adjective or adverb of not_counted.csv ("indigenous", "remains")
    if f.value == 1:
        return None, None
    for i, t in enumerate(toks):
        w = t.group()
        if not w[0].islower():
            break
        if w.endswith("s") and len(w) > 3:
            lw = w.lower()
            if lw in lex.not_counted or lw.endswith(lex.not_counted_suffix):
                break
            return re.sub(r"\s+", " ", text[toks[0].start():t.end()]), None
    return None, None


_PREPOSITIONS = r"(?:under|over|aged|from|in|on|at|of|near|inside|outside|across|between|belonging\s+to|with)"
_NESTED_GAP = re.compile(
    rf"\s*,?\s*{_PREPOSITIONS}\b[^;:()]{{0,60}}?\s(?:(?:have|has|had)\s+been|were|was|are|is|got)\s+"
    rf"(?:(?:also|reportedly|allegedly|later|fatally|seriously|critically|badly|slightly)\s+)?", re.IGNORECASE)
_CLAUSE_WORD = re.compile(r"\b(?:who|whom|which|that|where|when|while|after|before|because|and|but)\b", re.IGNORECASE)


def _event(text: str, f: _Fig, after: int, sent_start: int, limit: int, limit_is_figure: bool = False):
    """The events a count undergoes: the event word right before it, else the one after it."""
    lex = _lex()
    people = f.unit == "people"

    def allowed(word: str) -> bool:
        return lex.event_condition[word] != "people" or people

    bm = lex.event_before_re.search(text, max(sent_start, f.start - 48), f.start)
    if bm and allowed(re.sub(r"\s+", " ", bm.group(1).lower())):
        return [lex.events[re.sub(r"\s+", " ", bm.group(1).lower())]]
    window = text[after:limit]
    cut = re.search(r"[;:()\[\]]|\s[-–—]\s", window)
    if cut:
        window = window[:cut.start()]
        limit_is_figure = False
    found = []
    for m in lex.event_re.finditer(window):
        word = re.sub(r"\s+", " ", m.group(1).lower())
        gap = window[:m.start()] if not found else window[prev_end:m.start()]
        if not found:
            if lex.event_side[word] not in ("after", "both"):
                continue
            # a post-nominal phrase before the verb: "31 minors under the age of 18 have been killed",
            # "12 soldiers from the 3rd battalion were killed" (a preposition, then an auxiliary)
            nested = _NESTED_GAP.fullmatch(gap) and not _CLAUSE_WORD.search(gap)
            if not nested and (len(_TOKENS.findall(gap)) > 5 or re.search(r"\d", gap)):
                break
            if re.search(r"\b(?:who|which|that)\b", gap, re.IGNORECASE) and len(_TOKENS.findall(gap)) > 1:
                break
        else:
            if not re.fullmatch(r"\s*,?\s*(?:or|and|and/or|,)?\s*(?:(?:were|was|have\s+been|had\s+been|been)\s+)?",
                                gap, re.IGNORECASE):
                break
        if limit_is_figure and not found and lex.event_side[word] in ("before", "both") and re.fullmatch(
                r"\s+(?:(?:at\s+least|more\s+than|about|some|nearly|almost|over|around|up\s+to)\s+)?",
                window[m.end():]):
            break                                        # "... and kidnapped 700 people": the next figure's event
        if not allowed(word):
            break                                        # "five search warrants were executed"
        ev = lex.events[word]
        if ev not in found:
            found.append(ev)
        prev_end = m.end()
    return found or None


# --------------------------------------------------------------------------- the extractor


def _hedged_range(f: _Fig, reading: str) -> dict:
    """The interval of a hedged range ("some 20-30", "up to 20 to 30"): the hedge's rule applied to its ends.

    ``low`` is the rule's low bound of the lower end, ``high`` its high bound of the upper end,
    ``value`` the midpoint of the written ends and ``qualifier`` the hedge's: "some 20-30" gives
    approximate 18..33 (value 25), "up to 20-30" at_most ..30, "at least 20-30" at_least 20...
    The ACLED reading picks the figure the rule's ``acled`` column names.
    """
    lo = interval(f.low, f.rule, f.unit)
    hi = interval(f.high, f.rule, f.unit)
    value = interval((f.low + f.high) / 2, "exact", f.unit)["value"]
    low, high = lo["low"], hi["high"]
    if reading == "acled":
        pick = {"low": low, "high": high, "value": value}.get(_lex().rules[f.rule]["acled"].strip())
        if pick is None:
            pick = low if low is not None else value
        value = low = high = pick
    return {"value": value, "low": low, "high": high, "qualifier": lo["qualifier"]}


def _quote_ids(spans: list[tuple[int, int]], quotes) -> list:
    """The ``quote_id`` of the narrowest quote content enclosing each ``(start, end)`` of *spans*.

    A content ``[content_start, content_end]`` encloses a span when ``content_start <= start``
    and ``end <= content_end``; among several, the narrowest wins, and among equally narrow
    ones the first in *quotes*. Quotes with a missing bound are ignored. ``None`` where no
    content encloses the span.

    One sweep over the spans sorted by start (a heap drops the contents that ended before
    it), so the cost grows with the number of spans and quotes plus the contents open at
    each span -- not with their product, which made long articles quadratic.
    """
    found: list = [None] * len(spans)
    contents = []
    for k, q in enumerate(quotes or ()):
        qs, qe = q.get("content_start"), q.get("content_end")
        if qs is None or qe is None or _missing(qs) or _missing(qe):
            continue
        contents.append((qs, qe, k, q.get("quote_id")))
    if not contents or not spans:
        return found
    contents.sort(key=lambda c: c[0])
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    open_now: dict[int, tuple] = {}  # list position -> content, for contents started at or before the span
    ends: list[tuple] = []  # heap of (content_end, list position)
    nxt = 0
    for i in order:
        start, end = spans[i]
        while nxt < len(contents) and contents[nxt][0] <= start:
            c = contents[nxt]
            open_now[c[2]] = c
            heapq.heappush(ends, (c[1], c[2]))
            nxt += 1
        while ends and ends[0][0] < start:  # ended before this span starts: encloses no later span
            open_now.pop(heapq.heappop(ends)[1], None)
        best = None
        for qs, qe, k, qid in open_now.values():
            if end <= qe and (best is None or (qe - qs, k) < best[:2]):
                best = (qe - qs, k, qid)
        found[i] = best[2] if best is not None else None
    return found


def _missing(x) -> bool:
    try:
        return x != x or x is None
    except Exception:  # pd.NA compares ambiguously
        return True


def extract_figures(text: str, sentences, quotes: list[dict] | None = None, *, reading: str = "ucdp") -> list[dict]:
    """Every figure of *text*, one dict per number as written, in text order.

    Args:
        text: The article text (offsets refer to it).
        sentences: Its sentences (:class:`panjshir_toolkit.text.Sentence`), for ``sentence_id``
            and to keep counted/event inside a sentence.
        quotes: Attributed statements with ``quote_id``, ``content_start`` and ``content_end``: a
            figure inside a content span gets that ``quote_id`` (the narrowest when several
            cover it); others get ``None`` (the outlet's own figure).
        reading: ``"ucdp"``: value/low/high interval; ``"acled"``: one conservative figure
            (see the module notes).

    Returns:
        Dicts with keys ``surface, start, end, value, low, high, qualifier, unit, counted, event,
        sentence_id, quote_id, implicit``; ``text[start:end] == surface``; ``event`` is a list of
        event names or ``None``; a missing bound is ``None``.

    Years, dates, clock times, ordinals, ages ("25-year-old"), phone numbers, list numbering,
    "one of the" and numbers glued into identifiers (COVID-19, J1149.5) are not figures.

    >>> from panjshir_toolkit.text import Sentence
    >>> t = "More than 1,000 Taliban have been captured or surrendered."
    >>> [(r["surface"], r["low"], r["event"]) for r in extract_figures(t, [Sentence(0, 0, 0, len(t), t)])]
    [('More than 1,000', 1001.0, ['captured', 'surrendered'])]
    """
    if reading not in READINGS:
        raise ValueError(f"Unknown reading {reading!r}: use 'ucdp' (low/best/high interval) or 'acled' "
                         "(one conservative figure).")
    if not text:
        return []
    lex = _lex()
    sents = sorted(sentences or [], key=lambda s: s.start)
    starts = [s.start for s in sents]

    def sentence_of(pos: int):
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and sents[i].start <= pos < max(sents[i].end, sents[i].start + 1):
            return sents[i]
        return None

    phones = [m.span() for m in _PHONE.finditer(text)]
    figs: list[_Fig] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = lex.master.search(text, pos)
        if not m:
            break
        f, nxt = _read_core(text, m)
        pos = max(nxt, m.start() + 1)
        if f is None:
            continue
        sent = sentence_of(f.start)
        s_start = sent.start if sent else 0
        s_end = sent.end if sent else n
        in_phone = any(a <= f.start < b for a, b in phones)
        if in_phone and not (m.lastgroup == "digits" and re.search(r"\d\s\d", m.group())):
            continue
        if not _extend(text, f):
            continue
        if in_phone and f.unit is None:
            continue                                       # "700 123 456" is a phone, "10 000 000 dollars" money
        _accounting_negative(text, f)
        pos = max(pos, f.end)
        core_text = text[m.start():nxt] if m.lastgroup == "words" else m.group()
        if m.lastgroup == "digits":
            line_start = text.rfind("\n", 0, m.start()) + 1
            if text[line_start:m.start()].strip() == "" and _LIST_ITEM.match(text, m.end()):
                continue                                   # "1. The first point"
            if _AGE_AFTER.match(text, m.end()) or _AGE_BEFORE.search(text, max(0, m.start() - 10), m.start()):
                tail = _AGE_RANGE_TAIL.match(text, m.end())
                if tail:
                    pos = max(pos, tail.end())             # "aged 15 to 20": both ends are ages
                continue
            if (f.end == m.end() and f.value < 120 and text.startswith(",", m.end())
                    and _AGE_APPOSITION.search(text, max(0, m.start() - 30), m.start())):
                continue
            if _near_month(text, m.start(), m.end()):
                continue
        elif m.lastgroup == "words" and _AGE_AFTER.match(text, f.core_end):
            continue
        if m.lastgroup == "words" and core_text.lower() == "one" and (
                re.match(r"\s+of\b", text[f.end:f.end + 4]) or _NOT_ONE.search(text, max(0, f.start - 10), f.start)):
            continue                                       # "one of the", "no one", "the one"
        hedge_start, rule = _hedge_before(text, f)
        kind = _try_range(text, f) if f.vague is None else None
        if kind == "score":
            pos = max(pos, f.core_end + 3)
            continue
        if kind == "skip":
            pos = max(pos, text.find(" ", f.core_end) if " " in text[f.core_end:f.core_end + 6] else f.core_end + 5)
            continue
        if kind == "range":
            pos = max(pos, f.end)
            if rule is not None and hedge_start < f.start:
                f.rule, f.range_hedge, f.start = rule, True, hedge_start   # "some 20-30", "up to 20 to 30"
        elif f.vague is None:
            if rule is not None:
                f.rule = rule
                f.start = hedge_start
            am = lex.hedge_after_re.match(text, f.core_end)
            if am and f.unit_kind is None:
                f.rule = lex.hedge_after[am.group(1).lower()]
                f.end = am.end()
                pos = max(pos, f.end)
        # what was counted, what happened
        if f.unit_kind in (None, "people"):
            counted, unit = _counted(text, f, s_end)
            if counted is not None:
                f.counted = counted
                f.unit = unit
            nxt_start = n
            after = f.end
            if f.counted is not None:
                after = text.find(f.counted, f.end) + len(f.counted)
            scan = max(pos, f.end)
            next_is_measure = False
            while True:
                # the next figure bounds the search for this one's event, except a figure inside an
                # apposition ("12 soldiers, including two officers, were killed") or a coordinated
                # subject ("four soldiers and two civilians were killed"), which shares the verb
                nm = lex.master.search(text, scan, s_end)
                if not nm:
                    break
                inner = _INCLUDING.search(text, max(0, nm.start() - 16), nm.start())
                if nm.lastgroup == "digits":
                    if (_AGE_BEFORE.search(text, max(0, nm.start() - 10), nm.start())
                            or _AGE_AFTER.match(text, nm.end())):
                        tail = _AGE_RANGE_TAIL.match(text, nm.end())
                        scan = tail.end() if tail else nm.end()   # "under the age of 18", "aged 15 to 20": ages
                        continue
                    if _read_core(text, nm)[0] is None:
                        scan = nm.end()                    # "the 3rd battalion", "on 9/11": not a figure
                        continue
                coordinated = f.counted is not None and _COORDINATED.fullmatch(text, after, nm.start())
                if not (inner or coordinated):
                    nxt_start = nm.start()
                    um = lex.unit_after_re.match(text, nm.end())
                    next_is_measure = bool(um and um.group(1).lower() in lex.units_after)
                    break
                scan = nm.end()
            f.event = _event(text, f, after, s_start, min(s_end, nxt_start), nxt_start < s_end and not next_is_measure)
            if f.event and f.unit is None:
                f.unit = "people"
        if (m.lastgroup == "digits" and f.unit in (None, "people") and f.rule == "exact"
                and _is_year(text, m.start(), m.end(), f.value)
                and (f.counted is None or (f.unit is None and " " in f.counted)
                     or _YEAR_BEFORE.search(text, max(0, m.start() - 8), m.start()))):
            continue                                       # a bare four-digit year ("2016 presidential elections")
        if f.unit is None and f.counted is None and not f.event:
            if f.vague in ("several", "a few"):
                continue                                   # "several said...": no quantity of anything
        if (m.lastgroup == "digits" and f.unit in (None, "people") and f.counted is None and f.rule == "exact"
                and _is_label(text, f.start, s_start)):
            continue                                       # "Radio 5", "Resolution 2254", "Season 3": a name
        if m.lastgroup == "words" and core_text.lower() == "one" and f.unit is None and not f.event:
            continue                                       # "one" needs a unit, a noun of people or an event
        figs.append(f)

    # a count of one with no number: "a civilian was killed", "detained a suspected insurgent"
    for m in lex.implicit_np_re.finditer(text):
        s, e = m.start("det"), m.end("np")
        np = m.group("np")
        if any(w.lower() in lex.boundary for w in np.split()[:-1]):
            continue
        ev = lex.implicit_after_re.match(text, e) or lex.implicit_before_re.search(text, max(0, s - 24), s)
        if ev is None or any(g.start < e and s < g.end for g in figs):
            continue
        word = re.sub(r"\s+", " ", ev.group("ev").lower())
        figs.append(_Fig(s, e, 1.0, unit="people", counted=re.sub(r"\s+", " ", np),
                         event=[lex.events[word]], implicit=True))

    figs.sort(key=lambda g: g.start)
    quote_ids = _quote_ids([(f.start, f.end) for f in figs], quotes)
    out = []
    for f, quote_id in zip(figs, quote_ids):
        if f.range_hedge:
            sem = _hedged_range(f, reading)
        else:
            sem = interval(f.value, f.rule, f.unit, reading=reading, low=f.low, high=f.high, acled=f.acled)
        sent = sentence_of(f.start)
        out.append({
            "surface": text[f.start:f.end], "start": f.start, "end": f.end,
            "value": sem["value"], "low": sem["low"], "high": sem["high"], "qualifier": sem["qualifier"],
            "unit": f.unit, "counted": f.counted, "event": f.event,
            "sentence_id": sent.sentence_id if sent else None,
            "quote_id": quote_id, "implicit": f.implicit,
        })
    return out
