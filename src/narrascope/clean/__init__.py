"""Boilerplate removal for scraped article text, keeping an offset map back to the raw text.

The stage also fills the article's title (its headline line), language and publication date (from a
dateline) when the reader did not provide them. The patterns apply to every language; the line classifier
only to the languages it was trained for (see its model card), the others get the patterns alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from narrascope.clean.boilerplate import assemble, find_boilerplate
from narrascope.clean.classifier import LineClassifier
from narrascope.clean.metadata import parse_dateline
from narrascope.clean.rules import load_rules
from narrascope.errors import InputError
from narrascope.model import Analysis
from narrascope.settings import Settings
from narrascope.text import detect_language

PATTERNS_FILE = "boilerplate.toml"
CLASSIFIER_FILE = "line_classifier.json"


@lru_cache(maxsize=4)
def load_classifier(path: Path) -> LineClassifier:
    return LineClassifier(path)


class Cleaner:
    name = "clean"
    version = "2"

    def __init__(self, settings: Settings) -> None:
        folder = settings.resources / "clean"
        self.rules = load_rules(folder / PATTERNS_FILE)
        self.classifier = load_classifier(folder / CLASSIFIER_FILE)

    def __call__(self, analysis: Analysis) -> Analysis:
        article = analysis.article
        if article.language is None:
            article.language = detect_language(article.raw_text)
        classifier = self.classifier if article.language in self.classifier.languages else None
        findings = find_boilerplate(article.raw_text, self.rules, classifier, article.title)
        cleaned = assemble(article.raw_text, findings)
        if not cleaned.text.strip():
            raise InputError(article.id, "nothing is left after removing boilerplate")
        article.text = cleaned.text
        article.offset_map = cleaned.offset_map
        article.removed_lines = cleaned.removed
        if article.title is None and findings.title_index is not None:
            article.title = findings.lines[findings.title_index].text
        if article.published is None and findings.dateline is not None:
            article.published = parse_dateline(findings.dateline, article.language)
        return analysis
