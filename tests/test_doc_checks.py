"""The document rules on texts written for these tests: what they find, where the finding
points, and the false alarms they must not raise (headlines, bylines, datelines, lists)."""

import pytest

from audit.checks import registry
from audit.config import Config
from audit.engine import audit_document
from audit.model import Document

DEFAULT = Config()


def run(text, *codes, language=None, config=DEFAULT):
    """(rule, original text of the span) for each finding of ``codes`` (all when none)."""
    rules = [r for r in registry.all_rules().values() if r.scope == "document"
             and (not codes or r.code in codes)]
    _, found = audit_document(Document(id="t", text=text, language=language), config, rules)
    return [(f.rule, text[f.start:f.end]) for f in sorted(found, key=lambda f: f.sort_key)]


# --- D301 / D305 / D306: dropped numbers ---------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Officials said more than  were rescued overnight.", [("D301", "more than  were")]),
    ("At least\u00a0\u00a0were hurt when the roof fell.", [("D301", "At least\u00a0\u00a0were")]),
    ("The flood left nearly people homeless in the valley.", [("D301", "nearly people")]),
    ("Rescuers freed  fishermen from the wreck on Monday.", [("D306", "freed  fishermen")]),
    ("Gusts of  km/h hit the coast, forecasters said.", [("D305", "of  km/h")]),
    ("The scheme cost taxpayers $ billion, auditors found.", [("D305", "$ billion")]),
    ("Prices rose by % in a year, the bureau said.", [("D305", "by %")]),
])
def test_dropped_numbers_are_found_at_the_gap(sentence, expected):
    assert run("Headline\n\n" + sentence, "D301", "D305", "D306") == expected


@pytest.mark.parametrize("sentence", [
    "More people were rescued than were expected.",
    "More than were expected turned up at the hearing.",
    "At least we tried, the captain said afterwards.",
    "Nearly  200 people were rescued from the ferry.",
    "At least  a dozen boats joined the search at dawn.",
    "Rescuers freed 12  fishermen from the wreck on Monday.",
    "Speed is given in km/h and distance in km throughout.",
    "The scheme cost taxpayers $4 billion, auditors found.",
    "It was about time the council acted, the mayor said.",
    "Thousands of km of coastline are at risk, the report said.",
])
def test_numbers_that_are_there_are_not_reported_missing(sentence):
    assert run("Headline\n\n" + sentence, "D301", "D305", "D306") == []


# --- D302 / D303 / D307: dropped words -----------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The could be moved to the camps by Friday.", [("D302", "The could")]),
    ("Officials praised the of the rescue teams.", [("D307", "the of")]),
    ("Gangs work across the region, . Victims rarely escape.", [("D303", ", .")]),
    ("The agency () said the raids would go on.", [("D303", "()")]),
])
def test_dropped_words_are_found(sentence, expected):
    assert run("Headline\n\n" + sentence, "D302", "D303", "D307") == expected


@pytest.mark.parametrize("sentence", [
    "It was the will of the people, the mayor said.",
    "The has-beens of local politics met on Monday.",
    "Voters chose a by-election date, the party said.",
    "The list went on and on, ... and nobody objected.",
    "That could be held in the town hall, officials said.",
    "The May elections will go ahead, the commission said.",
])
def test_well_formed_sentences_are_not_reported(sentence):
    assert run("Headline\n\n" + sentence, "D302", "D303", "D307") == []


# --- D304: truncated paragraphs ------------------------------------------------------------

def test_a_paragraph_ending_on_an_article_is_truncated_and_the_span_is_its_end():
    text = ("Ferry sinks off the coast\n\nThe ferry was crossing the stretch of open water "
            "that local people call the\n\nRescuers arrived at dawn.")
    [(code, span)] = run(text, "D304")
    assert code == "D304" and text.index("people call the") < text.index(span) + len(span)
    assert span.endswith("call the")


def test_long_prose_with_no_final_mark_is_truncated():
    text = ("Title\n\nThe road is shut.\n\nThe council met on Monday and voted to close the "
            "harbour road for three weeks while engineers inspect the sea wall and the old "
            "pier\n\nIt reopens soon.")
    assert [c for c, _ in run(text, "D304")] == ["D304"]


@pytest.mark.parametrize("text", [
    # a headline, a byline, a dateline, a section heading, a list, a caption, a table
    "Ferry capsizes off the coast, dozens missing and a search under way at the\n\n"
    "By Jane Doe and John Roe\n\n12 February 2025\n\nThe ferry sank at night.\n\n"
    "What happened next\n\nRescuers arrived at dawn.\n\n- boats from the port of\n"
    "- a helicopter from the\n\nCREWS AT WORK ON THE PIER AT DAWN AFTER THE\n\n"
    "Port\tBoats\tPeople of\n",
    # a stray line break inside a sentence: the sentence goes on in lowercase
    "Title\n\nThe report lists the skills asked for, from call centre work to\n\n"
    "more skilled profiles such as programmers.",
    # a sentence ending with an abbreviation, and a closing quote
    "Title\n\nThe ship belonged to Harbour Lines Co.\n\n“We will rebuild,” she said.",
    # a full stop followed by a damaged closing quote (the encoding rules report that)
    "Title\n\nShe said they jumped together into the dark water and swam.鈥",
])
def test_what_is_not_running_prose_is_never_truncated(text):
    assert run(text, "D304") == []


# --- L601 / L602: language ----------------------------------------------------------------

ENGLISH = ("The harbour council met on Monday to discuss the new budget for the ferry "
           "terminal and the repairs to the old sea wall.")
FRENCH = ("Le conseil du port s'est réuni lundi pour discuter du nouveau budget du terminal "
          "des traversiers et des réparations de la vieille digue.")


def test_a_paragraph_in_another_language_is_reported_with_its_span():
    text = f"Harbour budget\n\n{ENGLISH}\n\n{FRENCH}\n\n{ENGLISH}"
    assert run(text, "L601") == [("L601", FRENCH)]


def test_a_short_quote_and_names_do_not_make_a_paragraph_foreign():
    text = (f"Harbour budget\n\n{ENGLISH}\n\n« On a tout perdu », said Maëlle Guérin of "
            "Saint-Aubin-des-Cèdres, standing outside her café on the main square.\n\n"
            "Councillors Jérôme Wendling, Séverine Lacombe and Anaïs Ferreira voted for it.")
    assert run(text, "L601") == []


def test_a_document_in_an_unexpected_language():
    text = f"Budget du port\n\n{FRENCH}\n\n{FRENCH}"
    assert run(text, "L602", config=Config(language="en")) == [
        ("L602", "Budget du port")]
    assert run(text, "L602") == []  # no expectation configured
    assert run(text, "L601") == []  # the document is consistently French


# --- N450, X80x ------------------------------------------------------------------------------

def test_a_name_written_with_and_without_diacritics():
    text = ("Title\n\nJurgen Stock spoke. Stock said Jurgen Stock would stay. Later, Jürgen "
            "Stock left. PARIS and Paris are one city; Muller and Mueller are not.")
    assert run(text, "N450") == [("N450", "Jurgen"), ("N450", "Jurgen")]


def test_translation_collocations_and_their_exceptions():
    text = ("Title\n\nPolice raided trade and smuggling hotspots. The arms trade and smuggling "
            "of weapons went on. Victims were tied to Peru with promises of work. The boat "
            "was tied to the pier with ropes.")
    assert run(text, "X801", "X802") == [("X801", "trade and smuggling"),
                                         ("X802", "tied to Peru with promises")]


# --- findings from repairs --------------------------------------------------------------

def test_boilerplate_and_markup_findings_point_at_the_original_furniture():
    text = ("Ferry sinks\n\nThe ferry sank, according to a [statement](#).PollShould ferries "
            "stop?YesNo\n\nSEE ALSO\n\n[Older story](#)\n\nSource link\n")
    found = run(text, "B201", "B202", "B203", "B204", "B210", "M101")
    assert found == [("M101", "[statement](#)"), ("B210", "PollShould ferries stop?YesNo"),
                     ("B203", "SEE ALSO\n\n[Older story](#)\n\nSource link")]


def test_a_long_standfirst_under_the_headline_is_not_truncated():
    text = ("Ferry sinks off Seraya\n\nBy Jane Doe\n\nSurvivors describe a night of chaos as "
            "the overloaded ferry rolled over in heavy seas far from the nearest port\n\n"
            "The ferry sank on Tuesday.")
    assert run(text, "D304") == []
