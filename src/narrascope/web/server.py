"""Running the web app with uvicorn, as ``narrascope serve`` does."""

from __future__ import annotations

import os
import secrets

from rich.console import Console

from narrascope.settings import get_settings


def app_from_settings():
    """The app factory uvicorn calls in each worker; the store and token come from the settings."""
    from narrascope.web.app import create_app

    return create_app()


def run(db: str | None, host: str, port: int, workers: int = 1, log: Console | None = None) -> None:
    import uvicorn

    log = log or Console(stderr=True)
    settings = get_settings()
    # Workers are separate processes that read their settings afresh: hand them ours through the
    # settings' own environment variables.
    if db:
        os.environ["NARRASCOPE_DB"] = db
    token = settings.api_token
    if not token:
        token = secrets.token_urlsafe(24)
        os.environ["NARRASCOPE_API_TOKEN"] = token
        log.print(f"no api_token configured; this run's write token: {token}", markup=False, soft_wrap=True)
    log.print(
        f"narrascope on http://{host}:{port}/  (analyse form: http://{host}:{port}/analyse?token={token})",
        markup=False,
        soft_wrap=True,
    )
    get_settings.cache_clear()
    uvicorn.run(
        "narrascope.web.server:app_from_settings", factory=True, host=host, port=port, workers=workers,
        log_level="warning", access_log=False,
    )
