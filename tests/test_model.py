from datetime import date

from narrascope.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Evidence,
    Explanation,
    Mention,
    NarrativeLabel,
    Quantity,
    Quote,
    RoleLabel,
    Segment,
    Sentence,
    Span,
)

RAW = "Advertisement\nKyiv says 102 soldiers surrendered.\nShare this\n"
CLEAN = "Kyiv says 102 soldiers surrendered.\n"


def full_analysis() -> Analysis:
    article = Article(
        id="a1",
        source="a1.txt",
        url="https://example.org/a1",
        outlet="Example",
        title="Surrender",
        published=date(2024, 8, 15),
        language="en",
        raw_text=RAW,
        text=CLEAN,
        offset_map=[Segment(start=0, raw_start=14, length=len(CLEAN))],
        removed_lines=[Span(start=0, end=14, text="Advertisement\n")],
        metadata={"feed": "https://example.org/rss"},
    )
    analysis = Analysis(article=article, sentences=[Sentence(start=0, end=35)])
    kyiv = Entity(
        id="kyiv",
        name="Kyiv",
        type="GPE",
        aliases=["Kyiv"],
        mentions=[Mention(start=0, end=4, text="Kyiv", label="GPE", sentence=0)],
        in_gazetteer=True,
    )
    evidence = analysis.evidence(0, 35, 0.8)
    analysis.entities = [kyiv]
    analysis.roles = [
        RoleLabel(
            entity_id="kyiv", main_role="Protagonist", fine_roles=["Guardian"], score=0.7, evidence=[evidence]
        )
    ]
    analysis.narratives = [
        NarrativeLabel(
            domain="URW",
            narrative="URW: Discrediting Russia",
            subnarrative="URW: Discrediting Russia: Russian army is collapsing",
            score=0.9,
            evidence=[evidence],
        )
    ]
    analysis.explanation = Explanation(
        narrative="URW: Discrediting Russia", text="The text claims ...", evidence=[evidence]
    )
    analysis.quotes = [
        Quote(
            speaker=analysis.span(0, 4),
            cue=analysis.span(5, 9),
            content=analysis.span(10, 34),
            kind="indirect",
        )
    ]
    analysis.claims = [
        Claim(
            span=analysis.span(10, 22),
            quantity=Quantity(low=102, high=102),
            counted="soldiers",
            sentence=evidence,
            source=analysis.span(0, 4),
            source_entity_id="kyiv",
        )
    ]
    analysis.stages = {"clean": "1"}
    return analysis


def test_analysis_json_round_trip_is_lossless():
    analysis = full_analysis()
    restored = Analysis.model_validate_json(analysis.model_dump_json())
    assert restored == analysis
    assert restored.model_dump_json() == analysis.model_dump_json()


def test_evidence_text_is_the_article_slice():
    analysis = full_analysis()
    evidence = analysis.evidence(10, 22, 0.123456)
    assert evidence == Evidence(start=10, end=22, text="102 soldiers", score=0.1235)


def test_offset_map_translates_both_ways():
    article = full_analysis().article
    assert article.raw_text[article.to_raw(10) :].startswith("102 soldiers")
    assert article.to_clean(article.raw_text.index("102")) == 10
    assert article.to_clean(3) is None  # inside the removed "Advertisement" line


def test_sentence_index_finds_the_enclosing_sentence():
    analysis = Analysis(
        article=Article(id="x", raw_text="One. Two. Three.", text="One. Two. Three."),
        sentences=[Sentence(start=0, end=4), Sentence(start=5, end=9), Sentence(start=10, end=16)],
    )
    assert [analysis.sentence_index(offset) for offset in (0, 3, 5, 12, 15)] == [0, 0, 1, 2, 2]


def test_the_parsed_doc_is_never_serialised():
    analysis = full_analysis()
    analysis.attach_doc(object())
    assert "_doc" not in analysis.model_dump_json()
