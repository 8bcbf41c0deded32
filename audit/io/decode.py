"""Bytes to text: BOMs honoured, UTF-8 preferred, other encodings detected, nothing guessed
silently.

A file that is mostly valid UTF-8 but has broken sequences is *damaged UTF-8*, not a legacy
encoding: decoding it as cp1252 would manufacture mojibake. That is an error naming the
first bad byte. Text with no multi-byte UTF-8 at all is handed to charset-normalizer.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A well-formed multi-byte UTF-8 sequence: evidence that the file was meant to be UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SNIFF = 8192


class DecodeError(ValueError):
    """Bytes that are not text we can read. ``offset`` is the byte where it went wrong."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset


def _looks_binary(data: bytes) -> int | None:
    """The offset of the first NUL or the sign of a binary format, or None."""
    head = data[:_SNIFF]
    nul = head.find(b"\x00")
    if nul != -1:
        return nul
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > 0.05:
        return next(i for i, b in enumerate(head) if b < 9 or 13 < b < 32)
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. Raise DecodeError naming the byte."""
    if not data:
        raise DecodeError("empty file", 0)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {encoding} despite its byte-order mark: "
                                  f"{exc.reason}", exc.start) from None
    binary_at = _looks_binary(data)
    if binary_at is not None:
        raise DecodeError("binary data, not text (control byte "
                          f"0x{data[binary_at]:02x})", binary_at)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise DecodeError(f"invalid UTF-8 ({exc.reason}) in a file that is otherwise "
                              "UTF-8", exc.start) from None
        first_bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable: not UTF-8 and no other encoding fits", first_bad)
    return str(best), best.encoding
