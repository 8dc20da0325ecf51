"""Headless Chromium clicks through the pages served by uvicorn on 127.0.0.1; screenshots go to
artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from servers import AppServer

from narrascope.model import Analysis
from narrascope.settings import Settings
from narrascope.store import Corpus
from narrascope.web.app import create_app

from .web_support import EVIL, TOKEN, evil_analysis


@pytest.fixture(scope="module")
def server(corpus: Corpus, settings: Settings):
    with AppServer(create_app(corpus, settings)) as running:
        yield running


def assert_no_dialog(browser) -> None:
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - raises when no dialog is open


def test_article_entity_corpus_click_through(browser, server: AppServer, corpus: Corpus, screenshots: Path,
                                             labelled_examples: list[Analysis]) -> None:
    wait = WebDriverWait(browser, 15)
    browser.get(f"{server.url}/articles")
    first = browser.find_element(By.CSS_SELECTOR, "ol.results a.title")
    title = first.text
    first.click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "article-text")))
    assert browser.find_element(By.ID, "article-title").text == title
    analysis = next(a for a in labelled_examples if a.article.title == title)
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text mark.evidence")
    assert marks and all(m.get_attribute("title") for m in marks)  # hovering shows label and score
    assert "(0.8" in marks[0].get_attribute("title")
    mentions = browser.find_elements(By.CSS_SELECTOR, "#article-text a.mention")
    assert len(mentions) >= sum(len(e.mentions) for e in analysis.entities)
    badges = browser.find_elements(By.CSS_SELECTOR, "#article-text .badge")
    assert {b.text for b in badges} <= {"Protagonist", "Antagonist", "Innocent"} and badges
    # a narrative's swatch hides its highlighting
    swatch = browser.find_element(By.CSS_SELECTOR, "button.swatch[data-colour]")
    swatch.click()
    assert "hide-" + swatch.get_attribute("data-colour") in browser.find_element(
        By.ID, "article-text"
    ).get_attribute("class")
    browser.save_screenshot(str(screenshots / "article.png"))

    role = analysis.roles[0]
    name = analysis.entity(role.entity_id).name
    browser.find_element(By.CSS_SELECTOR, "section.entities table").find_element(By.LINK_TEXT, name).click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "entity-name")))
    assert browser.find_element(By.ID, "entity-name").text == name
    assert browser.find_elements(By.CSS_SELECTOR, "svg.bar-chart rect")
    evidence_link = browser.find_element(By.CSS_SELECTOR, ".evidence-quote a")
    assert "#ev-" in evidence_link.get_attribute("href")
    browser.save_screenshot(str(screenshots / "entity.png"))

    browser.find_element(By.LINK_TEXT, "Corpus").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "by-outlet")))
    outlets = [
        row.find_element(By.TAG_NAME, "th").text
        for row in browser.find_elements(By.CSS_SELECTOR, "#by-outlet tbody tr")
    ]
    assert outlets == ["Outlet A", "Outlet B"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.line-chart g.series")) == len(
        corpus.facets()["narratives"]
    )
    browser.save_screenshot(str(screenshots / "corpus.png"))

    # a filter menu applies itself
    browser.find_element(By.CSS_SELECTOR, "select[name=outlet] option[value='Outlet B']").click()
    wait.until(expected_conditions.url_contains("outlet=Outlet+B"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#by-outlet tbody tr")
    assert [row.find_element(By.TAG_NAME, "th").text for row in rows] == ["Outlet B"]

    browser.get(f"{server.url}/articles?q=Zelenskyy")
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.results li")) == sum(
        "Zelenskyy" in a.text for a in labelled_examples
    )
    browser.save_screenshot(str(screenshots / "search.png"))
    assert_no_dialog(browser)


def test_hostile_article_runs_nothing_in_the_browser(
    browser, tmp_path, settings: Settings, screenshots: Path
) -> None:
    corpus = Corpus(f"sqlite:///{tmp_path / 'xss.db'}")
    labelled_id, _ = corpus.save(evil_analysis())
    with AppServer(create_app(corpus, settings)) as server:
        # through the analyse form, as a user would post it
        browser.get(f"{server.url}/analyse?token={TOKEN}")
        browser.find_element(By.NAME, "title").send_keys('<img src=x onerror="window.__xss = 4">Posted')
        browser.find_element(By.NAME, "text").send_keys(EVIL + "Posted through the form.")
        browser.find_element(By.CSS_SELECTOR, "form.analyse button").click()
        WebDriverWait(browser, 60).until(
            expected_conditions.presence_of_element_located((By.ID, "article-text"))
        )
        posted = browser.current_url
        assert "/articles/" in posted

        for url in (
            posted,
            f"{server.url}/articles/{labelled_id}",
            f"{server.url}/articles",
            f"{server.url}/quotes",
        ):
            browser.get(url)
            assert_no_dialog(browser)
            assert browser.execute_script("return window.__xss === undefined")
            assert browser.find_elements(By.ID, "injected") == []
            assert browser.find_elements(By.CSS_SELECTOR, "main script, main img, main svg[onload]") == []
            assert len(browser.find_elements(By.TAG_NAME, "main")) == 1
            assert browser.find_elements(By.TAG_NAME, "footer")  # the page was not cut short
        browser.get(f"{server.url}/articles/{labelled_id}")
        text = browser.find_element(By.ID, "article-text").text
        assert '<script>window.__xss = 1; alert("xss")</script>' in text  # shown as text
        assert browser.find_elements(By.CSS_SELECTOR, "#article-text mark.evidence")
        browser.save_screenshot(str(screenshots / "hostile-article.png"))
