"""Locating the SemEval mentions despite their drifting offsets."""

from __future__ import annotations

from pathlib import Path

from narrascope.framing.data import locate_mention, read_mention_queries, training_mentions

TEXT = "Kyiv said on Monday that Moscow lied. Moscow denied it.\nKyiv again."


def test_exact_inclusive_offsets_are_kept() -> None:
    start = TEXT.index("Moscow")
    assert locate_mention(TEXT, "Moscow", start, start + 5) == (start, start + 6)


def test_late_offsets_find_the_occurrence_just_before() -> None:
    second = TEXT.index("Moscow", TEXT.index("Moscow") + 1)
    assert locate_mention(TEXT, "Moscow", second + 3, second + 8) == (second, second + 6)


def test_absent_mention_keeps_clipped_offsets() -> None:
    assert locate_mention(TEXT, "Washington", 60, 200) == (60, len(TEXT))


def test_training_mentions_are_found_in_their_documents(semeval_dir: Path) -> None:
    items = training_mentions(semeval_dir, ["EN", "RU"])
    assert len(items) > 1000
    found = sum(text[m.start : m.end] == m.mention for m, text in items)
    assert found / len(items) > 0.99
    assert all(m.main_role in ("Protagonist", "Antagonist", "Innocent") and m.fine_roles for m, _ in items)


def test_queries_keep_order_and_given_offsets(semeval_dir: Path, tmp_path: Path) -> None:
    gold = (
        (semeval_dir / "train" / "EN" / "subtask-1-annotations.txt")
        .read_text(encoding="utf-8")
        .splitlines()[:5]
    )
    queries = tmp_path / "mentions.tsv"
    queries.write_text("".join("\t".join(line.split("\t")[:4]) + "\n" for line in gold), encoding="utf-8")
    items = list(read_mention_queries(queries, semeval_dir / "train" / "EN" / "raw-documents"))
    assert [(m.article_id, m.mention, m.annotated_start, m.annotated_end) for m, _ in items] == [
        (p[0], p[1], int(p[2]), int(p[3])) for p in (line.split("\t") for line in gold)
    ]
    assert all(text[m.start : m.end] == m.mention for m, text in items)
