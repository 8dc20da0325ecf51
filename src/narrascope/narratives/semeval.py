"""Subtask 2 in the task's own format: predict a folder of documents, one TSV line per ``.txt`` file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from narrascope.errors import UsageError
from narrascope.narratives.classifier import NarrativeModel
from narrascope.narratives.stage import load_model
from narrascope.pipeline import batched

BATCH = 64


def predict_folder(
    documents: Path, model: NarrativeModel | None = None
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``(article_id, narratives, subnarratives)`` for every ``.txt`` in ``documents``, in file-name order.

    The classifier reads the raw file as the training data was read (no cleaning, no parsing), so a
    prediction needs nothing but the model; undecodable bytes are replaced rather than fatal, and an
    empty document is predicted like any other text (it comes out as ``Other``).
    """
    if not documents.is_dir():
        raise UsageError(str(documents), "not a folder of documents")
    model = model or load_model()
    paths = sorted(path for path in documents.iterdir() if path.suffix == ".txt" and path.is_file())
    for batch in batched(paths, BATCH):
        texts = [path.read_bytes().decode("utf-8", errors="replace") for path in batch]
        for path, prediction in zip(batch, model.predict(texts), strict=True):
            yield path.name, prediction.narratives, prediction.subnarratives
