"""The encoding repair as the rest of the pipeline sees it: the public API, the Repairs it
records, the normalizer chain, its options, the residue it leaves, the E101/E102 rules and
the fixture corpora. Damaged strings are made here by misreading clean text written for the
test, so each expectation is the text we started from."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import audit
from audit.checks import registry
from audit.config import Config
from audit.engine import audit_document
from audit.model import Document
from audit.normalize import apply_repairs, default_chain, normalize, replay
from audit.normalize.encoding import find_residue, fix_and_explain, fix_text, fixes, looks_damaged

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def misread(text: str, codec: str, errors: str = "strict") -> str:
    return text.encode("utf-8").decode(codec, errors)


# -- the public API --------------------------------------------------------------------

def test_audit_fix_text_is_the_encoding_repair():
    damaged = misread("The mayor’s “final” offer — 5 €", "latin-1")
    assert audit.fix_text(damaged) == "The mayor’s “final” offer — 5 €"
    assert audit.fix_text("France\u9225\u6a9a economy") == "France’s economy"


@pytest.mark.parametrize("clean", [
    "", "plain ASCII, nothing to do", "Le café de l’Hôtel-Dieu rouvre à 8 h.",
    "Çok güzel bir gün, İstanbul’da.", "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Съешь же ещё этих мягких французских булок.", "我们在北京见面，然后去上海。",
    "東京で会いましょう。", "서울에서 만나요.", "x² + y² ≤ r², ∑ 1/n² = π²/6", "👍🏽 🇫🇷 ❤️",
])
def test_clean_text_is_returned_as_is(clean):
    assert fix_and_explain(clean) == (clean, [])


def test_the_fast_path_says_no_for_clean_english_with_typography():
    assert not looks_damaged("It’s “quoted” — and done… 5 €, 3 °C")
    assert looks_damaged(misread("It’s done", "cp1252"))


# -- the Repairs -----------------------------------------------------------------------

def test_one_repair_per_damaged_span_with_codec_path_and_replay():
    original = "Jérôme said ‘yes’ to the café"
    damaged = misread(original, "cp1252")
    text, repairs = fix_and_explain(damaged)
    assert text == original
    assert [r.after for r in repairs] == ["é", "ô", "‘", "’", "é"]
    assert all(damaged[r.start:r.end] == r.before for r in repairs)
    assert all(r.meta["codecs"] == ["windows-1252"] and r.confidence == 1 for r in repairs)
    assert apply_repairs(damaged, repairs) == text


def test_two_layers_are_one_repair_with_the_path_in_order():
    damaged = misread(misread("São Paulo", "cp1252"), "cp1252")
    text, repairs = fix_and_explain(damaged)
    assert text == "São Paulo"
    (r,) = repairs
    assert r.meta["codecs"] == ["windows-1252", "windows-1252"] and r.meta["layers"] == 2


def test_gbk_under_windows_1252():
    damaged = misread(misread("It’s late", "gbk"), "cp1252")
    text, repairs = fix_and_explain(damaged)
    assert text == "It’s late"
    assert repairs[0].meta["codecs"] == ["gbk", "windows-1252"]


def test_a_lost_byte_is_inferred_and_says_so():
    # the closing quote's last byte is dropped by GBK before the space
    damaged = misread("“We waited,” she said.", "gbk", "ignore")
    text, repairs = fix_and_explain(damaged)
    assert text == "“We waited,” she said."
    lossy = [r for r in repairs if r.meta.get("inferred")]
    assert len(lossy) == 1 and 0.5 <= lossy[0].confidence < 1
    assert lossy[0].meta["inferred"][0]["char"] == "”"
    assert "inferred" in lossy[0].reason


def test_windows_1252_dropping_its_undefined_byte():
    # 0x9D (the last byte of ”) is undefined in Windows-1252: 'ignore' drops it
    damaged = misread("“Stop,” he said.", "cp1252", "ignore")
    assert damaged.endswith("â€ he said.")
    assert fix_text(damaged) == "“Stop,” he said."


def test_an_unguessable_lost_byte_stays_marked_and_is_residue():
    damaged = misread("Sloven\u010dina", "cp1252", "replace")  # č is C4 8D; 8D undefined
    text, _ = fix_and_explain(damaged)
    assert "\ufffd" in text and "Ä" not in text
    assert [r.reason for r in find_residue(text)] == ["lost bytes that could not be inferred"]


def test_a_space_that_was_a_no_break_space():
    assert fix_text("voil\u00c3 le travail") == "voilà le travail"
    assert fix_text("com especial aten\u00c3\u00a7\u00c3\u00a3o \u00c3 s crian\u00c3\u00a7as") \
        == "com especial atenção às crianças"


def test_a_space_after_arabic_d9_is_a_no_break_space_only_among_digits():
    # '٢٠١٩' through Windows-1250 with its no-break spaces turned into spaces: the zero
    # (D9 A0) comes back between digits
    year = misread("عام ٢٠١٩", "cp1250").replace("\xa0", " ")
    assert fix_text(year) == "عام ٢٠١٩"
    # 'و' (D9 88) lost its 88, which Windows-1250 leaves undefined: the space after 'Ů' is
    # the space between the words, not the zero's A0 ('تا٠مقتبس')
    words = "تاو مقتبس"
    out = fix_text(misread(words, "cp1250", "ignore"))
    assert "٠" not in out
    assert out == "تا� مقتبس"


def test_c1_controls_are_windows_1252():
    assert fix_text("\x93quoted\x94 and kept \x81") == "“quoted” and kept \x81"


def test_only_a_damaged_paragraph_is_touched():
    clean = "Maëlle Guérin ouvre le café à 7 h."
    damaged = clean + "\n\n" + misread("Zürich’s “plan” — approved", "cp1251")
    text, repairs = fix_and_explain(damaged)
    assert text == clean + "\n\nZürich’s “plan” — approved"
    assert all(r.start > len(clean) for r in repairs)


# -- options: the auditor does not restyle unless asked --------------------------------

def test_quotes_ligatures_and_widths_are_kept_by_default_and_restyled_on_request():
    text = "“Signiﬁcant”，he said"
    assert fix_text(text) == text
    out, repairs = fix_and_explain(text, uncurl_quotes=True, fix_ligatures=True,
                                   fix_width=True)
    assert out == '"Significant",he said'
    assert {s for r in repairs for s in r.meta.get("styles", [])} == {
        "uncurl_quotes", "fix_ligatures", "fix_width"}


def test_the_named_fixes_return_edits_in_their_input():
    edits = fixes.fix_c1_controls("a\x85b")
    assert [(e.start, e.end, e.after) for e in edits] == [(1, 2, "…")]
    edits = fixes.undo_misreading(misread("né", "cp1252"), set())
    assert [(e.start, e.end, e.after) for e in edits] == [(1, 3, "é")]


# -- in the chain --------------------------------------------------------------------

def test_registered_first_in_the_default_chain_and_replayable():
    chain = default_chain()
    assert chain[0].name == "encoding" and chain[0].order == 100
    damaged = misread("Señor Núñez’s ‘año’", "cp1252")
    out = normalize(damaged)
    assert out.text.startswith("Señor Núñez’s ‘año’")
    assert replay(damaged, out.trail) == out.text
    enc = [r for r in out.repairs if r.normalizer == "encoding"]
    assert all(damaged[r.start:r.end] == r.before for r in enc)


# -- the rules -----------------------------------------------------------------------

def _findings(text: str, *codes: str):
    rules = [registry.get(c) for c in codes]
    _, found = audit_document(Document("doc", text), Config(), rules)
    return found


def test_e101_points_at_the_original_and_names_the_codec():
    damaged = "Byline: " + misread("Zoë Kowalczyk", "cp1250")
    (f,) = _findings(damaged, "E101", "E102")
    assert f.rule == "E101" and f.category.value == "mojibake"
    assert damaged[f.start:f.end] == misread("ë", "cp1250")
    assert "windows-1250" in f.message and "ë" in f.message


def test_e102_reports_what_could_not_be_repaired():
    found = _findings("The survey of Sloven\ufffdina speakers", "E101", "E102")
    assert [f.rule for f in found] == ["E102"] and found[0].severity.value == "error"


def test_a_garble_is_left_alone_and_reported():
    # two layers of Windows-1252, then lower-cased: the layers no longer decode
    garble = misread(misread("The café’s menu", "cp1252"), "cp1252").lower()
    assert fix_text(garble) == garble
    (res,) = find_residue(garble)
    assert res.reason.startswith("reads as UTF-8") and "€™" in res.reading
    assert garble[res.start:res.end].startswith("ã")


def test_two_bytes_of_doubtful_mojibake_are_left_alone_and_not_reported():
    text = "Bremer/Mccoy – Dr\u00c3\u00a5ber"  # Latin-1 or Mac Roman: ftfy leaves it too
    assert fix_text(text) == text
    assert find_residue(text) == []


def test_e103_reports_control_characters_apart_from_mojibake():
    found = _findings("Il a dit\x85 oui, puis caf\u00c3\u00a9.", "E101", "E103")
    assert sorted((f.rule, f.severity.value) for f in found) == [
        ("E101", "warning"), ("E103", "info")]


# -- corpora -------------------------------------------------------------------------

def _fixture_expectations():
    out = []
    for path in sorted(FIXTURES.glob("*/expected.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data.get("expected", []):
            if e["category"] == "mojibake":
                out.append((e["document"], e["evidence"]))
    return out


@pytest.fixture(scope="module")
def fixture_docs():
    if not FIXTURES.is_dir():
        pytest.skip("fixtures/ not present")
    return {d.id: d for d in audit.load([FIXTURES]).documents}


@pytest.mark.parametrize("doc_id, evidence", _fixture_expectations())
def test_every_mojibake_in_the_fixtures_is_repaired_there(fixture_docs, doc_id, evidence):
    text = fixture_docs[doc_id].text
    start = text.index(evidence)
    _, repairs = fix_and_explain(text)
    assert any(r.start < start + len(evidence) and r.end > start for r in repairs)


def test_clean_fixture_documents_are_untouched(fixture_docs):
    clean = []
    for path in sorted(FIXTURES.glob("*/expected.yaml")):
        clean += yaml.safe_load(path.read_text(encoding="utf-8")).get("clean", [])
    assert clean
    for doc_id in clean:
        assert fix_and_explain(fixture_docs[doc_id].text)[1] == [], doc_id


@pytest.mark.parametrize("name", ["001_ce5c1da7e30e7d5f.txt", "002_583359ac1f43b5e4.txt",
                                  "003_2b86670609bba438.txt", "004_3673f4365a0b1b24.txt"])
def test_the_seeds_without_encoding_damage_are_untouched(name):
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed not found at {path}")
    text = path.read_text(encoding="utf-8")
    assert fix_and_explain(text) == (text, [])
    assert find_residue(text) == []
