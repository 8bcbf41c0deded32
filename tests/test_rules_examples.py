"""Every document rule's own examples, taken from the registry: the bad one must produce a
finding of that rule, the good one must not. The same examples are what ``source-audit
explain`` prints, so documentation and behaviour cannot drift apart. Python and YAML rules
alike; story rules need several documents and are tested by the cross-source suite.

Examples run through the whole document stage (every normalizer, then the rule), with the
corpus language set to English as a configuration would.
"""

import pytest

from audit.checks import registry
from audit.config import Config
from audit.engine import audit_document
from audit.model import Document

CONFIG = Config(language="en")
RULES = [r for r in registry.all_rules().values() if r.scope == "document"]
CASES = [(r.code, i) for r in RULES for i in range(len(r.examples))]


def codes(text: str, rule) -> list[str]:
    _, found = audit_document(Document(id="example", text=text), CONFIG, [rule])
    return [f.rule for f in found]


@pytest.mark.parametrize("code", [r.code for r in RULES])
def test_every_document_rule_has_documentation_and_a_bad_and_good_example(code):
    rule = registry.get(code)
    assert rule.examples, f"{code} has no example"
    assert any(e.good is not None for e in rule.examples), f"{code} has no good example"
    assert "## What it does" in rule.doc and "## Why is this bad?" in rule.doc, code


@pytest.mark.parametrize("code, index", CASES)
def test_the_bad_example_is_found(code, index):
    rule = registry.get(code)
    assert code in codes(rule.examples[index].bad, rule)


@pytest.mark.parametrize("code, index", [(c, i) for c, i in CASES
                                         if registry.get(c).examples[i].good is not None])
def test_the_good_example_is_clean(code, index):
    rule = registry.get(code)
    assert code not in codes(rule.examples[index].good, rule)
