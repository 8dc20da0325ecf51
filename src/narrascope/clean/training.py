"""The labelled lines, the rebuild of the line classifier, and the precision/recall of boilerplate removal.

Labels live in three files of ``resources/clean/``: ``labels.tsv`` (articles read while the patterns
were written, labels proposed by the rules and corrected by hand), ``labels_frozen.tsv`` (articles drawn at
random once the patterns were first frozen, proposals corrected by hand) and ``labels_blind.tsv`` (articles
drawn at random later and labelled without seeing any proposal). Each row is ``file<TAB>line<TAB>label``
(file relative to the shared folder, line numbers from 1, label keep/title/boilerplate); the articles are
read from the shared folder at run time, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrascope.clean import CLASSIFIER_FILE, PATTERNS_FILE, load_classifier
from narrascope.clean.boilerplate import Findings, find_boilerplate
from narrascope.clean.classifier import LineClassifier, fit, model_card, save
from narrascope.clean.rules import Rules, load_rules
from narrascope.errors import InputError
from narrascope.settings import RESOURCES
from narrascope.text import detect_language

LABEL_SETS = {
    "development": RESOURCES / "clean" / "labels.tsv",
    "frozen": RESOURCES / "clean" / "labels_frozen.tsv",
    "blind": RESOURCES / "clean" / "labels_blind.tsv",
}
FOLDS = 5
# The line classifier has enough labelled articles behind it in these languages only.
CLASSIFIER_LANGUAGES = ("en",)


@dataclass
class LabelledArticle:
    file: str
    raw: str
    labels: dict[int, str]

    def findings(self, rules: Rules, classifier: LineClassifier | None) -> Findings:
        """As the clean stage judges the article: the classifier only in the languages it was trained for."""
        if classifier is not None and detect_language(self.raw) not in classifier.languages:
            classifier = None
        return find_boilerplate(self.raw, rules, classifier)


def read_labels(shared: Path, labels_file: Path) -> list[LabelledArticle]:
    by_file: dict[str, dict[int, str]] = {}
    for row in labels_file.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        file, number, label = row.split("\t")
        by_file.setdefault(file, {})[int(number)] = label
    articles = []
    for file, labels in by_file.items():
        path = shared / file
        if not path.is_file():
            raise InputError(str(path), "a labelled article is missing from the shared folder")
        articles.append(LabelledArticle(file=file, raw=path.read_text(encoding="utf-8"), labels=labels))
    return articles


def training_rows(articles: list[LabelledArticle], rules: Rules) -> tuple[list[list[float]], list[int]]:
    """Features and labels (1 = boilerplate) of the lines the rules leave undecided."""
    rows, targets = [], []
    for article in articles:
        findings = article.findings(rules, None)
        for index, features in findings.features.items():
            rows.append(features)
            targets.append(int(article.labels[findings.lines[index].number] == "boilerplate"))
    return rows, targets


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    titles_right: int = 0
    articles: int = 0

    def add(self, article: LabelledArticle, findings: Findings) -> None:
        for index, line in enumerate(findings.lines):
            gold = article.labels[line.number] == "boilerplate"
            predicted = findings.removed(index)
            self.true_positive += gold and predicted
            self.false_positive += predicted and not gold
            self.false_negative += gold and not predicted
        gold_title = next((n for n, label in article.labels.items() if label == "title"), None)
        found_title = (
            findings.lines[findings.title_index].number if findings.title_index is not None else None
        )
        self.titles_right += gold_title == found_title
        self.articles += 1

    @property
    def precision(self) -> float:
        return self.true_positive / max(self.true_positive + self.false_positive, 1)

    @property
    def recall(self) -> float:
        return self.true_positive / max(self.true_positive + self.false_negative, 1)

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(self.precision + self.recall, 1e-9)

    def row(self, name: str) -> str:
        return (
            f"| {name} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} | "
            f"{self.true_positive} | {self.false_positive} | {self.false_negative} | "
            f"{self.titles_right}/{self.articles} |"
        )


TABLE_HEAD = (
    "| method | precision | recall | F1 | TP | FP | FN | title right |\n|---|---|---|---|---|---|---|---|"
)


def evaluate_rules(articles: list[LabelledArticle], rules: Rules) -> Counts:
    counts = Counts()
    for article in articles:
        counts.add(article, article.findings(rules, None))
    return counts


def evaluate_cross_validated(articles: list[LabelledArticle], rules: Rules, folds: int = FOLDS) -> Counts:
    """Rules and a classifier fit on the other folds' articles: no line is judged by a model that saw it."""
    import tempfile

    counts = Counts()
    order = sorted(range(len(articles)), key=lambda i: articles[i].file)
    for fold in range(folds):
        held_out = {i for position, i in enumerate(order) if position % folds == fold}
        training = [articles[i] for i in order if i not in held_out]
        rows, targets = training_rows(training, rules)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fold.json"
            save(fit(rows, targets, CLASSIFIER_LANGUAGES), path, card="")
            classifier = LineClassifier(path)
        for i in sorted(held_out):
            counts.add(articles[i], articles[i].findings(rules, classifier))
    return counts


def all_labelled(shared: Path) -> dict[str, list[LabelledArticle]]:
    return {name: read_labels(shared, path) for name, path in LABEL_SETS.items()}


def describe(articles: list[LabelledArticle]) -> str:
    lines = sum(len(article.labels) for article in articles)
    boilerplate = sum(label == "boilerplate" for article in articles for label in article.labels.values())
    return f"{len(articles)} articles, {lines} lines, {boilerplate} boilerplate"


def report(label_sets: dict[str, list[LabelledArticle]], rules: Rules) -> str:
    """Removed-line precision and recall, and the articles whose headline line was found (or rightly none)."""
    everything = [article for articles in label_sets.values() for article in articles]
    rows = [TABLE_HEAD]
    rows += [
        evaluate_rules(articles, rules).row(f"rules only, {name} set ({describe(articles)})")
        for name, articles in label_sets.items()
    ]
    rows.append(
        evaluate_cross_validated(everything, rules).row(
            f"rules + line classifier, {FOLDS}-fold cross-validation by article ({describe(everything)})"
        )
    )
    return "\n".join(rows)


def rebuild(shared: Path, resources: Path = RESOURCES) -> Path:
    """Refit the line classifier on every labelled article (seed fixed) and write it with its model card."""
    folder = resources / "clean"
    rules = load_rules(folder / PATTERNS_FILE)
    label_sets = all_labelled(shared)
    articles = [article for articles in label_sets.values() for article in articles]
    rows, targets = training_rows(articles, rules)
    parameters = fit(rows, targets, CLASSIFIER_LANGUAGES)
    figures = report(label_sets, rules)
    path = folder / CLASSIFIER_FILE
    save(parameters, path, model_card(parameters, len(articles), len(rows), sum(targets), figures))
    load_classifier.cache_clear()
    return path
