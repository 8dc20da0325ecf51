"""Entity-role mentions as the SemEval-2025 Task 10 subtask-1 files give them.

The annotation offsets are inclusive and drift: in long documents the annotated start is often a few
characters (now and then twenty or more) past where the mention really is. ``locate_mention`` finds the
occurrence of the mention text that the annotator meant, so that training and prediction read the
context around the right words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import InputError, NarrascopeError
from narrascope.evaluate.semeval import LANGUAGES, read_training_data
from narrascope.settings import Settings, get_settings


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
        raise InputError(
            f"{source}:{line_number}", "expected article_id, mention, start, end separated by tabs"
        )
    try:
        start, end = int(parts[2]), int(parts[3])
    except ValueError:
        raise InputError(
            f"{source}:{line_number}", f"offsets are not integers: {parts[2]!r}, {parts[3]!r}"
        ) from None
    return parts[0], parts[1], start, end, [part for part in parts[4:] if part]


def read_mention_queries(
    path: Path,
    documents: Path,
    settings: Settings | None = None,
    on_error: Callable[[NarrascopeError], None] | None = None,
) -> Iterator[tuple[RoleMention, str]]:
    """Mentions to classify, as ``narrascope semeval roles`` gets them, each with its raw document text.

    Lines are ``article_id, mention, start, end`` (inclusive offsets); further columns are ignored. A
    document the readers refuse (binary, empty, undecodable, too large) is reported to ``on_error`` once,
    and its mentions are read with the mention's own words as their only context: the task wants a line
    per mention.
    """
    from narrascope.ingest import read_text_file

    settings = settings or get_settings()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the mentions file ({error})") from error
    texts: dict[str, str | None] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        article_id, mention, start, end, _ = parse_mention_line(line, str(path), number)
        if article_id not in texts:
            document = documents / article_id
            if not document.is_file():
                raise InputError(str(document), f"document of {path}:{number} not found")
            try:
                texts[article_id] = read_text_file(document, settings).raw_text
            except NarrascopeError as error:
                texts[article_id] = None
                if on_error is not None:
                    on_error(error)
        text = texts[article_id]
        if text is None:
            yield RoleMention(article_id, mention, 0, len(mention), start, end), mention
            continue
        located_start, located_end = locate_mention(text, mention, start, end)
        yield RoleMention(article_id, mention, located_start, located_end, start, end), text


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
