"""Entity-role mentions as the SemEval-2025 Task 10 subtask-1 files give them.

The annotation offsets are inclusive and drift: in long documents the annotated start is often a few
characters (now and then twenty or more) past where the mention really is. ``locate_mention`` finds the
occurrence of the mention text that the annotator meant, so that training and prediction read the
context around the right words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import InputError

LANGUAGES = ("EN", "BG", "HI", "PT", "RU")


@dataclass(frozen=True)
class RoleMention:
    """One mention to classify: offsets are half-open into the raw document, already located."""

    article_id: str
    mention: str
    start: int
    end: int
    annotated_start: int
    annotated_end: int
    language: str = ""
    main_role: str | None = None
    fine_roles: tuple[str, ...] = field(default_factory=tuple)

    @property
    def key(self) -> tuple[str, str, int, int]:
        """The line's identity as the SemEval files write it (inclusive end)."""
        return (self.article_id, self.mention, self.annotated_start, self.annotated_end)


def locate_mention(text: str, mention: str, start: int, end_inclusive: int) -> tuple[int, int]:
    """Half-open span of the occurrence of ``mention`` in ``text`` meant by the annotated offsets.

    Exact offsets win; otherwise the nearest occurrence, where occurrences after the annotated start
    count three times their distance (the drift almost always puts the annotation late). When the text
    does not contain the mention at all, the annotated offsets are used as they are, clipped.
    """
    if text[start : end_inclusive + 1] == mention:
        return start, end_inclusive + 1
    occurrences = [match.start() for match in re.finditer(re.escape(mention), text)] if mention else []
    if not occurrences:
        begin = min(max(start, 0), len(text))
        return begin, min(max(end_inclusive + 1, begin), len(text))
    best = min(occurrences, key=lambda offset: start - offset if offset <= start else 3 * (offset - start))
    return best, best + len(mention)


def parse_mention_line(line: str, source: str, line_number: int) -> tuple[str, str, int, int, list[str]]:
    """``article_id, mention, start, end_inclusive, rest`` of one tab-separated line."""
    parts = line.replace("\r", "").rstrip("\n").split("\t")
    if len(parts) < 4:
        raise InputError(f"{source}:{line_number}", "expected article_id, mention, start, end separated by tabs")
    try:
        start, end = int(parts[2]), int(parts[3])
    except ValueError:
        raise InputError(f"{source}:{line_number}", f"offsets are not integers: {parts[2]!r}, {parts[3]!r}") from None
    return parts[0], parts[1], start, end, [part for part in parts[4:] if part]


def read_mentions(path: Path, documents: Path, language: str = "") -> Iterator[tuple[RoleMention, str]]:
    """Mentions of a subtask-1 style file (labelled or not), each with its raw document text."""
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            article_id, mention, start, end, rest = parse_mention_line(line, str(path), number)
            if article_id not in texts:
                document = documents / article_id
                if not document.is_file():
                    raise InputError(str(document), f"document of {path}:{number} not found")
                texts[article_id] = document.read_text(encoding="utf-8")
            text = texts[article_id]
            located_start, located_end = locate_mention(text, mention, start, end)
            yield (
                RoleMention(
                    article_id=article_id,
                    mention=mention,
                    start=located_start,
                    end=located_end,
                    annotated_start=start,
                    annotated_end=end,
                    language=language,
                    main_role=rest[0] if rest else None,
                    fine_roles=tuple(rest[1:]),
                ),
                text,
            )


def read_training_mentions(data_dir: Path, languages: tuple[str, ...] = LANGUAGES) -> list[tuple[RoleMention, str]]:
    """All labelled subtask-1 mentions under ``data_dir/train/<LANG>/`` with their documents."""
    found: list[tuple[RoleMention, str]] = []
    for language in languages:
        folder = data_dir / "train" / language
        annotations = folder / "subtask-1-annotations.txt"
        if not annotations.is_file():
            raise InputError(str(annotations), "subtask-1 annotations not found")
        found.extend(read_mentions(annotations, folder / "raw-documents", language))
    return found
