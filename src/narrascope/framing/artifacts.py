"""Fitted framing models on disk: one gzip-compressed pickle each, holding the object beside a format tag,
so that a file from an older or a foreign training run is refused with a clear error rather than half-used.
The standard library's C unpickler reads the role model in about a tenth of joblib's time, which unpickles
its many vocabulary entries in Python: that time is part of every cold ``narrascope analyze``."""

from __future__ import annotations

import gzip
import pickle
from pathlib import Path

from narrascope.errors import ModelError


def save_artifact(path: Path, format_tag: str, key: str, fitted: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb", compresslevel=6) as file:
        pickle.dump({"format": format_tag, key: fitted}, file, protocol=5)


def load_artifact(path: Path, format_tag: str, key: str, what: str) -> object:
    if not path.is_file():
        raise ModelError(str(path), f"{what} not found; train it with `narrascope train framing`")
    try:
        with gzip.open(path, "rb") as file:
            stored = pickle.load(file)
    except Exception as error:  # any unpickling failure means an unusable artifact
        raise ModelError(str(path), f"cannot load the {what}: {error!r}") from error
    if not isinstance(stored, dict) or stored.get("format") != format_tag:
        raise ModelError(str(path), f"not a {format_tag} {what}; retrain with `narrascope train framing`")
    return stored[key]
