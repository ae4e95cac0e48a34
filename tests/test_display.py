"""The highlighted article view and the escaped HTML helpers."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pandas as pd
import pytest

import tables_for_widgets as fixture
from panjshir_toolkit.articles import Article
from panjshir_toolkit.display import (
    Mark,
    claim_marks,
    figure_marks,
    highlight_html,
    quote_marks,
    render_article_html,
    render_claim_evidence,
    show_article,
    table_html,
)


class _Reader(HTMLParser):
    """Checks nesting, and collects the text of the article body and every mark."""

    VOID = {"br", "img", "hr", "meta", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.tags: list[tuple[str, dict]] = []
        self.body: list[str] = []
        self.marks: list[dict] = []  # open marks: {"kind", "text"}
        self.done: list[tuple[str, str]] = []
        self._open_marks: list[dict | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs))
        mark = {"kind": attrs["data-kind"], "text": ""} if "data-kind" in attrs else None
        if mark and "pt-continued" in attrs.get("class", ""):
            mark["continued"] = True
        self._open_marks.append(mark)

    def handle_endtag(self, tag):
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, _ = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        mark = self._open_marks.pop()
        if mark:
            self.done.append((mark["kind"], mark["text"], mark.get("continued", False)))

    def _inside(self, cls):
        return any(cls in a.get("class", "").split() for _, a in self.stack)

    def handle_data(self, data):
        if self._inside("pt-label") or self._inside("pt-legend"):
            return
        if self._inside("pt-text"):
            self.body.append(data)
            for mark in self._open_marks:
                if mark:
                    mark["text"] += data


def read(out: str) -> _Reader:
    reader = _Reader()
    reader.feed(out)
    reader.close()
    assert not reader.stack, f"unclosed: {reader.stack}"
    return reader


@pytest.fixture(scope="module")
def tables():
    return fixture.tables()


@pytest.fixture(scope="module")
def seed(tables):
    return tables["articles"]["text"].iloc[0]


# --- the whole article ------------------------------------------------------------------

def test_article_text_is_kept_exactly(tables, seed):
    out = render_article_html(seed, tables["quotes"], tables["figures"], article_id="panjshir-2021-09-04")
    assert "".join(read(out).body) == seed


def test_every_speaker_cue_content_and_figure_is_marked(tables, seed):
    out = render_article_html(seed, tables["quotes"], tables["figures"], article_id="panjshir-2021-09-04")
    marks = read(out).done
    kinds = [k for k, _, _ in marks]
    assert kinds.count("speaker") == 4
    assert kinds.count("cue") == 4
    assert kinds.count("content") == 4
    assert kinds.count("figure") == 4
    texts = {(k, t) for k, t, _ in marks}
    assert ("speaker", "the resistance forces' spokesperson Fahim Dashti") in texts
    assert ("cue", "claimed") in texts
    assert ("figure", "More than 1,000") in texts
    assert ("figure", "approximately 90 miles") in texts
    assert ("content", "negotiations with Panjshir's leaders failed") in texts


def test_figure_is_nested_inside_the_quote_content(tables, seed):
    out = render_article_html(seed, tables["quotes"], tables["figures"], article_id="panjshir-2021-09-04")
    done = [(k, t) for k, t, _ in read(out).done]
    figure = done.index(("figure", "More than 1,000"))
    content = next(i for i, (k, t) in enumerate(done) if k == "content" and "More than 1,000 Taliban" in t)
    assert figure < content  # closed first: the figure span sits inside the content span
    # and the innermost span around the figure's text is the figure
    before = out[: out.index("More than 1,000")]
    assert before.rfind('data-kind="figure"') > before.rfind('data-kind="content"')


def test_rows_of_other_articles_are_ignored(tables):
    out = render_article_html(fixture.OTHER_TEXT, tables["quotes"], tables["figures"],
                              article_id="kabul-observer-2021-09-06")
    assert [(k, t) for k, t, _ in read(out).done] == [
        ("speaker", "Taliban spokesman Zabihullah Mujahid"), ("cue", "said"), ("content", "Panjshir had been captured"),
    ]


def test_labels_and_hover_titles(tables, seed):
    out = render_article_html(seed, tables["quotes"], tables["figures"], article_id="panjshir-2021-09-04")
    assert ">figure: approximate · killed</span>" in out
    assert ">speaker: Fahim Dashti · NRF</span>" in out  # the mention resolved, and its side
    assert ">quote: indirect · via Al Jazeera</span>" in out
    assert 'title="panjshir-2021-09-04:f3, value 1,000, [1,001 – ?], more_than, people, counted: Taliban, ' \
           'event: captured, surrendered, in panjshir-2021-09-04:q2"' in out
    assert "relayed by: Al Jazeera" in out
    no_labels = render_article_html(seed, tables["quotes"], tables["figures"], labels=False)
    assert "pt-label" not in no_labels


def test_legend_names_the_four_kinds(seed):
    out = render_article_html(seed)
    legend = out[out.index("pt-legend"):]
    for label in ("speaker", "cue", "quote", "figure"):
        assert f">{label}</span>" in legend


def test_no_script_no_external_resource_inline_styles_only(tables, seed):
    out = render_article_html(seed, tables["quotes"], tables["figures"])
    lowered = out.lower()
    for forbidden in ("<script", "<link", "<style", "<img", "<iframe", "src=", "href=", "http://", "https://",
                      "javascript:", "@import"):
        assert forbidden not in lowered


# --- escaping (issue 8 item 4) ----------------------------------------------------------

def test_payloads_in_text_speaker_and_metadata_come_out_escaped(tables):
    hostile = tables["articles"].iloc[2]
    out = show_article("hostile-1", tables["quotes"], tables["figures"], articles=tables["articles"]).data
    reader = read(out)
    assert [t for t, _ in reader.tags if t in ("script", "img", "a", "iframe")] == []
    assert "<script" not in out.lower() and "<img" not in out.lower()
    assert "javascript:alert" in out  # the URL is plain text ...
    assert "href" not in out  # ... never a link
    assert "".join(reader.body) == hostile["text"]
    assert html.escape(fixture.SCRIPT) in out  # text and title
    assert html.escape(f"Evil {fixture.IMG} Daily") in out  # outlet
    assert f"speaker: Commander {html.escape(fixture.SCRIPT)}" in out  # canonical speaker, in a title attribute
    assert ("speaker", f"A commander {fixture.IMG}") in [(k, t) for k, t, _ in reader.done]
    # attribute values never break out of their quotes
    for _, attrs in reader.tags:
        assert set(attrs) <= {"class", "style", "title", "data-kind"}


def test_quote_characters_in_titles_are_escaped():
    marks = [Mark(0, 4, "speaker", 'x" onmouseover="alert(1)', 'a"b<c>')]
    out = highlight_html("Tom said", marks)
    reader = read(f'<div class="pt-text">{out}</div>')
    attrs = [a for t, a in reader.tags if a.get("data-kind") == "speaker"][0]
    assert attrs["title"] == 'a"b<c>'
    assert "onmouseover" not in attrs


def test_table_html_escapes_headers_and_cells():
    frame = pd.DataFrame({"<b>col</b>": [fixture.SCRIPT, None], "n": [1.0, float("nan")]})
    out = table_html(frame)
    assert "&lt;b&gt;col&lt;/b&gt;" in out and html.escape(fixture.SCRIPT) in out
    assert "<script" not in out


# --- spans that nest, cross, repeat or fall outside -----------------------------------------

def test_crossing_marks_are_split_and_stay_well_nested():
    text = 'He said, "About 600 were killed" today.'
    marks = [Mark(0, 2, "speaker"), Mark(3, 7, "cue"), Mark(9, 32, "content"), Mark(10, 19, "figure"),
             Mark(25, 38, "figure")]  # the last figure crosses the end of the content
    out = highlight_html(text, marks)
    reader = read(f'<div class="pt-text">{out}</div>')
    assert "".join(reader.body) == text
    # closing order; the crossing figure is cut at the content's end and continues after it
    assert reader.done == [
        ("speaker", "He", False), ("cue", "said", False), ("figure", "About 600", False),
        ("figure", 'killed"', False), ("content", '"About 600 were killed"', False), ("figure", " today", True),
    ]
    # its label appears once, at its true end
    assert out.count(">figure</span>") == 2
    assert out.index(">figure</span>", out.index("today")) > out.index("today")


def test_duplicate_marks_are_shown_once():
    out = highlight_html("Masoud said", [Mark(0, 6, "speaker"), Mark(0, 6, "speaker"), Mark(7, 11, "cue")])
    assert out.count('data-kind="speaker"') == 1


def test_marks_outside_the_text_warn_and_are_skipped():
    quotes = [{"speaker_start": 0, "speaker_end": 6, "cue_start": 50, "cue_end": 54,
               "content_start": None, "content_end": None}]
    with pytest.warns(UserWarning, match="1 span"):
        out = render_article_html("Masoud said so.", quotes)
    assert out.count("data-kind=") == 1


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown mark kind"):
        highlight_html("x", [Mark(0, 1, "entity")])


def test_marks_from_rows(tables):
    q = quote_marks(tables["quotes"], "kabul-observer-2021-09-06")
    assert [(m.kind, m.start, m.end) for m in q] == [("speaker", 0, 36), ("cue", 37, 41), ("content", 57, 83)]
    f = figure_marks(tables["figures"], "hostile-1")
    assert [(m.kind, m.detail) for m in f] == [("figure", "approximate · wounded")]
    c = claim_marks(tables["claims"].iloc[2])
    assert [m.kind for m in c] == ["speaker", "cue", "content", "figure"]


# --- show_article forms ---------------------------------------------------------------

def test_show_article_accepts_text_id_article_and_row(tables, seed):
    quotes, figures, articles = tables["quotes"], tables["figures"], tables["articles"]
    by_text = show_article(seed, quotes, figures).data
    by_id = show_article("panjshir-2021-09-04", quotes, figures, articles=articles).data
    assert "About 600 Taliban killed in Panjshir, claim resistance forces" in by_id  # the title
    assert "<b>outlet</b>: ANI" in by_id and "<b>published</b>: 2021-09-04" in by_id
    row = articles.iloc[0]
    assert show_article(row, quotes, figures).data == by_id
    art = Article(article_id="panjshir-2021-09-04", text=seed, outlet="ANI", published="2021-09-04",
                  title=row["title"], credit="ANI")
    assert read(show_article(art, quotes, figures).data).done == read(by_id).done
    # text alone: all rows of every article are candidates, those out of range are skipped
    assert "".join(read(by_text).body) == seed


def test_show_article_unknown_id_is_a_clear_error(tables):
    with pytest.raises(KeyError, match="no article with article_id 'nope'"):
        show_article("nope", articles=tables["articles"])
    with pytest.raises(TypeError, match="article text"):
        show_article(42)


# --- evidence of one claim -----------------------------------------------------------

def test_claim_evidence_from_article_text(tables, seed):
    claim = tables["claims"].iloc[4]  # Motaqi, relayed by Khaama Press
    out = render_claim_evidence(claim, text=seed, sentences=tables["sentences"])
    reader = read(out)
    assert "".join(reader.body).startswith("On Wednesday, Khaama Press reported that the Taliban's commission")
    assert [(k, t) for k, t, _ in reader.done] == [
        ("speaker", "Mullah Amir Khan Motaqi"), ("cue", "said"), ("content", "negotiations with Panjshir's leaders failed"),
    ]
    assert "relayed by: Khaama Press" in out and "side: Taliban" in out


def test_claim_evidence_from_sentences_spans_two_sentences(tables):
    claim = tables["claims"].iloc[2]  # Dashti's second figure, quote over sentences 1|2
    out = render_claim_evidence(claim, sentences=tables["sentences"])
    reader = read(out)
    body = "".join(reader.body)
    assert body.startswith("Taking to Twitter") and body.endswith('surrendered themselves."')
    assert ("figure", "More than 1,000") in [(k, t) for k, t, _ in reader.done]
    assert "figure: 1,000 [1,001 – ?] more_than" in out


def test_claim_evidence_without_text(tables):
    out = render_claim_evidence(tables["claims"].iloc[6])  # the hostile claim
    assert "<img" not in out and "<script" not in out
    assert html.escape(fixture.IMG) in out


def test_claim_evidence_window_is_the_sentence_or_else_the_paragraph(tables, seed):
    claim = tables["claims"].iloc[0]  # the resistance forces' claim, sentence 0
    with_sentences = "".join(read(render_claim_evidence(claim, text=seed, sentences=tables["sentences"])).body)
    assert with_sentences == tables["sentences"]["text"].iloc[0]
    text_only = "".join(read(render_claim_evidence(claim, text=seed)).body)
    assert text_only == seed.split("\n")[0]  # the whole first paragraph


# --- property: any text, any marks -> the text survives exactly, the HTML is well nested ------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def text_and_marks(draw):
    text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
    n = len(text)
    marks = draw(st.lists(
        st.tuples(st.integers(-3, n + 3), st.integers(-3, n + 3), st.sampled_from(["speaker", "cue", "content", "figure"]),
                  st.text(max_size=8)),
        max_size=8,
    ))
    return text, [Mark(a, b, kind, detail, detail) for a, b, kind, detail in marks]


@settings(max_examples=300, deadline=None)
@given(text_and_marks())
def test_highlighting_keeps_any_text_and_nests_any_marks(case):
    text, marks = case
    out = highlight_html(text, marks)
    reader = read(f'<div class="pt-text">{out}</div>')
    assert "".join(reader.body) == text
    # every valid, distinct mark appears, and its pieces join to exactly its text
    expected = {(max(m.start, 0), min(m.end, len(text)), m.kind) for m in marks
                if max(m.start, 0) < min(m.end, len(text))}
    assert out.count("pt-label") == len(expected)
