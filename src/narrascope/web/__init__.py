"""The web app over the store: HTML pages with JSON twins and a small JSON API (FastAPI)."""
