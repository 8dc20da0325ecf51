"""The store: analyses in SQLite (default, ``narrascope.db``) or PostgreSQL, queried through ``Corpus``."""

from narrascope.store.corpus import Corpus, Filters, Page

__all__ = ["Corpus", "Filters", "Page"]
