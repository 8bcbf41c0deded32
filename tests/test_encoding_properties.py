"""Properties of the encoding repair over generated multilingual text (hypothesis).

Text is made of real words: wordfreq's lists, ranks 20,000 to 35,000 (the plausibility
model's letter pairs come from the top 20,000, so these words are outside what it was built
from), in 20 languages and 9 scripts, with emoji and mathematical symbols mixed in.

- clean text, in any script, is never changed, and ``fix_text`` is idempotent;
- for each codec, text -> UTF-8 -> decoded through the codec -> ``fix_text`` gives the text
  back wherever the damage is invertible (the codec decodes those bytes without error);
- where it is not, and bytes were dropped or replaced, ``fix_text`` gives back at least the
  characters whose bytes all survived, in order;
- two layers (UTF-8 read as Windows-1252 twice, or as GBK and then Windows-1252) come back.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.normalize.encoding import fix_and_explain, fix_text

LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "cs", "pl", "tr", "hu", "sv", "ro", "ru",
             "uk", "bg", "el", "he", "ar", "zh", "ja", "ko"]
UNSPACED = {"zh", "ja"}
EMOJI = ["😀", "👍", "❤️", "🎉", "⚠️", "🇫🇷", "✔"]
MATH = ["√π", "∑", "≤ 3", "x² + y²", "∞", "(-1/2)! = √π", "α ≠ β", "5 × 3", "½"]
PUNCT = ["“", "”", "’", "—", "…", "«", "»", "„"]
SINGLE = ["cp1252", "latin-1", "cp1250", "cp1251", "mac_roman"]
DOUBLE = ["gbk", "gb18030", "big5", "shift_jis", "euc_kr"]
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _script(word: str) -> str:
    names = {unicodedata.name(c, "?").split(" ")[0] for c in word if not c.isascii()}
    return names.pop() if len(names) == 1 else "mixed" if names else "ascii"


@cache
def pool(lang: str) -> tuple[str, ...]:
    import wordfreq

    words = wordfreq.top_n_list(lang, 35000)[20000:]
    if len(words) < 2000:
        words = wordfreq.top_n_list(lang, 10000)[5000:]
    # Chinese and Japanese are written without spaces: a Latin word in their lists would be
    # glued to ideographs, which is how GBK mojibake of English looks ('France鈥檚')
    return tuple(w for w in words if w.isalpha() and _script(w) != "mixed"
                 and not (lang in UNSPACED and w.isascii()))


@cache
def invertible_pool(lang: str, codec: str) -> tuple[str, ...]:
    """Words whose UTF-8 bytes the codec decodes without error, on their own."""
    out = []
    for w in pool(lang):
        try:
            w.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            continue
        out.append(w)
    return tuple(out)


def _join(lang: str, words: list[str]) -> str:
    return "".join(words) if lang in UNSPACED else " ".join(words)


@st.composite
def clean_text(draw, extras: bool = True) -> str:
    lang = draw(st.sampled_from(LANGUAGES))
    words = draw(st.lists(st.sampled_from(pool(lang)), min_size=1, max_size=14))
    text = _join(lang, words)
    if extras and draw(st.booleans()):
        extra = draw(st.sampled_from(EMOJI + MATH + PUNCT))
        at = draw(st.integers(0, len(text)))
        text = text[:at] + (extra if lang in UNSPACED else f" {extra} ") + text[at:]
    return text.strip()


@st.composite
def invertible(draw, codec: str) -> tuple[str, str]:
    """A sentence the codec can misread without losing anything, and its misreading. At
    least two non-ASCII words: a single accented letter carries too little evidence for
    anyone (é read as EUC-KR is 첩, a perfectly good Korean syllable)."""
    langs = [lang for lang in LANGUAGES if sum(not w.isascii() for w in
                                               invertible_pool(lang, codec)) >= 50]
    lang = draw(st.sampled_from(langs))
    words = [w for w in invertible_pool(lang, codec)]
    foreign = [w for w in words if not w.isascii()]
    picked = draw(st.lists(st.sampled_from(foreign), min_size=2, max_size=6))
    picked += draw(st.lists(st.sampled_from(words), max_size=8))
    order = draw(st.permutations(picked))
    text = _join(lang, list(order))
    return text, text.encode("utf-8").decode(codec)


@SETTINGS
@given(clean_text())
def test_clean_text_in_any_script_is_never_changed(text):
    out, repairs = fix_and_explain(text)
    assert out == text and repairs == []


@SETTINGS
@given(st.one_of(clean_text(), clean_text().map(
    lambda t: t.encode("utf-8").decode("cp1252", "replace")), clean_text().map(
    lambda t: t.encode("utf-8").decode("gbk", "ignore"))))
def test_fix_text_is_idempotent(text):
    once = fix_text(text)
    assert fix_text(once) == once


@pytest.mark.parametrize("codec", SINGLE + DOUBLE)
def test_invertible_damage_is_undone(codec):
    @SETTINGS
    @given(invertible(codec))
    def check(pair):
        text, damaged = pair
        assert fix_text(damaged) == text

    check()


class _Losses:
    """A decode error handler that records which bytes were lost."""

    def __init__(self, replace: bool):
        self.replace = replace
        self.lost: list[tuple[int, int]] = []

    def __call__(self, exc: UnicodeDecodeError) -> tuple[str, int]:
        self.lost.append((exc.start, exc.end))
        return ("\ufffd" if self.replace else ""), exc.end


def survivors(text: str, lost: list[tuple[int, int]]) -> str:
    """The characters of ``text`` none of whose UTF-8 bytes were lost."""
    out, pos = [], 0
    for ch in text:
        size = len(ch.encode("utf-8"))
        if not any(a < pos + size and pos < b for a, b in lost):
            out.append(ch)
        pos += size
    return "".join(out)


def is_subsequence(part: str, whole: str) -> bool:
    it = iter(whole)
    return all(ch in it for ch in part)


@pytest.mark.parametrize("codec", ["cp1252", "cp1251", "cp1250", *DOUBLE])
@pytest.mark.parametrize("mode", ["replace", "ignore"])
def test_lossy_damage_gives_back_what_survived(codec, mode):
    """Whatever the damage, every ASCII character that survived is still there, in order.
    Where the damage is partial (more than half of the non-ASCII characters survived), every
    character that survived comes back.

    One limit, measured: Big5, Shift-JIS and EUC-KR reject most of the bytes of Cyrillic,
    Greek, Hebrew or Arabic text, and what they keep are short runs of ideographs between
    marks of loss ('膜膜' for 'مدد'); those scraps are not evidence enough to read, so for
    those scripts through those codecs only the ASCII is promised."""
    name = f"audit-test-{codec}-{mode}"
    scraps = codec in ("big5", "shift_jis", "euc_kr")

    @SETTINGS
    @given(clean_text(extras=False))
    def check(text):
        handler = _Losses(mode == "replace")
        codecs.register_error(name, handler)
        damaged = text.encode("utf-8").decode(codec, name)
        kept = survivors(text, handler.lost)
        out = fix_text(damaged)
        assert is_subsequence("".join(c for c in kept if c.isascii()), out)
        foreign = sum(not c.isascii() for c in text)
        if scraps and _script(text) in ("CYRILLIC", "GREEK", "HEBREW", "ARABIC"):
            return
        if sum(not c.isascii() for c in kept) * 2 > foreign:
            assert is_subsequence(kept, out)

    check()


@SETTINGS
@given(clean_text(extras=False), st.sampled_from(["cp1252", "gbk"]))
def test_two_layers_come_back(text, inner):
    try:
        once = text.encode("utf-8").decode(inner)
        twice = once.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return  # the second reading lost bytes: not this property
    if twice != text and sum(not c.isascii() for c in text) >= 2:
        assert fix_text(twice) == text
