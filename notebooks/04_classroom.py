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
# # Who claims what in Panjshir? Exercises in source criticism
#
# In September 2021 the Taliban attacked the Panjshir valley, the last stronghold of the
# resistance. Reporters could not get there: almost everything we read came from the two
# sides, through other media. Below is one such news article. Read it, then answer the
# questions: **choose or type an answer and press *Check***.
#
# Four questions to ask of every number in the news:
#
# 1. **Who is the claimant?** Who gives the number: a named person, an anonymous source, or
#    nobody (the outlet itself)?
# 2. **Through whom did it reach us?** Which media *relayed* the statement before this
#    outlet printed it?
# 3. **How sure is it?** Which words *hedge* it: "about", "more than", "dozens"?
# 4. **What does the other side say?** Is there a second figure to compare it with?
#
# *Teachers:* run this notebook as a dashboard with `voila notebooks/04_classroom.ipynb`;
# the students see the article, the questions and the answer buttons, not the code. The
# answers are read from the toolkit's tables, so they are the toolkit's reading of the article.

# %%
from IPython.display import display

import panjshir_toolkit as pt
from panjshir_toolkit.classroom import exercise_widget, seed_exercises

loaded = pt.load_panjshir()
seed = pt.analyze(loaded)
exercises = seed_exercises(seed)
number = {ex.key: n for n, ex in enumerate(exercises, start=1)}
by_kind = {}
for ex in exercises:
    by_kind.setdefault(ex.key.split("-")[0], []).append(ex)

# %% [markdown]
# ## The article
#
# Published on 4 September 2021, with inputs from the Indian news agency ANI.

# %%
pt.show_article(loaded.articles[0], labels=False)

# %% [markdown]
# ## 1. Find the claimant
#
# A number in the news is someone's claim. Find the reporting verb (*said*, *claimed*,
# *added*) whose statement contains the number: its subject is the claimant. A number
# outside any statement is the outlet's own; then ask where the outlet got it.

# %%
for ex in by_kind["claimant"]:
    display(exercise_widget(ex, number=number[ex.key]))

# %% [markdown]
# ## 2. Find the relay
#
# "..., reported Al Jazeera" or "Khaama Press quoted X as saying": the outlet did not hear
# the speaker, another medium did. Each relay is a step where words can change.

# %%
for ex in by_kind["relay"]:
    display(exercise_widget(ex, number=number[ex.key]))

# %% [markdown]
# ## 3. Find the hedge
#
# "About 600" and "more than 1,000" do not say the same kind of thing: one is a rounded
# estimate, the other only a floor. Datasets of conflict casualties record the hedge, and so
# should a careful reader.

# %%
for ex in by_kind["hedge"]:
    display(exercise_widget(ex, number=number[ex.key]))

# %% [markdown]
# ## 4. Compare the two sides' figures
#
# In a war, each side has reasons to inflate the other's losses and hide its own. A figure
# from one side only is a claim, not a fact, until the other side or an independent source
# gives its own.

# %%
for ex in by_kind["sides"]:
    display(exercise_widget(ex, number=number[ex.key]))

# %% [markdown]
# ## 5. Spot the naming error
#
# Names are evidence too. Ahmad Massoud, who leads the resistance in 2021, is the son of a
# famous father with almost the same name. Read the sentence carefully.

# %%
for ex in by_kind["naming"]:
    display(exercise_widget(ex, number=number[ex.key]))

# %% [markdown]
# ## To discuss
#
# - The article says that "reports have emerged that Panjshir may collapse soon". Who made
#   these reports? Who denied them? What can a reader conclude?
# - Which statements of this article could a reporter check, and how?
# - Rewrite the first sentence of the article so that the reader knows at once who claims
#   the number and how sure it is.
