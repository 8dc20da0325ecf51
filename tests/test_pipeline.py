import pytest

from narrascope import pipeline as pipeline_module
from narrascope.errors import InputError, StageFailure, UsageError
from narrascope.model import Analysis
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


class Shout:
    """A stage for testing: upper-cases the clean text, and fails on articles that mention 'boom'."""

    name = "shout"
    version = "7"

    def __init__(self, settings: Settings) -> None:
        self.calls = 0

    def __call__(self, analysis: Analysis) -> Analysis:
        self.calls += 1
        if "boom" in analysis.article.raw_text:
            raise ValueError("cannot shout boom")
        analysis.article.text = analysis.article.raw_text.upper()
        return analysis


@pytest.fixture
def shout_registered(monkeypatch):
    monkeypatch.setitem(pipeline_module.STAGES, "shout", f"{__name__}:Shout")


def test_unknown_stage_is_a_usage_error():
    with pytest.raises(UsageError, match="nope"):
        Pipeline(["nope"], Settings())


def test_a_failing_article_does_not_stop_the_batch(shout_registered):
    pipeline = Pipeline(["shout"], Settings(batch_size=2))
    results = list(pipeline.pipe(["first one", "boom here", "third", InputError("bad.txt", "empty")]))
    assert [type(result) for result in results] == [Analysis, StageFailure, Analysis, InputError]
    assert results[0].article.text == "FIRST ONE"
    assert results[0].stages == {"shout": "7"}
    assert "shout" in str(results[1]) and "boom" in str(results[1])
    assert results[2].article.text == "THIRD"


def test_single_article_errors_are_raised(shout_registered):
    pipeline = Pipeline(["shout"], Settings())
    with pytest.raises(StageFailure):
        pipeline("boom")
    assert pipeline("calm").article.text == "CALM"


def test_batched_stage_falls_back_to_one_at_a_time_on_failure(shout_registered, monkeypatch):
    def pipe(self, analyses):
        return [self(analysis) for analysis in analyses]

    monkeypatch.setattr(Shout, "pipe", pipe, raising=False)
    pipeline = Pipeline(["shout"], Settings(batch_size=10))
    results = list(pipeline.pipe(["a", "boom", "c"]))
    assert [type(result) for result in results] == [Analysis, StageFailure, Analysis]
