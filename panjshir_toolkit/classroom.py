"""Source-criticism exercises with checkable answers, built from the analysis tables.

Each :class:`Exercise` is a question about one article: who gave a figure (the
claimant), through which media a statement reached the article (the relay), how sure a
figure is (the hedge), which side gives a number, and which person a garbled name really
refers to. The answer of every exercise is **read from the tables** of
:func:`panjshir_toolkit.analyze` (and the actor codebook), never typed by hand, so the
exercises follow the toolkit: improve the pipeline and the answer key improves with it.

:meth:`Exercise.check` is pure (answer in, ``(correct, feedback)`` out), so the answer key
is tested without a browser; :func:`exercise_widget` is a thin ipywidgets shell over it (a
Dropdown or a Text box, a *Check* button and a feedback line) that works in JupyterLab and
in a Voila dashboard (``voila notebooks/04_classroom.ipynb``).

Example:
    >>> import panjshir_toolkit as pt                                  # doctest: +SKIP
    >>> from panjshir_toolkit.classroom import seed_exercises, exercise_widget
    >>> exercises = seed_exercises(pt.analyze(pt.panjshir_path()))     # doctest: +SKIP
    >>> exercises[0].check("Fahim Dashti")                             # doctest: +SKIP
    (True, 'Right. ...')
    >>> exercise_widget(exercises[0])                                  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .schema import split_multi

__all__ = [
    "Exercise",
    "OUTLET_OWN",
    "NO_RELAY",
    "BOTH_SIDES",
    "NO_SIDE",
    "PROMPT",
    "normalize_answer",
    "claimant_exercise",
    "relay_exercise",
    "hedge_exercise",
    "sides_exercise",
    "naming_exercise",
    "seed_exercises",
    "exercise_widget",
    "qualifier_meanings",
]

#: The option naming no claimant: the figure is the outlet's own.
OUTLET_OWN = "nobody named: the outlet's own statement"
#: The option naming no relay: the outlet reports the statement itself.
NO_RELAY = "no relay: the outlet reports it directly"
#: The options of :func:`sides_exercise` for "several sides" and "no side".
BOTH_SIDES = "both sides"
NO_SIDE = "neither side"
#: The first, empty entry of an exercise's Dropdown.
PROMPT = "(choose an answer)"


def normalize_answer(text) -> str:
    """An answer as compared: Unicode NFKC, case folded, spaces collapsed, outer quotes/punctuation dropped.

    >>> normalize_answer('  "Fahim   DASHTI". ')
    'fahim dashti'
    """
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    folded = re.sub(r"\s+", " ", folded).strip()
    return folded.strip(" \"'“”‘’.,;:!?()[]")


@dataclass(frozen=True)
class Exercise:
    """One question with its answer key.

    Attributes:
        key: a short identifier (``"claimant-f3"``), stable for a given table row.
        question: the question, plain text (escaped when shown).
        answer: the expected answer; for a Dropdown it is one of *options*.
        options: the choices of a Dropdown; empty for a typed (Text) answer.
        accept: other spellings accepted as correct (a typed name's aliases).
        evidence: the sentence(s) of the article the question is about, shown under it.
        explanation: why the answer is right; part of the feedback on a correct answer.
        hint: the feedback on a wrong answer without a specific one in *feedback_for*.
        feedback_for: feedback on particular wrong options (keys as in *options*).

    Raises:
        ValueError: *answer* is empty, or not among *options* when options are given.
    """

    key: str
    question: str
    answer: str
    options: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    evidence: str | None = None
    explanation: str = ""
    hint: str = "Read the sentence again: who speaks, through whom, and in which words?"
    feedback_for: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if not normalize_answer(self.answer):
            raise ValueError(f"exercise {self.key!r} has an empty answer; the tables gave nothing to ask about.")
        if self.options and self.answer not in self.options:
            raise ValueError(f"exercise {self.key!r}: the answer {self.answer!r} is not among the options "
                             f"{list(self.options)}.")

    @property
    def typed(self) -> bool:
        """True when the answer is typed (a Text box), False for a Dropdown."""
        return not self.options

    def is_correct(self, answer) -> bool:
        """Whether *answer* matches the answer or one of the accepted spellings (see :func:`normalize_answer`)."""
        given = normalize_answer(answer)
        return bool(given) and given in {normalize_answer(a) for a in (self.answer, *self.accept)}

    def check(self, answer) -> tuple[bool, str]:
        """``(correct, feedback)`` for a student's *answer*; pure, nothing is stored.

        An empty answer (or the Dropdown's prompt) is not correct and asks for an answer.
        """
        if not normalize_answer(answer) or answer == PROMPT:
            return False, "Choose an answer first." if self.options else "Type an answer first."
        if self.is_correct(answer):
            return True, f"Right. {self.explanation}".strip()
        specific = {normalize_answer(k): v for k, v in self.feedback_for.items()}.get(normalize_answer(answer))
        return False, f"Not quite. {specific or self.hint}".strip()


# --------------------------------------------------------------------------- reading the tables

def _table(tables, name: str) -> pd.DataFrame:
    try:
        return tables[name]
    except (KeyError, TypeError):
        raise KeyError(f"the exercises need the {name!r} table: pass the result of panjshir_toolkit.analyze "
                       f"(or a dict of its tables).") from None


def _present(value) -> bool:
    return not (value is None or value is pd.NA or (isinstance(value, float) and value != value))


def _row(table: pd.DataFrame, column: str, value, what: str) -> pd.Series:
    hit = table[table[column] == value]
    if not len(hit):
        some = ", ".join(map(str, table[column].dropna().head(6)))
        raise KeyError(f"no {what} with {column} {value!r} (there are: {some}, ...).")
    return hit.iloc[0]


def _sentence(tables, article_id, sentence_ids) -> str | None:
    sentences = _table(tables, "sentences")
    ids = [int(i) for i in sentence_ids if _present(i)]
    rows = sentences[(sentences["article_id"] == article_id) & sentences["sentence_id"].isin(ids)]
    return " ".join(rows.sort_values("sentence_id")["text"]) or None


def _quote_sentence(tables, quote: pd.Series) -> str | None:
    return _sentence(tables, quote["article_id"], split_multi(quote["sentence_ids"]))


def _speakers(tables, article_id) -> list[str]:
    quotes = _table(tables, "quotes")
    return list(dict.fromkeys(quotes.loc[quotes["article_id"] == article_id, "speaker"].dropna()))


def _aliases(tables, actor: str) -> tuple[str, ...]:
    actors = _table(tables, "actors")
    hit = actors[actors["actor"] == actor]
    return tuple(split_multi(hit.iloc[0]["aliases"])) if len(hit) else ()


def _event_words(event) -> str:
    return " or ".join(split_multi(event)) or "counted"


def _figure_phrase(figure: pd.Series) -> str:
    what = f" {figure['counted']}" if _present(figure["counted"]) else ""
    event = f" ({_event_words(figure['event'])})" if _present(figure["event"]) else ""
    return f"\u201c{figure['surface']}\u201d{what}{event}"


@functools.cache
def qualifier_meanings() -> dict[str, str]:
    """Each qualifier of ``lexicon/qualifiers.csv`` with the meaning of its first rule, in table order."""
    from . import lexicon

    out: dict[str, str] = {}
    for row in lexicon.load("qualifiers"):
        # for readers: drop the table's technical asides ("(UCDP best)", ": from vague_quantities.csv")
        meaning = re.sub(r"\s*\([^)]*\)|:\s*from \S+\.csv", "", row["meaning"]).strip()
        out.setdefault(row["qualifier"], meaning)
    return out


def _mid_sentence(mention) -> str:
    """A mention as it reads inside a sentence: "A Taliban source" -> "a Taliban source"."""
    text = str(mention)
    return text[0].lower() + text[1:] if re.match(r"(A|An|The) ", text) else text


def _fmt(x) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


# --------------------------------------------------------------------------- exercise builders

def claimant_exercise(tables, figure_id: str, *, typed: bool = False) -> Exercise:
    """Who gave the figure *figure_id*? The answer is the quote's canonical speaker, or :data:`OUTLET_OWN`.

    Args:
        tables: the result of :func:`panjshir_toolkit.analyze` or a dict of its tables.
        figure_id: a ``figures.figure_id``.
        typed: ask for the name in a Text box (every alias of the speaker in the ``actors``
            table is accepted) instead of a Dropdown of the article's speakers.
    """
    figures, quotes = _table(tables, "figures"), _table(tables, "quotes")
    figure = _row(figures, "figure_id", figure_id, "figure")
    evidence = _sentence(tables, figure["article_id"], [figure["sentence_id"]])
    if _present(figure["quote_id"]):
        quote = _row(quotes, "quote_id", figure["quote_id"], "quote")
        answer = str(quote["speaker"])
        channel = f" (on {quote['channel']})" if _present(quote["channel"]) else ""
        explanation = (f"The number is part of what {_mid_sentence(quote['speaker_text'])} {quote['cue']}{channel}; "
                       f"that is {answer}"
                       + (f" ({quote['affiliation']})." if _present(quote["affiliation"]) else "."))
        accept = _aliases(tables, answer) if typed else ()
    else:
        if typed:
            raise ValueError(f"figure {figure_id} has no claimant to type: ask for it with typed=False.")
        answer, accept = OUTLET_OWN, ()
        explanation = ("No source is named for this figure: it is the outlet's own statement, "
                       "so the reader cannot check where it comes from.")
    options = () if typed else tuple(dict.fromkeys([*_speakers(tables, figure["article_id"]), OUTLET_OWN]))
    how = "Type the name of the person or organisation." if typed else "Choose the claimant."
    return Exercise(
        key=f"claimant-{figure_id}", answer=answer, options=options, accept=accept, evidence=evidence,
        question=f"Who gives the figure {_figure_phrase(figure)}? {how}",
        explanation=explanation,
        hint="Look for the reporting verb (said, claimed, added) whose statement contains the number, "
             "and for its subject. A figure outside any statement is the outlet's own.",
        feedback_for={OUTLET_OWN: "A source is named for this figure: find the reporting verb."}
        if answer != OUTLET_OWN else {},
    )


def relay_exercise(tables, quote_id: str) -> Exercise:
    """Through which media did the statement *quote_id* reach the article? The nearest relay, or :data:`NO_RELAY`.

    The options are the media of the ``actors`` table, the article's credited agency and
    outlet, and :data:`NO_RELAY`.
    """
    quotes, actors, articles = _table(tables, "quotes"), _table(tables, "actors"), _table(tables, "articles")
    quote = _row(quotes, "quote_id", quote_id, "quote")
    relays = split_multi(quote["relayed_by"])
    article = _row(articles, "article_id", quote["article_id"], "article")
    own = [str(article[c]) for c in ("credit", "outlet") if _present(article[c])]
    media = actors.loc[actors["kind"] == "media", "actor"].dropna().tolist()
    answer = relays[0] if relays else NO_RELAY
    options = tuple(dict.fromkeys([*sorted(media), *own, *relays, NO_RELAY]))
    if relays:
        chain = " \u2192 ".join([str(quote["speaker"]), *relays, *(own[:1] or ["the article"])])
        explanation = (f"The article did not hear {_mid_sentence(quote['speaker_text'])} itself: the statement came through "
                       f"{answer}. The chain is {chain}.")
    else:
        explanation = "No medium is named between the speaker and the article: the outlet reports it directly."
    feedback_for = {o: (f"{o} is credited for the whole article, not for this statement: "
                        "look for 'reported ...' or '... said' naming a medium.") for o in own if o != answer}
    return Exercise(
        key=f"relay-{quote_id}", answer=answer, options=options, evidence=_quote_sentence(tables, quote),
        question=f"{quote['speaker_text']} {quote['cue']} something. Through which medium did the statement "
                 f"reach this article?",
        explanation=explanation, feedback_for=feedback_for,
        hint="Look for a medium named around the statement: 'reported Al Jazeera', 'X quoted Y as saying'.",
    )


def hedge_exercise(tables, figure_id: str) -> Exercise:
    """How sure is the figure *figure_id*? The answer is its ``qualifier`` (options: ``lexicon/qualifiers.csv``)."""
    figure = _row(_table(tables, "figures"), "figure_id", figure_id, "figure")
    meanings = qualifier_meanings()
    label = {q: f"{q.replace('_', ' ')}: {m}" for q, m in meanings.items()}
    qualifier = str(figure["qualifier"])
    if qualifier not in label:
        raise ValueError(f"figure {figure_id} has qualifier {qualifier!r}, which lexicon/qualifiers.csv does not define.")
    low, high = figure["low"], figure["high"]
    bounds = (f"from {_fmt(low)}" if _present(low) else "with no lower bound") + (
        f" to {_fmt(high)}" if _present(high) else ", with no upper bound")
    return Exercise(
        key=f"hedge-{figure_id}", answer=label[qualifier], options=tuple(label.values()),
        evidence=_sentence(tables, figure["article_id"], [figure["sentence_id"]]),
        question=f"How sure is the figure {_figure_phrase(figure)}? Choose what its wording allows.",
        explanation=f"\u201c{figure['surface']}\u201d is {qualifier.replace('_', ' ')}: the wording allows "
                    f"a number {bounds}.",
        hint="Look at the words just before or after the number (about, more than, at least, dozens...).",
    )


def sides_exercise(tables, event: str, counted: str) -> Exercise:
    """Which side gives a figure for *event* of *counted* (e.g. ``"killed"``, ``"Taliban"``)?

    The options are the sides (``affiliation``) of the article's speakers, :data:`BOTH_SIDES`
    and :data:`NO_SIDE`; the answer is the side whose statements hold such a figure,
    :data:`BOTH_SIDES` when several do, :data:`NO_SIDE` when none does. Counted groups are
    compared as :func:`panjshir_toolkit.compare.normalize_counted` does.
    """
    from .compare import compare_figures, normalize_counted

    claims, quotes = _table(tables, "claims"), _table(tables, "quotes")
    group = normalize_counted(counted)
    rows = claims[claims["quote_id"].notna() & claims["value"].notna()
                  & claims["event"].map(lambda e: event in split_multi(e))
                  & claims["counted"].map(lambda c: _present(c) and normalize_counted(c) == group)]
    sides = list(dict.fromkeys(rows["affiliation"].dropna()))
    all_sides = list(dict.fromkeys(quotes["affiliation"].dropna()))
    answer = sides[0] if len(sides) == 1 else (BOTH_SIDES if sides else NO_SIDE)
    compared = compare_figures(rows, event=event, counted=counted) if len(rows) else None
    given = "; ".join(f"{r.speaker}: {r.surfaces}" for r in compared.itertuples()) if compared is not None else ""
    silent = [s for s in all_sides if s not in sides]
    explanation = (f"Figures for {counted} {event}: {given or 'none'}."
                   + (f" Nobody on the side of {' or '.join(silent)} gives such a figure in this article,"
                      " so the number is one side's claim and cannot be checked against the other's."
                      if sides and silent else ""))
    evidence = " ".join(dict.fromkeys(filter(None, (
        _sentence(tables, a, [s]) for a, s in zip(rows["article_id"], rows["sentence_id"]))))) or None
    return Exercise(
        key=f"sides-{event}-{group}", answer=answer, options=tuple(dict.fromkeys([*all_sides, BOTH_SIDES, NO_SIDE])),
        evidence=evidence,
        question=f"The article reports {counted} {event}. Which side gives a number for it?",
        explanation=explanation,
        hint="For each number of this kind, ask who said it and which side that speaker belongs to.",
        feedback_for={BOTH_SIDES: "Check the other side's statements: do they contain any number?"}
        if answer != BOTH_SIDES else {},
    )


def naming_exercise(tables, mention: str, codebook=None) -> Exercise:
    """Which person does the mention *mention* really refer to (e.g. a garbled name)?

    The answer is the canonical speaker the toolkit resolved the mention to. The options
    are the persons of the codebook who share a name with the mention, and the persons
    speaking in the article; a wrong choice of a codebook person explains who that is
    (from the codebook's ``role``).

    Args:
        tables: the analysis result or a dict of its tables.
        mention: a ``quotes.speaker_text`` as written in the article.
        codebook: the :class:`~panjshir_toolkit.actors.Codebook` (default: the analysis's, else
            :func:`~panjshir_toolkit.actors.default_codebook`).
    """
    from .actors import default_codebook, normalize_name

    quotes = _table(tables, "quotes")
    codebook = codebook or getattr(tables, "codebook", None) or default_codebook()
    quote = _row(quotes, "speaker_text", mention, "quote")
    answer = str(quote["speaker"])
    words = set(normalize_name(mention))
    persons = [a for a in codebook.actors if a.kind == "person"]
    namesakes = [a for a in persons if words & set(normalize_name(a.actor))]
    speaking = [s for s in quotes.loc[quotes["article_id"] == quote["article_id"], "speaker"].dropna()
                if any(a.actor == s and a.kind == "person" for a in persons)]
    options = tuple(dict.fromkeys(sorted([a.actor for a in namesakes] + speaking)))
    if answer not in options:
        options = (*options, answer)
    role = {a.actor: a.role for a in persons if a.role}
    feedback_for = {a.actor: f"{a.actor} is the {role[a.actor]}." for a in namesakes
                    if a.actor != answer and a.actor in role}
    near = [a.actor for a in namesakes if a.actor != answer and normalize_answer(a.actor).replace("ss", "s")
            == normalize_answer(mention).replace("ss", "s")]
    explanation = (f"\u201c{mention}\u201d is how the article writes it, but the speaker is {answer}"
                   + (f", {role[answer]}" if answer in role else "") + "."
                   + (f" {near[0]} is a different man: the {role[near[0]]}; the article gives the right name "
                      f"elsewhere. Names are evidence too: check them." if near and near[0] in role else ""))
    return Exercise(
        key=f"naming-{normalize_answer(mention).replace(' ', '-')}", answer=answer, options=options,
        evidence=_quote_sentence(tables, quote), feedback_for=feedback_for,
        question=f"The article says \u201c{mention}\u201d {quote['cue']} this. Who is really speaking?",
        explanation=explanation,
        hint="Who leads the resistance in 2021? Compare with how the article names him in other paragraphs.",
    )


def seed_exercises(tables=None) -> list[Exercise]:
    """The exercises of ``notebooks/04_classroom`` on the bundled Panjshir article.

    Which rows are asked about is chosen from the tables (the first figure of each kind
    below), so only the choice of *kinds* of question is made here:

    1. the claimant of the first figure of captured or surrendered fighters (a Dropdown);
    2. the claimant, typed, of the figure given on Twitter;
    3. the claimant of the first figure outside any statement (the outlet's own);
    4. the relay of the anonymous source's statement;
    5. the hedge of the first "more than" figure;
    6. which side gives a number of Taliban killed;
    7. who "Ahmad Shah Masoud" really is.

    Args:
        tables: the result of ``analyze`` on the seed (analysed here when None).

    Raises:
        KeyError: the tables hold no row of a kind asked about (not the seed article?).
    """
    if tables is None:
        from .datasets import panjshir_path
        from .pipeline import analyze

        tables = analyze(panjshir_path())
    figures, quotes = _table(tables, "figures"), _table(tables, "quotes")

    def first(frame: pd.DataFrame, what: str) -> pd.Series:
        if not len(frame):
            raise KeyError(f"the tables hold no {what}; seed_exercises is written for the Panjshir article.")
        return frame.iloc[0]

    captured = first(figures[figures["event"].map(lambda e: "captured" in split_multi(e))], "figure of captured people")
    twitter = first(quotes[(quotes["channel"] == "twitter")], "statement on Twitter")
    tweeted = first(figures[figures["quote_id"] == twitter["quote_id"]], "figure in the tweet")
    own = first(figures[figures["quote_id"].isna()], "figure of the outlet's own")
    anonymous = first(quotes[(quotes["speaker_kind"] == "anonymous") & quotes["relayed_by"].notna()],
                      "relayed anonymous statement")
    more_than = first(figures[figures["qualifier"] == "more_than"], "'more than' figure")
    return [
        claimant_exercise(tables, captured["figure_id"]),
        claimant_exercise(tables, tweeted["figure_id"], typed=True),
        claimant_exercise(tables, own["figure_id"]),
        relay_exercise(tables, anonymous["quote_id"]),
        hedge_exercise(tables, more_than["figure_id"]),
        sides_exercise(tables, "killed", "Taliban"),
        naming_exercise(tables, "Ahmad Shah Masoud"),
    ]


# --------------------------------------------------------------------------- the widget

def _feedback_html(correct: bool, message: str) -> str:
    colour, mark, cls = ("#1b7f3b", "\u2714", "pt-correct") if correct else ("#b3261e", "\u2718", "pt-wrong")
    return (f'<div class="pt-feedback {cls}" style="font-family: Arial, sans-serif; color: {colour}; '
            f'margin: 0.3em 0 0.8em 0;"><b>{mark}</b> {html.escape(message)}</div>')


def exercise_widget(ex: Exercise, *, number: int | None = None):
    """An ipywidgets box for *ex*: the question, the evidence, an answer control, *Check* and feedback.

    The answer control is a Dropdown of ``ex.options`` (headed by :data:`PROMPT`) or, for a
    typed exercise, a Text box. *Check* shows ``ex.check(answer)`` as a coloured line (an
    error, should one happen, is shown there too, never lost); changing the answer clears it.
    All text is HTML-escaped.

    The box has the CSS class ``pt-exercise`` and the attributes ``answer`` (the control),
    ``check_button`` and ``feedback`` (an ``HTML`` widget), for tests and for notebooks.
    """
    import ipywidgets as w

    prefix = f"{number}. " if number is not None else ""
    parts = [w.HTML(f'<p class="pt-question" style="font-family: Arial, sans-serif; font-size: 1.05em;">'
                    f"<b>{html.escape(prefix + ex.question)}</b></p>")]
    if ex.evidence:
        parts.append(w.HTML(f'<blockquote class="pt-evidence" style="font-family: Georgia, serif; margin: 0 0 0.5em 1em;'
                            f' padding-left: 0.8em; border-left: 3px solid #bbb; color: #333;">'
                            f"{html.escape(ex.evidence)}</blockquote>"))
    if ex.typed:
        control = w.Text(value="", placeholder="type your answer", layout=w.Layout(width="24em"))
    else:
        control = w.Dropdown(options=[PROMPT, *ex.options], value=PROMPT, layout=w.Layout(width="auto"))
    control.add_class("pt-exercise-answer")
    button = w.Button(description="Check", button_style="primary", icon="check", layout=w.Layout(width="8em"))
    button.add_class("pt-exercise-check")
    feedback = w.HTML("")
    feedback.add_class("pt-exercise-feedback")

    def on_check(_=None):
        try:
            feedback.value = _feedback_html(*ex.check(control.value))
        except Exception as exc:  # noqa: BLE001 - a callback must never fail silently
            feedback.value = _feedback_html(False, f"The answer could not be checked: {exc!r}")

    def on_change(_):
        feedback.value = ""

    button.on_click(on_check)
    control.observe(on_change, names="value")
    box = w.VBox([*parts, w.HBox([control, button]), feedback],
                 layout=w.Layout(border="1px solid #ddd", padding="0.4em 0.8em", margin="0 0 0.8em 0"))
    box.add_class("pt-exercise")
    box.answer, box.check_button, box.feedback, box.exercise = control, button, feedback, ex
    box.check = on_check
    return box
