"""Subtask 2 in the task's own format: predict a folder of documents, one TSV line per ``.txt`` file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from narrascope.errors import NarrascopeError, UsageError
from narrascope.ingest import read_text_file
from narrascope.model import Analysis
from narrascope.narratives.stage import NarrativeClassifier, semeval_rows
from narrascope.narratives.taxonomy import OTHER
from narrascope.pipeline import batched, build_stage
from narrascope.settings import Settings, get_settings
from narrascope.text import language_of

BATCH = 64


def predict_folder(
    documents: Path,
    settings: Settings | None = None,
    on_error: Callable[[NarrascopeError], None] | None = None,
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``(article_id, narratives, subnarratives)`` for every ``.txt`` in ``documents``, in file-name order.

    The classifier reads each file as the training data was read, as stored (no cleaning); English
    documents are parsed for the war-outcome reader, as in ``analyze``. A file the readers refuse
    (empty, binary, undecodable, larger than ``max_input_bytes``) still gets its line, ``Other``, since
    the format wants one per file; ``on_error`` hears why.
    """
    if not documents.is_dir():
        raise UsageError(str(documents), "not a folder of documents")
    settings = settings or get_settings()
    classifier = NarrativeClassifier(settings)
    parser = build_stage("parse", settings) if settings.narratives_outcomes else None
    paths = sorted(path for path in documents.iterdir() if path.suffix == ".txt" and path.is_file())
    for batch in batched(paths, BATCH):
        analyses: dict[str, Analysis] = {}
        for path in batch:
            try:
                article = read_text_file(path, settings)
            except NarrascopeError as error:
                if on_error is not None:
                    on_error(error)
                continue
            article.text = article.raw_text
            article.language = language_of(Analysis(article=article))
            analyses[path.name] = Analysis(article=article)
        if parser is not None:
            list(parser.pipe([a for a in analyses.values() if a.article.language == "en"]))
        labelled = {a.article.id: a for a in classifier.pipe(list(analyses.values()))}
        for path in batch:
            analysis = labelled.get(path.name)
            if analysis:
                yield (path.name, *semeval_rows(analysis.narratives))
            else:
                yield (path.name, [OTHER], [OTHER])
