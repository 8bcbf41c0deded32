"""Properties of figure conflicts, through the whole cross-source stage (hypothesis).

Two or three sources say the same sentence with a different figure; the claims matrix must
align them, and F501 must fire exactly when their intervals cannot both hold.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.checks import registry
from audit.checks.cross import example_context, figures

SENTENCE = "Officials said the storm destroyed {figure} homes in the coastal district."


def story(*figures_: str):
    return example_context("\n---\n".join(SENTENCE.format(figure=f) for f in figures_))


def conflicts(*figures_: str) -> list:
    return list(registry.get("F501").check(story(*figures_)))


def aligned(*figures_: str) -> bool:
    ctx = story(*figures_)
    return any(len(c.members) == len(figures_) for c in figures.claims(ctx))


def fmt(n: int) -> str:
    return f"{n:,}"


# a true value, written with its digits
values = st.integers(min_value=120, max_value=900_000)


@settings(max_examples=60, deadline=None)
@given(values, st.sampled_from(["more than", "over", "at least", "nearly", "almost",
                                "about", "around", "up to", "some"]))
def test_a_covering_qualifier_never_conflicts(value, qualifier):
    # round the true value the way the qualifier allows: down for a floor, up for a
    # ceiling, to the nearest for an approximation
    step = 10 ** (len(str(value)) - 2)
    down, up, near = value // step * step, -(-value // step) * step, round(value / step) * step
    stated = {"more than": down, "over": down, "at least": down, "nearly": up,
              "almost": up, "up to": up}.get(qualifier, near)
    if qualifier in ("more than", "over") and stated == value:
        stated -= step  # "more than 1,500" for 1,500 itself would be false
    if qualifier in ("nearly", "almost") and stated == value:
        stated += step
    written = f"{qualifier} {fmt(stated)}"
    assert aligned(fmt(value), written)
    assert conflicts(fmt(value), written) == []


def rounding(n: int) -> float:
    """Half a unit of the last significant digit: what a writer's rounding allows."""
    place = 1
    while n % (place * 10) == 0:
        place *= 10
    return place / 2


@settings(max_examples=60, deadline=None)
@given(values, st.integers(min_value=1, max_value=400))
def test_a_change_beyond_rounding_always_conflicts(value, change):
    other = value + change
    hits = conflicts(fmt(value), fmt(other), fmt(value))
    if change > rounding(value) + rounding(other):
        assert [h.document for h in hits] == ["source-2"]  # the odd one out
    else:
        assert hits == []  # "300" may be 293 rounded


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=12, max_value=95))
def test_a_changed_approximation_conflicts(hundreds):
    # "about 1,800" against "about 8,100": 10 % either side cannot meet
    a, b = hundreds * 100, int(str(hundreds)[::-1]) * 100
    if b < a * 1.3 and a < b * 1.3:
        return  # too close to tell apart with "about"
    hits = conflicts(f"about {fmt(a)}", f"about {fmt(b)}", f"about {fmt(a)}")
    assert [h.document for h in hits] == ["source-2"]


def test_vague_orders_of_magnitude_conflict():
    hits = conflicts("tens of thousands of", "hundreds of thousands of",
                     "hundreds of thousands of")
    assert [h.document for h in hits] == ["source-1"]
    assert conflicts("thousands of", "tens of thousands of") == []  # a bare plural is open
