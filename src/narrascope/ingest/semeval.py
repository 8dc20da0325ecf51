"""SemEval-2025 Task 10 folders: article id = file name exactly (as the annotation files have it), language
from the name too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from narrascope.errors import NarrascopeError
from narrascope.ingest.article import attempt, reader_data
from narrascope.model import Article
from narrascope.settings import Settings

NAME_PARTS = re.compile(r"[_-]")


def language_of(file_name: str) -> str | None:
    """The language in a SemEval file name: ``EN_UA_123.txt`` is English, ``A6_CC_BG_10015.txt`` Bulgarian."""
    languages = reader_data()["semeval"]["languages"]
    return next(
        (languages[part] for part in NAME_PARTS.split(file_name.split(".")[0]) if part in languages), None
    )


def looks_like_semeval_name(file_name: str) -> bool:
    stem, dot, extension = file_name.partition(".")
    parts = NAME_PARTS.split(stem)
    return (
        bool(dot)
        and extension.strip(".") == "txt"
        and len(parts) >= 2
        and parts[-1].isdigit()
        and all(part.isalnum() and part == part.upper() for part in parts)
        and language_of(file_name) is not None
    )


def is_semeval_folder(folder: Path) -> bool:
    """A folder holding ``raw-documents/``, or one whose visible entries are all SemEval-named text files."""
    if (folder / "raw-documents").is_dir():
        return True
    names = [child.name for child in folder.iterdir() if not child.name.startswith(".")]
    return bool(names) and all(looks_like_semeval_name(name) and (folder / name).is_file() for name in names)


def read_semeval_folder(folder: Path, settings: Settings) -> Iterator[Article | NarrascopeError]:
    from narrascope.ingest.files import read_text_file

    documents = folder / "raw-documents" if (folder / "raw-documents").is_dir() else folder
    for path in sorted(documents.glob("*.txt"), key=lambda path: path.name):
        if path.name.startswith("."):
            continue
        fields = {
            "article_id": path.name,
            "language": language_of(path.name),
            "metadata": {"format": "semeval"},
        }
        yield from attempt(str(path), read_text_file, path, settings, **fields)
