"""HTML views of the tables: the highlighted article, a claim's evidence, and plain tables.

Like displaCy's entity view, an article is shown whole with every speaker, speech
verb (cue), quoted content and figure marked as a coloured span with a small label;
spans may nest (a figure inside a quote's content) or even cross, and are always
rendered as properly nested HTML. Hovering a span shows its details (speaker's side,
the figure's interval, the relay...) through the ``title`` attribute.

Article text is untrusted input: every piece of text and metadata that reaches the
HTML goes through :func:`html.escape`. The output has no JavaScript, no external
resources and only inline ``style`` attributes, so it renders the same in JupyterLab,
Voila, an ipywidgets ``HTML`` widget, or a saved ``.html`` file.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from .schema import split_multi

__all__ = [
    "KINDS",
    "Mark",
    "quote_marks",
    "figure_marks",
    "claim_marks",
    "highlight_html",
    "legend_html",
    "render_article_html",
    "show_article",
    "render_claim_evidence",
    "table_html",
]

#: The kinds of marked span, outermost first when two share the same extent:
#: kind -> (label shown, background colour, accent colour).
KINDS: dict[str, tuple[str, str, str]] = {
    "content": ("quote", "#e2f3df", "#3a8f3a"),
    "speaker": ("speaker", "#d6e4ff", "#2f6bd8"),
    "cue": ("cue", "#ffe8c2", "#d27f00"),
    "figure": ("figure", "#ffd9e3", "#c2255c"),
}
_ORDER = {kind: i for i, kind in enumerate(KINDS)}

_FONT = "font-family: Georgia, 'DejaVu Serif', serif; font-size: 15px; color: #1d1d1d;"
_BADGE = ("font-family: Arial, 'DejaVu Sans', sans-serif; font-size: 0.62em; font-weight: bold; "
          "text-transform: uppercase; letter-spacing: 0.03em; color: #fff; border-radius: 0.25em; "
          "padding: 0.05em 0.3em; margin-left: 0.3em; vertical-align: middle; white-space: nowrap;")


class Mark(NamedTuple):
    """One span to highlight: ``text[start:end]``, its kind (a key of :data:`KINDS`),
    a short ``detail`` shown in its label and a longer ``title`` shown on hover."""

    start: int
    end: int
    kind: str
    detail: str = ""
    title: str = ""


def _esc(value) -> str:
    """Escape any value for HTML text or a quoted attribute; missing -> ''."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _present(value) -> bool:
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and value != value:
        return False
    return str(value) != ""


def _get(row, key):
    try:
        value = row[key]
    except (KeyError, IndexError):
        return None
    return value if _present(value) else None


def _fmt_number(value) -> str:
    if not _present(value):
        return "?"
    value = float(value)
    if value == float("inf"):
        return "∞"
    return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"


def _join(parts, sep=", ") -> str:
    """Join the present parts (None, NA, NaN, "" and False are skipped)."""
    return sep.join(str(p) for p in parts if p is not False and _present(p))


def _quote_row_marks(row, speaker_cols=("speaker_start", "speaker_end")) -> list[Mark]:
    marks = []
    speaker, written = _get(row, "speaker"), _get(row, "speaker_text")
    # The label names who the mention resolves to ("He" -> Ahmad Massoud) and the side.
    side = _join([speaker if speaker and speaker != written else None, _get(row, "affiliation")], " · ")
    relays = ", ".join(split_multi(_get(row, "relayed_by")))
    quote_detail = _join([_get(row, "quote_type"), _get(row, "channel"), relays and f"via {relays}"], " · ")
    speaker_title = _join([
        f"speaker: {_get(row, 'speaker') or _get(row, 'speaker_text') or '?'}",
        _get(row, "speaker_kind"), _get(row, "affiliation") and f"side: {_get(row, 'affiliation')}",
    ])
    quote_title = _join([
        _get(row, "quote_id"), _get(row, "quote_type") and f"{_get(row, 'quote_type')} quote",
        _get(row, "channel") and f"channel: {_get(row, 'channel')}",
        _get(row, "relayed_by") and f"relayed by: {', '.join(split_multi(_get(row, 'relayed_by')))}",
        _get(row, "speaker") and f"speaker: {_get(row, 'speaker')}",
    ])
    cue_title = _join([
        _get(row, "cue_lemma") and f"cue: {_get(row, 'cue_lemma')}",
        _get(row, "cue_category") and f"category: {_get(row, 'cue_category')}",
    ])
    for kind, (s, e), detail, title in (
        ("speaker", speaker_cols, side, speaker_title),
        ("cue", ("cue_start", "cue_end"), _get(row, "cue_category") or "", cue_title),
        ("content", ("content_start", "content_end"), quote_detail, quote_title),
    ):
        start, end = _get(row, s), _get(row, e)
        if start is not None and end is not None:
            marks.append(Mark(int(start), int(end), kind, str(detail), title))
    return marks


def _figure_row_marks(row, cols=("start", "end")) -> list[Mark]:
    start, end = _get(row, cols[0]), _get(row, cols[1])
    if start is None or end is None:
        return []
    low, high, value = _get(row, "low"), _get(row, "high"), _get(row, "value")
    interval = f"[{_fmt_number(low)} – {_fmt_number(high)}]" if low is not None or high is not None else ""
    title = _join([
        _get(row, "figure_id"), value is not None and f"value {_fmt_number(value)}", interval,
        _get(row, "qualifier"), _get(row, "unit"), _get(row, "counted") and f"counted: {_get(row, 'counted')}",
        _get(row, "event") and f"event: {', '.join(split_multi(_get(row, 'event')))}",
        _get(row, "quote_id") and f"in {_get(row, 'quote_id')}",
    ])
    detail = _join([_get(row, "qualifier"), _get(row, "event") and ", ".join(split_multi(_get(row, "event")))], " · ")
    return [Mark(int(start), int(end), "figure", detail, title)]


def _rows(table, article_id=None):
    if table is None:
        return []
    if isinstance(table, pd.DataFrame):
        if article_id is not None and "article_id" in table.columns:
            table = table[table["article_id"] == article_id]
        return [row for _, row in table.iterrows()]
    return [row for row in table if article_id is None or _get(row, "article_id") in (None, article_id)]


def quote_marks(quotes, article_id: str | None = None) -> list[Mark]:
    """The speaker, cue and content spans of every row of a ``quotes`` table (or list of dicts).

    Args:
        quotes: rows with ``speaker_start/_end``, ``cue_start/_end``, ``content_start/_end``;
            missing offsets are skipped.
        article_id: keep only the rows of this article (when the table has ``article_id``).
    """
    return [m for row in _rows(quotes, article_id) for m in _quote_row_marks(row)]


def figure_marks(figures, article_id: str | None = None) -> list[Mark]:
    """The span of every row of a ``figures`` table (columns ``start``, ``end``)."""
    return [m for row in _rows(figures, article_id) for m in _figure_row_marks(row)]


def claim_marks(claim) -> list[Mark]:
    """The speaker, cue, content and figure spans of one row of the ``claims`` table."""
    return _quote_row_marks(claim) + _figure_row_marks(claim, ("figure_start", "figure_end"))


def _span_open(mark: Mark, continued: bool = False) -> str:
    _, bg, accent = KINDS[mark.kind]
    if mark.kind == "content":
        style = f"background: {bg}; border-bottom: 2px solid {accent}; padding: 0.15em 0;"
    else:
        style = f"background: {bg}; border: 1px solid {accent}; border-radius: 0.3em; padding: 0.1em 0.2em;"
        if mark.kind == "figure":
            style += " font-weight: bold;"
    style += " -webkit-box-decoration-break: clone; box-decoration-break: clone;"
    cls = f"pt-mark pt-{mark.kind}" + (" pt-continued" if continued else "")
    title = f' title="{_esc(mark.title)}"' if mark.title else ""
    return f'<span class="{cls}" data-kind="{mark.kind}" style="{style}"{title}>'


def _badge(mark: Mark) -> str:
    label, _, accent = KINDS[mark.kind]
    text = label + (f": {mark.detail}" if mark.detail else "")
    return f'<span class="pt-label" style="{_BADGE} background: {accent};">{_esc(text)}</span>'


def highlight_html(text: str, marks, *, offset: int = 0, labels: bool = True) -> str:
    """Escaped *text* with every mark wrapped in a coloured span, nested properly.

    Marks with the same extent are deduplicated. A mark that crosses another (starts
    inside it but ends after it) is split into pieces so that the HTML stays well nested;
    the label is shown once, at the mark's end.

    Args:
        text: the text to show (the article, or a window of it).
        marks: :class:`Mark` objects (or ``(start, end, kind, ...)`` tuples) with offsets
            into the article; marks outside ``[offset, offset + len(text)]`` are clipped
            to it, and marks left empty are dropped.
        offset: the article offset of ``text[0]`` when *text* is a window of the article.
        labels: show the small label after each mark.

    Returns:
        An HTML fragment (no wrapper element).
    """
    n = len(text)
    seen, clean = set(), []
    for m in marks:
        m = Mark(*m)
        if m.kind not in KINDS:
            raise ValueError(f"unknown mark kind {m.kind!r}; use one of {', '.join(KINDS)}.")
        start, end = max(m.start - offset, 0), min(m.end - offset, n)
        if start >= end or (start, end, m.kind) in seen:
            continue
        seen.add((start, end, m.kind))
        clean.append(m._replace(start=start, end=end))
    # outer marks first: earlier start, then longer, then the kind order
    clean.sort(key=lambda m: (m.start, -m.end, _ORDER[m.kind]))
    cuts = sorted({0, n, *(m.start for m in clean), *(m.end for m in clean)})
    out: list[str] = []
    stack: list[Mark] = []
    i = 0
    for pos, nxt in zip(cuts, cuts[1:] + [None]):
        # close the marks ending here; marks opened above them are closed and reopened
        ending = [k for k, m in enumerate(stack) if m.end <= pos]
        if ending:
            reopen = []
            for m in reversed(stack[ending[0]:]):
                if m.end <= pos:
                    out.append((_badge(m) if labels else "") + "</span>")
                else:
                    out.append("</span>")
                    reopen.append(m)
            del stack[ending[0]:]
            for m in reversed(reopen):
                out.append(_span_open(m, continued=True))
                stack.append(m)
        while i < len(clean) and clean[i].start == pos:
            out.append(_span_open(clean[i]))
            stack.append(clean[i])
            i += 1
        if nxt is not None:
            out.append(html.escape(text[pos:nxt], quote=False))
    return "".join(out)


def legend_html(kinds=None) -> str:
    """A one-line legend of the span colours (all kinds, or those given)."""
    items = []
    for kind in kinds or KINDS:
        label, bg, accent = KINDS[kind]
        items.append(
            f'<span style="background: {bg}; border: 1px solid {accent}; border-radius: 0.3em; '
            f'padding: 0.1em 0.5em; margin-right: 0.6em;">{_esc(label)}</span>'
        )
    return ('<div class="pt-legend" style="font-family: Arial, \'DejaVu Sans\', sans-serif; font-size: 13px; '
            'margin: 0.4em 0 0.8em 0;">' + "".join(items) + "</div>")


_WIDE = " min-width: 22em;"

_META_FIELDS = ("outlet", "published", "byline", "credit", "url", "article_id", "source_path")


def _metadata_html(metadata: Mapping | None) -> str:
    if not metadata:
        return ""
    parts = []
    title = metadata.get("title")
    if _present(title):
        parts.append(f'<div class="pt-title" style="font-size: 1.35em; font-weight: bold; margin-bottom: 0.2em;">'
                     f"{_esc(title)}</div>")
    fields = [f'<span style="margin-right: 1.2em;"><b>{_esc(k)}</b>: {_esc(metadata.get(k))}</span>'
              for k in _META_FIELDS if _present(metadata.get(k))]
    if fields:
        parts.append('<div class="pt-meta" style="font-family: Arial, \'DejaVu Sans\', sans-serif; '
                     'font-size: 12px; color: #555;">' + "".join(fields) + "</div>")
    return "".join(parts)


def render_article_html(text: str, quotes=None, figures=None, *, metadata: Mapping | None = None,
                        article_id: str | None = None, labels: bool = True) -> str:
    """The whole article as HTML with every speaker, cue, quote content and figure marked.

    Args:
        text: the article text (``articles.text``); offsets in *quotes* and *figures* index it.
        quotes: a ``quotes`` table (or ``claims``, or a list of dicts) with span offsets.
        figures: a ``figures`` table (or a list of dicts) with ``start``/``end``.
        metadata: shown above the text: ``title``, ``outlet``, ``published``, ``byline``,
            ``credit``, ``url``, ``article_id``, ``source_path`` (all escaped; the URL is text,
            not a link).
        article_id: when given, only the rows of *quotes* / *figures* of this article are used.
        labels: show a label after each span.

    Returns:
        A self-contained HTML fragment: a ``<div>`` with inline styles, no script.

    Spans whose offsets fall outside the text are skipped with a ``UserWarning`` saying
    how many; that means the tables were made from a different text.

    Example:
        >>> text = 'Dashti said, "About 600 Taliban were killed."'
        >>> quotes = [{"speaker_start": 0, "speaker_end": 6, "cue_start": 7, "cue_end": 11,
        ...            "content_start": 14, "content_end": 44}]
        >>> figures = [{"start": 14, "end": 23, "qualifier": "approximate"}]
        >>> out = render_article_html(text, quotes, figures)
        >>> out.count('data-kind="figure"'), out.count('data-kind="content"')
        (1, 1)
    """
    if not isinstance(text, str):
        raise TypeError(f"render_article_html needs the article text as a string, got {type(text).__name__}.")
    marks = quote_marks(quotes, article_id) + figure_marks(figures, article_id)
    bad = [m for m in marks if not (0 <= m.start < m.end <= len(text))]
    if bad:
        warnings.warn(
            f"{len(bad)} span(s) fall outside the article text ({len(text)} characters) and were not marked; "
            "were the quotes/figures made from a different text?",
            UserWarning, stacklevel=2,
        )
        marks = [m for m in marks if m not in bad]
    body = highlight_html(text, marks, labels=labels)
    return (
        f'<div class="pt-article" style="{_FONT} max-width: 52em;">'
        + _metadata_html(metadata)
        + legend_html()
        + f'<div class="pt-text" style="white-space: pre-wrap; line-height: 2.3;">{body}</div>'
        + "</div>"
    )


def _article_lookup(article, articles):
    """(text, metadata, article_id) for the forms show_article accepts."""
    from .articles import Article

    if isinstance(article, Article):
        meta = {k: getattr(article, k) for k in ("title", *_META_FIELDS) if hasattr(article, k)}
        return article.text, meta, article.article_id
    if isinstance(article, (pd.Series, Mapping)):
        row = dict(article)
        if not _present(row.get("text")):
            raise ValueError("show_article got an article record without 'text'.")
        return str(row["text"]), row, row.get("article_id")
    if isinstance(article, str):
        if articles is not None:
            if "article_id" not in articles.columns or "text" not in articles.columns:
                from .errors import ColumnsError
                raise ColumnsError("show_article", [c for c in ("article_id", "text") if c not in articles.columns])
            hit = articles[articles["article_id"] == article]
            if len(hit):
                row = hit.iloc[0].to_dict()
                return str(row["text"]), row, article
            if len(article) < 200 and "\n" not in article:
                known = ", ".join(map(str, articles["article_id"].head(5)))
                raise KeyError(f"no article with article_id {article!r} in the articles table (ids: {known}, ...).")
        return article, None, None
    raise TypeError(
        f"show_article takes article text, an article_id (with articles=), an Article or an articles row; "
        f"got {type(article).__name__}."
    )


def show_article(article, quotes=None, figures=None, *, articles: pd.DataFrame | None = None,
                 labels: bool = True):
    """Display an article with its speakers, cues, quotes and figures highlighted.

    Args:
        article: the article text; or an ``article_id`` together with ``articles=``; or an
            :class:`~panjshir_toolkit.articles.Article`; or a row of the ``articles`` table.
        quotes: the ``quotes`` table (rows of other articles are ignored when the article id
            is known).
        figures: the ``figures`` table.
        articles: the ``articles`` table, to look an ``article_id`` up and show its metadata.
        labels: show a label after each span.

    Returns:
        ``IPython.display.HTML`` of :func:`render_article_html`; the last expression of a
        notebook cell displays it.
    """
    from IPython.display import HTML

    text, meta, article_id = _article_lookup(article, articles)
    return HTML(render_article_html(text, quotes, figures, metadata=meta, article_id=article_id, labels=labels))


def _window_from_sentences(sentences: pd.DataFrame, article_id, ids: list[int], marks: list[Mark]):
    """(window text, offset) rebuilt from sentence rows, gaps between them filled with spaces."""
    rows = sentences
    if article_id is not None and "article_id" in rows.columns:
        rows = rows[rows["article_id"] == article_id]
    if ids:
        chosen = rows[rows["sentence_id"].isin(ids)]
    else:
        chosen = rows.iloc[0:0]
    if marks:
        lo, hi = min(m.start for m in marks), max(m.end for m in marks)
        overlapping = rows[(rows["start"] < hi) & (rows["end"] > lo)]
        chosen = pd.concat([chosen, overlapping]).drop_duplicates(subset=["sentence_id"])
    if chosen.empty:
        return None
    chosen = chosen.sort_values("start")
    pieces, cursor = [], int(chosen["start"].iloc[0])
    for _, row in chosen.iterrows():
        start = int(row["start"])
        if start > cursor:
            pieces.append(" " * (start - cursor))
        elif start < cursor:  # overlapping sentence rows: keep the part not yet shown
            pieces.append(str(row["text"])[cursor - start:])
            cursor = max(cursor, int(row["end"]))
            continue
        pieces.append(str(row["text"]))
        cursor = start + len(str(row["text"]))
    return "".join(pieces), int(chosen["start"].iloc[0])


def _claim_ids(claim) -> list[int]:
    ids = [int(i) for i in split_multi(_get(claim, "sentence_ids")) if str(i).strip().lstrip("-").isdigit()]
    sid = _get(claim, "sentence_id")
    if sid is not None:
        ids.append(int(sid))
    return sorted(set(ids))


def render_claim_evidence(claim, *, text: str | None = None, sentences: pd.DataFrame | None = None) -> str:
    """One claim's evidence: its sentence(s) with speaker, cue, content and figure highlighted.

    The sentence window is taken from *text* (the article text) when given, else rebuilt
    from the *sentences* table; without either, the claim's own fields are shown side by side.
    Below the evidence, a short fact line gives the canonical speaker, side, channel, relay
    and the figure's reading. Everything is escaped.

    Args:
        claim: a row of the ``claims`` table (a Series or a dict).
        text: the article's text.
        sentences: the ``sentences`` table (``article_id, sentence_id, start, end, text``).
    """
    marks = claim_marks(claim)
    article_id = _get(claim, "article_id")
    ids = _claim_ids(claim)
    body = None
    if text is not None:
        valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
        lo = min([m.start for m in valid], default=None)
        hi = max([m.end for m in valid], default=None)
        from_sentences = False
        if sentences is not None and {"sentence_id", "start", "end"} <= set(sentences.columns):
            rows = sentences
            if article_id is not None and "article_id" in rows.columns:
                rows = rows[rows["article_id"] == article_id]
            rows = rows[rows["sentence_id"].isin(ids)] if ids else rows.iloc[0:0]
            if len(rows):
                lo = min(int(rows["start"].min()), lo if lo is not None else 10**12)
                hi = max(int(rows["end"].max()), hi if hi is not None else -1)
                from_sentences = True
        if lo is not None:
            if not from_sentences:  # no sentence bounds: widen to whole lines (paragraphs)
                lo = text.rfind("\n", 0, lo) + 1
                nl = text.find("\n", hi)
                hi = len(text) if nl < 0 else nl
            body = highlight_html(text[lo:hi], valid, offset=lo)
    if body is None and sentences is not None and {"sentence_id", "start", "end", "text"} <= set(sentences.columns):
        window = _window_from_sentences(sentences, article_id, ids, marks)
        if window is not None:
            body = highlight_html(window[0], marks, offset=window[1])
    if body is None:  # no text to point into: show the fields themselves
        pieces = []
        for kind, field in (("speaker", "speaker_text"), ("cue", "cue"), ("content", "content"), ("figure", "surface")):
            value = _get(claim, field)
            if value is not None:
                pieces.append(highlight_html(str(value), [Mark(0, len(str(value)), kind)]))
        body = " … ".join(pieces) or "<i>(no text for this claim)</i>"
    facts = _join([
        _get(claim, "speaker") and f"speaker: {_get(claim, 'speaker')}",
        _get(claim, "speaker_kind"), _get(claim, "affiliation") and f"side: {_get(claim, 'affiliation')}",
        _get(claim, "channel") and f"channel: {_get(claim, 'channel')}",
        _get(claim, "relayed_by") and f"relayed by: {' ← '.join(split_multi(_get(claim, 'relayed_by')))}",
        (f"figure: {_fmt_number(_get(claim, 'value'))} [{_fmt_number(_get(claim, 'low'))} – "
         f"{_fmt_number(_get(claim, 'high'))}] {_get(claim, 'qualifier') or ''}".rstrip()
         if _get(claim, "value") is not None else None),
        _get(claim, "outlet") and f"outlet: {_get(claim, 'outlet')}",
        _get(claim, "published"),
    ], " · ")
    return (
        f'<div class="pt-evidence" style="{_FONT}">'
        + legend_html()
        + f'<div class="pt-text" style="white-space: pre-wrap; line-height: 2.3;">{body}</div>'
        + f'<div class="pt-facts" style="font-family: Arial, \'DejaVu Sans\', sans-serif; font-size: 12px; '
          f'color: #444; margin-top: 0.4em;">{_esc(facts)}</div>'
        + "</div>"
    )


def table_html(frame: pd.DataFrame, columns=None, *, max_rows: int = 50, max_chars: int = 160,
               number_rows: bool = True) -> str:
    """A plain, escaped HTML table of the first *max_rows* rows of *frame*.

    Args:
        frame: any DataFrame.
        columns: the columns to show (those missing from *frame* are skipped); default all.
        max_rows: rows shown; a note says how many more there are.
        max_chars: longer cell text is cut with an ellipsis.
        number_rows: a first column ``#`` counting the rows from 1 (the explorer's
            evidence selector uses the same numbers).
    """
    cols = [c for c in (columns or frame.columns) if c in frame.columns]
    names = (["#"] if number_rows else []) + cols
    wide = {"content", "title", "text", "speaker_text"}
    head = "".join(f'<th style="text-align: left; padding: 2px 6px; border-bottom: 1px solid #999;">{_esc(c)}</th>'
                   for c in (["#"] if number_rows else []) + cols)
    body = []
    shown = frame[cols].head(max_rows) if cols else frame.head(max_rows)
    for n, row in enumerate(shown.itertuples(index=False, name=None), start=1):
        cells = [str(n)] if number_rows else []
        for value in row:
            text = "" if not _present(value) else (_fmt_number(value) if isinstance(value, float) else str(value))
            cells.append(text if len(text) <= max_chars else text[: max_chars - 1] + "…")
        stripe = "#f6f6f6" if n % 2 == 0 else "#ffffff"
        body.append(f'<tr style="background: {stripe};">' + "".join(
            f'<td style="padding: 2px 6px; vertical-align: top; line-height: 1.3;{_WIDE if name in wide else ""}">'
            f"{_esc(c)}</td>" for name, c in zip(names, cells)) + "</tr>")
    more = len(frame) - len(shown)
    note = (f'<div style="font-size: 12px; color: #555;">… and {more:,} more row(s); '
            "filter further or download the CSV.</div>") if more > 0 else ""
    return ('<table class="pt-table" style="border-collapse: collapse; font-family: Arial, \'DejaVu Sans\', '
            f'sans-serif; font-size: 12px;"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
            + note)
