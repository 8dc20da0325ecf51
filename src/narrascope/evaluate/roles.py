"""Scoring of entity-role predictions (SemEval-2025 Task 10, subtask 1), as the official scorer does it.

Both files have lines ``article_id, mention, start, end, main_role, fine_role [fine_role...]``,
tab-separated. A line is identified by its first four columns (double quotes in the mention are
ignored, as the official scorer ignores them). As in the official scorer, the prediction file must
cover exactly the gold mentions: a prediction for a mention that is not in the gold file, or a gold
mention without a prediction, is an error (``InputError``), not a zero. Unlike the official script,
which pairs the two files line by line, predictions are paired with gold lines by their identity, so
the order of the lines does not matter.

Metrics: exact-match ratio of the fine-role sets (the official ranking metric), micro precision, recall
and F1 over fine roles (an empty denominator counts as 1, like the official scorer's
``zero_division=1``), and main-role accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import InputError
from narrascope.framing.roles import MAIN_ROLES

FINE_ROLES = (
    "Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous",
    "Instigator", "Conspirator", "Tyrant", "Foreign Adversary", "Traitor", "Spy", "Saboteur", "Corrupt",
    "Incompetent", "Terrorist", "Deceiver", "Bigot",
    "Forgotten", "Exploited", "Victim", "Scapegoat",
)  # fmt: skip
HEADER = ["article_id", "entity_mention", "start_offset", "end_offset", "main_role", "fine_grained_roles"]

MentionKey = tuple[str, str, str, str]


@dataclass(frozen=True)
class RoleScores:
    mentions: int
    exact_match_ratio: float
    micro_precision: float
    micro_recall: float
    micro_f1: float
    main_role_accuracy: float

    def table(self) -> str:
        return (
            f"mentions            {self.mentions}\n"
            f"exact match ratio   {self.exact_match_ratio:.4f}\n"
            f"micro precision     {self.micro_precision:.4f}\n"
            f"micro recall        {self.micro_recall:.4f}\n"
            f"micro F1            {self.micro_f1:.4f}\n"
            f"main-role accuracy  {self.main_role_accuracy:.4f}"
        )


def read_role_file(path: Path) -> dict[MentionKey, tuple[str, tuple[str, ...]]]:
    """Labelled mentions of a subtask-1 file, in file order."""
    labels: dict[MentionKey, tuple[str, tuple[str, ...]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").replace("\r", "").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.strip().split("\t")
        if number == 1 and parts == HEADER:
            continue
        if len(parts) < 5:
            raise InputError(f"{path}:{number}", "expected at least 5 tab-separated columns")
        key = (parts[0], parts[1].replace('"', ""), parts[2], parts[3])
        if key in labels:
            raise InputError(f"{path}:{number}", f"duplicate mention {key}")
        labels[key] = (parts[4], tuple(parts[5:]))
    return labels


def check_prediction(gold: dict, predicted: dict, source: str) -> None:
    missing = [key for key in gold if key not in predicted]
    extra = [key for key in predicted if key not in gold]
    problems = []
    if missing:
        problems.append(f"{len(missing)} gold mentions without a prediction (first: {missing[0]})")
    if extra:
        problems.append(f"{len(extra)} predictions for mentions not in the gold file (first: {extra[0]})")
    for key, (main_role, fine_roles) in predicted.items():
        if main_role not in MAIN_ROLES:
            problems.append(f"invalid main role {main_role!r} for {key}")
        problems.extend(
            f"invalid fine role {role!r} for {key}" for role in fine_roles if role not in FINE_ROLES
        )
    if problems:
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise InputError(source, "; ".join(problems[:5]) + more)


def score_roles(gold: dict, predicted: dict, source: str = "prediction") -> RoleScores:
    check_prediction(gold, predicted, source)
    exact = true_positives = predicted_count = gold_count = main_correct = 0
    for key, (gold_main, gold_fine) in gold.items():
        predicted_main, predicted_fine = predicted[key]
        gold_set, predicted_set = set(gold_fine), set(predicted_fine)
        exact += gold_set == predicted_set
        true_positives += len(gold_set & predicted_set)
        predicted_count += len(predicted_set)
        gold_count += len(gold_set)
        main_correct += gold_main == predicted_main
    precision = true_positives / predicted_count if predicted_count else 1.0
    recall = true_positives / gold_count if gold_count else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = len(gold)
    return RoleScores(
        mentions=total,
        exact_match_ratio=exact / total if total else 0.0,
        micro_precision=precision,
        micro_recall=recall,
        micro_f1=f1,
        main_role_accuracy=main_correct / total if total else 0.0,
    )


def score_role_files(gold_path: Path, predicted_path: Path) -> RoleScores:
    return score_roles(read_role_file(gold_path), read_role_file(predicted_path), str(predicted_path))
