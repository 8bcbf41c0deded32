"""How likely a stretch of text is to be what someone meant to write.

Mojibake has a shape: letters of two scripts glued into one word (``diffГ©rent``), symbols
inside words (``rÃ©gime``), capitals in the middle of lower-case words (``СЃРІРѕ``), rare
ideographs where common ones are expected (``鈥檚``), controls and private-use characters.
Clean text in any script has few of these. ``cost`` adds up a price per character and per
junction of neighbours; a repair is taken only when it lowers the cost by more than the
price of assuming damage at all (see ``decide``).

Which letters and pairs of letters real words use comes from word lists of 39 languages
(``letterpairs``). Which ideographs and syllables are common is not a word list: the
national character sets were laid out by frequency (GB 2312 level 1, JIS X 0208 level 1, the
Big5 frequent block, the 2,350 syllables of KS X 1001), so the codecs themselves tell us.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Final

from audit.normalize.encoding import data, letterpairs
from audit.normalize.encoding.charmaps import REPLACEMENT, UNINFERRED

if TYPE_CHECKING:  # mypyc's unboxed integer, in annotations only (see ``gates``)
    from mypy_extensions import i64

# kinds
LETTER: Final = 0
MARK: Final = 1
DIGIT: Final = 2
SPACE: Final = 3
PUNCT: Final = 4
SYMBOL: Final = 5
OTHER: Final = 6

_LIVING = frozenset({
    "latin", "cyrillic", "greek", "arabic", "hebrew", "thai", "devanagari", "bengali",
    "tamil", "telugu", "gujarati", "gurmukhi", "kannada", "malayalam", "sinhala", "lao",
    "khmer", "myanmar", "tibetan", "georgian", "armenian", "ethiopic", "han", "kana", "hangul",
})
_NAME_SCRIPT = {"CJK": "han", "HIRAGANA": "kana", "KATAKANA": "kana", "HANGUL": "hangul",
                "HALFWIDTH": "halfwidth", "FULLWIDTH": "fullwidth", "IDEOGRAPHIC": "han"}
# Pairs of scripts that share words.
_FRIENDS: Final = {frozenset({"han", "kana"}): 0.0, frozenset({"han", "hangul"}): 1.0,
            frozenset({"kana", "halfwidth"}): 0.5,
            frozenset({"latin", "greek"}): 0.3}  # IFNγ, α-helix: science mixes them
_COMMON_ACCENTS = frozenset([*range(0x300, 0x309), 0x30A, 0x30B, 0x30C, 0x323, 0x327, 0x328])
_OVERLAYS = frozenset(range(0x334, 0x339))  # strike-through effects: $̶6̶3̶
_CLOSING: Final = frozenset("»›”’™®")
_OPENING: Final = frozenset("«‹“‘„‚¡¿")
_INTRAWORD: Final = frozenset("’'ʼ-‐‑–—·.\u00ad\u200b\u200c\u200d")


def _han_cost(ch: str) -> float:
    """Common ideographs are cheap; the codecs' rarer blocks cost more."""
    tiers = []
    for codec, common in (("gb2312", lambda b: b[0] < 0xD8), ("big5", lambda b: b < b"\xc6\x7f"),
                          ("shift_jis", lambda b: b < b"\x98\x73")):
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        tiers.append(0.2 if common(raw) else 1.0)
    if tiers:
        return min(tiers)
    return 2.5 if "\u4e00" <= ch <= "\u9fff" else 3.5


def _hangul_cost(ch: str) -> float:
    try:
        ch.encode("euc_kr")
    except UnicodeEncodeError:
        return 2.0
    return 0.3


@cache
def info(ch: str) -> tuple[str, int, float, int]:
    """``(script, kind, cost, case)`` of a character; case is 1 upper, -1 lower, 0 none."""
    o = ord(ch)
    if ch == UNINFERRED:
        return info(REPLACEMENT)
    if o < 0x80:
        if ch.isalpha():
            return "latin", LETTER, 0.0, 1 if ch.isupper() else -1
        if ch.isdigit():
            return "", DIGIT, 0.0, 0
        if ch.isspace():
            return "", SPACE, 0.0, 0
        if ch.isprintable():
            return "", PUNCT, 0.0, 0
        return "", OTHER, 3.0, 0
    cat = unicodedata.category(ch)
    script = _script_name(ch)
    case = 1 if cat == "Lu" else -1 if cat == "Ll" else 0
    if data.symbol_cost(ch, -1.0) >= 0:  # priced by the data as a symbol: π, µ, ª
        return "", SYMBOL, data.symbol_cost(ch, 1.0), 0
    if cat[0] == "L":
        return script, LETTER, _letter_cost(ch, o, cat, script), case
    if cat[0] == "M":
        if script == "combining":  # the accents Unicode decomposes European letters into
            return script, MARK, 0.5 if o in _COMMON_ACCENTS else 0.8 if o in _OVERLAYS \
                else 1.5, 0
        return script, MARK, 0.5 if script in _LIVING else 2.0, 0
    if cat == "Nd":
        return "", DIGIT, 0.5 if script in _LIVING else 1.5, 0
    if cat[0] == "N":
        return "", SYMBOL, 1.2, 0
    if cat == "Zs":
        return "", SPACE, 0.3 if ch in "\xa0\u3000" else 1.0, 0
    if cat[0] == "Z":
        return "", SPACE, 1.0, 0
    if ch == "\ufffd":
        return "", SYMBOL, 2.5, 0
    if cat[0] == "P":
        return "", PUNCT, data.symbol_cost(ch, 1.2), 0
    if cat[0] == "S":
        emoji = o >= 0x1F000 or 0x2600 <= o <= 0x27BF
        return "", SYMBOL, data.symbol_cost(ch, 0.4 if emoji else 1.3), 0
    if cat == "Cc":
        return "", OTHER, 4.0 if 0x80 <= o <= 0x9F else 3.0, 0
    if cat == "Cf":
        return "", OTHER, 1.0 if ch in "\u00ad\u200b\u200c\u200d\u200e\u200f\ufeff" else 2.0, 0
    if cat == "Co":
        return "", OTHER, 4.0, 0
    return "", OTHER, 5.0, 0  # unassigned, surrogates


# ``info`` by code point, in a list per block of 256 characters of the Basic Multilingual
# Plane (None: not asked yet): ``info``'s cache is keyed by a one-character string, which
# outside Latin-1 is made for each look-up and hashed
_INFO_BLOCKS: Final[list[list[tuple[str, int, float, int] | None] | None]] = [None] * 256


def info_at(text: str, i: int) -> tuple[str, int, float, int]:
    """``info(text[i])``."""
    c: i64 = ord(text[i])
    if c >= 0x10000:
        return info(text[i])
    block = _INFO_BLOCKS[c >> 8]
    if block is None:
        block = _INFO_BLOCKS[c >> 8] = [None] * 256
    found = block[c & 0xFF]
    if found is None:
        found = block[c & 0xFF] = info(text[i])
    return found


def _script_name(ch: str) -> str:
    first = unicodedata.name(ch, "").split(" ", 1)[0]
    return _NAME_SCRIPT.get(first, first.lower())


def _letter_cost(ch: str, o: int, cat: str, script: str) -> float:
    if cat == "Lm":
        return 2.0
    if script == "han":
        return _han_cost(ch)
    if script == "hangul":
        return _hangul_cost(ch) if 0xAC00 <= o <= 0xD7A3 else 2.0
    if script == "kana":
        return 0.2
    if script == "halfwidth":
        return 2.0
    override = data.letter_cost(ch)
    if override is not None:
        return override
    common, rare, _ = letterpairs.load()
    low = ch.lower()
    fold = ch.casefold()
    if low in common or ch in common or (len(fold) > 1 and fold.isascii()) or (
            low[0] < "\x80" and low[0].isalpha()):
        return 0.2  # 'İ' lower-cases to 'i' and a dot, 'ß' folds to 'ss'
    if low in rare or ch in rare:
        return 0.6
    if script in _covered():
        return 1.5
    return 0.4 if script in _LIVING else 2.5


@lru_cache(maxsize=1)
def _covered() -> frozenset[str]:
    """Scripts the word lists cover: their letters are judged by the lists alone."""
    common, rare, _ = letterpairs.load()
    return frozenset(info(c)[0] for c in common | rare)


def cost(text: str, lo: int, hi: int, context_scripts: frozenset[str] = frozenset()) -> float:
    """The price of ``text[lo:hi]`` where it stands: its characters, plus every junction
    that touches them (``text`` around the span is context, not charged itself).

    ``context_scripts``: scripts of the letters around (the rest of the paragraph); a lone
    letter of another script costs extra, unless the set is empty (no context to judge by).
    """
    return sum(price for price, _ in signals(text, lo, hi, context_scripts))


def marked(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` has a telltale of mojibake: a control, a symbol inside a word,
    two letters no word puts together, a capital inside a word, two scripts in one word."""
    return any(strong for _, strong in signals(text, lo, hi, frozenset()))


def signals(text: str, lo: int, hi: int, context_scripts: frozenset[str]
            ) -> tuple[tuple[float, bool], ...]:
    """The separate charges that make up ``cost``: ``(price, telltale)`` pairs."""
    infos = [info_at(text, k) for k in range(len(text))]
    out: list[tuple[float, bool]] = []
    for k in range(lo, hi):
        script, kind, price, _ = infos[k]
        out.append((price, price >= 3.0))
        if kind == LETTER:
            if context_scripts and script not in context_scripts:
                # a stray letter of a script the paragraph does not use is suspect; a whole
                # word of one much less so ('Tokyo 東京')
                price = 1.0 if _alone(infos, k) else 0.4
                out.append((price / 2 if script == "greek" else price, False))
            if _solo(infos, text, k):
                out.append((1.0, False))  # a one-letter word no language has
            if infos[k][3] == -1 and infos[k][2] and _among_capitals(infos, k):
                out.append((1.5, False))  # 'S à O': a small letter in capitals
        elif kind == MARK and (k == 0 or infos[k - 1][1] == SPACE):
            out.append((2.5, True))  # a combining mark with nothing to combine with
        elif kind in (SYMBOL, PUNCT, OTHER) and price and text[k] not in _INTRAWORD \
                and _inside_word(infos, k):
            out.append((1.5, True))  # 'rÃ©gime': a symbol with letters on both sides
    for k in range(max(lo - 1, 0), min(hi, len(text) - 1)):
        if not infos[k][2] and not infos[k + 1][2]:
            continue  # two ASCII characters: nothing to charge
        price = _junction(infos, text, k)
        if price:
            out.append((price, price >= 1.2))
        elif infos[k + 1][1] == SPACE and text[k] in data.suspect_letters() \
                and infos[k][1] == LETTER:
            # 'voilÃ le': a suspect letter ending a word; a telltale after a lower-case
            # letter, not in capitals ('S Ã O')
            before = text[max(0, k - 2):k].rstrip()
            out.append((1.0, not before or (before[-1].islower())))
    for k in range(max(lo - 2, 0), min(hi, len(text) - 2)):
        if not (infos[k][2] or infos[k + 1][2] or infos[k + 2][2]):
            continue
        price = _triple(infos, k, text)
        if price:
            out.append((price, True))
    return tuple(out)


def _among_capitals(infos: list[tuple[str, int, float, int]], k: int) -> bool:
    def nearest(step: int) -> int:
        j = k + step
        while 0 <= j < len(infos) and abs(j - k) <= 3:
            if infos[j][1] == LETTER:
                return infos[j][3]
            j += step
        return 0
    return nearest(-1) == 1 and nearest(1) == 1


def _alone(infos: list[tuple[str, int, float, int]], k: int) -> bool:
    """A letter with no letter of its own script beside it (a word of another script is
    fine in any text; one stray letter is not)."""
    script = infos[k][0]
    if k and infos[k - 1][1] == LETTER and infos[k - 1][0] == script:
        return False
    return not (k + 1 < len(infos) and infos[k + 1][1] == LETTER and infos[k + 1][0] == script)


def _inside_word(infos: list[tuple[str, int, float, int]], k: int) -> bool:
    def letter_towards(step: int) -> bool:
        j = k + step
        while 0 <= j < len(infos):
            kind = infos[j][1]
            if kind in (LETTER, MARK):
                return True
            if kind == SPACE:
                return False
            j += step
        return False
    return letter_towards(-1) and letter_towards(1)


def _solo(infos: list[tuple[str, int, float, int]], text: str, k: int) -> bool:
    """A non-ASCII letter standing alone as a word that no language has ('= ù')."""
    if infos[k][2] == 0 or infos[k][0] not in _covered():
        return False
    for j in (k - 1, k + 1):
        if 0 <= j < len(infos) and (infos[j][1] not in (SPACE, PUNCT) or text[j] in _INTRAWORD):
            return False
    return "^" + text[k].lower() + "$" not in letterpairs.load()[2]


def _junction(infos: list[tuple[str, int, float, int]], text: str, k: int) -> float:
    s1, k1, p1, c1 = infos[k]
    s2, k2, p2, c2 = infos[k + 1]
    if k2 == MARK:
        # a combining mark belongs after a letter; after a digit or symbol it is a rare
        # effect (strike-through), after a space it is debris. Text is normally NFC: a mark
        # that would compose with its letter ('o' + U+0323 is 'ọ') should not be separate.
        if k1 in (LETTER, MARK):
            return 1.0 if len(unicodedata.normalize("NFC", text[k:k + 2])) == 1 else 0.0
        return 0.0 if k1 == SPACE else 0.5  # (after a space: charged on the mark itself)
    if k1 == LETTER and k2 == LETTER:
        price = 0.0
        if s1 != s2:
            price += _FRIENDS.get(frozenset({s1, s2}), 2.5)
        elif (p1 or p2) and s1 in _covered() and not _attested(text[k], text[k + 1]):
            price += 0.9  # no common word has these two letters side by side
        if c1 == -1 and c2 == 1 and (p1 or p2):
            price += 1.2  # a capital inside a lower-case word, and not ASCII camel case
        return price
    if k2 in (SYMBOL, PUNCT, OTHER) and p2 and text[k + 1] not in _INTRAWORD:
        if k1 == LETTER and text[k] in data.suspect_letters():
            return 1.5  # 'Ã' and 'Â' open most Windows-1252 mojibake: 'Ã©', 'Â£'
        if text[k] in _CLOSING and text[k + 1] in _OPENING:
            return 1.2  # a closing mark glued to an opening one: '»¡', '”“'
        if k1 in (SYMBOL, PUNCT, OTHER) and p1 and max(p1, p2) >= 0.5:
            return 0.7  # a pile of symbols: '×‘', '™«'
    return 0.0


def _attested(a: str, b: str) -> bool:
    pair = (a + b).lower()
    if pair in letterpairs.load()[2]:
        return True
    if len(a.casefold()) == len(a.lower()) and len(b.casefold()) == len(b.lower()):
        return False
    folded = a.casefold()[-1:] + b.casefold()[:1]  # the lists fold 'ß' to 'ss'
    return folded.isascii() or folded in letterpairs.load()[2]


def _triple(infos: list[tuple[str, int, float, int]], k: int, text: str) -> float:
    a, b, c = infos[k], infos[k + 1], infos[k + 2]
    # two scripts across an apostrophe: "cos'猫" is "cos'è" read as GB18030
    if a[1] == c[1] == LETTER and text[k + 1] in "'’" and a[0] != c[0] \
            and frozenset({a[0], c[0]}) not in _FRIENDS:
        return 2.5
    # a lower-case letter after two capitals, with something non-ASCII: 'DATà', 'ĂĽh'
    if a[1] == b[1] == c[1] == LETTER and a[3] == b[3] == 1 and c[3] == -1 \
            and (b[2] or c[2]):
        return 1.2
    return 0.0


def local_cost(left: str, ch: str, right: str) -> float:
    """A quick price for ``ch`` between two neighbours: itself and its two junctions."""
    return _local_cost(left[-1:], ch, right[:1])


@lru_cache(maxsize=65536)
def _local_cost(left: str, ch: str, right: str) -> float:
    window = left + ch + right
    infos = [info(c) for c in window]
    k = len(left)
    price = infos[k][2]
    if k:
        price += _junction(infos, window, 0)
    if k + 1 < len(window):
        price += _junction(infos, window, k)
    return price


# ``scripts`` reads every character of each paragraph judged (a Korean one has a hundred
# distinct syllables): a letter's script is looked up by code point in a table per block of
# 256 characters of the Basic Multilingual Plane, as an index into _SCRIPT_NAMES (0: not a
# letter; _UNKNOWN: not looked up yet, then the block is made again with it)
_NOT_LETTER: Final = "\x00"
_UNKNOWN: Final = 255
_SCRIPT_NAMES: Final[list[str]] = [_NOT_LETTER]
_SCRIPT_INDEX: Final[dict[str, int]] = {_NOT_LETTER: 0}
_BLOCKS: Final[list[bytes]] = [bytes([_UNKNOWN]) * 256] * 256
_ASTRAL: Final[dict[int, str]] = {}


def letter_script(ch: str) -> str:
    """The script ``info`` gives ``ch`` if it calls it a letter (a few have none: ""), else
    _NOT_LETTER; without pricing it."""
    if ch < "\x80":
        return "latin" if ch.isalpha() else _NOT_LETTER
    if ch == UNINFERRED or unicodedata.category(ch)[0] != "L" \
            or data.symbol_cost(ch, -1.0) >= 0:  # (priced as a symbol: π, µ, ª)
        return _NOT_LETTER
    # the names of syllables and ideographs are made up when asked for ('HANGUL SYLLABLE
    # GA', 'CJK UNIFIED IDEOGRAPH-4E00'): slow, and a Korean text meets fifty blocks of them
    if "\uac00" <= ch <= "\ud7a3":
        return "hangul"
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        return "han"
    return _script_name(ch)


def _learn(c: int) -> int:
    """Look the script of code point ``c`` up, and keep it in its block."""
    name = letter_script(chr(c))
    index = _SCRIPT_INDEX.get(name)
    if index is None:
        index = _SCRIPT_INDEX[name] = len(_SCRIPT_NAMES)
        _SCRIPT_NAMES.append(name)
        assert index < _UNKNOWN  # (the BMP's letters have far fewer scripts)
    block = bytearray(_BLOCKS[c >> 8])
    block[c & 0xFF] = index
    _BLOCKS[c >> 8] = bytes(block)
    return index


def scripts(text: str) -> frozenset[str]:
    """The scripts of the letters of ``text``; empty when it has no letters."""
    found: set[str] = set()
    blocks = _BLOCKS
    last: i64 = 0
    for i in range(len(text)):
        c: i64 = ord(text[i])
        if c >= 0x10000:
            name = _ASTRAL.get(c)
            if name is None:
                name = _ASTRAL[c] = letter_script(chr(c))
            if name != _NOT_LETTER:
                found.add(name)
            continue
        index: i64 = blocks[c >> 8][c & 0xFF]
        if index == _UNKNOWN:
            index = _learn(c)
        if index and index != last:
            found.add(_SCRIPT_NAMES[index])
            last = index
    return frozenset(found)


def intraword(ch: str) -> bool:
    return ch in _INTRAWORD
