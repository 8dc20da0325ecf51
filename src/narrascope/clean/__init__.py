"""Boilerplate removal for scraped article text, keeping an offset map back to the raw text."""

from __future__ import annotations

from narrascope.model import Analysis, Segment
from narrascope.settings import Settings


class Cleaner:
    name = "clean"
    version = "0"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, analysis: Analysis) -> Analysis:
        article = analysis.article
        article.text = article.raw_text
        article.offset_map = [Segment(start=0, raw_start=0, length=len(article.raw_text))]
        return analysis
