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
# # Your own corpus, and the figures outlets disagree on
#
# Part 1 brings your own articles into the toolkit: a folder of text files, a CSV table and
# a JSON Lines file, with the **load report** that lists whatever could not be read, and a
# `column_map` for tables whose columns have other names. Part 2 takes a real multi-outlet
# corpus, finds the figures that different sources give differently for the same event, and
# exports the results with their provenance and in the shapes of the UCDP and ACLED event
# datasets.
#
# The example files are written to a temporary folder by this notebook, so it runs anywhere.

# %%
import json
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import panjshir_toolkit as pt
from panjshir_toolkit.errors import ToolkitError
from panjshir_toolkit.exports import export, read_provenance

pd.set_option("display.max_colwidth", 90)
work = Path(tempfile.mkdtemp(prefix="panjshir_corpus_"))

# %% [markdown]
# ## 1. A folder of text files
#
# One article per `.txt` file. An optional front matter between `---` lines gives the
# metadata; the file name (without extension) is the article id. A closing "(With inputs
# from ANI)" is read as the credit. These two short articles were written for this notebook.

# %%
folder = work / "articles"
folder.mkdir()
(folder / "capture-claim.txt").write_text("""---
title: Taliban say Panjshir captured; resistance denies
outlet: Example Daily
published: 2021-09-06
---
Taliban spokesman Zabihullah Mujahid said on Monday that Panjshir province had been "completely captured".
The National Resistance Front denied the claim. Its spokesperson Fahim Dashti told local media that resistance fighters were still present in strategic positions across the valley.
(With inputs from ANI)
""", encoding="utf-8")
(folder / "amnesty.txt").write_text("""---
title: Muttaqi calls on Panjshir elders to talk
outlet: Example Daily
published: 2021-09-02
---
Amir Khan Muttaqi said that about 40 elders from Panjshir had met Taliban officials in Parwan.
"The doors of negotiation are open," he said, according to Khaama Press.
""", encoding="utf-8")
from_folder = pt.load_articles(folder)
from_folder

# %% [markdown]
# ## 2. A CSV table, with a bad row, and `column_map`
#
# Your spreadsheet rarely has the toolkit's column names (`id, text, title, outlet,
# published, url, byline, credit`). `column_map` maps yours to them; other columns are kept
# in each article's `meta`. A row that cannot be used (here: the third, whose text is empty)
# is **not** an error that stops the batch: it is listed in the load report.

# %%
csv_path = work / "my_articles.csv"
pd.DataFrame({
    "story_id": ["k-101", "k-102", "k-103"],
    "headline": ["Clashes continue in Andarab", "Aid convoy reaches Bazarak", "(draft, no text yet)"],
    "body": [
        "Local officials said at least 12 fighters were killed in clashes in Andarab district on Sunday.",
        "A spokesman for the World Food Programme said more than 20 trucks had reached Bazarak.",
        "",
    ],
    "source": ["Example Daily", "Example Daily", "Example Daily"],
    "date": ["2021-09-05", "2021-09-07", "2021-09-07"],
}).to_csv(csv_path, index=False)

column_map = {"story_id": "id", "headline": "title", "body": "text", "source": "outlet", "date": "published"}
from_csv = pt.load_articles(csv_path, column_map=column_map)
print(from_csv)
from_csv.report

# %% [markdown]
# ## 3. JSON Lines, with a broken line
#
# One JSON object per line. The second line below is cut off: the report gives the file,
# the line and the byte offset, so you can find and fix it.

# %%
jsonl_path = work / "wire.jsonl"
good = {"id": "w-1", "title": "Resistance says supply routes cut", "outlet": "Example Wire",
        "published": "2021-09-03",
        "text": "Resistance spokesperson Fahim Dashti said on Twitter that about 300 Taliban had been killed "
                "near the Khawak pass. A Taliban source denied the figure, Al Jazeera reported."}
jsonl_path.write_text(json.dumps(good) + "\n" + '{"id": "w-2", "text": "Fighting was repor\n', encoding="utf-8")
from_jsonl = pt.load_articles(jsonl_path)
from_jsonl.report

# %% [markdown]
# All three together, analysed at once (`analyze` takes the same inputs as `load_articles`,
# or a `LoadResult`). The report travels with the result:

# %%
mine = pt.analyze(pt.load_articles(folder, jsonl_path, csv_path, column_map=column_map))
print(mine.summary().to_dict())
print(f"{len(mine.report)} problem(s) reported:")
print(mine.report[["source_path", "line", "reason", "severity"]].to_string(index=False))
mine.claims[["article_id", "speaker", "affiliation", "cue", "surface", "qualifier", "event", "relayed_by"]]

# %% [markdown]
# ## 4. A multi-outlet corpus: News Articles (Dai 2017)
#
# 3,824 English news articles of December 2016 to March 2017 from nine outlets. The toolkit
# does not ship them (they remain their publishers' copyright): `fetch_news_articles` looks for
# the file (`PANJSHIR_NEWS_ARTICLES`, `$PANJSHIR_SHARED/corpora/`, the cache) and, online,
# downloads it from the Harvard Dataverse, checking its checksum. This notebook never
# downloads: without the corpus, part 2 runs on the seed article and says so.

# %%
try:
    news = pt.fetch_news_articles(download=False)
    HAVE_CORPUS = True
    print(f"{len(news):,} articles; per outlet: {news['outlet'].value_counts().to_dict()}")
except ToolkitError as exc:
    news, HAVE_CORPUS = None, False
    print("The News Articles corpus is not available here: part 2 uses the seed article instead.\n"
          "To use the corpus, set PANJSHIR_NEWS_ARTICLES=/path/to/NewsArticles.csv.gz or run "
          "pt.fetch_news_articles() once online.\n\n" + str(exc))
print("Cite:", pt.corpora.citation())

# %% [markdown]
# The articles that mention Afghanistan or Kabul (about 80; a few seconds to analyse):

# %%
if HAVE_CORPUS:
    afghan = news[news["text"].str.contains("Afghanistan|Kabul", regex=True)]
    corpus = pt.analyze(afghan, n_jobs=1)
    selection = "articles whose text mentions Afghanistan or Kabul"
else:
    corpus = pt.analyze(pt.panjshir_path())
    selection = "the seed article (the corpus was not available)"
corpus.summary()

# %% [markdown]
# ## 5. Contested figures: the Kabul Supreme Court bombing, 7 February 2017
#
# `contested_figures` lines up figures for the same event and counted group, reported in the
# same days by different claimants or outlets, and keeps the pairs that disagree: intervals
# that cannot both be true (`disjoint`), or different stated counts (`different`).
#
# On 7 February 2017 a suicide bomber attacked the Supreme Court in Kabul. We take the
# articles of that day and the next that mention the Supreme Court, and the wounded counts
# given by *named* sources (not the outlets' own figures, which in these articles also recall
# earlier attacks).

# %%
contested = pt.contested_figures(corpus.claims)
print(f"{len(contested):,} disagreeing pairs in the corpus subset")
if HAVE_CORPUS:
    day = afghan["published"].isin(["2017-02-07", "2017-02-08"]) & afghan["text"].str.contains("Supreme Court")
    bombing_ids = afghan.loc[day, "id"].tolist()
else:
    bombing_ids = corpus.articles["article_id"].tolist()
bombing = corpus.claims[corpus.claims["article_id"].isin(bombing_ids)]
own = pt.compare.OWN
wounded = pt.contested_figures(bombing, event="wounded")
wounded = wounded[(wounded["claimant_a"] != own) & (wounded["claimant_b"] != own)]
wounded[["claimant_a", "outlet_a", "surface_a", "claimant_b", "outlet_b", "surface_b", "conflict"]]

# %%
for row in wounded.itertuples():
    print(f"- {row.claimant_a} ({row.outlet_a}): {row.surface_a!r}  vs  {row.claimant_b} ({row.outlet_b}): "
          f"{row.surface_b!r}  [{row.conflict}]")
if wounded.empty:
    print("No wounded count is contested between named sources here.")

# %% [markdown]
# "At least 35" and 41 are compatible as bounds, yet the sources give different counts: the
# head of Kabul's hospitals and the health ministry spoke at different moments, perhaps
# counting different hospitals. A careful report names both and says which it follows.
#
# `compare_figures` puts every source's figure for the event side by side, one row per
# claimant and outlet, with the interval its wording allows:

# %%
pt.compare_figures(bombing, event="wounded")[
    ["speaker", "outlet", "surfaces", "qualifiers", "low", "value", "high", "article_ids"]]

# %% [markdown]
# ## 6. Relay chains: through whom did the statements travel?
#
# `relay_chains` gives, for every quote, the path speaker → relaying media → outlet (and the
# agency the article credits), as a table of edges. Here the statements that reached the
# outlets through another medium:

# %%
edges = pt.relay_chains(corpus.quotes, corpus.articles)
relayed_quotes = edges.loc[edges["relation"] == "said_to", "quote_id"]
relayed = edges[edges["quote_id"].isin(relayed_quotes)]
print(f"{edges['quote_id'].nunique():,} quotes; {relayed['quote_id'].nunique():,} of them came through another medium")
relayed.head(12)

# %%
fig, ax = plt.subplots(figsize=(11, 7))
pt.plot_relay_chains(relayed[relayed["quote_id"].isin(relayed_quotes.head(15))], ax=ax)
ax.set_title("Speaker \u2192 relaying medium \u2192 outlet (the first 15 relayed statements)");

# %% [markdown]
# ## 7. Figures over time
#
# How many casualty figures were claimed per week in these articles, by event:

# %%
fig, ax = plt.subplots(figsize=(9, 3.5))
pt.plot_figures_over_time(corpus.claims, ax=ax, freq="W", event=["killed", "wounded"])
ax.set_title("Casualty figures claimed per week");

# %% [markdown]
# ## 8. Export, with provenance
#
# `export` (from `panjshir_toolkit.exports`) writes a table (CSV, Excel or Parquet) and beside it a `.provenance.json` with
# the toolkit version, the time, the inputs, the codebook and the file's checksum. `to_ucdp`
# and `to_acled` reshape the claims into rows like those of the UCDP Georeferenced Event
# Dataset (one row per claimed figure, with low/best/high) and ACLED (one conservative
# fatality count per event, the dispute in the notes).

# %%
out = work / "exports"
out.mkdir()
provenance = {"inputs": [{"dataset": pt.corpora.citation(), "doi": pt.corpora.DOI, "selection": selection,
                          "articles": int(len(corpus.articles))} if HAVE_CORPUS else str(pt.panjshir_path())],
              "codebook": corpus.codebook}
written = [
    export(corpus.claims, out / "claims.csv", provenance=provenance),
    export(contested, out / "contested_figures.csv", provenance=provenance),
    export(pt.to_ucdp(corpus.claims), out / "ucdp_like.csv", provenance=provenance),
    export(pt.to_acled(corpus.claims), out / "acled_like.csv", provenance=provenance),
]
print(sorted(p.name for p in out.iterdir()))
record = read_provenance(written[0])
{**{k: record[k] for k in ("toolkit", "version", "created_utc", "inputs", "codebook")},
 "table": {k: v for k, v in record["table"].items() if k != "columns"}}

# %%
pt.to_acled(corpus.claims).head()

# %% [markdown]
# The temporary folder is removed at the end; write to a folder of your own to keep the files.

# %%
import shutil

shutil.rmtree(work)
