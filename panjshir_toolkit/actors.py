"""Actors: resolving speaker mentions to canonical actors with a user-editable codebook.

The codebook is a CSV with the columns ``actor, aliases, kind, affiliation, role``
(aliases ``|``-separated). Matching, in order:

1. exact alias (case, titles, possessives and punctuation folded): "Mullah Amir Khan Motaqi"
   -> "amir khan motaqi";
2. spelling variant: same number of name tokens, each within one edit (Damerau: one
   insertion, deletion, substitution or transposition) of the alias token once doubled
   letters are collapsed, for tokens of four letters or more ("Ahamd Masoud" ~ "Ahmad
   Massoud", "Muttaqi" ~ "Motaqi"); shorter tokens must match exactly;
3. surname: a one-token mention matching the last token of aliases of exactly one actor;
4. name after descriptors: when the whole mention matches nothing, leading words that are
   lower case in the mention or belong to the name of a codebook organization or medium
   are dropped and the rest is matched by rules 1-3, longest rest first ("Taliban
   spokesman Zabihullah Mujahid" -> "Zabihullah Mujahid"; "the resistance forces'
   spokesperson Fahim Dashti" -> "Fahim Dashti"). A capitalised word that is no group
   name is kept, so "Ahmad Wali Massoud" is not taken for Ahmad Massoud by his surname.

Exact matches always beat variants, so a codebook can pin an odd spelling to the actor
it means. Speakers not in the codebook keep the kind the mention shows; their affiliation
is read from any codebook actor named inside the mention ("a Taliban source" -> Taliban;
"the resistance forces' spokesperson" -> National Resistance Front).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import CodebookError
from .schema import SEP

__all__ = ["Actor", "Codebook", "load_codebook", "default_codebook", "normalize_name", "CODEBOOK_COLUMNS"]

CODEBOOK_COLUMNS = ("actor", "aliases", "kind", "affiliation", "role")
KINDS = ("person", "role", "anonymous", "organization", "media", "unknown")

#: Honorifics and titles dropped before matching (lower case, no trailing dot).
TITLES = frozenset(
    """mr mrs ms miss dr prof sir mullah maulvi mawlawi sheikh haji hajji gen general lt col colonel
    maj major capt captain sgt president vice pm minister prime sen senator rep gov governor commander
    spokesperson spokesman spokeswoman late ex former acting deputy chief head""".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)


def _cased_tokens(name: str) -> list[tuple[str, bool]]:
    """The tokens of :func:`normalize_name`, each with whether it was lower case in *name*."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    out = []
    for raw in _WORD.findall(text):
        tok = re.sub(r"'s?$", "", raw.lower())
        if tok and tok not in TITLES and tok not in _ARTICLES:
            out.append((tok, raw[:1].islower()))
    return out


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").lower()


def normalize_name(name: str) -> tuple[str, ...]:
    """Name tokens for matching: lower case, accents, titles, articles and possessives dropped.

    >>> normalize_name("Mullah Amir Khan Motaqi's")
    ('amir', 'khan', 'motaqi')
    >>> normalize_name("the U.N.")
    ('u', 'n')
    """
    tokens = []
    for tok in _WORD.findall(_fold(name or "")):
        tok = re.sub(r"'s?$", "", tok)
        if tok and tok not in TITLES and tok not in _ARTICLES:
            tokens.append(tok)
    return tuple(tokens)


def _collapse(token: str) -> str:
    return re.sub(r"(.)\1+", r"\1", token)


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (a transposition counts as one edit)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _token_variant(a: str, b: str) -> bool:
    return _collapsed_variant(_collapse(a), _collapse(b))


def _collapsed_variant(a: str, b: str) -> bool:
    """:func:`_token_variant` for tokens whose doubled letters are already collapsed."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return _within_one_edit(a, b)


@dataclass(frozen=True)
class Actor:
    """One codebook entry."""

    actor: str
    aliases: tuple[str, ...]
    kind: str
    affiliation: str | None
    role: str | None


@dataclass
class Codebook:
    """A set of actors with their aliases, and the matching rules of this module.

    Build one with :func:`load_codebook` (a CSV path or a DataFrame) or use
    :func:`default_codebook` (``data/actors.csv``, the Panjshir material).
    """

    actors: list[Actor]
    source: str | None = None
    _exact: dict = field(default_factory=dict, init=False, repr=False)
    _keys: list = field(default_factory=list, init=False, repr=False)
    _group_words: frozenset = field(default=frozenset(), init=False, repr=False)
    # alias keys with doubled letters collapsed, computed once: by number of tokens (rule 2),
    # and the last token of the keys of two tokens or more (rule 3), in codebook order
    _variants: dict = field(default_factory=dict, init=False, repr=False)
    _surnames: list = field(default_factory=list, init=False, repr=False)

    def __post_init__(self):
        group_words = set()
        for actor in self.actors:
            for alias in (actor.actor, *actor.aliases):
                key = normalize_name(alias)
                if key:
                    self._exact.setdefault(key, actor)
                    self._keys.append((key, actor))
                    if actor.kind in ("organization", "media"):
                        group_words.update(key)
        self._group_words = frozenset(group_words)
        for key, actor in self._keys:
            collapsed = tuple(_collapse(t) for t in key)
            self._variants.setdefault(len(key), []).append((collapsed, actor))
            if len(key) > 1:
                self._surnames.append((collapsed[-1], actor))

    def __len__(self) -> int:
        return len(self.actors)

    def __getitem__(self, name: str) -> Actor:
        for actor in self.actors:
            if actor.actor == name:
                return actor
        raise KeyError(f"No actor named {name!r} in the codebook")

    @functools.lru_cache(maxsize=4096)
    def match(self, mention: str | None) -> Actor | None:
        """The actor a name mention refers to, or None (see the module docstring for the rules)."""
        key = normalize_name(mention or "")
        if not key:
            return None
        actor = self._match_key(key)
        if actor is not None or len(key) < 2:
            return actor
        tokens = _cased_tokens(mention)
        if tuple(t for t, _ in tokens) != key:
            return None
        for start in range(1, len(tokens)):
            tok, lower = tokens[start - 1]
            if not (lower or tok in self._group_words):
                break
            actor = self._match_key(key[start:])
            if actor is not None:
                return actor
        return None

    def _match_key(self, key: tuple[str, ...]) -> Actor | None:
        """Rules 1-3 of the module docstring on normalised tokens."""
        if key in self._exact:
            return self._exact[key]
        collapsed = tuple(_collapse(t) for t in key)
        hits = []
        for alias_key, actor in self._variants.get(len(key), ()):
            if all(_collapsed_variant(a, b) for a, b in zip(alias_key, collapsed)):
                if actor not in hits:
                    hits.append(actor)
        if len(hits) == 1:
            return hits[0]
        if len(key) == 1:
            hits = []
            for last, actor in self._surnames:
                if _collapsed_variant(last, collapsed[0]) and actor not in hits:
                    hits.append(actor)
            if len(hits) == 1:
                return hits[0]
        return None

    def find_in(self, text: str | None, kinds=("organization", "media")) -> Actor | None:
        """The first actor of the given kinds whose alias appears inside *text* as whole words.

        Used to read an affiliation off a mention: "a senior Taliban commander" -> Taliban.
        The longest alias wins when several start at the same place.
        """
        tokens = normalize_name(text or "")
        best = None
        for alias_key, actor in self._keys:
            if actor.kind not in kinds:
                continue
            n = len(alias_key)
            for i in range(len(tokens) - n + 1):
                if tokens[i:i + n] == alias_key:
                    rank = (i, -n)
                    if best is None or rank < best[0]:
                        best = (rank, actor)
                    break
        return best[1] if best else None

    def to_frame(self) -> pd.DataFrame:
        """The codebook as a DataFrame with the CSV's columns."""
        return pd.DataFrame(
            [(a.actor, SEP.join(a.aliases), a.kind, a.affiliation, a.role) for a in self.actors],
            columns=list(CODEBOOK_COLUMNS),
        )

    def __hash__(self):
        return id(self)


def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    value = str(value).strip()
    return value or None


def load_codebook(source: str | Path | pd.DataFrame) -> Codebook:
    """Read an actor codebook from a CSV file (or a DataFrame with the same columns).

    Args:
        source: path to a CSV with the header ``actor,aliases,kind,affiliation,role``
            (``aliases``, ``affiliation`` and ``role`` may be empty; ``kind`` defaults to
            person), or a DataFrame with those columns.

    Raises:
        CodebookError: when the file is missing, a required column is absent, an actor
            name is empty, or a kind is not one of person, role, anonymous, organization,
            media, unknown.
    """
    if isinstance(source, pd.DataFrame):
        rows = source.to_dict("records")
        where = "the codebook DataFrame"
    else:
        path = Path(source)
        where = str(path)
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CodebookError(f"Actor codebook not found: {path}. Pass an existing CSV file (columns: {', '.join(CODEBOOK_COLUMNS)}).") from None
        except UnicodeDecodeError as exc:
            raise CodebookError(f"Actor codebook {path} is not UTF-8 (byte {exc.start}). Save it as UTF-8 CSV.") from None
        reader = csv.DictReader(io.StringIO(raw))
        rows = list(reader)
        header = reader.fieldnames or []
        missing = [c for c in ("actor", "aliases") if c not in header]
        if missing:
            raise CodebookError(
                f"Actor codebook {path} lacks the column(s) {', '.join(missing)}; its header is {header}. "
                f"Expected: {','.join(CODEBOOK_COLUMNS)}."
            )
    actors = []
    for n, row in enumerate(rows, start=2):
        name = _clean(row.get("actor"))
        if not name:
            raise CodebookError(f"{where}, line {n}: the 'actor' column is empty. Give every row a canonical name.")
        kind = (_clean(row.get("kind")) or "person").lower()
        if kind not in KINDS:
            raise CodebookError(f"{where}, line {n}: kind {kind!r} for {name!r} is not one of {', '.join(KINDS)}.")
        aliases = tuple(a.strip() for a in (_clean(row.get("aliases")) or "").split(SEP) if a.strip())
        actors.append(Actor(name, aliases, kind, _clean(row.get("affiliation")), _clean(row.get("role"))))
    return Codebook(actors, source=where)


@functools.cache
def default_codebook() -> Codebook:
    """The codebook shipped in ``data/actors.csv`` (people and groups of the Panjshir material)."""
    from .datasets import actors_path

    return load_codebook(actors_path())


def resolve_speaker(record: dict, codebook: Codebook) -> dict:
    """Canonical ``speaker``, ``speaker_kind`` and ``affiliation`` for one quote record.

    *record* needs ``speaker_ref`` (the name or antecedent the attribution stage found),
    ``speaker_text`` and ``mention_kind``. Returns the three fields.
    """
    ref = record.get("speaker_ref")
    kind = record.get("mention_kind") or "unknown"
    actor = None
    if kind not in ("role", "anonymous"):
        # A role or an anonymous source ("a Taliban spokesman") is not the group itself:
        # it keeps its kind and takes the group as its affiliation below.
        actor = codebook.match(ref) or codebook.match(record.get("speaker_text"))
    if actor is not None:
        return {"speaker": actor.actor, "speaker_kind": actor.kind, "affiliation": actor.affiliation}
    side = codebook.find_in(record.get("speaker_text")) or codebook.find_in(ref)
    affiliation = side.affiliation if side is not None else None
    speaker = _clean(ref)
    if speaker and speaker.lower() in {"he", "she", "they", "it", "we", "i", "him", "her", "them"}:
        speaker, kind = None, "unknown"
    return {"speaker": speaker, "speaker_kind": kind if kind in KINDS else "unknown", "affiliation": affiliation}


def actors_table(quotes: pd.DataFrame, figures: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The actors table: every speaker and every relaying medium, with counts.

    Codebook actors keep their codebook aliases, kind, affiliation and role; speakers not in
    the codebook get the distinct mentions they were written as for ``aliases``.
    """
    from .schema import conform, split_multi

    n_fig = figures.dropna(subset=["quote_id"]).groupby("quote_id").size() if len(figures) else pd.Series(dtype="int64")
    rows: dict[str, dict] = {}

    def row_for(name: str, kind, affiliation) -> dict:
        if name not in rows:
            try:
                actor = codebook[name]
            except KeyError:
                actor = None
            rows[name] = {
                "actor": name,
                "aliases": list(actor.aliases) if actor else [],
                "kind": actor.kind if actor else kind,
                "affiliation": actor.affiliation if actor else affiliation,
                "role": actor.role if actor else None,
                "n_quotes": 0,
                "n_figures": 0,
                "_coded": actor is not None,
            }
        return rows[name]

    for q in quotes.itertuples(index=False):
        if q.speaker is None or q.speaker is pd.NA:
            continue
        r = row_for(q.speaker, q.speaker_kind, q.affiliation)
        r["n_quotes"] += 1
        r["n_figures"] += int(n_fig.get(q.quote_id, 0))
        if q.speaker_text is not pd.NA and q.speaker_text and not r["_coded"] and q.speaker_text not in r["aliases"]:
            r["aliases"].append(q.speaker_text)
        for medium in split_multi(q.relayed_by):
            actor = codebook.match(medium)
            row_for(actor.actor if actor else medium, "media", "media")
    out = [dict(r, aliases=SEP.join(r["aliases"]) or None) for r in rows.values()]
    for r in out:
        del r["_coded"]
    out.sort(key=lambda r: (-r["n_quotes"], r["actor"]))
    return conform("actors", out)
