"""The fast paths of the candidate search find what the unit-by-unit reading finds.

- a stretch is read only where a piece can find evidence (``singlebyte.stretches``): every
  piece worth judging, in any run of a codec's characters, lies in such a stretch;
- a stretch or a run that is UTF-8 from end to end is read by the decoders as one piece:
  the piece the unit-by-unit reading finds, with the same evidence;
- a sequence cut short without a trace is evidence only where the lost table explains it;
- the gate opens wherever a codec's own gate does, and names the codec; a codec's gate
  read from bytes at one place opens where its pattern matches there;
- the shape test of a run's bytes, counted at C speed, agrees with reading them token by
  token.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit.normalize.encoding import fix_text, looks_damaged, plausibility
from audit.normalize.encoding.charmaps import (
    DOUBLE_BYTE,
    DOUBLE_GATE,
    HOLE_MARKS,
    SINGLE_BYTE,
    reference_gates,
)
from audit.normalize.encoding.doublebyte import (
    _double_byte_suspects,
    _run_pieces,
    known_suspects,
    scanned_run,
)
from audit.normalize.encoding.gates import (
    _mask,
    gate_places,
    looks_suspect,
    region_around,
    runs,
    spaced_codecs,
)
from audit.normalize.encoding.pairs import CODEC_SETS, PAIR_FOLLOWS, PAIR_LEADS, reference_pairs
from audit.normalize.encoding.pieces import unit_at
from audit.normalize.encoding.repair import _single_byte_suspects
from audit.normalize.encoding.singlebyte import (
    _stretch_pieces,
    evidence_at,
    gate_opens_at,
    may_hold_piece,
    scanned_stretch,
    single_byte_pieces,
    stretches,
)
from audit.normalize.encoding.utf8shape import could_be_utf8, looks_utf8

SINGLE_GATE, SUSPECT = reference_gates()
SINGLE_PAIRS = reference_pairs()
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
CODEC = {c.name: c for c in (*SINGLE_BYTE, *DOUBLE_BYTE)}
WORDS = ["привіт", "Він", "ніч", "café", "naïve", "Straße", "“quoted”", "it’s", "—", "…",
         "中文", "日本語", "한국어", "Ελληνικά", "😀", "½", "€5", "10\u00a0km"]


def _misread(codec: str) -> st.SearchStrategy[str]:
    """Words and punctuation sent through the wrong codec, bytes it rejects dropped or
    replaced, mixed with clean words."""
    damaged = st.builds(_safe(codec), st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
                        st.sampled_from(["strict", "ignore", "replace"]))
    clean = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
    return st.lists(st.one_of(damaged, clean), min_size=1, max_size=4).map(" ".join)


def _safe(codec: str):
    """UTF-8 read through ``codec`` (the words as they are where it cannot read them)."""
    def read(words: list[str], errors: str) -> str:
        try:
            return " ".join(words).encode("utf-8").decode(codec, errors)
        except UnicodeDecodeError:
            return " ".join(words)
    return read


def _text(codec: str) -> st.SearchStrategy[str]:
    """Damaged and clean text, and strings of the codec's own characters, spaces, '?' and
    lost-byte marks (what the search is most likely to get wrong)."""
    own = CODEC[codec]
    alphabet = sorted(set(own.chars(0x80, 0xFF)) | HOLE_MARKS | set("ab ?."))
    damaged = st.builds(_safe(codec), st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
                        st.sampled_from(["strict", "ignore", "replace"]))
    return st.one_of(damaged, st.text(alphabet=alphabet, max_size=24))


# (codec name, text) for the single-byte codecs
SINGLE_CASES = st.sampled_from([c.name for c in SINGLE_BYTE]).flatmap(
    lambda name: st.tuples(st.just(name), _text(name)))


def _key(pieces) -> set[tuple[int, int, str]]:
    return {(p.start, p.end, p.plain) for p in pieces}


def _named(text: str, codec) -> list[int]:
    """The gate places of ``text`` that name ``codec``, as the repair passes them."""
    return [pos for pos, codecs in gate_places(text)[0] if codec in codecs]


def _runs(codec) -> re.Pattern[str]:
    """The maximal runs of characters that may stand inside a stretch: ASCII, readings of
    leads and continuations, lost-byte marks."""
    chars = set(codec.chars(0x80, 0xBF) + codec.chars(0xC2, 0xF4)) | HOLE_MARKS
    return re.compile("[\x00-\x7f" + "".join(re.escape(c) for c in sorted(chars)) + "]+")


def _reference(text: str, codec) -> set[tuple[int, int, str]]:
    """Every maximal run of the codec's characters, read unit by unit, with and without a
    space standing for a no-break space (as ``single_byte_pieces`` reads a stretch)."""
    ok = _runs(codec)
    found: set[tuple[int, int, str]] = set()
    for m in ok.finditer(text):
        after = unit_at(text, m.end(), codec.unit_table) if m.end() < len(text) else None
        for a0 in (True, False):
            found |= {(p.start + m.start(), p.end + m.start(), p.plain)
                      for p in scanned_stretch(codec, m.group(), after, a0)
                      if a0 or not p.a0}
    return found


@SETTINGS
@given(SINGLE_CASES)
# evidence that starts with a lead before '?' or a space, at no gate place
@example(("cp1252", "aÃ? b"))
@example(("cp1251", "в ?"))
@example(("cp1251", "Р°éР°"))  # 'é' is no Windows-1251 reading: two stretches
def test_stretches_hold_every_piece_worth_judging(case):
    name, text = case
    codec = CODEC[name]
    found = _key(single_byte_pieces(text, 0, len(text), codec, _named(text, codec)))
    assert found == _reference(text, codec)
    # and each is a whole run: no piece crosses its edges, and none is read twice
    runs = {m.span() for m in _runs(codec).finditer(text)}
    assert set(stretches(text, codec, _named(text, codec))) <= runs


@SETTINGS
@given(SINGLE_CASES)
def test_a_stretch_read_by_the_decoders_is_the_stretch_read_unit_by_unit(case):
    name, text = case
    codec = CODEC[name]
    for start, end in stretches(text, codec, _named(text, codec)):
        fast = _stretch_pieces(codec, text[start:end], None, True)
        slow = scanned_stretch(codec, text[start:end], None, True)
        assert [(p.start, p.end, p.plain, p.nbytes, p.nseq) for p in fast] == \
            [(p.start, p.end, p.plain, p.nbytes, p.nseq) for p in slow]


@SETTINGS
@given(SINGLE_CASES, st.booleans())
@example(("cp1251", "компанії ре"), True)  # 'ії' after 'н' is a low surrogate alone: bad
@example(("cp1251", "\u043d\xa0\u0402\u043d\xb0\u0402 Він"), True)  # a pair: one character
@example(("cp1251", "депутат дає одніє"), True)  # 'ає ' with A0, blind leads around
@example(("cp1251", "Він і ніч?"), True)  # 'ч?': a '?' for a lost byte is evidence
def test_a_stretch_without_pieces_is_known_by_counting(case, a0):
    """``may_hold_piece`` answers whether the stretch read unit by unit has a piece."""
    name, text = case
    codec = CODEC[name]
    for m in _runs(codec).finditer(text):
        chunk = m.group()
        vals = [unit_at(chunk, i, codec.unit_table) for i in range(len(chunk))]
        assert may_hold_piece(vals, a0 and codec.nbsp_space, codec.silent_prefixes) == \
            bool(scanned_stretch(codec, chunk, None, a0)), chunk


@pytest.mark.parametrize(("raw", "expected"), [
    # (Windows-1251 bytes; "lead cut short" = a lead nothing completes, which proves nothing)
    # a high and a low surrogate make one character: with C2 B3, two whole sequences
    ("e041" "eda080" "edb080" "c2b3" "e041", True),
    # a low surrogate alone is a bad byte: two parts, each one whole sequence and a lead cut
    # short
    ("c2b3" "e041" "edb3bf" "c2b3" "e041", False),
    # E2 before a space read as A0, then 'A': nothing but the lead survives
    ("c2b3" "e22041", False),
    # one '?' per sequence: F0 takes the first, the second is ASCII and B3 after it a bad byte
    ("c2b3" "e041" "f03f3fb3" "c2b3" "e041", False),
    # C2 before '?' is a sequence with a lost byte, not a whole one
    ("c23f" "c2b3" "e041", False),
    # F0 B3 before a space read as A0: a continuation survived, and the space is evidence
    ("f0b32041" "c2b3", True),
    # one space read as A0 per sequence
    ("f02020b3" "c2b3" "e041", False),
    # E2 80 cut short: what the lost table explains (a quote whose last byte was dropped)
    ("e28041" "c2b3", True),
])
def test_what_a_stretch_holds_by_counting(raw, expected):
    codec = CODEC["cp1251"]
    chunk = bytes.fromhex(raw).decode("cp1251")
    vals = [unit_at(chunk, i, codec.unit_table) for i in range(len(chunk))]
    assert may_hold_piece(vals, True, codec.silent_prefixes) is expected
    assert bool(scanned_stretch(codec, chunk, None, True)) is expected


@SETTINGS
@given(st.sampled_from([c.name for c in DOUBLE_BYTE]).flatmap(
    lambda name: st.tuples(st.just(name), _misread(name), st.sampled_from(["", " ", "s", "."]))))
def test_a_run_read_by_the_decoders_is_the_run_read_unit_by_unit(case):
    name, text, nxt = case
    codec = CODEC[name]
    for run in re.findall(r"[^\x00-\x7f]+", text):
        fast = _run_pieces(codec, run, nxt)
        slow = scanned_run(codec, run, nxt)
        assert [(p.start, p.end, p.plain, p.nbytes, p.nseq) for p in fast] == \
            [(p.start, p.end, p.plain, p.nbytes, p.nseq) for p in slow]


def _long_misread(codec: str) -> st.SearchStrategy[str]:
    """A paragraph without spaces (Chinese, Japanese) sent through the wrong codec."""
    return st.builds(lambda ws, errors: _safe(codec)(["".join(ws)], errors),
                     st.lists(st.sampled_from(WORDS), min_size=3, max_size=12),
                     st.sampled_from(["strict", "ignore", "replace"]))


@SETTINGS
@given(st.one_of(st.sampled_from([c.name for c in DOUBLE_BYTE]).flatmap(_misread),
                 st.text(alphabet="中文日本語한국어갂똠¥‾€ｱ\ufffd😀𠀀", min_size=1, max_size=8),
                 st.sampled_from([c.name for c in DOUBLE_BYTE]).flatmap(_long_misread),
                 st.text(alphabet="中文日本語한국어갂똠¥‾€ｱ鈥檚锛歌", min_size=13, max_size=40)))
@example("中文日本語中文日本語中文日本語")
@example("锛歌中文日本語中文日本語中文日本語")
# 'ÁÉÍÓÚ' through cp949: syllables EUC-KR writes in eight bytes, so its failed bytes do
# not answer for cp949
@example("ÁÉÍÓÚÁÉÍÓÚÁÉÍÓÚ".encode().decode("cp949"))
# astral characters: GB18030 writes them in four bytes, the others not at all; after one,
# what the characters' bytes say is not kept
@example("😀鈥檚")
@example("鈥😀檚")
@example("𠀀")
# GB18030 writes U+C0000 as C9 32 92 36: a lead first, so its bytes may begin UTF-8 and '檚'
# after it (99 73) is not the first character GB18030 writes
@example("\U000c0000檚" + "鈥檚" * 7)
def test_the_suspects_of_a_run_are_the_codecs_whose_bytes_for_it_may_be_utf8(text):
    """``_double_byte_suspects`` answers as ``could_be_utf8`` of each codec's bytes for the
    run, although it takes a superset's answer from the codec it extends where that reads
    every character as two bytes ('갂' is eight bytes in EUC-KR, two in cp949; '¥' one byte
    in Shift-JIS), and fails most runs by what each character's bytes say, without
    encoding the run."""
    for run in re.findall(r"[^\x00-\x7f]+", text):
        assert _double_byte_suspects(run) == known_suspects(f"a{run}b", 1, len(run) + 1) == tuple(
            codec for codec in DOUBLE_BYTE if DOUBLE_GATE.search(run)
            and could_be_utf8(codec.encoder(run, "ignore")[0], "\ufffd" in run))


def test_a_double_byte_decoder_loses_bytes_only_between_characters():
    """'하' is C7 CF in EUC-KR: read as UTF-8, C7 would be a lead that lost its continuation
    inside the syllable, which no decoder does, so clean Korean makes no such piece ('하다'
    made '\ufffd\u03f4\ufffd' of two). '贝多芬' read as GBK with A4 dropped is 璐濆氳姮, bytes
    E8 B4 | 9D E5 | 9A E8 | 8A AC: the loss after E5 falls between two characters, and
    the piece stands."""
    euc_kr, gbk = CODEC["euc_kr"], CODEC["gbk"]
    for run in ("하", "하다", "한국어"):
        assert scanned_run(euc_kr, run, "") == ()
    damaged = "贝多芬".encode().decode("gbk", "ignore")
    assert damaged == "璐濆氳姮"
    assert [(p.start, p.end, p.plain, p.lost) for p in scanned_run(gbk, damaged, "")] == \
        [(0, 4, "贝\ufffd芬", 1)]


def test_a_superset_writes_the_two_byte_characters_of_its_base_alike():
    """What the shortcut above rests on, for every character of the Basic Multilingual
    Plane (where all two-byte characters of these codecs are)."""
    for codec in DOUBLE_BYTE:
        if codec.variant_of is None:
            continue
        base = CODEC[codec.variant_of]
        for cp in [*range(0x80, 0xD800), *range(0xE000, 0x10000)]:
            raw = base.encode_char(chr(cp))
            if raw is not None and len(raw) == 2:
                assert codec.encode_char(chr(cp)) == raw, (codec.name, hex(cp))


def test_a_sequence_cut_short_is_evidence_only_where_the_lost_table_explains_it():
    cp1251, cp1252 = CODEC["cp1251"], CODEC["cp1252"]
    # a left quote (E2 80 98) loses its 98 under Windows-1251; a closing one its 9D under
    # Windows-1252; U+FE0F (EF B8 8F) its 8F there too
    assert cp1251.silent_prefixes == {(0xE2, 0x80)}
    assert cp1252.silent_prefixes == {(0xE2, 0x80), (0xEF, 0xB8)}
    assert CODEC["mac_roman"].silent_prefixes == frozenset()  # it drops nothing
    # 'ні' is ED B3 cut short: no character of the lost table starts so
    assert _key(single_byte_pieces("ніч", 0, 3, cp1251, _named("ніч", cp1251))) == set()
    assert [p.plain for p in single_byte_pieces("вЂx", 0, 3, cp1251, _named("вЂx", cp1251))] \
        == ["\ufffd"]


def test_clean_ukrainian_stays_and_its_mojibake_comes_back():
    clean = "Він сказав: «Ні, ці ліки не для дітей», і пішов. Їхні новини — в ніч."
    assert fix_text(clean) == clean
    assert fix_text(clean.encode("utf-8").decode("cp1251")) == clean


@SETTINGS
@given(st.one_of(SINGLE_CASES.map(lambda case: case[1]),
                 st.text(alphabet=sorted(set("Ã©â€™Ð°Ñ Ä ĂĽ? \x85\x93abc.\ufffdвіăć«—")),
                         max_size=12)))
def test_the_gate_opens_wherever_a_codec_gate_does(text):
    """``gate_places`` finds every place where some codec's own gate opens (but for a lead
    before '?': a lossy sequence has a continuation first) and names the codec there, in
    order; ``SUSPECT`` is that gate or the double-byte one, in one search."""
    places = gate_places(text)[0]
    assert [pos for pos, _ in places] == sorted({pos for pos, _ in places})
    named = dict(places)
    for codec in SINGLE_BYTE:
        for pos in range(len(text)):
            if codec.gate.match(text, pos) and text[pos + 1:pos + 2] != "?":
                assert codec in named.get(pos, ()), (codec.name, pos)
    assert bool(SUSPECT.search(text)) == bool(SINGLE_GATE.search(text)
                                              or DOUBLE_GATE.search(text))
    if places:
        assert SUSPECT.search(text)


def test_the_pair_tables_say_what_single_pairs_says():
    """``gates`` reads ``SINGLE_PAIRS`` from per-character tables of codec masks: the same
    codecs for every pair of characters it names, and every lead before a space."""
    firsts = {key[0] for key in SINGLE_PAIRS}
    seconds = {key[1] for key in SINGLE_PAIRS if key[1] != " "}
    thirds = {key[2] for key in SINGLE_PAIRS if len(key) == 3} | {"a"}
    for a in firsts:
        for b in seconds:
            assert set(CODEC_SETS[_mask(PAIR_LEADS, ord(a)) & _mask(PAIR_FOLLOWS, ord(b))]) \
                == set(SINGLE_PAIRS.get(a + b, ())), (a, b)
        assert set(spaced_codecs(a + " ", 0)) == set(SINGLE_PAIRS.get(a + " ", ()))
        for c in thirds:
            assert set(spaced_codecs(a + " " + c, 0)) == set(
                SINGLE_PAIRS.get(a + " ", ()) + SINGLE_PAIRS.get(a + " " + c, ())), (a, c)


def gate_places_by_pattern(text: str) -> list:
    """``gates.gate_places`` as the patterns find the places (what the scan stands for)."""
    places = []
    for hit in SINGLE_GATE.finditer(text):
        pos = hit.start()
        if pos and SINGLE_PAIRS.get(text[pos - 1:pos + 1]):
            places.append((pos - 1, SINGLE_PAIRS[text[pos - 1:pos + 1]]))
        if "\x80" <= text[pos] <= "\x9f":
            places.append((pos, SINGLE_BYTE))
        elif text[pos + 1:pos + 2] == " " and (
                codecs := SINGLE_PAIRS.get(text[pos:pos + 2], ())
                + SINGLE_PAIRS.get(text[pos:pos + 3], ())):
            places.append((pos, codecs))
    return places


@SETTINGS
@given(st.one_of(SINGLE_CASES.map(lambda case: case[1]),
                 st.text(alphabet=sorted(set("Ã©â€™Ð°Ñ Ä ĂĽ? \x85\x93abc.\ufffd\x1aвіăć«—中ｱ한"
                                             "ﬁ\uf8ff😀")), max_size=12)))
@example("в «")  # a lead of three bytes before a space and a continuation
@example("в ")  # ... and before a space that ends the text
@example("Ã\x85 ")
def test_the_scan_finds_the_places_the_patterns_find(text):
    """``gate_places`` and ``looks_suspect`` look each character up in ``GATE_FLAGS``: they
    find what ``SINGLE_GATE``, ``DOUBLE_GATE`` and ``SUSPECT`` find; ``runs`` what a regex
    of non-ASCII runs finds."""
    places, cjk = gate_places(text)
    # (the codecs of a place in any order: they are asked of, not iterated)
    assert [(pos, set(codecs)) for pos, codecs in places] == \
        [(pos, set(codecs)) for pos, codecs in gate_places_by_pattern(text)]
    assert cjk == bool(DOUBLE_GATE.search(text))
    assert looks_suspect(text) == bool(SUSPECT.search(text))
    assert runs(text) == [m.span() for m in re.finditer(r"[^\x00-\x7f]+", text)]
    for pos, _ in places:
        assert region_around(text, pos) == _region_by_pattern(text, pos)


def _region_by_pattern(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start and (text[start - 1] >= "\x80" or (
            text[start - 1] in " ?" and start > 1 and text[start - 2] >= "\x80")):
        start -= 1 if text[start - 1] >= "\x80" else 2
    return re.compile(r"[^\x00-\x7f]+(?:[ ?][^\x00-\x7f]+)*[ ?]?").match(text, start).span()


@pytest.mark.parametrize("read, pattern", [(gate_opens_at, "gate"), (evidence_at, "evidence")])
@SETTINGS
@given(case=SINGLE_CASES)
def test_a_reading_from_bytes_at_one_place_agrees_with_its_pattern(read, pattern, case):
    """``gate_opens_at`` and ``evidence_at`` (read from bytes, one place at a time) agree with
    the patterns ``SingleByte.gate`` and ``SingleByte.evidence`` at every position, for every
    codec."""
    _, text = case
    for codec in SINGLE_BYTE:
        for pos in range(len(text)):
            assert read(text, pos, codec) == bool(getattr(codec, pattern).match(text, pos)), \
                (codec.name, pos)


@SETTINGS
@given(SINGLE_CASES)
@example(("cp1252", "ä€ â?€"))  # 'ä€' names Windows-1252, whose gate opens at 'â?€' only
def test_the_suspects_of_a_region_are_asked_at_its_places(case):
    """A codec's gate asked only at the places ``gate_places`` found (across the text where
    it holds a '?') opens where it opens anywhere in the text."""
    _, text = case
    places = gate_places(text)[0]
    named = {codec for _, codecs in places for codec in codecs}
    assert _single_byte_suspects(text, (0, len(text)), places) == [
        codec for codec in SINGLE_BYTE if codec in named and codec.gate.search(text)
        and not (codec.variant_of and not codec.own.search(text))]


def test_the_gate_passes_a_lead_before_a_space_and_a_letter():
    # 'ă', 'ć', 'в' read E3 or E2 in some codec: before a space, a lost A0 would need a
    # continuation after it
    for clean in ("casă mare", "robić coś", "в парке", "р с"):
        assert not SINGLE_GATE.search(clean) and not looks_damaged(clean), clean
    assert SINGLE_GATE.search("в «")  # E2 A0 AB: a place a Windows-1251 gate takes


_TOKENS = re.compile(rb"(?P<seq>[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                     rb"|[\xf0-\xf4][\x80-\xbf]{3})|(?P<lead>[\xc2-\xf4][\x80-\xbf]*)"
                     rb"|(?P<cont>[\x80-\xbf])|(?P<bad>[\xc0\xc1\xf5-\xff])")


# the last sequence of a run, cut short
_CUT_UTF8 = re.compile(rb"(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2})\Z")


def looks_utf8_token_by_token(data: bytes, marked: bool) -> bool:
    """The rule, read token by token (what ``looks_utf8`` counts faster)."""
    whole = cut = stray = 0
    for m in _TOKENS.finditer(data):
        kind = m.lastgroup
        if kind == "seq":
            whole += 1
        elif kind == "lead":
            cut += 1
        elif kind == "cont":
            stray += 1
        elif not marked:
            return False
    if marked:
        return whole + cut > 0
    tail = _CUT_UTF8.search(data)
    if tail and tail.group():
        cut -= 1
    return whole + (1 if tail and tail.group() else 0) > 0 and 3 * (cut + stray) <= whole + 2


# mostly the bytes UTF-8 is made of, some ASCII (a double-byte character's second byte)
_RUN_BYTES = st.lists(st.one_of(st.integers(0x80, 0xBF), st.integers(0xC0, 0xFF),
                                st.integers(0x40, 0x7E)), max_size=14).map(bytes)


@settings(SETTINGS, max_examples=2000)
@given(_RUN_BYTES, st.booleans())
def test_the_shape_of_a_run_counted_at_c_speed_is_the_token_by_token_reading(data, marked):
    assert looks_utf8(data, marked) == looks_utf8_token_by_token(data, marked)


def test_the_shape_of_real_runs_is_the_token_by_token_reading():
    """Runs of clean CJK text and of their mojibake, under every double-byte codec."""
    texts = ["中文的文本和一些词", "日本語のテキストです", "한국어 텍스트입니다",
             "France’s — “quoted”", "naïve café", "привіт"]
    seen = 0
    for codec in DOUBLE_BYTE:
        for text in texts:
            for run in (text, text.encode("utf-8").decode(codec.name, "ignore"),
                        text.encode("utf-8").decode(codec.name, "replace")):
                data = run.encode(codec.name, "ignore")
                for marked in (False, True):
                    assert looks_utf8(data, marked) == looks_utf8_token_by_token(data, marked)
                seen += looks_utf8(data, False)
    assert seen  # some runs do look like UTF-8


def test_a_letter_script_is_what_info_says_for_every_character_of_the_bmp():
    """``plausibility.scripts`` reads scripts from tables made with ``letter_script``, which
    does not price the character: it must agree with ``info``."""
    for cp in range(0x10000):
        ch = chr(cp)
        script, kind, _, _ = plausibility.info(ch)
        assert plausibility.letter_script(ch) == (
            script if kind == plausibility.LETTER else "\x00"), hex(cp)


@SETTINGS
@given(st.text(max_size=40)
       | st.text(alphabet="가각한국어中文日本語ｱπµªſ😀𝐀\ufdd0\ufffda1 ", max_size=40))
def test_the_scripts_of_a_text_are_those_of_its_letters(text):
    assert plausibility.scripts(text) == frozenset(
        plausibility.info(ch)[0] for ch in text
        if plausibility.info(ch)[1] == plausibility.LETTER)
    # and what is known of each character, looked up by code point
    assert [plausibility.info_at(text, i) for i in range(len(text))] == \
        [plausibility.info(ch) for ch in text]
