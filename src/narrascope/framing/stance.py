"""The narrative labels behind an article's stance (the role classifier's ``stance`` field).

In ``analyze`` the narratives stage runs before framing, so the labels are its output
(``analysis_labels``). To train on SemEval articles the labels must be predicted as ``analyze`` predicts
them, by a narrative model that never saw the article: ``out_of_fold_labels`` takes them from the
narrative classifier's cross-validation. Gold narratives would make the role classifier's folds
optimistic and teach it a certainty it never has at prediction; English training articles add the
war-outcome reader's "<side> army is collapsing" (``outcome_labels``), as the narratives stage does.
``narrascope semeval roles`` runs the narratives stage itself (``stage_labels``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from narrascope.evaluate.semeval import LANGUAGES, read_training_data
from narrascope.model import Analysis, Article
from narrascope.settings import Settings


def analysis_labels(analysis: Analysis) -> list[str]:
    """The narratives and sub-narratives the narratives stage gave the article (none if it did not run)."""
    labels = [(found.narrative, found.subnarrative) for found in analysis.narratives]
    return [label for pair in labels for label in pair if label]


def outcome_labels(docs: Mapping[str, object], settings: Settings) -> dict[str, list[str]]:
    """The war-outcome reader's sub-narrative for each parsed English text of ``docs`` (text -> spaCy
    parse), as in the narratives stage; nothing when the settings turn the reader off."""
    from narrascope.narratives.outcomes import load_reader

    if not settings.narratives_outcomes or not docs:
        return {}
    reader = load_reader(settings.resources)
    findings = {text: reader.finding(reader.read(doc)) for text, doc in docs.items()}
    return {text: [finding.subnarrative] for text, finding in findings.items() if finding is not None}


@lru_cache(maxsize=2)
def out_of_fold_labels(data_dir: Path, folds: int) -> dict[tuple[str, str], list[str]]:
    """Per ``(language, article id)`` of the release, the narrative classifier's labels from its own
    cross-validation over all languages: each article is labelled by a model that was not trained on it."""
    from narrascope.narratives.training import cross_validate

    documents = read_training_data(data_dir, LANGUAGES)
    predictions = cross_validate(documents, LANGUAGES, folds).predictions
    return {
        (document.language, document.id): predictions[i].narratives + predictions[i].subnarratives
        for i, document in enumerate(documents)
        if i in predictions
    }


def stage_labels(
    texts: Sequence[str], docs: Mapping[str, object], settings: Settings
) -> dict[str, list[str]]:
    """Each text's labels from the narratives stage itself, the English texts read with their parse in
    ``docs`` (text -> spaCy parse): the labels ``analyze`` gives the article."""
    from narrascope.narratives.stage import NarrativeClassifier

    analyses = []
    for number, text in enumerate(texts):
        article = Article(id=str(number), raw_text=text, text=text, language="en" if text in docs else None)
        analysis = Analysis(article=article)
        if text in docs:
            analysis.attach_doc(docs[text])
        analyses.append(analysis)
    labelled = NarrativeClassifier(settings).pipe(analyses)
    return {text: analysis_labels(analysis) for text, analysis in zip(texts, labelled, strict=True)}
