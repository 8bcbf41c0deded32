"""The markup normalizer: remnants of flattened HTML and Markdown, and nothing else."""

import doctest

import pytest

from audit.normalize import markup, normalize, replay


def test_docstring_examples_hold():
    assert doctest.testmod(markup).failed == 0


def fix(text):
    out, repairs = markup.repair_markup(text)
    return out, {r.meta["kind"] for r in repairs}


def test_a_link_keeps_its_text_and_the_repair_points_at_the_markup():
    text = "The raid was part of [Operation Harbour](#), police said."
    out, kinds = fix(text)
    assert out == "The raid was part of Operation Harbour, police said."
    assert kinds == {"link"}
    _, repairs = markup.repair_markup(text)
    assert text[repairs[0].start:repairs[0].end] == "[Operation Harbour](#)"


def test_images_go_and_link_targets_with_parentheses_are_handled():
    out, _ = fix("See ![map](/m.png) the [wiki page](https://x.example/a_(b)) now")
    assert out == "See the wiki page now"  # no new gap: that is what a dropped number leaves


@pytest.mark.parametrize("prose", [
    "If a < b and c > d, the order holds.",
    "Scores: <10 for most, >90 for few.",
    "He wrote <notatag> in the margin.",
    "R&D spending and AT&T were up; &unknownthing; too.",
    "Brackets [like these] and (these) stay.",
])
def test_prose_that_looks_like_markup_is_left_alone(prose):
    assert fix(prose) == (prose, set())


def test_html_tags_comments_and_entities():
    out, kinds = fix("<p>Police said <b>12</b> boats&nbsp;were seized &amp; burned.</p>"
                     "<!-- tracking -->")
    assert out == "\nPolice said 12 boats were seized & burned.\n"
    assert kinds == {"html-tag", "html-entity", "html-comment"}


def test_a_tag_with_attributes_is_markup():
    out, _ = fix('Read the <a href="https://x.example" target="_blank">report</a> here.')
    assert out == "Read the report here."


def test_table_rows_become_tab_separated_cells():
    out, kinds = fix("Arrests:\n\n| Region | Arrests |\n| --- | ---: |\n| Coast | 12 |\n")
    assert out == "Arrests:\n\nRegion\tArrests\n\nCoast\t12\n"
    assert kinds == {"table"}


def test_a_capitals_caption_is_removed_but_not_a_headline_or_a_short_heading():
    text = ("HARBOUR FIRE DESTROYS THE OLD PIER AT DAWN\n\nThe fire started at four.\n\n"
            "SEE ALSO\n\nMAP: WHERE THE FIRE SPREAD ALONG THE HARBOUR FRONT\n\nIt was out by"
            " noon.\n")
    out, kinds = fix(text)
    assert "MAP: WHERE" not in out
    assert out.startswith("HARBOUR FIRE DESTROYS")  # the first line is the headline
    assert "SEE ALSO" in out                         # two words: a heading, not a caption
    assert kinds == {"caption"}


def test_a_dateline_in_capitals_opening_a_paragraph_is_not_a_caption():
    text = ("Ferry sinks\n\nTANJUNG LIRAP, Indonesia, Feb 12 (Wire) - A ferry sank on "
            "Tuesday night, officials said.\n")
    assert fix(text)[1] == set()


def test_markup_runs_in_the_default_chain_and_replays():
    text = "A [link](#) and &amp; an <i>italic</i> word.\n"
    out = normalize(text)
    assert out.text == "A link and & an italic word.\n"
    assert replay(text, out.trail) == out.text
    assert {r.normalizer for r in out.repairs} == {"markup"}


def test_removing_markup_between_two_words_leaves_no_gap_that_looks_like_a_dropped_number():
    out = normalize("Police rescued <span class=\"x\"></span> people from the pier.\n")
    assert out.text == "Police rescued people from the pier.\n"
