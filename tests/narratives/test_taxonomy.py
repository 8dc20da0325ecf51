"""The taxonomy data file: label names as the task spells them, own descriptions, hierarchy rules."""

from __future__ import annotations

import csv
import re

import pytest

from narrascope.errors import ModelError
from narrascope.evaluate.semeval import (
    NARRATIVE_LABELS_FILE,
    SUBNARRATIVE_LABELS_FILE,
    read_label_list,
    read_training_data,
)
from narrascope.narratives.taxonomy import OTHER, load_taxonomy, parse_taxonomy

WAR = "URW: Speculating war outcomes"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_label_names_match_the_task_files(taxonomy, semeval_dir):
    assert taxonomy.narrative_labels == read_label_list(semeval_dir / NARRATIVE_LABELS_FILE)
    label_file = set(read_label_list(semeval_dir / SUBNARRATIVE_LABELS_FILE))
    used = {label for d in read_training_data(semeval_dir) for label in d.subnarratives}
    ours = set(taxonomy.subnarrative_labels)
    assert label_file <= ours
    # beyond the label file, only what the annotations themselves use ("<narrative>: Other" for every
    # narrative)
    assert ours - label_file <= used


def test_every_gold_annotation_obeys_the_hierarchy(taxonomy, semeval_dir):
    for document in read_training_data(semeval_dir):
        coarse, fine = taxonomy.consistent(document.narratives, document.subnarratives)
        assert (set(coarse), set(fine)) == (set(document.narratives), set(document.subnarratives)), (
            document.id
        )


def shingles(text: str, size: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_descriptions_are_our_own_words(taxonomy, semeval_dir):
    theirs: set[tuple[str, ...]] = set()
    for name in ("narrative_definitions.csv", "subnarrative_definitions.csv"):
        with (semeval_dir / "definitions" / name).open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                theirs |= shingles(" ".join(row[1:]))
    labels = taxonomy.narrative_labels + taxonomy.subnarrative_labels
    for label in labels:
        description = taxonomy.description(label)
        assert description, label
        assert not shingles(description) & theirs, label


def test_consistent_fills_the_hierarchy(taxonomy):
    collapse = f"{WAR}: Russian army is collapsing"
    assert taxonomy.consistent([], [collapse]) == ([WAR], [collapse])
    assert taxonomy.consistent([WAR], []) == ([WAR], [f"{WAR}: Other"])
    assert taxonomy.consistent([OTHER, WAR], [OTHER]) == ([WAR], [f"{WAR}: Other"])
    assert taxonomy.consistent([], []) == ([OTHER], [OTHER])
    assert taxonomy.domain_of(collapse) == "URW" and taxonomy.domain_of(OTHER) is None
    with pytest.raises(ModelError):
        taxonomy.narrative_of("URW: Nothing like this")


def test_invalid_taxonomies_are_refused():
    domains = {"URW": {"name": "war", "description": "d"}}
    narrative = {"label": "URW: A", "description": "d", "subnarratives": []}
    assert (
        parse_taxonomy({"domains": domains, "narratives": [narrative]}, "t").narratives[0].label == "URW: A"
    )
    with pytest.raises(ModelError, match="domain"):
        parse_taxonomy({"domains": domains, "narratives": [{**narrative, "label": "XX: A"}]}, "t")
    with pytest.raises(ModelError, match="twice"):
        parse_taxonomy({"domains": domains, "narratives": [narrative, narrative]}, "t")
    with pytest.raises(ModelError, match="reserved"):
        sub = {"name": OTHER, "description": "d"}
        parse_taxonomy({"domains": domains, "narratives": [{**narrative, "subnarratives": [sub]}]}, "t")
    with pytest.raises(ModelError, match="no narratives"):
        parse_taxonomy({"domains": domains}, "t")
