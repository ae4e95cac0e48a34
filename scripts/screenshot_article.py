"""Render the highlighted seed article and save a screenshot (docs/article.png).

Usage:  PYTHONPATH=. python scripts/screenshot_article.py [OUT.png]

Uses the real pipeline on the bundled article. The page is rendered by Debian's
Chromium (/usr/bin/chromium, headless) through Playwright; no browser is downloaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browser_support as bs  # noqa: E402
from panjshir_toolkit.display import render_article_html  # noqa: E402


def seed_tables():
    """(text, quotes, figures, metadata) of the seed article, from the real pipeline."""
    import panjshir_toolkit as pt

    result = pt.analyze(pt.panjshir_path())
    article = result.articles.iloc[0]
    return article["text"], result.quotes, result.figures, article.to_dict()


def main(out: Path = ROOT / "docs" / "article.png") -> Path:
    from playwright.sync_api import sync_playwright

    text, quotes, figures, meta = seed_tables()
    body = render_article_html(text, quotes, figures, metadata=meta)
    page_html = f'<!doctype html><meta charset="utf-8"><body style="margin: 16px; background: #fff;">{body}</body>'
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(bs.CHROMIUM), args=bs.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 800}, device_scale_factor=1)
            page.set_content(page_html)
            page.locator(".pt-article").screenshot(path=str(out))
        finally:
            browser.close()
    print(out)
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "article.png")
