"""Loading articles from files, folders, CSV/JSONL, strings and DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Article"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article: a stable id, its text (never modified) and its metadata.

    ``credit`` is the agency named in a trailing credit line such as
    "(With inputs from ANI)"; the line itself stays in ``text``.
    """

    article_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    byline: str | None = None
    credit: str | None = None
    source_path: str | None = None
    meta: dict = field(default_factory=dict)
