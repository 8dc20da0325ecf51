"""narrascope: which narratives a news article pushes and how it frames the people in it.

    >>> import narrascope
    >>> analysis = narrascope.analyze("Kyiv said on Monday that ...")
    >>> [label.narrative for label in analysis.narratives]
"""

from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline, analyze, analyze_many

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Corpus", "Pipeline", "analyze", "analyze_many", "__version__"]


def __getattr__(name: str):
    # Corpus pulls in SQLAlchemy; load it only when asked for, so that `import narrascope` stays light.
    if name == "Corpus":
        from narrascope.store import Corpus

        return Corpus
    raise AttributeError(f"module 'narrascope' has no attribute {name!r}")
