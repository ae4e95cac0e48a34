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
# # Quickstart: from an article to six tables
#
# `panjshir_toolkit` reads news articles and answers one question: **who claims what, with
# which figures, and through whom did it reach us?** This notebook loads the bundled
# article on the September 2021 fighting in Panjshir, analyses it, and looks at the six
# tables. Every table carries character offsets back into the article text, so each row
# is evidence you can check.

# %%
import pandas as pd

import panjshir_toolkit as pt

pd.set_option("display.max_colwidth", 80)

# %% [markdown]
# ## Load
#
# `load_articles` takes files, folders, CSV/JSONL files, strings or DataFrames. Problems
# never crash a batch: they are listed in the load report. The bundled article is found
# through the package, so this notebook runs from any folder.

# %%
loaded = pt.load_panjshir()
article = loaded.articles[0]
print(loaded)
print(article.article_id, "| published", article.published, "| credit", article.credit)
print(article.text[:300], "...")

# %% [markdown]
# ## Analyse
#
# `analyze` runs the whole pipeline: Punkt sentences, attribution (speaker, cue, content,
# channel, relay), actor resolution against the codebook in `data/actors.csv`, and figures
# (value, interval, hedge, what was counted and what happened).

# %%
result = pt.analyze(loaded)
result.summary()

# %% [markdown]
# ## Quotes: who said what, how, and through whom

# %%
result.quotes[["speaker_text", "speaker", "speaker_kind", "affiliation", "cue", "quote_type", "channel", "relayed_by", "content"]]

# %% [markdown]
# ## Figures: every number, with its hedge and interval
#
# `low` and `high` are the interval the wording allows; `value` is the speaker's number.
# A figure with no `quote_id` is the outlet's own.

# %%
result.figures[["surface", "value", "low", "high", "qualifier", "unit", "counted", "event", "quote_id"]]

# %% [markdown]
# ## Claims: quotes joined with their figures and the article's metadata
#
# One row per figure; a statement without figures is one row with empty figure columns.
# This is the table the claim explorer filters and the one to export.

# %%
result.claims[["speaker", "affiliation", "cue", "surface", "counted", "event", "relayed_by", "credit"]]

# %% [markdown]
# ## Actors and sentences

# %%
result.actors

# %%
result.sentences.head()

# %% [markdown]
# ## Evidence: offsets point back into the text
#
# Every `*_start`/`*_end` pair indexes the article text, so any cell can be checked
# against the source.

# %%
q = result.quotes.iloc[1]
text = result.articles.loc[0, "text"]
assert text[q.speaker_start:q.speaker_end] == q.speaker_text
print(f"{q.speaker_text!r} --{q.cue}--> {text[q.content_start:q.content_end]!r}")

# %% [markdown]
# ## Save the tables
#
# `result.write(folder, format)` writes CSV, Parquet or Excel; from a terminal the same is
# `panjshir-toolkit analyze data/ --out results/tables`.

# %%
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    written = result.write(tmp, "csv")
    print([Path(p).name for p in written])
