"""Narratives: which narratives and sub-narratives of the SemEval-2025 Task 10 taxonomy an article pushes.

- ``load_model(path=None)`` gives the trained classifier (the shipped one by default), ``train(...)``
  rebuilds it from the SemEval training data with cross-validation and a model card;
- the pipeline stage ``NarrativeClassifier`` fills ``Analysis.narratives``, each label with evidence;
  on parsed English articles the war-outcome reader (``narratives.outcomes``) adds the side the
  article says is collapsing, which the classifier has too few training articles to learn;
- ``evidence_for(analysis, label, k)`` lists the sentences of an article that best support any label;
- ``load_taxonomy()`` gives the label hierarchy and the project's short descriptions.

Heavy imports (scikit-learn, scipy) happen only when one of these is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from narrascope.narratives.stage import NarrativeClassifier, evidence_for, load_model
    from narrascope.narratives.taxonomy import load_taxonomy
    from narrascope.narratives.training import train

__all__ = ["NarrativeClassifier", "evidence_for", "load_model", "load_taxonomy", "train"]

_HOMES = {
    "NarrativeClassifier": "narrascope.narratives.stage",
    "evidence_for": "narrascope.narratives.stage",
    "load_model": "narrascope.narratives.stage",
    "load_taxonomy": "narrascope.narratives.taxonomy",
    "train": "narrascope.narratives.training",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'narrascope.narratives' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
