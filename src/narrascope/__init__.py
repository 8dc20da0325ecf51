"""narrascope: which narratives a news article pushes and how it frames the people in it.

    >>> import narrascope
    >>> analysis = narrascope.analyze("Kyiv said on Monday that ...")
    >>> [label.narrative for label in analysis.narratives]
"""

from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline, analyze, analyze_many

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Pipeline", "analyze", "analyze_many", "__version__"]
