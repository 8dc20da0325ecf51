"""Subtask 2 in the task's own format: predict a folder of documents, one TSV line per ``.txt`` file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from narrascope.errors import UsageError
from narrascope.model import Analysis, Article
from narrascope.narratives.stage import NarrativeClassifier, semeval_rows
from narrascope.pipeline import batched, build_stage
from narrascope.settings import Settings, get_settings
from narrascope.text import detect_language

BATCH = 64


def predict_folder(documents: Path, settings: Settings | None = None) -> Iterator[tuple[str, list[str], list[str]]]:
    """``(article_id, narratives, subnarratives)`` for every ``.txt`` in ``documents``, in file-name order.

    The classifier reads the raw file as the training data was read (no cleaning); English documents
    are parsed for the war-outcome reader, as in ``analyze``, unless they are larger than
    ``max_input_bytes`` (then the classifier alone predicts them: a line per file is the format).
    Undecodable bytes are replaced rather than fatal, and an empty document is predicted like any other
    text (it comes out as ``Other``).
    """
    if not documents.is_dir():
        raise UsageError(str(documents), "not a folder of documents")
    settings = settings or get_settings()
    classifier = NarrativeClassifier(settings)
    parser = build_stage("parse", settings) if settings.narratives_outcomes else None
    paths = sorted(path for path in documents.iterdir() if path.suffix == ".txt" and path.is_file())
    for batch in batched(paths, BATCH):
        analyses, parsable = [], []
        for path in batch:
            data = path.read_bytes()
            text = data.decode("utf-8", errors="replace")
            article = Article(id=path.name, raw_text=text, text=text, language=detect_language(text))
            analyses.append(Analysis(article=article))
            if article.language == "en" and len(data) <= settings.max_input_bytes:
                parsable.append(analyses[-1])
        if parser is not None:
            list(parser.pipe(parsable))
        for analysis in classifier.pipe(analyses):
            yield (analysis.article.id, *semeval_rows(analysis.narratives))
