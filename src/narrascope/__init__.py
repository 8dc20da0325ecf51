"""narrascope: which narratives a news article pushes and how it frames the people in it.

    >>> import narrascope
    >>> analysis = narrascope.analyze("Kyiv said on Monday that ...")
    >>> [label.narrative for label in analysis.narratives]
"""

from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline, analyze, analyze_many

__version__ = "0.1.0"
__all__ = [
    "Analysis",
    "Article",
    "Corpus",
    "Pipeline",
    "__version__",
    "analyze",
    "analyze_many",
    "load_model",
    "train",
]


def load_model(path=None):
    """The trained narrative classifier: the one shipped with narrascope, or the one saved in ``path``."""
    from narrascope.narratives import load_model as load_narrative_model

    return load_narrative_model(path)


def train(data_dir, out=None, **options):
    """Train the narrative classifier on SemEval-format data, cross-validate it and save it to ``out``.

    Options are those of ``narrascope.narratives.train`` (languages, folds, seed, ...). Returns the model
    and its cross-validation results.
    """
    from pathlib import Path

    from narrascope.narratives import train as train_narratives

    return train_narratives(Path(data_dir), Path(out) if out else None, **options)


def __getattr__(name: str):
    # Corpus pulls in SQLAlchemy; load it only when asked for, so that `import narrascope` stays light.
    if name == "Corpus":
        from narrascope.store import Corpus

        return Corpus
    raise AttributeError(f"module 'narrascope' has no attribute {name!r}")
