"""Fitted framing models on disk: one joblib file each, holding the object beside a format tag, so that
a file from an older or a foreign training run is refused with a clear error rather than half-used."""

from __future__ import annotations

from pathlib import Path

from narrascope.errors import ModelError


def save_artifact(path: Path, format_tag: str, key: str, fitted: object) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"format": format_tag, key: fitted}, path, compress=3)


def load_artifact(path: Path, format_tag: str, key: str, what: str) -> object:
    import joblib

    if not path.is_file():
        raise ModelError(str(path), f"{what} not found; train it with `narrascope train framing`")
    try:
        stored = joblib.load(path)
    except Exception as error:  # noqa: BLE001 - any unpickling failure means an unusable artifact
        raise ModelError(str(path), f"cannot load the {what}: {error!r}") from error
    if not isinstance(stored, dict) or stored.get("format") != format_tag:
        raise ModelError(str(path), f"not a {format_tag} {what}; retrain with `narrascope train framing`")
    return stored[key]
