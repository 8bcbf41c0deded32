"""The boilerplate normalizer: furniture goes, the article's sentences stay word for word."""

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.normalize import boilerplate, normalize
from audit.normalize.boilerplate import common, glued, lines


@pytest.mark.parametrize("module", [common, glued, lines])
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def strip(text):
    """The text after the whole chain (so blank lines are folded), and what the
    boilerplate step removed: (kind, glued, removed text)."""
    _, repairs = boilerplate.remove_boilerplate(text)
    return normalize(text).text, [(r.meta["kind"], r.meta["glued"], text[r.start:r.end])
                                  for r in repairs]


def test_a_poll_glued_to_a_sentence_end_is_cut_and_the_sentence_kept():
    out, found = strip('Rescuers saved 40 people, officials said.PollShould the port '
                       'close?YesNoMaybe\nThe search goes on.\n')
    assert out == "Rescuers saved 40 people, officials said.\nThe search goes on.\n"
    assert found == [("poll", True, "PollShould the port close?YesNoMaybe")]


def test_a_widget_between_two_sentences_leaves_them_apart_and_intact():
    out, found = strip("Owners were uninsured.Sponsored LinksPromoted by TaboolaYou May "
                       "LikeCheap Flights NowFlyDealsClick HereUndoThe prefect spoke.\n")
    assert out == "Owners were uninsured. The prefect spoke.\n"
    assert found[0][:2] == ("advert", True)


def test_a_widget_opening_a_line_takes_its_indentation_with_it():
    out, _ = strip("First line.\n\u00a0\u00a0 by TaboolaYou May LikeAd TitleAdvertiserLearn "
                   "MoreUndoWhile most cases were local, some were not.\n")
    assert out == "First line.\nWhile most cases were local, some were not.\n"


@pytest.mark.parametrize("prose", [
    "Outbrain, an advertising firm, said on Monday it would cut jobs.\n",
    "Learn More about the scheme at the town hall, the mayor said.\n",
    "The poll showed 40% support; the question was whether to close the port.\n",
    "Related to the fire, police opened a second inquiry on Monday.\n",
    "Copyright law changed in 2021, the minister noted.\n",
    "By Tuesday, officials had counted 40 victims.\n",
    "Source of the fire is still unknown, officials said on Friday.\n",
    "The port authority sends safety alerts to fishermen by text message.\n",
])
def test_article_sentences_that_mention_furniture_words_are_kept(prose):
    assert strip("Headline\n\n" + prose) == ("Headline\n\n" + prose, [])


def test_a_related_block_takes_the_headlines_listed_under_it_and_stops_at_prose():
    text = ("The pier reopened.\n\nRelated news\nHeatwave warning extended\n"
            "Ferry fares rise again\n11 July 2024\n\nThe mayor thanked the crews for their "
            "work through the night.\n")
    out, found = strip(text)
    assert out == ("The pier reopened.\n\nThe mayor thanked the crews for their work through "
                   "the night.\n")
    assert [k for k, _, _ in found] == ["related"]


def test_a_teaser_glued_on_both_sides_ends_where_the_next_sentence_is_glued_on():
    out, found = strip("Divers reached the hull. Read alsoFerry checks tightened after "
                       "accidentsThe ministry suspended crossings.\n")
    assert out == "Divers reached the hull. The ministry suspended crossings.\n"
    assert found == [("related", True, "Read alsoFerry checks tightened after accidents")]


def test_a_known_camel_case_word_is_not_taken_for_a_glue_point():
    text = "Read alsoWhy YouTube removed the videosThe company said."
    cut = boilerplate.glue_point(text, len("Read also"))
    assert text[cut:] == "The company said."


def test_a_related_header_glued_to_a_title_on_its_own_line():
    out, found = strip("It grew.\n\nRead alsoCounting the cost\n\nIt fell.\n")
    assert out == "It grew.\n\nIt fell.\n"
    assert found == [("related", True, "Read alsoCounting the cost\n")]


def test_credit_lines_go_but_a_headline_that_looks_like_a_byline_stays():
    text = ("By The Numbers\n\nBy Jane Doe-Smith\n\nPhoto: Harbour Times/J. Roe\n\n"
            "Crews worked all night. (Photo credit: J. Roe/Harbour Times)\n\n"
            "Source: Harbour Authority\n\nIt ended. (Reporting by Ann Lee; Editing by Bo "
            "Chan)\n")
    out, found = strip(text)
    assert out == "By The Numbers\n\nCrews worked all night.\n\nIt ended.\n"
    assert {k for k, _, _ in found} == {"credit"}


def test_copyright_teaser_share_and_advert_lines():
    text = ("It rained.\nADVERTISEMENT\nSubscribe to read the full story.\nShare this "
            "article\nIt stopped.\n\n© 2025 Harbour Times. All rights reserved. No copying.")
    out, found = strip(text)
    assert out == "It rained.\nIt stopped.\n"
    assert [k for k, _, _ in found] == ["advert", "subscriber", "share", "copyright"]


def test_an_agency_line_among_the_closing_furniture_goes_with_it():
    text = "It ended.\n\nHarbour Wire\n\n© 2025 Harbour Wire, all rights reserved.\n"
    assert strip(text)[0] == "It ended.\n"
    # without furniture after it, a short closing line is the article's
    assert strip("It ended.\n\nHarbour Wire\n")[1] == []


@pytest.mark.parametrize("line, kind", [
    ("Lire aussi : Les ferries sous surveillance", "related"),
    ("Baca juga: Kapal tenggelam di selat", "related"),
    ("Lesen Sie auch: Fähre gesunken", "related"),
    ("Publicidad", "advert"),
    ("Anzeige", "advert"),
    ("Tous droits réservés © 2025 Le Port", "copyright"),
    ("Crédit photo : J. Roe", "credit"),
])
def test_furniture_in_other_languages(line, kind):
    text = f"It rained.\n{line}\nIt stopped.\n"
    out, found = strip(text)
    assert out == "It rained.\nIt stopped.\n"
    assert found[0][0] == kind


def test_repairs_are_located_in_the_original_through_the_whole_chain():
    text = "Intro [link](#) here.\n\nSEE ALSO\n\n[Other story](#)\n\n[Second](#)\n"
    out = normalize(text)
    assert out.text == "Intro link here.\n"
    [block] = [r for r in out.repairs if r.normalizer == "boilerplate"]
    assert text[block.start:block.end].strip().startswith("SEE ALSO")
    assert text[block.start:block.end].rstrip().endswith("[Second](#)")


# --- property: gluing furniture onto sentences never changes the sentences ---------------

WORDS = ["the", "harbour", "council", "voted", "ferry", "crews", "worked", "late", "storm",
         "police", "said", "on", "monday", "people", "were", "rescued", "near", "pier",
         "boats", "returned", "tuesday", "officials", "reported", "damage", "river"]


def sentence():
    return st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
        lambda ws: " ".join(ws).capitalize() + ".")


FURNITURE = [
    "PollShould the ferry run at night?YesNo",
    "Sponsored LinksYou May LikeBest Boats EverBoatCoLearn MoreUndo",
    "by TaboolaPromoted LinksHarbour Deals TodayShop NowUndo",
    "Read alsoFerry fares rise after the stormy winter",
]


@settings(max_examples=60, deadline=None)
@given(before=sentence(), after=sentence(), furniture=st.sampled_from(FURNITURE),
       newline=st.booleans())
def test_glued_furniture_is_cut_and_both_sentences_survive(before, after, furniture,
                                                           newline):
    if furniture.startswith("Read"):
        text, expected = f"{before} {furniture}{after}\n", f"{before} {after}\n"
    elif newline:
        text, expected = f"{before}{furniture}\n{after}\n", f"{before}\n{after}\n"
    else:
        text, expected = f"{before}{furniture}{after}\n", f"{before} {after}\n"
    assert normalize(text).text == expected
