"""The labelled lines, the rebuild of the line classifier and the quality floor of the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.clean import CLASSIFIER_FILE, PATTERNS_FILE
from narrascope.clean.classifier import fit
from narrascope.clean.lines import split_lines
from narrascope.clean.rules import load_rules
from narrascope.clean.training import CLASSIFIER_LANGUAGES, all_labelled, evaluate_rules, training_rows
from narrascope.settings import RESOURCES

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FOLDER = RESOURCES / "clean"


@pytest.fixture(scope="module")
def labelled(semeval_dir, shared_examples):
    return all_labelled(SHARED)


def test_labels_cover_every_non_blank_line_and_hold_no_text(labelled):
    articles = [article for label_set in labelled.values() for article in label_set]
    assert len(articles) >= 60
    assert len({article.file for article in articles}) == len(articles), "an article is labelled twice"
    for article in articles:
        numbers = {line.number for line in split_lines(article.raw)}
        assert set(article.labels) == numbers, article.file
        assert set(article.labels.values()) <= {"keep", "title", "boilerplate"}
        assert sum(label == "title" for label in article.labels.values()) <= 1


def test_rules_keep_precision_on_the_labelled_lines(labelled):
    rules = load_rules(FOLDER / PATTERNS_FILE)
    for articles in labelled.values():
        counts = evaluate_rules(articles, rules)
        assert counts.precision >= 0.95
        assert counts.recall >= 0.4


def test_the_committed_classifier_is_what_a_rebuild_gives(labelled):
    articles = [article for label_set in labelled.values() for article in label_set]
    rows, targets = training_rows(articles, load_rules(FOLDER / PATTERNS_FILE))
    rebuilt = fit(rows, targets, CLASSIFIER_LANGUAGES)
    committed = json.loads((FOLDER / CLASSIFIER_FILE).read_text(encoding="utf-8"))
    assert rebuilt["features"] == committed["features"]
    assert rebuilt["coef"] == pytest.approx(committed["coef"], abs=1e-4)
    assert (FOLDER / CLASSIFIER_FILE).with_suffix(".md").is_file()
