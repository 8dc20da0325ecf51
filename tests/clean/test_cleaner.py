"""The clean stage on real scraped articles: what goes, what stays, and the offset map back to raw text."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from narrascope.clean import Cleaner
from narrascope.clean.boilerplate import find_boilerplate
from narrascope.errors import InputError
from narrascope.model import Analysis, Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(Settings())


def clean(cleaner: Cleaner, raw: str, **fields) -> Article:
    return cleaner(Analysis(article=Article(id=fields.pop("id", "test"), raw_text=raw, **fields))).article


def example(shared_examples: list[Path], prefix: str) -> str:
    return next(path for path in shared_examples if path.name.startswith(prefix)).read_text(encoding="utf-8")


def assert_offset_map_exact(article: Article) -> None:
    covered = 0
    for segment in article.offset_map:
        assert segment.start == covered, "segments must tile the clean text in order"
        clean_part = article.text[segment.start : segment.start + segment.length]
        raw_part = article.raw_text[segment.raw_start : segment.raw_start + segment.length]
        assert clean_part == raw_part
        covered += segment.length
    assert covered == len(article.text)
    for span in article.removed_lines:
        assert article.raw_text[span.start : span.end] == span.text
        assert article.to_clean(span.start) is None


def test_example_002_loses_page_furniture_and_keeps_sentences(cleaner, shared_examples):
    raw = example(shared_examples, "002_")
    article = clean(cleaner, raw)
    removed = {span.text for span in article.removed_lines}
    for line in (
        "Check Also",
        "Leave a Reply",
        "About muhammadahmad",
        "PAC is Seeking Assets From SC’s Justice Mazahar Naqvi",
    ):
        assert line in removed
        assert line not in article.text
    assert "Your email address will not be published" not in article.text
    assert "Wednesday , March 20 2024" not in article.text
    assert article.text.count("Russia-Ukraine war\n") == 0
    assert article.text.startswith("What Do Russia’s Losses in Ukraine Mean for Putin?")
    assert "However, the show on Sunday opened with an odd confession." in article.text
    assert article.text.rstrip().endswith("like Moscow’s new Big Wheel, would benefit him.")
    assert article.title == "What Do Russia’s Losses in Ukraine Mean for Putin?"
    assert article.published == date(2024, 3, 20)
    assert article.language == "en"
    assert_offset_map_exact(article)


def test_example_004_loses_related_repeat_caption_and_copyright(cleaner, shared_examples):
    raw = example(shared_examples, "004_")
    title = "Kremlin seeks to exonerate Putin following Russian retreats"
    article = clean(cleaner, raw)
    assert article.title == title
    assert article.text.count(title) == 1 and article.text.startswith(title)
    for gone in ("Related News", "Vladimir Putin. Credit: Belga", "Copyright ©", "All Rights Reserved"):
        assert gone not in article.text
    assert "Russians fleeing in 'apparent panic'" in article.text
    assert "according to the Kyiv Independent." in article.text
    assert_offset_map_exact(article)


def test_copyright_glued_to_the_last_sentence_is_cut_after_it(cleaner, shared_examples):
    raw = example(shared_examples, "004_").replace("Independent.\n\n\nCopyright", "Independent.Copyright")
    article = clean(cleaner, raw)
    assert article.text.rstrip().endswith("according to the Kyiv Independent.")
    assert any(
        span.text == "Copyright © 2024 The Brussels Times. All Rights Reserved."
        for span in article.removed_lines
    )
    assert_offset_map_exact(article)


def test_every_shared_example_maps_back_exactly(cleaner, shared_examples):
    for path in shared_examples:
        article = clean(cleaner, path.read_text(encoding="utf-8"), id=path.name)
        assert article.text.strip()
        assert_offset_map_exact(article)
        raw_offset = article.to_raw(len(article.text) // 2)
        assert article.to_clean(raw_offset) == len(article.text) // 2


def test_advertisement_lines_go_and_credit_line_goes(cleaner, shared_examples):
    article = clean(cleaner, example(shared_examples, "003_"))
    assert "Advertisement" not in article.text
    assert "via AP" not in article.text
    assert "Trending on RedState" not in article.text
    assert "He then addressed Ukrainians" in article.text


def test_plain_text_without_boilerplate_passes_through_unchanged(cleaner):
    raw = (
        "Farmers in the delta count the cost of a third dry summer\n\n"
        "Water levels in the main canal fell by a metre in July, officials said on Monday.\n\n"
        "The regional council has asked for emergency funds to deepen the intake channels.\n"
    )
    article = clean(cleaner, raw)
    assert article.text == raw
    assert article.removed_lines == []
    assert article.offset_map[0].length == len(raw)
    assert article.title == "Farmers in the delta count the cost of a third dry summer"


def test_known_metadata_is_kept(cleaner, shared_examples):
    article = clean(
        cleaner,
        example(shared_examples, "002_"),
        title="A title from the feed",
        published=date(2022, 9, 14),
        language="en",
    )
    assert article.title == "A title from the feed"
    assert article.published == date(2022, 9, 14)


def test_empty_after_cleaning_raises_input_error_naming_the_article(cleaner):
    with pytest.raises(InputError) as raised:
        clean(cleaner, "Advertisement\n\nShare this\n\nLeave a Reply\n", id="only-furniture")
    assert raised.value.item == "only-furniture"


def test_pipeline_records_the_error_and_goes_on():
    pipeline = Pipeline(["clean"], Settings())
    results = list(
        pipeline.pipe(
            [Article(id="furniture", raw_text="Advertisement\nShare this\n"), "Rain fell in Lisbon today."]
        )
    )
    assert isinstance(results[0], InputError)
    assert results[1].article.text == "Rain fell in Lisbon today."


def test_language_of_non_english_articles(cleaner, semeval_dir):
    for language in ("BG", "PT", "RU", "HI"):
        path = min((semeval_dir / "train" / language / "raw-documents").iterdir())
        article = clean(cleaner, path.read_text(encoding="utf-8"), id=path.name)
        assert article.language == language.lower()
        assert_offset_map_exact(article)


def test_the_bundled_demo_articles_lose_their_furniture(cleaner):
    folder = Path(__file__).resolve().parents[2] / "examples"
    paths = sorted(folder.glob("*.txt"))
    assert len(paths) >= 2
    for path in paths:
        article = clean(cleaner, path.read_text(encoding="utf-8"), id=path.name)
        assert article.removed_lines, path.name
        assert article.title and article.text.startswith(article.title)
        for furniture in (
            "Advertisement",
            "Leave a Reply",
            "Join the conversation",
            "Share this",
            "Copyright ©",
        ):
            assert furniture not in article.text
        assert_offset_map_exact(article)


def test_text_extracted_from_html_with_a_known_title(cleaner):
    from narrascope.ingest.html import article_from_html

    title = "Flood barriers hold as river peaks in the old town"
    sentences = [
        (
            "The river rose to its highest level in forty years on Sunday, but the new barriers held, "
            "the mayor said."
        ),
        "About two hundred residents spent the night in a school gym before returning home in the morning.",
        "Engineers will inspect the barriers this week and publish their findings by the end of the month.",
    ]
    paragraphs = [title, sentences[0], "Advertisement", sentences[1], "Share this", sentences[2]]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    html = (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )
    extracted = article_from_html(html, source="page.html")
    article = cleaner(Analysis(article=extracted)).article
    assert article.title == title
    assert article.text.count(title) <= 1
    for sentence in sentences:
        assert sentence in article.text
    assert "Advertisement" not in article.text and "Share this" not in article.text
    assert_offset_map_exact(article)


def test_a_short_line_reporting_speech_is_never_judged_by_the_line_classifier(cleaner, semeval_dir):
    """In this training article the classifier, left alone, takes a two-sentence quote line (speech verb,
    colon, opening mark) just after a "most read" box for page furniture."""
    raw = (semeval_dir / "train" / "EN" / "raw-documents" / "EN_UA_103445.txt").read_text(encoding="utf-8")
    rules = copy.copy(cleaner.rules)

    def removed_speech(structure) -> list[str]:
        rules.structure = structure
        findings = find_boilerplate(raw, rules, cleaner.classifier)
        return [
            line.text
            for line, kind in zip(findings.lines, findings.kinds, strict=True)
            if kind and cleaner.rules.structure.reported_speech.search(line.text)
        ]

    assert removed_speech(replace(cleaner.rules.structure, reported_speech=re.compile(r"(?!)")))
    assert removed_speech(cleaner.rules.structure) == []
