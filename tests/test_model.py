"""The shared vocabulary: immutable, typed, serialisable as the findings@1 contract says."""

import dataclasses

import pytest

from audit.model import Category, Document, Finding, LoadError, Related, Repair, Severity


def test_severity_orders_error_above_warning_above_info():
    assert Severity.ERROR.at_least(Severity.WARNING)
    assert Severity.WARNING.at_least(Severity.WARNING)
    assert not Severity.INFO.at_least(Severity.WARNING)
    assert sorted(Severity, key=lambda s: s.rank) == [Severity.INFO, Severity.WARNING,
                                                      Severity.ERROR]


def test_categories_are_exactly_the_fixed_set():
    assert {c.value for c in Category} == {
        "mojibake", "boilerplate", "markup", "dropped-number", "dropped-text",
        "garbled-name", "name-variant", "figure-conflict", "date-conflict",
        "mixed-language", "translation-artifact"}


def test_documents_and_findings_are_immutable():
    doc = Document(id="a", text="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "y"  # type: ignore[misc]
    finding = Finding("D301", "dropped-number", Category.DROPPED_NUMBER, Severity.ERROR,
                      "a", 0, 1, "x", "m")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 3  # type: ignore[misc]


def test_finding_serialises_with_every_contract_key():
    f = Finding("D301", "dropped-number", Category.DROPPED_NUMBER, Severity.ERROR, "doc",
                5, 7, "more than  were", "no number after 'more than'",
                related=(Related("other", 1, 4, "more than 40 were"),), suggestion="40")
    d = f.to_dict()
    assert list(d) == ["rule", "name", "category", "severity", "document", "start", "end",
                       "excerpt", "message", "related", "suggestion"]
    assert d["category"] == "dropped-number" and d["severity"] == "error"
    assert d["related"] == [{"document": "other", "start": 1, "end": 4,
                             "excerpt": "more than 40 were"}]


def test_repair_serialises_meta_only_when_present():
    plain = Repair("encoding", 0, 3, "â€™", "’", "cp1252 mojibake").to_dict()
    assert "meta" not in plain and plain["confidence"] == 1.0
    rich = Repair("encoding", 0, 2, "鈥", "—", "lossy", 0.6, {"codec": "gbk"}).to_dict()
    assert rich["meta"] == {"codec": "gbk"} and rich["confidence"] == 0.6


def test_load_error_names_file_row_and_byte():
    assert str(LoadError("a.jsonl", "malformed JSON", row=3)) == "a.jsonl: row 3: malformed JSON"
    assert str(LoadError("b.txt", "invalid UTF-8", offset=17)) == "b.txt: byte 17: invalid UTF-8"
