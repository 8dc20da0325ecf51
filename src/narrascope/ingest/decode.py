"""Bytes to text: refusing binary data, finding legacy encodings, telling HTML and feeds from text."""

from __future__ import annotations

import codecs
import re

from narrascope.errors import InputError
from narrascope.ingest.article import reader_data

UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 4096
HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)
# Unicode category Cc except tab, line feed, vertical tab, form feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def sniff(head: bytes, suffix: str = "") -> str:
    """``html``, ``feed`` or ``text``: by the extension when it says, else by how the content begins."""
    extensions = reader_data()["extensions"]
    suffix = suffix.lower()
    head = head.removeprefix(codecs.BOM_UTF8)
    if suffix in extensions["html"]:
        return "html"
    if suffix in extensions["feed"] or FEED_START.match(head):
        return "feed"
    if HTML_START.match(head):
        return "html"
    return "text"


def declared_charset(html: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start."""
    match = META_CHARSET.search(html[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """The text of ``data``; raises ``InputError`` naming ``source`` when it is empty, binary or undecodable.

    The text is kept exactly as stored (a UTF-8 byte-order mark included), because annotation offsets
    such as SemEval's count the characters of the file as it is.
    """
    if not data.strip():
        raise InputError(source, "empty: no text to analyse")
    for bom, encoding in UTF16_32_BOMS:
        if data.startswith(bom):
            return checked_text(decode_as(data, encoding, source), source)
    if b"\0" in data:
        raise InputError(source, "binary data (it contains NUL bytes), not text")
    # Legacy-encoded text is almost never valid UTF-8, so UTF-8 that decodes beats any declaration,
    # and declarations are wrong often enough that one that fails is ignored.
    for encoding in filter(None, ("utf-8", declared)):
        try:
            return checked_text(data.decode(encoding), source)
        except (LookupError, UnicodeDecodeError):
            continue
    return checked_text(decode_as(data, detect_encoding(data, source), source), source)


def decode_as(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(source, f"not valid {encoding} (byte {error.start}): cannot decode it") from None


def detect_encoding(data: bytes, source: str) -> str:
    """The encoding charset-normalizer finds for legacy-encoded text; ties go to the common web encodings."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(source, "not text in any encoding charset-normalizer knows: binary or corrupt")
    best = matches[0]
    tied = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((name for name in reader_data()["decoding"]["preferred"] if name in tied), best.encoding)


def sample_encoding(head: bytes, source: str) -> str:
    """The encoding of a file that is read line by line, judged from its first bytes."""
    if b"\0" in head:
        raise InputError(source, "binary data (it contains NUL bytes), not text")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # Valid multi-byte sequences hardly occur in legacy-encoded text: their presence means a UTF-8
        # file with a few broken lines, and those lines are refused one by one.
        cut_at_the_end = error.start >= len(head) - 3
        if not cut_at_the_end and not UTF8_MULTIBYTE.search(head):
            return detect_encoding(head, source)
    return "utf-8"


def checked_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, "empty: no text to analyse")
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > reader_data()["decoding"]["max_control_share"] * len(text):
        raise InputError(source, "binary data (too many control characters), not text")
    return text
