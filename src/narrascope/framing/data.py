"""Entity-role mentions as the SemEval-2025 Task 10 subtask-1 files give them.

The annotation offsets are inclusive and drift: in long documents the annotated start is often a few
characters (now and then twenty or more) past where the mention really is. ``locate_mention`` finds the
occurrence of the mention text that the annotator meant, so that training and prediction read the
context around the right words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import InputError
from narrascope.evaluate.semeval import LANGUAGES, read_training_data


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


def read_mention_queries(path: Path, documents: Path) -> Iterator[tuple[RoleMention, str]]:
    """Mentions to classify, as ``narrascope semeval roles`` gets them, each with its raw document text.

    Lines are ``article_id, mention, start, end`` (inclusive offsets); further columns are ignored.
    """
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            article_id, mention, start, end, _ = parse_mention_line(line, str(path), number)
            if article_id not in texts:
                document = documents / article_id
                if not document.is_file():
                    raise InputError(str(document), f"document of {path}:{number} not found")
                texts[article_id] = document.read_bytes().decode("utf-8")
            located_start, located_end = locate_mention(texts[article_id], mention, start, end)
            yield RoleMention(article_id, mention, located_start, located_end, start, end), texts[article_id]


def training_mentions(data_dir: Path, languages: Iterable[str] = LANGUAGES) -> list[tuple[RoleMention, str]]:
    """All labelled subtask-1 mentions of the release in ``data_dir``, located, with their documents."""
    found: list[tuple[RoleMention, str]] = []
    for document in read_training_data(data_dir, languages):
        for role in document.roles:
            start, end = locate_mention(document.text, role.entity_text, role.start, role.end)
            mention = RoleMention(
                article_id=document.id,
                mention=role.entity_text,
                start=start,
                end=end,
                annotated_start=role.start,
                annotated_end=role.end,
                language=document.language,
                main_role=role.main_role,
                fine_roles=role.fine_roles,
            )
            found.append((mention, document.text))
    return found
