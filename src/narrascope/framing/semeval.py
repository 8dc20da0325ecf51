"""``narrascope semeval roles``: a role for every given mention, in the subtask-1 prediction format.

Mentions are read against the raw documents (the files as stored), so their offsets mean what the task's
offsets mean; drifted offsets are located as in training (``data.locate_mention``). Every mention gets a
main role and at least one fine role, however unsure: the task's scorer requires a line per mention.
English documents (as lingua tells) are parsed with the pipeline's spaCy model for the syntax field, as
in training. The article's stance comes from the narrative model's labels for the document (and, in
English, the war-outcome reader), as ``analyze`` would give them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from narrascope.entities.parse import load_spacy
from narrascope.errors import NarrascopeError
from narrascope.framing.data import read_mention_queries
from narrascope.framing.stage import FramingModel
from narrascope.framing.stance import stage_labels
from narrascope.framing.training import english_docs, semeval_rows, stance_fields
from narrascope.settings import Settings, get_settings


def predict_semeval_roles(
    model: FramingModel,
    documents: Path,
    mentions_path: Path,
    output: Path,
    settings: Settings | None = None,
    on_error: Callable[[NarrascopeError], None] | None = None,
) -> int:
    """Write ``article_id, mention, start, end, main_role, fine_role...`` per input line; returns the count.
    A document the readers refuse is reported to ``on_error``; its mentions still get their lines."""
    settings = settings or get_settings()
    items = list(read_mention_queries(mentions_path, documents, settings, on_error))
    nlp = load_spacy(settings.spacy_model)
    docs = english_docs(items, nlp)
    labels_of = stage_labels(list(dict.fromkeys(text for _, text in items)), docs, settings)
    stances = stance_fields(items, [labels_of[text] for _, text in items], model.taxonomy.stance)
    predictions = model.predict(semeval_rows(items, model.taxonomy.cues, docs, stances))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as out:
        for (mention, _), prediction in zip(items, predictions, strict=True):
            columns = [
                mention.article_id,
                mention.mention,
                str(mention.annotated_start),
                str(mention.annotated_end),
                prediction.main_role,
                *prediction.fine_roles,
            ]
            out.write("\t".join(columns) + "\n")
    return len(items)
