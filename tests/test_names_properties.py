"""Garbled names, as a property (hypothesis): a person's given name swapped for a frequent
common word in one source is always flagged; unusual real names never are."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from audit.checks import registry
from audit.checks.cross import example_context
from audit.extract.names import lexicons
from audit.extract.text import zipf

TEMPLATE = ("Most cases are still in the region, {name}, Assistant Director at the agency, "
            "said in a statement on the new fraud centres.")
OTHER = "The agency said the operation had led to hundreds of arrests in the region."


@lru_cache(maxsize=1)
def common_words() -> list[str]:
    """Frequent English content words (wordfreq's list), not grammar, speech or role words:
    the kind a translation engine puts in place of a name."""
    from wordfreq import top_n_list

    lex = lexicons()
    skip = lex["function"] | lex["speech"] | lex["titles"] | lex["roles"] | lex["preps"]
    return [w for w in top_n_list("en", 3000)
            if w.isalpha() and w.islower() and len(w) > 3 and w not in skip
            and not w.endswith("ed") and zipf(w) >= 3.5][:800]


given_names = st.sampled_from(["Rosemary", "Dolores", "Melati", "Pierre", "Jürgen",
                               "Chadchart", "Yantoultra", "Wiraguna", "Isaac"])
surnames = st.sampled_from(["Nalubega", "Achával", "Harjono", "Castaing", "Sittipun",
                            "Ngui", "Ndoen", "Espinosa", "Wongsodiharjo"])


def garbled(*texts: str) -> list:
    return list(registry.get("N401").check(example_context("\n---\n".join(texts))))


@settings(max_examples=50, deadline=None)
@given(given_names, surnames, st.sampled_from(common_words()))
def test_a_given_name_swapped_for_a_common_word_is_flagged(given, surname, word):
    assume(word != given.lower())
    right = TEMPLATE.format(name=f"{given} {surname}")
    wrong = TEMPLATE.format(name=f"{word} {surname}")
    hits = garbled(right, OTHER, wrong)
    assert [h.document for h in hits] == ["source-3"], word
    assert hits[0].suggestion == f"{given} {surname}"
    assert hits[0].related, "the other sources' spelling is cited"


@settings(max_examples=25, deadline=None)
@given(given_names, surnames)
def test_unusual_real_names_are_left_alone(given, surname):
    text = TEMPLATE.format(name=f"{given} {surname}")
    assert garbled(text, OTHER, text) == []
    # a source may also name the person by the surname alone
    assert garbled(text, f"{surname} said the agency was worried.", text) == []
