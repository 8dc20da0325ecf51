"""Readers and writers for the SemEval-2025 Task 10 formats.

The training release keeps one folder per language (``train/EN`` ...) with ``raw-documents/`` and three
tab-separated annotation files. The annotation files use CRLF line endings with a few stray CRs, so
every line is stripped of ``\\r``; label lists are split on ``;`` only, because labels hold commas and
colons. This module is the one loader of that data: the narrative, framing and explanation helpers
all read through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import InputError, UsageError

LANGUAGES = ("EN", "BG", "HI", "PT", "RU")
NARRATIVE_LABELS_FILE = "subtask2_narratives.txt"
SUBNARRATIVE_LABELS_FILE = "subtask2_subnarratives.txt"


@dataclass(frozen=True)
class RoleAnnotation:
    """One subtask-1 line: an entity mention (inclusive offsets into the raw document) and its roles."""

    entity_text: str
    start: int
    end: int
    main_role: str
    fine_roles: tuple[str, ...]


@dataclass(frozen=True)
class ExplanationAnnotation:
    """One subtask-3 line."""

    dominant_narrative: str
    dominant_subnarrative: str
    explanation: str


@dataclass
class Document:
    """One training article with whatever annotations the three files hold for it."""

    id: str
    language: str
    text: str
    narratives: list[str] = field(default_factory=list)
    subnarratives: list[str] = field(default_factory=list)
    roles: list[RoleAnnotation] = field(default_factory=list)
    explanation: ExplanationAnnotation | None = None


def split_labels(field_text: str) -> list[str]:
    return [label.strip() for label in field_text.split(";") if label.strip()]


def read_lines(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows of an annotation file, with every ``\\r`` removed and blank lines skipped."""
    try:
        text = path.read_text(encoding="utf-8").replace("\r", "")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the annotation file: {error}") from error
    for line in text.split("\n"):
        if line.strip():
            yield line.split("\t")


def read_label_list(path: Path) -> list[str]:
    """A label file (one label a line), in file order."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").replace("\r", "").split("\n")
        if line.strip()
    ]


def read_narrative_annotations(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """``article_id -> (narratives, subnarratives)`` from a subtask-2 file (gold or predictions), in file
    order."""
    rows: dict[str, tuple[list[str], list[str]]] = {}
    for number, row in enumerate(read_lines(path), start=1):
        if len(row) < 2:
            raise InputError(f"{path}:{number}", "expected article_id<TAB>narratives<TAB>subnarratives")
        article_id = row[0].strip()
        if article_id in rows:
            raise InputError(f"{path}:{number}", f"article id {article_id!r} appears twice")
        rows[article_id] = (split_labels(row[1]), split_labels(row[2]) if len(row) > 2 else [])
    return rows


def read_role_annotations(path: Path) -> dict[str, list[RoleAnnotation]]:
    roles: dict[str, list[RoleAnnotation]] = {}
    for number, row in enumerate(read_lines(path), start=1):
        if len(row) < 6:
            raise InputError(f"{path}:{number}", "expected id, entity, start, end, main role and fine roles")
        article_id, entity_text, start, end, main_role, *fine = row
        roles.setdefault(article_id, []).append(
            RoleAnnotation(
                entity_text,
                int(start),
                int(end),
                main_role.strip(),
                tuple(r.strip() for r in fine if r.strip()),
            )
        )
    return roles


def read_explanation_annotations(path: Path) -> dict[str, ExplanationAnnotation]:
    explanations: dict[str, ExplanationAnnotation] = {}
    for number, row in enumerate(read_lines(path), start=1):
        if len(row) < 4:
            raise InputError(
                f"{path}:{number}", "expected id, dominant narrative, sub-narrative and explanation"
            )
        explanations[row[0]] = ExplanationAnnotation(
            row[1].strip(), row[2].strip(), "\t".join(row[3:]).strip()
        )
    return explanations


def read_language(folder: Path, language: str | None = None) -> list[Document]:
    """All documents of one language folder (``train/EN``), sorted by id, with their annotations."""
    documents_dir = folder / "raw-documents"
    if not documents_dir.is_dir():
        raise UsageError(str(folder), "not a SemEval language folder: it has no raw-documents/")
    language = language or folder.name
    narratives = _optional(folder / "subtask-2-annotations.txt", read_narrative_annotations)
    roles = _optional(folder / "subtask-1-annotations.txt", read_role_annotations)
    explanations = _optional(folder / "subtask-3-annotations.txt", read_explanation_annotations)
    documents = []
    for path in sorted(documents_dir.glob("*.txt")):
        coarse, fine = narratives.get(path.name, ([], []))
        documents.append(
            Document(
                id=path.name,
                language=language,
                text=path.read_bytes().decode("utf-8"),
                narratives=coarse,
                subnarratives=fine,
                roles=roles.get(path.name, []),
                explanation=explanations.get(path.name),
            )
        )
    return documents


def read_training_data(data_dir: Path, languages: Iterable[str] = LANGUAGES) -> list[Document]:
    """Documents of the given languages from a release folder (the one holding ``train/``)."""
    train = data_dir / "train" if (data_dir / "train").is_dir() else data_dir
    if not train.is_dir():
        raise UsageError(str(data_dir), "no such SemEval data folder")
    documents: list[Document] = []
    for language in languages:
        folder = train / language
        if not folder.is_dir():
            raise UsageError(str(folder), f"no training data for language {language}")
        documents.extend(read_language(folder, language))
    return documents


def write_narrative_predictions(rows: Iterable[tuple[str, list[str], list[str]]], path: Path) -> None:
    """Write ``article_id<TAB>narratives<TAB>subnarratives`` lines, lists joined with ``;``."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for article_id, narratives, subnarratives in rows:
            out.write(f"{article_id}\t{';'.join(narratives)}\t{';'.join(subnarratives)}\n")


def _optional(path: Path, reader):
    return reader(path) if path.is_file() else {}
