"""Keeping the search window (see service.search_index) to the SEARCH_WINDOW_ARTICLES newest
articles: after every fiftieth of that many new articles, a job refits it, and about as many
articles leave it (with the default size: 1,000 after every 1,000th article).
"""

from __future__ import annotations

from flask import current_app

from service import jobs
from service.articles.search import uses_recency_index
from service.extensions import db
from service.search_index import fit_window

FITS_PER_WINDOW = 50


@jobs.task()
def fit_search_window() -> None:
    fit_window(db.session.connection(), current_app.config["SEARCH_WINDOW_ARTICLES"])
    db.session.commit()


def article_created(article_id: int) -> None:
    """Queue a fit when this article's id is a multiple of the fit interval, where a window exists."""
    interval = max(1, current_app.config["SEARCH_WINDOW_ARTICLES"] // FITS_PER_WINDOW)
    if article_id % interval == 0 and uses_recency_index(db.engine):
        jobs.enqueue(fit_search_window.__name__)
