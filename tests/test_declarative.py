"""Declarative rule sets: the YAML format, the three rule types, scopes, errors, loading."""

import textwrap

import pytest

from audit.checks import registry
from audit.checks.declarative import (
    RuleSetError,
    load_default_rule_sets,
    load_rule_set,
)
from audit.cli import main
from audit.config import Config
from audit.engine import audit_document
from audit.model import Category, Document, Severity


def write(path, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def one_rule(tmp_path, body, name="set.yaml"):
    rules = load_rule_set(write(tmp_path / "style" / name, body))
    assert len(rules) == 1
    return rules[0]


def spans(rule, text, language="en"):
    """(matched original text, message) of each finding of ``rule`` on ``text``."""
    doc = Document(id="t", text=text, language=language)
    _, found = audit_document(doc, Config(), [rule])
    return [(text[f.start:f.end], f.message) for f in found]


HEADER = """\
    language: en
    rules:
      - code: Z101
        name: test-rule
        category: dropped-text
        level: warning
        message: "found '{match}'"
        examples: [{bad: "x", good: "y"}]
"""


def test_existence_with_tokens_raw_and_a_lexicon(tmp_path):
    rule = one_rule(tmp_path, HEADER + """\
        type: existence
        tokens: ["harbo(u)?r"]
        raw: ["\\\\$\\\\$+"]
        lexicons: ["determiners#possessive"]
        scope: paragraph
    """)
    found = spans(rule, "Title here\n\nThe harbor, $$ cost and their boats; harbours stay.")
    assert [s for s, _ in found] == ["harbor", "$$", "their"]
    assert found[0][1] == "found 'harbor'"
    assert rule.severity is Severity.WARNING and rule.category is Category.DROPPED_TEXT


def test_substitution_suggests_the_replacement_with_groups(tmp_path):
    rule = one_rule(tmp_path, HEADER + """\
        type: substitution
        ignorecase: true
        message: "'{match}' should be '{replacement}'"
        swap:
          "trade in (people|women)": trafficking in \\1
    """)
    doc = Document(id="t", text="Headline\n\nPolice fought the Trade in women for years.")
    _, found = audit_document(doc, Config(), [rule])
    assert [f.message for f in found] == ["'Trade in women' should be 'trafficking in women'"]
    assert found[0].suggestion == "Use 'trafficking in women'"


def test_sequence_gap_negate_skip_and_mark(tmp_path):
    rule = one_rule(tmp_path, HEADER + """\
        type: sequence
        tokens:
          - {words: [than], mark: true}
          - {gap: true, mark: true}
          - {lexicon: number-words, negate: true}
    """)
    text = ("Headline\n\nMore than  were saved. More than were expected. More than  two "
            "died. More than\u00a0\u00a0were hurt.")
    assert [s for s, _ in spans(rule, text)] == ["than  ", "than\u00a0\u00a0"]
    skipper = one_rule(tmp_path, HEADER + """\
        type: sequence
        tokens:
          - {words: [tied], skip: 2}
          - {words: [promises]}
    """, "skip.yaml")
    text = "Headline\n\nThey were tied with promises. Tied up by their own promises."
    assert [s for s, _ in spans(skipper, text)] == ["tied with promises"]


def test_scope_excludes_block_kinds_and_units_do_not_cross(tmp_path):
    rule = one_rule(tmp_path, HEADER + """\
        type: sequence
        scope: [sentence, ~heading]
        tokens: [{words: [storm]}, {words: [warning]}]
    """)
    text = "Storm warning for the coast\n\nA storm warning was issued. The storm\nwarning ended."
    found = [s for s, _ in spans(rule, text)]
    # not in the headline, and not across a line break inside a sentence
    assert found == ["storm warning"]
    line_rule = one_rule(tmp_path, HEADER.replace("Z101", "Z102") + """\
        type: existence
        scope: [line, heading]
        ignorecase: true
        tokens: [storm]
    """, "lines.yaml")
    assert [s for s, _ in spans(line_rule, text)] == ["Storm"]


def test_exceptions_skip_overlapping_matches(tmp_path):
    rule = one_rule(tmp_path, HEADER + """\
        type: existence
        ignorecase: true
        tokens: [trade]
        exceptions: ["arms trade"]
    """)
    assert [s for s, _ in spans(rule, "Title\n\nThe arms trade and the trade of goods.")] == [
        "trade"]


def test_a_rule_runs_only_on_documents_in_its_language(tmp_path):
    rule = one_rule(tmp_path, HEADER + "        type: existence\n        tokens: [port]\n")
    assert spans(rule, "Title\n\nThe port is shut.", language="en")
    assert spans(rule, "Titre\n\nLe port est fermé.", language="fr") == []


def test_lexicons_next_to_the_rule_set_come_first(tmp_path):
    write(tmp_path / "lexicons" / "en" / "ships.yaml", "entries: [ferry, trawler]\n")
    rule = one_rule(tmp_path, HEADER + """\
        type: existence
        lexicons: [ships]
    """)
    assert [s for s, _ in spans(rule, "Title\n\nA ferry and a trawler sank.")] == [
        "ferry", "trawler"]


def test_a_file_with_one_rule_at_the_top_is_a_rule_set_too(tmp_path):
    [rule] = load_rule_set(write(tmp_path / "Single.yml", """\
        code: Z201
        name: single-rule
        type: existence
        category: markup
        level: info
        message: "x"
        tokens: [zzz]
        examples: [{bad: "a zzz b", good: "a b"}]
    """))
    assert (rule.code, rule.severity, rule.origin.endswith("Single.yml")) == (
        "Z201", Severity.INFO, True)


@pytest.mark.parametrize("change, error", [
    ("del:code", "'code' is required"),
    ("level: fatal", "level must be one of"),
    ("category: typo", "unknown category 'typo'"),
    ("del:examples", "'examples' needs at least one"),
    ("scope: [sentences]", "unknown scope 'sentences'"),
    ("colour: red", "unknown key(s) colour"),
    ("tokens: ['(']", "bad regular expression"),
    ("lexicons: [nosuchlexicon]", "no lexicon 'en/nosuchlexicon'"),
    ("type: grammar", "type must be one of existence, substitution, sequence"),
])
def test_bad_rule_sets_are_refused_with_file_rule_and_reason(tmp_path, change, error):
    body = {"code": "Z301", "name": "bad-rule", "type": "existence", "category": "markup",
            "message": "m", "tokens": ["x"], "examples": [{"bad": "x"}]}
    if change.startswith("del:"):
        del body[change[4:]]
    else:
        key, _, value = change.partition(": ")
        import yaml
        body[key] = yaml.safe_load(value)
    import yaml
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"language": "en", "rules": [body]}))
    with pytest.raises(RuleSetError) as err:
        load_rule_set(path)
    assert str(path) in str(err.value) and error in str(err.value)
    assert "rule " + body.get("code", "?") in str(err.value)


def test_sequence_token_keys_are_checked(tmp_path):
    with pytest.raises(RuleSetError, match="unknown token key"):
        one_rule(tmp_path, HEADER + "        type: sequence\n        tokens: [{wrd: [a]}]\n")


def test_default_rule_sets_load_and_skip_lexicons():
    rules = {r.code: r for r in load_default_rule_sets()}
    assert {"D301", "D302", "D303", "D305", "D306", "D307", "X801", "X802"} <= set(rules)
    assert all("lexicons" not in r.origin for r in rules.values())
    assert rules["D301"].origin == "rules/core/dropped-number.yaml"
    assert "## What it does" in rules["D301"].doc and "## Use instead" in rules["D301"].doc


def test_rule_paths_in_the_configuration_add_rules_to_check_rules_and_explain(
        tmp_path, capsys, monkeypatch):
    write(tmp_path / "house" / "style.yaml", """\
        language: en
        rules:
          - code: H901
            name: house-banned-word
            type: existence
            category: dropped-text
            level: error
            message: "'{match}' is banned here"
            summary: A word the house style bans.
            tokens: [quagmire]
            examples: [{bad: "It was a quagmire.", good: "It was a mess."}]
    """)
    cfg = write(tmp_path / "source-audit.toml", 'rule-paths = ["house"]\n')
    write(tmp_path / "docs" / "a.txt", "Title\n\nThe talks were a quagmire, one said.\n")
    monkeypatch.setattr(registry, "_RULES", dict(registry.all_rules()))
    monkeypatch.setattr(registry, "_loaded_paths", set())
    assert main(["check", str(tmp_path / "docs"), "--config", str(cfg), "-q"]) == 1
    out = capsys.readouterr().out
    assert "H901" in out and "'quagmire' is banned here" in out
    assert main(["rules", "--config", str(cfg)]) == 0
    assert "H901  house-banned-word" in capsys.readouterr().out
    assert main(["explain", "H901", "--config", str(cfg)]) == 0
    shown = capsys.readouterr().out
    assert "bad:  It was a quagmire." in shown and "good: It was a mess." in shown


def test_an_installed_package_adds_rule_sets_through_an_entry_point(tmp_path, monkeypatch):
    from importlib.metadata import EntryPoint

    from audit.checks import declarative

    write(tmp_path / "pkg_rules" / "extra.yaml", """\
        code: Z777
        name: plugin-rule
        type: existence
        category: dropped-text
        message: "m"
        tokens: [zzz]
        examples: [{bad: "zzz", good: "z"}]
    """)
    write(tmp_path / "audit_plugin_demo.py",
          f"from pathlib import Path\n\ndef rules():\n    return Path({str(tmp_path)!r}) / "
          "'pkg_rules'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = EntryPoint("demo", "audit_plugin_demo:rules", declarative.ENTRY_POINT_GROUP)
    monkeypatch.setattr(declarative, "entry_points",
                        lambda group: [ep] if group == declarative.ENTRY_POINT_GROUP else [])
    codes = [r.code for r in load_default_rule_sets()]
    assert codes[-1] == "Z777" and "D301" in codes
