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
# # Panjshir, 4 September 2021: who claims what, and how do we know?
#
# One short news article, credited to the agency ANI, reports the fighting for the
# Panjshir valley on Saturday 4 September 2021. It is a compact lesson in how conflict
# news is built: almost every sentence is somebody's claim, passed on by somebody else.
# This notebook reads the article with `panjshir_toolkit` and asks, in order:
#
# 1. **Who is cited**, and from which side?
# 2. **Through which channel and which relay** did each statement reach the page?
# 3. **Which figures** are given, and how hedged are they?
# 4. **What cannot be verified** from the article itself?
# 5. The resistance's **denial** of the collapse reports, and
# 6. a **naming error** in the article, as a lesson in source criticism.
#
# Every number in the prose below is read from the tables, not typed by hand.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

import panjshir_toolkit as pt
from panjshir_toolkit import plots

pd.set_option("display.max_colwidth", 100)
result = pt.analyze(pt.panjshir_path())
article = result.articles.iloc[0]
quotes, figures, claims = result.quotes, result.figures, result.claims
text = article["text"]


def say(markdown: str) -> None:
    """Show a sentence of the narrative, written from the tables."""
    display(Markdown(markdown))


say(f"The article has **{len(result.sentences)} sentences** and **{article.n_chars:,} characters**; "
    f"the toolkit finds **{len(quotes)} attributed statements** by "
    f"**{quotes.speaker.nunique()} speakers** and **{len(figures)} figures**. "
    f"It was published on {article.published} with the credit *{article.credit}*; "
    "the article names no outlet and no title.")

# %% [markdown]
# ## 1. Who is cited, and from which side?
#
# `speaker_text` is the mention as written ("He", "The spokesperson", "Ahamd Masoud");
# `speaker` is the actor it resolves to through the codebook in `data/actors.csv`.

# %%
by_speaker = (quotes.groupby(["speaker", "speaker_kind", "affiliation"], dropna=False)
              .agg(statements=("quote_id", "size"), written_as=("speaker_text", lambda s: " | ".join(dict.fromkeys(s))))
              .sort_values("statements", ascending=False))
by_speaker

# %%
ax = plots.plot_statements(quotes, by="speaker", hue="affiliation")
ax.set_title("Statements per speaker, coloured by side")
plt.show()

# %%
sides = quotes["affiliation"].value_counts()
top_side, n_top = sides.index[0], sides.iloc[0]
taliban = quotes[quotes["affiliation"] == "Taliban"]
anonymous = quotes[quotes["speaker_kind"] == "anonymous"]
say(f"**{n_top} of {len(quotes)} statements** come from the side of the *{top_side}*; "
    f"**{len(taliban)}** from the Taliban side, of which **{len(anonymous)}** from an anonymous source "
    f"(\"{anonymous.speaker_text.iloc[0]}\"). The article gives the resistance most of the voice.")

# %% [markdown]
# ## 2. Through which channel, and through whom?
#
# A statement reaches the page through a **channel** (a tweet, a Facebook post, local
# media) and often through one or more **relays**: another outlet that first reported it.
# The relay chain runs speaker → relay → the article (whose outlet is unknown here) with
# the agency credit (ANI) as the last link.

# %%
quotes[["speaker_text", "speaker", "cue", "channel", "relayed_by", "quote_type"]]

# %%
edges = pt.relay_chains(quotes, result.articles)
ax = plots.plot_relay_chains(edges)
ax.set_title("How the statements reached the page")
plt.show()

# %%
relayed = quotes[quotes["relayed_by"].notna()]
direct_channel = quotes[quotes["channel"].notna()]
relays = relayed["relayed_by"].value_counts()
say(f"**{len(relayed)} of {len(quotes)} statements** came through another outlet: "
    + ", ".join(f"*{name}* ({n})" for name, n in relays.items())
    + f". **{len(direct_channel)}** name the speaker's own channel: "
    + ", ".join(f"{c} ({n})" for c, n in direct_channel["channel"].value_counts().items())
    + ". Everything else is the article's own paraphrase with no stated source of the wording.")

# %% [markdown]
# ## 3. The figures, and how hedged they are
#
# `low`–`high` is the interval the wording allows: "about 600" is read as 540–660 (±10%),
# "more than 1,000" has no upper bound. The rules are one documented table
# (`panjshir_toolkit/lexicon/qualifiers.csv`).

# %%
figures[["surface", "value", "low", "high", "qualifier", "unit", "counted", "event", "quote_id"]]

# %%
ax = plots.plot_claimed_figures(claims)
ax.set_title("Claimed figures with the interval their wording allows")
plt.show()

# %%
casualty = claims[claims["event"].notna() & claims["unit"].eq("people")]
claimants = casualty["speaker"].dropna().unique()
hedged = figures[figures["qualifier"] != "exact"]
say(f"**{len(hedged)} of {len(figures)} figures are hedged** ("
    + ", ".join(f"{q}: {n}" for q, n in hedged["qualifier"].value_counts().items())
    + "). Every casualty figure comes from the same side: "
    + ", ".join(f"*{c}*" for c in claimants)
    + f". The only figure the article states in its own voice is \"{figures[figures.quote_id.isna()].surface.iloc[0]}\", a distance.")

# %% [markdown]
# ## 4. What cannot be verified here
#
# Source criticism asks of every claim: *who else says so?* The tables let us list what
# rests on a single party.

# %%
single = (casualty.groupby(["event", "counted"])
          .agg(claimants=("speaker", lambda s: " | ".join(dict.fromkeys(s.dropna()))),
               sides=("affiliation", lambda s: " | ".join(dict.fromkeys(s.dropna()))),
               figures=("surface", " | ".join)))
single

# %%
one_sided = single[~single["sides"].str.contains(r"\|")]
channels = ", ".join(casualty["channel"].dropna().unique()) or "none stated"
other_side = quotes[quotes["affiliation"] != one_sided.sides.iloc[0]]
say(f"All **{len(one_sided)}** casualty claims rest on one side only (the *{one_sided.sides.iloc[0]}*), "
    f"a party to the fighting (channels named: {channels}); no independent count is cited, and the other side "
    f"gives no figure. Its **{len(other_side)}** statements reach us as: "
    + "; ".join(f"*{r.speaker}* ({r.speaker_kind}) via {r.relayed_by if isinstance(r.relayed_by, str) else 'the article'}"
                for r in other_side.drop_duplicates("speaker").itertuples())
    + ".")

# %% [markdown]
# ## 5. The denial of the collapse reports
#
# One sentence carries a claim with **no source at all**: "reports have emerged that
# Panjshir may collapse soon". The next sentence is a denial. The toolkit finds the
# denial (cue category `denial`) but, rightly, no speaker for the "reports".

# %%
denials = quotes[quotes["cue_category"] == "denial"]
for _, d in denials.iterrows():
    sid = int(d["sentence_ids"].split("|")[0])
    before = result.sentences.iloc[sid - 1]["text"]
    say(f"> {before}  \n> **{d.speaker_text}** *{d.cue}* **{d.content}**")
    say(f"The denial is by *{d.speaker}* ({d.speaker_kind}); what it denies is an unsourced report. "
        "Neither side of this exchange can be checked from the article.")

# %% [markdown]
# ## 6. A naming error, as a lesson
#
# The article says the commander who "has vowed to save the valley" is **Ahmad Shah
# Masoud**. Ahmad Shah Massoud, the "Lion of Panjshir", was killed in 2001; in 2021 the
# resistance was led by his son **Ahmad Massoud**, as the next paragraph and the headline
# say. The toolkit keeps the mention as written and lets the codebook decide.

# %%
vow = quotes[quotes["cue_lemma"] == "vow"]
vow[["speaker_text", "speaker", "cue", "content", "sentence_ids"]]

# %%
mentions = result.sentences[result.sentences["text"].str.contains("Mas+oud", regex=True)]
mentions[["sentence_id", "text"]]

# %%
written = sorted(set(quotes.loc[quotes.speaker == "Ahmad Massoud", "speaker_text"]))
say(f"The statements of Ahmad Massoud are written in **{len(written)} ways** in one article: "
    + ", ".join(f"\"{w}\"" for w in written)
    + ". A reader (or a program) that trusted the spelling would have split one man into several, "
    "or credited a vow to a man dead for twenty years. The codebook records the choice "
    "(see `data/README.md`); a different codebook would make a different, visible choice.")

# %% [markdown]
# ## The whole article, marked up
#
# Speakers, cues, statements and figures, with their labels. Hover for details.

# %%
pt.show_article(article["article_id"], quotes, figures, articles=result.articles)
