from __future__ import annotations

from fastapi.testclient import TestClient

from narrascope.settings import Settings
from narrascope.store import Corpus
from narrascope.store.corpus import Prevalence
from narrascope.web.app import create_app
from narrascope.web.charts import runs_of_neighbours, share_over_time

from .web_support import TOKEN

WAR = "URW: Discrediting Ukraine"


def weekly(articles: dict[str, int], carrying: dict[str, int]) -> Prevalence:
    return Prevalence(
        groups=sorted(articles),
        narratives=[WAR],
        articles=articles,
        counts={week: {WAR: n} for week, n in carrying.items()},
    )


def test_a_thin_week_gets_no_point_and_breaks_the_line() -> None:
    prevalence = weekly(
        {"2024-03-04": 10, "2024-03-11": 8, "2024-03-18": 1, "2024-03-25": 6},
        {"2024-03-04": 5, "2024-03-11": 2, "2024-03-18": 1, "2024-03-25": 3},
    )
    chart = share_over_time(prevalence, min_articles=5)
    (series,) = chart.series
    assert [(period, value) for _, _, period, value in series.points] == [
        ("2024-03-04", 0.5), ("2024-03-11", 0.25), ("2024-03-25", 0.5)
    ]
    assert len(series.paths) == 1 and series.paths[0].count(",") == 2  # one line through the first two weeks
    assert [label for _, label in chart.x_ticks] == sorted(prevalence.groups)  # the thin week keeps its place


def test_months_replace_weeks_that_are_all_too_thin() -> None:
    prevalence = weekly(
        {"2024-03-04": 3, "2024-03-18": 3, "2024-04-01": 2, "2024-04-15": 4},
        {"2024-03-04": 3, "2024-03-18": 0, "2024-04-01": 1, "2024-04-15": 2},
    )
    chart = share_over_time(prevalence, min_articles=5)
    assert [(period, value) for _, _, period, value in chart.series[0].points] == [
        ("2024-03", 0.5), ("2024-04", 0.5)
    ]


def test_no_chart_from_fewer_than_two_periods_with_enough_articles() -> None:
    prevalence = weekly({"2024-03-04": 9, "2024-04-15": 2}, {"2024-03-04": 9})
    assert share_over_time(prevalence, min_articles=5) is None
    assert share_over_time(prevalence, min_articles=2) is not None


def test_runs_of_neighbours() -> None:
    assert runs_of_neighbours([0, 1, 3, 5, 6, 7]) == [[0, 1], [3], [5, 6, 7]]
    assert runs_of_neighbours([]) == []


def test_corpus_page_says_when_there_are_too_few_dated_articles(corpus: Corpus) -> None:
    settings = Settings(api_token=TOKEN, pipeline=["clean"], chart_min_articles=5)
    client = TestClient(create_app(corpus, settings))
    page = client.get("/corpus", headers={"accept": "text/html"}).text
    assert "Too few dated articles to chart: 5 in all, and a week or month needs at least 5." in page
    assert "line-chart" not in page
    assert " ".join(page.split()).count("a week or month with fewer than 5 gets no point") == 1
