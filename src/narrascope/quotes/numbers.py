"""Reading numbers as they are written in news ("more than 440", "hundreds", "a dozen", "1.5 million")."""

from __future__ import annotations

import re

from narrascope.model import Quantity
from narrascope.quotes.resources import NumberWords

_NUMERAL = re.compile(r"^[$€£]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([a-z]*)$")


def number_value(words: list[str], table: NumberWords) -> float | None:
    """The value of a run of number words ("1.5", "million") / ("two", "hundred") / ("a", "dozen")."""
    total = 0.0
    current: float | None = None
    for word in words:
        word = word.lower().strip()
        if word in ("a", "an", "and", "-"):
            continue
        numeral = _NUMERAL.match(word)
        if numeral:
            value = float(numeral.group(1).replace(",", ""))
            suffix = numeral.group(2)
            if suffix and suffix in table.scales:
                value *= table.scales[suffix]
            elif suffix:
                return None
            current = (current or 0.0) + value
        elif word in table.words:
            current = (current or 0.0) + table.words[word]
        elif "-" in word and all(part in table.words for part in word.split("-")):
            current = (current or 0.0) + sum(table.words[part] for part in word.split("-"))
        elif word in table.scales:
            scale = table.scales[word]
            current = (current if current is not None else 1.0) * scale
            if scale >= 1000:
                total += current
                current = None
        else:
            return None
    if current is None and total == 0.0:
        return None
    return total + (current or 0.0)


def quantity(value: float | None, vague: tuple[float, float] | None, bounds: set[str]) -> Quantity:
    """A Quantity from a value or a vague range ("hundreds"), bounded by the words before it:
    "lower" ("more than 440": low 440), "upper" ("almost 100": high 100), "approximate" ("about")."""
    if vague is not None:
        return Quantity(low=vague[0], high=vague[1], approximate=True)
    if value is None:
        raise ValueError("a quantity needs a value or a vague range")
    approximate = "approximate" in bounds
    if "lower" in bounds:
        return Quantity(low=value, high=None, approximate=approximate)
    if "upper" in bounds:
        return Quantity(low=None, high=value, approximate=approximate)
    return Quantity(low=value, high=value, approximate=approximate)
