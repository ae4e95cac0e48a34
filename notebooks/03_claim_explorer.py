# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The claim explorer: filter who claims what without writing pandas
#
# The `claims` table has one row per figure a speaker gives (and one row for a statement
# without figures), with the speaker, their side, the reporting verb, the hedge, the event,
# the relaying media and the outlet. The **claim explorer** puts a filter on each of these
# columns and shows, as you click, the filtered table, counts, a chart, a CSV download of
# what you selected, and the evidence: the sentence with the speaker, the cue, the content and
# the figure highlighted.
#
# Everything the explorer shows is `explorer.view`, an ordinary DataFrame: what you select
# with the mouse can be read, checked and saved from code. This notebook uses it on the
# bundled Panjshir article, then on the Afghanistan articles of a 3,824-article news corpus.

# %%
import pandas as pd

import panjshir_toolkit as pt
from panjshir_toolkit.errors import ToolkitError

pd.set_option("display.max_colwidth", 70)
COLUMNS = ["speaker", "affiliation", "cue", "surface", "qualifier", "event", "counted", "relayed_by", "outlet"]

# %%
seed = pt.analyze(pt.panjshir_path())
explorer = pt.ClaimExplorer(seed.claims, seed.sentences, seed.articles)
explorer

# %% [markdown]
# ## The filters
#
# Each list is a multi-select (Ctrl/Cmd-click for several values; nothing selected means
# no filter); the number after each value is how many claims have it. Filters combine with AND.
#
# | filter | column | what it selects |
# |---|---|---|
# | **Speaker** | `speaker` | the canonical speaker, whatever the article called them ("The spokesperson" is Fahim Dashti); *(none)* selects the outlet's own, unattributed figures |
# | **Side** | `affiliation` | the speaker's side from the codebook: National Resistance Front, Taliban, media, ... |
# | **Speaker kind** | `speaker_kind` | person, role ("a police official"), anonymous ("a Taliban source"), organization, media |
# | **Cue** | `cue_category` | what kind of reporting verb: neutral (*said*), assertive (*claimed*), denial (*denied*), accusation, appeal, commitment (*vowed*) |
# | **Event** | `event` | what the figure counts: killed, wounded, captured, surrendered, ... (a claim of "killed or wounded" has both) |
# | **Hedge** | `qualifier` | how sure the figure is: exact, approximate (*about*), more_than, at_least, vague (*dozens*), ... |
# | **Outlet** | `outlet` | the publishing outlet of the article |
# | **Article** | `article_id` | one or several articles (with their titles) |
# | **Value** | `value` | the speaker's number, between two bounds; at its full extent it is off, so claims without figures stay in |
# | **From / To** | `published` | the publication date, inclusive |
# | **Search** | several | free text in the speaker, the statement, the figure and what was counted; every word must occur |
#
# Below the filters: the counts, a CSV download of exactly the filtered rows (it works in
# Voila and in a saved page too), the table, a chart of claims per speaker coloured by side,
# and the **Evidence** dropdown: pick a claim to see its sentence highlighted.

# %% [markdown]
# ## From the widgets to a DataFrame
#
# The filters can also be set from code. `explorer.view` is the filtered table, and
# `explorer.filters` the arguments of the pure function `filter_claims` that produced it,
# so a selection is reproducible. Here: the claims of the resistance whose reporting verb
# is not neutral (claims, vows, denials, accusations, appeals).

# %%
explorer.set_filters(affiliation="National Resistance Front",
                     cue_category=["assertive", "commitment", "denial", "accusation", "appeal"])
print(explorer.filters)
explorer.view[COLUMNS + ["cue_category", "content"]]

# %% [markdown]
# The widget above has changed with it (scroll up). The same rows come from the pure
# function, without widgets:

# %%
assert pt.filter_claims(seed.claims, **explorer.filters).equals(explorer.view)
explorer.set_filters(affiliation=None, cue_category=None, value_range=(500, None))
explorer.view[COLUMNS]

# %% [markdown]
# Read the side column: the large figures of this article all come from one side, and the
# other side gives none to set against them.
#
# ## The highlighted article
#
# `show_article` shows the whole article with every speaker, cue, quoted content and figure
# marked, like displaCy does for entities. Article text is untrusted input: all of it is
# HTML-escaped.

# %%
pt.show_article(seed.articles.loc[0, "article_id"], seed.quotes, seed.figures, articles=seed.articles)

# %% [markdown]
# ## A corpus: the Afghanistan articles of the News Articles corpus
#
# `fetch_news_articles` gives the *News Articles* corpus (Dai 2017): 3,824 English articles of
# December 2016 to March 2017 from Al Jazeera, TASS, ABC News, RTÉ, HuffPost, DW, China
# Daily, BBC and CNN. It is not shipped with the toolkit: it is looked for in the environment
# variable `PANJSHIR_NEWS_ARTICLES`, in `$PANJSHIR_SHARED/corpora/` and in the cache, and
# downloaded from the Harvard Dataverse when asked to (`download=True`, the default). This
# notebook does not download: without the corpus, the cells below fall back to the seed
# article and say so.

# %%
try:
    news = pt.fetch_news_articles(download=False)
    HAVE_CORPUS = True
    print(f"{len(news):,} articles from {news['outlet'].nunique()} outlets. {pt.corpora.citation()}")
except ToolkitError as exc:
    news, HAVE_CORPUS = None, False
    print("The News Articles corpus is not available here, so the rest of this notebook uses the seed article.\n"
          "To use the corpus: set PANJSHIR_NEWS_ARTICLES=/path/to/NewsArticles.csv.gz or run "
          "pt.fetch_news_articles() once online.\n\n" + str(exc))

# %% [markdown]
# To keep this notebook quick, it analyses the articles that mention Afghanistan or Kabul
# (about 80, a few seconds).

# %%
if HAVE_CORPUS:
    afghan = news[news["text"].str.contains("Afghanistan|Kabul", regex=True)]
    corpus = pt.analyze(afghan, n_jobs=1)
else:
    corpus = seed
print(corpus.summary().to_dict())
corpus_explorer = pt.ClaimExplorer(corpus.claims, corpus.sentences, corpus.articles)
corpus_explorer

# %% [markdown]
# On 7 February 2017 a suicide bomber struck outside the Supreme Court in Kabul. Which
# wounded counts were reported in the two days after, by whom, in which outlet? Filter on
# the event and the dates:

# %%
if HAVE_CORPUS:
    corpus_explorer.set_filters(event="wounded", date_range=("2017-02-07", "2017-02-08"))
else:
    corpus_explorer.set_filters(event="killed")
wounded = corpus_explorer.view
wounded[COLUMNS + ["published", "article_id"]]

# %% [markdown]
# Different officials give different counts: the head of Kabul's hospitals in one outlet,
# the health ministry in others. Notebook `05_your_corpus` compares them systematically with
# `contested_figures`. Here is the first of these articles with all its claims marked:

# %%
named = wounded[wounded["speaker"].notna()]
first_article = (named if len(named) else wounded)["article_id"].iloc[0]
pt.show_article(first_article, corpus.quotes, corpus.figures, articles=corpus.articles)

# %% [markdown]
# The explorer stays responsive on large tables (filtering 100,000 claims takes milliseconds;
# the chart is only redrawn when what it shows changes). For a whole corpus, analyse it with
# `pt.analyze(news, n_jobs=4)` and pass its tables to `ClaimExplorer` in the same way.
