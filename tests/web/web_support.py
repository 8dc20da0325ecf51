"""Helpers shared by the web tests."""

from __future__ import annotations

from labelled import label

from narrascope.ingest import article_from_text
from narrascope.model import Analysis
from narrascope.pipeline import Pipeline
from narrascope.store import Corpus

TOKEN = "test-token-7f3a"
EVIL = (
    'Kyiv said on Monday that <script>window.__xss = 1; alert("xss")</script> nothing happened.\n'
    'Officials in Moscow denied it. <img src=x onerror="window.__xss = 2" id="injected">\n'
    '"Nothing to see here," said Vladimir Putin.</div></main><h1 id="injected">forged</h1>\n'
    '"><svg onload="window.__xss = 3"></svg> More than 300 people left the city of Kharkiv.\n'
)


def stored_corpus(db: str, analyses) -> Corpus:
    corpus = Corpus(db)
    for analysis in analyses:
        corpus.save(analysis)
    return corpus


def evil_analysis() -> Analysis:
    """A hostile article, really parsed, with labels whose spans cut through its markup."""
    analysis = Pipeline(["clean", "parse"])(
        article_from_text(EVIL, source="<test>", title='<script>alert("t")</script>Title')
    )
    analysis = label(analysis)
    analysis.article.outlet = '<b onmouseover="alert(1)">Outlet</b>'
    return analysis
