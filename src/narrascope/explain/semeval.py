"""SemEval-2025 Task 10 subtask 3: explain given dominant narratives of documents in a folder.

Input lines are ``article_id<TAB>dominant_narrative<TAB>dominant_subnarrative`` (the sub-narrative may
be ``none``); output lines are ``article_id<TAB>explanation``, one per input line, in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import InputError, NarrascopeError, UsageError
from narrascope.settings import Settings

NO_SUBNARRATIVE = frozenset({"", "none", "None"})
# Stages the explanation needs: text, parse and entities; the narrative labels come from the input.
PREREQUISITES = ("clean", "parse", "entities", "quotes")


@dataclass(frozen=True)
class DominantLabel:
    article_id: str
    narrative: str
    subnarrative: str | None


def read_dominant(path: Path) -> list[DominantLabel]:
    """The lines of a DOMINANT.tsv file; a malformed line raises InputError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the dominant-narrative file ({error})") from error
    labels = []
    for number, line in enumerate(text.replace("\r", "").split("\n"), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        where = f"{path}:{number}"
        if len(fields) != 3:
            raise InputError(
                where,
                "expected 3 tab-separated fields (article_id, dominant_narrative, dominant_subnarrative), "
                f"found {len(fields)}",
            )
        article_id, narrative, subnarrative = (field.strip() for field in fields)
        if not article_id or "/" in article_id or article_id in {".", ".."}:
            raise InputError(where, f"bad article id {article_id!r}")
        if not narrative:
            raise InputError(where, "the dominant narrative is empty")
        labels.append(
            DominantLabel(article_id, narrative, None if subnarrative in NO_SUBNARRATIVE else subnarrative)
        )
    return labels


def read_or_refusal(path: Path, settings: Settings):
    """The document as an article, or the error that refuses it, so that the others are still explained."""
    from narrascope.ingest import read_text_file

    try:
        return read_text_file(path, settings)
    except NarrascopeError as error:
        return error


def explain_documents(
    documents: Path,
    dominant: Path,
    settings: Settings,
    on_error: Callable[[NarrascopeError], None] | None = None,
) -> Iterator[tuple[str, str]]:
    """``(article_id, explanation)`` for every line of ``dominant``, in order; "" when there is none (Other)
    or when the document is refused (binary, empty, too large), which ``on_error`` hears."""
    from narrascope.explain import Explainer
    from narrascope.pipeline import Pipeline

    if not documents.is_dir():
        raise UsageError(str(documents), "no such documents folder")
    labels = read_dominant(dominant)
    for label in labels:
        if not (documents / label.article_id).is_file():
            raise InputError(
                str(documents / label.article_id),
                "the document named in the dominant-narrative file is missing",
            )
    pipeline = Pipeline([name for name in settings.pipeline if name in PREREQUISITES], settings)
    explainer = Explainer(settings)
    articles = (read_or_refusal(documents / label.article_id, settings) for label in labels)
    for label, result in zip(labels, pipeline.pipe(articles), strict=True):
        if isinstance(result, NarrascopeError):
            if on_error is not None:
                on_error(result)
            yield label.article_id, ""
            continue
        explanation = explainer.explain(result, label.narrative, label.subnarrative)
        yield label.article_id, one_line(explanation.text) if explanation else ""


def one_line(text: str) -> str:
    return " ".join(text.split())


def write_explanations(rows: list[tuple[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for article_id, explanation in rows:
            out.write(f"{article_id}\t{explanation}\n")
