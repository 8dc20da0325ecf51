"""Which lines of a scraped article are boilerplate, and the clean text that remains.

Three passes, cheapest and surest first: the patterns of ``boilerplate.toml`` judge single lines; the
structure of the page (the headline, its repeats, section labels above it, teasers after a "Related"
marker, everything after a comment form) judges lines by their neighbours; the line classifier judges
what is left. Only whole lines are removed, except copyright notices glued after an article's last
sentence, which are cut at that sentence's end, so an article sentence is never cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from narrascope.clean.classifier import LineClassifier
from narrascope.clean.lines import (
    Line,
    line_features,
    looks_like_headline,
    looks_like_teaser,
    split_lines,
    title_overlap,
    tokens,
)
from narrascope.clean.rules import Rules, Structure
from narrascope.model import Segment, Span


@dataclass(slots=True)
class Findings:
    lines: list[Line]
    kinds: list[str | None]
    title_index: int | None = None
    dateline: str | None = None
    cuts: dict[int, int] = field(default_factory=dict)
    features: dict[int, list[float]] = field(default_factory=dict)

    def removed(self, index: int) -> bool:
        return self.kinds[index] is not None


def find_boilerplate(
    raw: str, rules: Rules, classifier: LineClassifier | None, known_title: str | None = None
) -> Findings:
    """Judge every non-blank line of ``raw``; ``kinds[i]`` names why line i goes, None when it stays."""
    lines = split_lines(raw)
    count = len(lines)
    kinds: list[str | None] = [None] * count
    markers: list[str | None] = [None] * count
    for index, line in enumerate(lines):
        kind = rules.kind_of(line.text, count - 1 - index)
        if kind is not None:
            kinds[index] = kind.name
            markers[index] = kind.marker
    findings = Findings(lines=lines, kinds=kinds)
    structure = rules.structure
    findings.title_index = _mark_title(lines, kinds, known_title, structure)
    _mark_repeats(findings, known_title, structure)
    _mark_title_variant(findings, structure)
    _mark_teasers(lines, kinds, markers, structure)
    _mark_after_end(lines, kinds, markers, structure)
    findings.dateline = next(
        (line.text for line, kind in zip(lines, kinds, strict=True) if kind == "dateline"), None
    )
    _judge_rest(findings, markers, classifier, structure)
    for index, line in enumerate(lines):
        if kinds[index] is None and _may_hold_copyright(line.text):
            cut = rules.tail_cut(line.text)
            if cut is not None:
                findings.cuts[index] = line.start + cut
    return findings


def _mark_title(
    lines: list[Line], kinds: list[str | None], known_title: str | None, structure: Structure
) -> int | None:
    known_key = Line(0, 0, 0, 0, known_title).key if known_title else None
    head = min(len(lines), structure.head_lines)
    for index in range(head):
        if kinds[index] is not None:
            continue
        line = lines[index]
        if known_key is not None:
            if line.key == known_key:
                return index
            continue
        if not looks_like_headline(line):
            return None
        if len(line.words) < 4 and any(
            kinds[later] is None and len(lines[later].words) >= 4 and looks_like_headline(lines[later])
            for later in range(index + 1, head)
        ):
            kinds[index] = "section_label"
            continue
        return index
    return None


def _mark_repeats(findings: Findings, known_title: str | None, structure: Structure) -> None:
    lines, kinds = findings.lines, findings.kinds
    title = known_title or (lines[findings.title_index].text if findings.title_index is not None else None)
    title_key = Line(0, 0, 0, 0, title).key if title else ""
    for index, line in enumerate(lines):
        if kinds[index] is not None or index == findings.title_index:
            continue
        key = line.key
        if title_key and _same_title(key, title_key, structure.title_similarity):
            kinds[index] = "repeated_title"
        elif index > 0 and key and key == lines[index - 1].key:
            kinds[index] = "duplicate"


def _mark_title_variant(findings: Findings, structure: Structure) -> None:
    """The line right under the headline when it is another headline for the same story, not a standfirst."""
    index = findings.title_index
    if index is None or index + 1 >= len(findings.lines) or findings.kinds[index + 1] is not None:
        return
    line = findings.lines[index + 1]
    if (
        looks_like_teaser(line)
        and title_overlap(line, tokens(findings.lines[index])) >= structure.title_variant_overlap
    ):
        findings.kinds[index + 1] = "title_variant"


def _same_title(key: str, title_key: str, similarity: float) -> bool:
    """The title again, perhaps re-cased, re-punctuated or with a date glued before or after it."""
    if not key:
        return False
    shorter, longer = sorted((key, title_key), key=len)
    if len(shorter) >= 0.7 * len(longer) and (longer.startswith(shorter) or longer.endswith(shorter)):
        return True
    if len(longer) - len(shorter) > 0.1 * len(longer):
        return False
    return fuzz.ratio(key, title_key) >= similarity


def _mark_teasers(
    lines: list[Line], kinds: list[str | None], markers: list[str | None], structure: Structure
) -> None:
    for index, marker in enumerate(markers):
        if marker != "related":
            continue
        for later in range(index + 1, min(len(lines), index + 1 + structure.max_teasers)):
            if kinds[later] is not None or not looks_like_teaser(lines[later]):
                break
            kinds[later] = "teaser"


def _mark_after_end(
    lines: list[Line], kinds: list[str | None], markers: list[str | None], structure: Structure
) -> None:
    count = len(lines)
    total = sum(len(line.text) for line in lines)
    for index, marker in enumerate(markers):
        if marker != "end":
            continue
        tail = sum(len(line.text) for line in lines[index + 1 :])
        if tail > structure.end_marker_max_share * total:
            continue
        for later in range(index + 1, count):
            if kinds[later] is None:
                kinds[later] = "after_end"
        return


def _judge_rest(
    findings: Findings, markers: list[str | None], classifier: LineClassifier | None, structure: Structure
) -> None:
    """Features for every undecided line (kept for training), and the classifier's verdict on it."""
    lines, kinds = findings.lines, findings.kinds
    removed = [kind is not None for kind in kinds]
    title_tokens = tokens(lines[findings.title_index]) if findings.title_index is not None else set()
    seen: set[str] = set()
    last_related = -10
    end_seen = False
    verdicts: list[int] = []
    for index, line in enumerate(lines):
        key = line.key
        if markers[index] == "related":
            last_related = index
        elif markers[index] == "end":
            end_seen = True
        if (
            not removed[index]
            and index != findings.title_index
            and len(line.text) <= structure.classified_max_chars
            and not structure.reported_speech.search(line.text)
        ):
            features = line_features(
                lines,
                index,
                title_overlap=title_overlap(line, title_tokens),
                repeats_earlier=key in seen,
                after_related=index - last_related <= 3,
                after_end_marker=end_seen,
                removed=removed,
            )
            findings.features[index] = features
            if classifier is not None and classifier.is_boilerplate(features):
                verdicts.append(index)
        seen.add(key)
    total = sum(len(line.text) for line in lines)
    if sum(len(lines[index].text) for index in verdicts) <= structure.classifier_max_share * total:
        for index in verdicts:
            kinds[index] = "classifier"


def _may_hold_copyright(text: str) -> bool:
    lowered = text[-200:].lower()
    return "©" in lowered or "copyright" in lowered or "reserved" in lowered


@dataclass(slots=True)
class Cleaned:
    text: str
    offset_map: list[Segment]
    removed: list[Span]


def assemble(raw: str, findings: Findings) -> Cleaned:
    """The kept lines copied verbatim from ``raw`` with the separators that followed them."""
    lines, kinds = findings.lines, findings.kinds
    kept = [index for index, kind in enumerate(kinds) if kind is None]
    pieces: list[str] = []
    segments: list[Segment] = []
    length = 0

    def copy(raw_start: int, raw_end: int) -> None:
        nonlocal length
        if raw_end <= raw_start:
            return
        last = segments[-1] if segments else None
        if last is not None and last.raw_start + last.length == raw_start:
            last.length += raw_end - raw_start
        else:
            segments.append(Segment(start=length, raw_start=raw_start, length=raw_end - raw_start))
        pieces.append(raw[raw_start:raw_end])
        length += raw_end - raw_start

    for order, index in enumerate(kept):
        line = lines[index]
        begin = line.start if order == 0 else line.line_start
        next_start = lines[index + 1].line_start if index + 1 < len(lines) else len(raw)
        is_last_kept = order == len(kept) - 1
        trailing_removed = is_last_kept and index != len(lines) - 1
        cut = findings.cuts.get(index)
        if cut is not None:
            copy(begin, cut)
            if not is_last_kept:
                newline = raw.find("\n", line.end)
                copy(newline if newline >= 0 else len(raw), next_start)
        else:
            copy(begin, line.end if trailing_removed else next_start)

    removed = [
        Span(start=line.start, end=line.end, text=line.text)
        for line, kind in zip(lines, kinds, strict=True)
        if kind is not None
    ]
    for index, cut in findings.cuts.items():
        line = lines[index]
        tail_start = cut + (len(raw[cut : line.end]) - len(raw[cut : line.end].lstrip()))
        removed.append(Span(start=tail_start, end=line.end, text=raw[tail_start : line.end]))
    removed.sort(key=lambda span: span.start)
    return Cleaned(text="".join(pieces), offset_map=segments, removed=removed)
