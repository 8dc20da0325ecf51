"""The highlighted article HTML keeps the text exactly, whatever the spans and whatever the text holds."""

from __future__ import annotations

import html
import re

from narrascope.model import Analysis, Evidence, NarrativeLabel
from narrascope.web.highlight import highlight

from .web_support import evil_analysis

BADGE = re.compile(r'<span class="badge[^"]*">[^<]*</span>')
TAG = re.compile(r"<[^>]+>")


def text_of(markup: str) -> str:
    return html.unescape(TAG.sub("", BADGE.sub("", markup)))


def test_highlighting_keeps_the_text(labelled_examples: list[Analysis]) -> None:
    for analysis in [*labelled_examples, evil_analysis()]:
        markup = str(highlight(analysis, {}))
        assert text_of(markup) == analysis.text
        assert markup.count("<mark") == markup.count("</mark>")
        assert markup.count("<script") == 0


def test_overlapping_spans_are_all_shown() -> None:
    analysis = evil_analysis()
    text = analysis.text
    # two narratives whose evidence overlaps and cuts through a mention and through the markup in the text
    analysis.narratives = [
        NarrativeLabel(
            narrative="A", score=0.9, evidence=[Evidence(start=5, end=60, text=text[5:60], score=0.9)]
        ),
        NarrativeLabel(
            narrative="B", score=0.5, evidence=[Evidence(start=40, end=120, text=text[40:120], score=0.4)]
        ),
    ]
    markup = str(
        highlight(analysis, {entity.id: f"/entities/{i}" for i, entity in enumerate(analysis.entities)})
    )
    assert text_of(markup) == text
    assert 'title="A (0.90); B (0.40)"' in markup  # the overlap names both labels
    assert 'class="evidence c0"' in markup and 'class="evidence c1"' in markup
    assert 'href="/entities/0"' in markup
