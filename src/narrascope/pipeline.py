"""Builds the configured list of stages and runs articles through them.

Every stage is registered here by name, as ``"module:factory"``; the factory takes the settings and
returns a callable ``stage(analysis) -> analysis``. A stage may also offer ``pipe(analyses)`` to work
on a batch at once (spaCy does); the pipeline prefers it. Stages are imported only when a pipeline
that names them is built, so the CLI starts fast and a missing optional stage costs nothing.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from narrascope.errors import NarrascopeError, StageFailure, UsageError
from narrascope.model import Analysis, Article
from narrascope.settings import Settings, get_settings

STAGES: dict[str, str] = {
    "clean": "narrascope.clean:Cleaner",
    "parse": "narrascope.entities.parse:Parser",
    "entities": "narrascope.entities:EntityResolver",
    "narratives": "narrascope.narratives.stage:NarrativeClassifier",
    "framing": "narrascope.framing.stage:RoleFramer",
    "quotes": "narrascope.quotes.speech:QuoteFinder",
    "claims": "narrascope.quotes.claims:ClaimFinder",
    "explain": "narrascope.explain:Explainer",
}


class Stage(Protocol):
    name: str
    version: str

    def __call__(self, analysis: Analysis) -> Analysis: ...


def stage_factory(name: str):
    """The registered class of a stage: its ``name`` and ``version`` are known before its models load."""
    if name not in STAGES:
        raise UsageError(name, f"unknown stage; known stages: {', '.join(STAGES)}")
    module_name, factory_name = STAGES[name].split(":")
    return getattr(importlib.import_module(module_name), factory_name)


def build_stage(name: str, settings: Settings) -> Stage:
    return stage_factory(name)(settings)


class Pipeline:
    def __init__(self, stage_names: Sequence[str] | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.stage_names = list(stage_names if stage_names is not None else self.settings.pipeline)
        self.stages = [build_stage(name, self.settings) for name in self.stage_names]

    def __call__(self, item: str | Article) -> Analysis:
        result = next(self.pipe([item]))
        if isinstance(result, NarrascopeError):
            raise result
        return result

    def pipe(self, items: Iterable[str | Article | NarrascopeError]) -> Iterator[Analysis | NarrascopeError]:
        """Analyse items in batches, in order. Errors (given or raised) come out in the item's place."""
        numbered = (as_article(item, index) for index, item in enumerate(items))
        for batch in batched(numbered, self.settings.batch_size):
            results: list[Analysis | NarrascopeError] = [
                item if isinstance(item, NarrascopeError) else Analysis(article=item) for item in batch
            ]
            for stage in self.stages:
                self._run_stage(stage, results)
            yield from results

    def _run_stage(self, stage: Stage, results: list[Analysis | NarrascopeError]) -> None:
        positions = [i for i, result in enumerate(results) if isinstance(result, Analysis)]
        if not positions:
            return
        pipe = getattr(stage, "pipe", None)
        if pipe is not None:
            try:
                done = list(pipe([results[i] for i in positions]))
            except Exception:  # noqa: BLE001 - find the article that broke the batch by running one at a time
                done = None
            if done is not None:
                for i, analysis in zip(positions, done, strict=True):
                    results[i] = stamp(analysis, stage)
                return
        for i in positions:
            analysis = results[i]
            try:
                results[i] = stamp(stage(analysis), stage)
            except NarrascopeError as error:
                results[i] = error
            except Exception as error:  # noqa: BLE001 - one bad article must not stop a batch
                results[i] = StageFailure(analysis.article.id, f"stage {stage.name!r} failed: {error!r}")


def stamp(analysis: Analysis, stage: Stage) -> Analysis:
    analysis.stages[stage.name] = stage.version
    return analysis


def as_article(item: str | Article | NarrascopeError, index: int) -> Article | NarrascopeError:
    if isinstance(item, (Article, NarrascopeError)):
        return item
    from narrascope.ingest import article_from_text

    return article_from_text(item, source=f"<text {index}>")


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


_default_pipeline: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default_pipeline
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline


def analyze(item: str | Article) -> Analysis:
    """Analyse one article, given as its text or as an ``Article``."""
    return default_pipeline()(item)


def analyze_many(items: Iterable[str | Article]) -> Iterator[Analysis | NarrascopeError]:
    """Analyse many articles in batches; a failed article yields its error in its place."""
    return default_pipeline().pipe(items)
