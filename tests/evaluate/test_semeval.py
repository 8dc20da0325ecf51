"""The shared SemEval loader on the real training release (read from ../shared, never copied)."""

from __future__ import annotations

import pytest

from narrascope.errors import InputError, UsageError
from narrascope.evaluate.semeval import (
    NARRATIVE_LABELS_FILE,
    SUBNARRATIVE_LABELS_FILE,
    read_label_list,
    read_language,
    read_narrative_annotations,
    read_training_data,
    write_narrative_predictions,
)

ARTICLES = {"EN": 399, "BG": 401, "HI": 366, "PT": 400, "RU": 133}


@pytest.fixture(scope="module")
def documents(semeval_dir):
    return read_training_data(semeval_dir)


def test_every_language_folder_is_read_with_its_annotations(documents):
    for language, count in ARTICLES.items():
        chosen = [d for d in documents if d.language == language]
        assert len(chosen) == count
        assert all(d.narratives and d.subnarratives for d in chosen), language
    assert any(d.roles for d in documents) and any(d.explanation for d in documents)


def test_labels_are_clean_and_known(documents, semeval_dir):
    coarse = set(read_label_list(semeval_dir / NARRATIVE_LABELS_FILE))
    fine = set(read_label_list(semeval_dir / SUBNARRATIVE_LABELS_FILE))
    assert len(coarse) == 22
    for document in documents:
        for label in document.narratives + document.subnarratives:
            assert "\r" not in label and label == label.strip()
        assert set(document.narratives) <= coarse, document.id
    # labels hold commas: splitting on ';' only keeps them whole
    assert any("URW: Discrediting the West, Diplomacy" in d.narratives for d in documents)
    unknown_fine = {label for d in documents for label in d.subnarratives} - fine
    assert unknown_fine == {"CC: Climate change is beneficial: Other"}  # absent from the label file


def test_role_offsets_point_into_the_raw_text(documents):
    hits = total = 0
    for document in documents:
        for role in document.roles:
            total += 1
            hits += document.text[role.start : role.end + 1] == role.entity_text
    assert (
        total > 5000 and hits / total > 0.99
    )  # inclusive offsets into the file as stored (CRs kept); a few are off by one


def test_annotation_rows_round_trip(tmp_path):
    rows = [("x.txt", ["Other"], ["Other"]), ("y.txt", ["A: b, c", "D: e"], ["A: b, c: Other", "D: e: f"])]
    path = tmp_path / "pred.tsv"
    write_narrative_predictions(rows, path)
    assert read_narrative_annotations(path) == {article_id: (c, f) for article_id, c, f in rows}


def test_bad_inputs_are_errors(tmp_path):
    with pytest.raises(UsageError):
        read_language(tmp_path)
    (tmp_path / "dup.tsv").write_text("a.txt\tOther\tOther\na.txt\tOther\tOther\n", encoding="utf-8")
    with pytest.raises(InputError, match="twice"):
        read_narrative_annotations(tmp_path / "dup.tsv")
    with pytest.raises(InputError):
        read_narrative_annotations(tmp_path / "missing.tsv")
