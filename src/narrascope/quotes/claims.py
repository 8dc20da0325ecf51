"""The ``claims`` stage: numbers in the article, what they count, when, where, and on whose word.

A linear pass over the parse stage's Doc. The source of a claim is the speaker of the quote (direct or
indirect) whose content holds it, read from ``analysis.quotes``: run this stage after ``quotes``.
"""

from __future__ import annotations

import re

from narrascope.errors import StageFailure
from narrascope.model import Analysis, Claim, Quantity, Quote
from narrascope.quotes.numbers import number_value, quantity
from narrascope.quotes.resources import NumberWords, load_numbers
from narrascope.settings import Settings

_PLACE_LABELS = ("GPE", "LOC")
_RANGE_WORDS = ("-", "to", "\u2013")
_NOUNS = ("NOUN", "PROPN")


class ClaimFinder:
    name = "claims"
    version = "3"

    def __init__(self, settings: Settings) -> None:
        self.table = load_numbers(settings.resources)

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            raise StageFailure(analysis.article.id, "the claims stage needs the parse stage before it")
        analysis.claims = find_claims(analysis, self.table)
        return analysis


def find_claims(analysis: Analysis, table: NumberWords) -> list[Claim]:
    doc = analysis.doc
    claims: list[Claim] = []
    i = 0
    while i < len(doc):
        end = _number_run_end(doc, i, table)
        if end is None:
            i += 1
            continue
        claim = _claim(analysis, doc, i, end, table)
        if claim is not None:
            claims.append(claim)
        i = end
    return claims


def _is_number_word(token, table: NumberWords) -> bool:
    lower = token.lower_
    return (
        token.like_num
        or lower in table.words
        or lower in table.vague
        or lower in table.scales
        and lower.isalpha()
        and len(lower) > 2
        or token.text[:1] in table.currency_symbols
        and token.text[1:2].isdigit()
    )


def _number_run_end(doc, i: int, table: NumberWords) -> int | None:
    """End (exclusive) of the run of number words starting at ``i`` ("1.5 million", "two hundred",
    "hundreds of thousands"), or None when ``doc[i]`` starts none."""
    token = doc[i]
    if not _is_number_word(token, table) or token.is_punct:
        return None
    end = i + 1
    while end < len(doc):
        nxt = doc[end]
        lower = nxt.lower_
        if (
            lower in table.scales
            and lower.isalpha()
            or (nxt.like_num and not nxt.text.isdigit() and lower in table.words)
        ):
            end += 1
        elif (
            lower == "of"
            and doc[end - 1].lower_ in table.vague
            and end + 1 < len(doc)
            and (doc[end + 1].lower_ in table.vague or doc[end + 1].lower_ in table.scales)
        ):
            end += 2  # "tens of thousands", "hundreds of millions"
        elif _half_a_scale(doc, end, table):
            end += 2  # "half a million"
        elif (
            lower in _RANGE_WORDS
            and end + 1 < len(doc)
            and _is_number_word(doc[end + 1], table)
            and doc[end - 1].lower_ not in table.vague
        ):
            end += 2  # "200-300", "10 to 15"
        else:
            break
    return end


def _half_a_scale(doc, i: int, table: NumberWords) -> bool:
    """Whether "a" at ``i`` joins "half" to a scale ("half a million")."""
    return (
        doc[i].lower_ == "a"
        and doc[i - 1].lower_ == "half"
        and i + 1 < len(doc)
        and doc[i + 1].lower_ in table.scales
    )


def _claim(analysis: Analysis, doc, start: int, end: int, table: NumberWords) -> Claim | None:
    words = [token.text for token in doc[start:end]]
    first, last = doc[start], doc[end - 1]
    if _not_a_count(doc, start, end, table):
        return None
    vague = _vague_range(words, table)
    value = None if vague else _value(words, table)
    span_range = None if vague else _range(words, table)
    if value is None and vague is None and span_range is None:
        return None
    if vague is None and _looks_like_year(first, value) and first.dep_ != "nummod":
        return None
    if span_range is not None and all(
        1800 <= end_value <= 2100 and end_value == int(end_value) for end_value in span_range
    ):
        return None  # "1973-1977": years
    span_start = first.idx
    if (
        start > 0
        and doc[start - 1].text in table.currency_symbols
        or (
            start > 0
            and doc[start - 1].lower_ in ("a", "an")
            and first.lower_ in table.scales | table.words.keys()
        )
    ):
        span_start = doc[start - 1].idx
    bounds, bound_start = _bounds(analysis.text, span_start, doc[start].sent.start_char, table)
    span_start = bound_start
    multiplier = _is_multiplier(doc, end, table)
    counted_head, counted_end = _counted(doc, start, end, table, multiplier)
    if counted_head is not None and counted_head.lower_ in table.skip_counted:
        return None
    span_end = max(_end(last), _end(counted_end) if counted_end is not None else 0)
    counted = analysis.text[_end(last) : span_end].strip()
    if counted.lower().startswith("of "):
        counted = counted[3:]
    if multiplier:
        counted = f"{counted} (multiplier: {_format(value)} times)" if value is not None else counted
    sentence = first.sent
    if span_range is not None:  # "200-300 residents", "10 to 15 warheads": as exact as the writer made it
        claim_quantity = Quantity(low=span_range[0], high=span_range[1], approximate="approximate" in bounds)
    else:
        claim_quantity = quantity(value, vague, bounds)
    source = _source(analysis.quotes, span_start, span_end)
    return Claim(
        span=analysis.span(span_start, span_end),
        quantity=claim_quantity,
        counted=counted,
        sentence=analysis.evidence(sentence.start_char, sentence.end_char, 1.0),
        date=_date(sentence, span_start, table),
        place=_place(analysis, sentence, span_start),
        source=source.speaker if source else None,
        source_entity_id=source.speaker_entity_id if source else None,
    )


def _is_multiplier(doc, end: int, table: NumberWords) -> bool:
    """ "eight times more forces", "three times as many": a multiplier; "seen 200 million times": a count."""
    if end + 1 >= len(doc) or doc[end].lower_ not in table.multiplier:
        return False
    after = doc[end + 1]
    return after.tag_ in ("JJR", "RBR") or after.lower_ in ("as", "the", "more", "less", "fewer")


def _value(words: list[str], table: NumberWords) -> float | None:
    return number_value([word.lstrip("".join(table.currency_symbols)) for word in words], table)


def _range(words: list[str], table: NumberWords) -> tuple[float, float] | None:
    """The two ends of "200-300" (one token or three) or "10 to 15"."""
    if len(words) == 1 and re.fullmatch(r"\d+-\d+", words[0]):
        low, high = words[0].split("-")
        return float(low), float(high)
    cut = next((k for k, word in enumerate(words) if k and word.lower() in _RANGE_WORDS), None)
    if cut is None:
        return None
    low, high = _value(words[:cut], table), _value(words[cut + 1 :], table)
    return (low, high) if low is not None and high is not None else None


def _not_a_count(doc, start: int, end: int, table: NumberWords) -> bool:
    """Dates, times, ordinals, ages and numbers inside names ("World War I", "Su-34") are not claims."""
    first = doc[start]
    if any(token.ent_type_ in table.skip_entity_labels for token in doc[start:end]):
        return True
    if end == start + 1 and first.lower_ in table.not_counts:
        # "at least one group" counts: a bound before the word makes it a number
        if first.lower_ not in table.count_when_bounded:
            return True
        return not _bounds(doc.text, first.idx, first.sent.start_char, table)[0]
    if start > 0:
        previous = doc[start - 1]
        glued = (
            not previous.whitespace_ and previous.text not in table.currency_symbols and previous.text != "("
        )
        if previous.lower_ in table.name_words or (glued and (previous.is_alpha or previous.text == "-")):
            return True  # "Su-34", "father-of-four"
        if previous.text.isdigit() and previous.whitespace_:
            return True  # "212 416 4552": a phone number, not a count
    if end < len(doc) and doc[end].text.isdigit() and doc[end - 1].text.isdigit():
        return True
    if _inside_title(doc, start, end):
        return True
    if end < len(doc) and doc[end].lower_ in table.modifier_units and doc[end].dep_ == "compound":
        return True  # "155mm shells", "a 10 km walk": a measure that describes the noun, as "nine-story" does
    last = doc[end - 1]
    if end < len(doc) and doc[end].text == "-" and not last.whitespace_ and not doc[end].whitespace_:
        return True  # "a nine-story building", "a 15-year-old"
    following = " ".join(token.lower_ for token in doc[end : end + 4])
    return following.startswith(("-year-old", "year-old", "years old", "- year - old")) or following.replace(
        " ", ""
    ).startswith("-year-old")


def _inside_title(doc, start: int, end: int) -> bool:
    """ "the Big Three can stay open", "the “Net Zero” agenda": a number word capitalised after another
    capitalised word, counting no noun after it, is part of a name."""
    first = doc[start]
    if end != start + 1 or not first.is_alpha or not first.text.istitle() or start == first.sent.start:
        return False
    following = doc[end] if end < len(doc) else None
    counts = following is not None and (following.pos_ in _NOUNS or following.lower_ == "of")
    return doc[start - 1].text.istitle() and not counts


def _looks_like_year(token, value: float | None) -> bool:
    return value is not None and token.text.isdigit() and len(token.text) == 4 and 1800 <= value <= 2100


def _vague_range(words: list[str], table: NumberWords) -> tuple[float, float] | None:
    """ "hundreds" = 200..999; "tens of thousands" = 20,000..99,000 (the range times the scale)."""
    lowered = [word.lower() for word in words]
    if lowered[0] not in table.vague:
        return None
    low, high = table.vague[lowered[0]]
    for word in lowered[2::2]:
        scale = table.scales.get(word) or table.scales.get(word.rstrip("s"))
        if scale is None:
            return None
        low, high = low * scale, high * scale
    return low, high


def _bounds(text: str, start: int, floor: int, table: NumberWords) -> tuple[set[str], int]:
    """What the words just before the number say about it, and where those words start."""
    before = text[floor:start].lower()
    kinds: set[str] = set()
    earliest = start
    for kind, phrases in (("lower", table.lower), ("upper", table.upper), ("approximate", table.approximate)):
        for phrase in phrases:
            if before.endswith(phrase + " ") and (
                len(before) == len(phrase) + 1 or not before[-len(phrase) - 2].isalnum()
            ):
                kinds.add(kind)
                earliest = min(earliest, start - len(phrase) - 1)
                break
    return kinds, earliest


def _counted(doc, start: int, end: int, table: NumberWords, multiplier: bool):
    """The noun the number counts and the last token of the counted phrase: "440 graves",
    "82 towns and villages", "hundreds of soldiers", "100 percent of the troops", "eight times more
    Ukrainian forces"."""
    last = doc[end - 1]
    head = None
    if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        end += 1  # "20 per cent"
    if end < len(doc) and (doc[end].lower_ in table.percent or multiplier):
        head = doc[end]
        if multiplier:
            climb = head
            for _ in range(3):
                climb = climb.head
                if climb.pos_ in _NOUNS and climb.i > head.i:
                    head = climb
                    break
                if climb.head is climb:
                    break
    elif (
        last.dep_ in ("nummod", "quantmod", "amod", "compound")
        and last.head.pos_ in _NOUNS
        and last.head.i > last.i
    ):
        head = last.head
    vague = last.lower_ in table.vague or last.lower_ in table.scales
    if (head is None and vague) or (head is not None and head.lower_ in table.percent):
        owner = head or last
        of = next((c for c in owner.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [c for c in of.children if c.dep_ == "pobj" and c.pos_ in _NOUNS] if of is not None else []
        if objects:
            head = objects[0]
        elif head is not None:
            head = _noun_after_percent(head)
    if head is None:
        return None, None
    tail = head
    # a unit written after its noun: "70 degrees Fahrenheit", "100 square kilometres"; the parser may
    # not hang a scale's name on the degrees at all
    while tail.i + 1 < len(doc) and (
        doc[tail.i + 1].lower_ in table.units_after
        or doc[tail.i + 1].head is tail
        and doc[tail.i + 1].dep_ in ("compound", "appos", "npadvmod", "nmod")
        and doc[tail.i + 1].pos_ == "PROPN"
    ):
        tail = doc[tail.i + 1]
    for conj in head.children:
        counted_apart = any(c.dep_ in ("det", "nummod") for c in conj.children)
        if (
            conj.dep_ == "conj"
            and conj.pos_ in _NOUNS
            and conj.i > tail.i
            and conj.i - tail.i <= 4
            and not counted_apart
        ):
            tail = conj
    return head, tail


def _noun_after_percent(percent):
    """ "40 percent productivity", "15% more water": a percentage that modifies a noun after it
    measures that noun."""
    owner = percent.head
    if owner.tag_ in ("JJR", "RBR") and owner.i == percent.i + 1:
        owner = owner.head
    return owner if owner.pos_ in _NOUNS and owner.i > percent.i else percent


def _source(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The innermost quote whose content holds the claim."""
    holding = [
        q for q in quotes if q.content.start <= start and end <= q.content.end + 1 and q.speaker is not None
    ]
    return min(holding, key=lambda q: q.content.end - q.content.start) if holding else None


def _date(sentence, offset: int, table: NumberWords) -> str | None:
    """The date nearest the claim in its sentence. The recogniser may end a date on its number ("over the
    past two | summers"): the time noun after it is taken in."""
    dates = [ent for ent in sentence.ents if ent.label_ == "DATE"]
    if not dates:
        return None
    date = min(dates, key=lambda ent: abs(ent.start_char - offset))
    after = date.doc[date.end] if date.end < len(date.doc) else None
    if date[-1].like_num and after is not None and after.lower_ in table.skip_counted:
        return date.doc[date.start : date.end + 1].text
    return date.text


def _place(analysis: Analysis, sentence, offset: int) -> str | None:
    """The place nearest the claim in its sentence, by its canonical name when the entities stage knows it.

    The parser's place label gives way to the entities stage's type: in "Ukrainian authorities said" the
    parser may read "Ukrainian" as a place, the entities stage as a people."""
    places = []
    for ent in sentence.ents:
        entity = _entity_at(analysis, ent.start_char)
        if ent.label_ in _PLACE_LABELS and (entity is None or entity.type in _PLACE_LABELS):
            places.append((ent, entity))
    if not places:
        return None
    place, entity = min(places, key=lambda found: abs(found[0].start_char - offset))
    return entity.name if entity is not None else place.text


def _entity_at(analysis: Analysis, offset: int):
    return next(
        (entity for entity in analysis.entities if any(m.start <= offset < m.end for m in entity.mentions)),
        None,
    )


def _format(value: float) -> str:
    return f"{value:g}"


def _end(token) -> int:
    return token.idx + len(token.text)
