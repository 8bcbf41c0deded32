"""Names from capitalisation, titles, roles, appositions and speech verbs."""

from __future__ import annotations

from audit.extract.names import extract_names


def names(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.kind, m.role) for m in extract_names(text)]


def test_titles_and_roles_are_split_off():
    got = names("Governor Melati Harjono promised to pay. Secretary General Dolores Achával "
                "spoke. UN High Commissioner for Human Rights Volker Turk said so.")
    assert ("Melati Harjono", "person", "governor") in got
    assert ("Dolores Achával", "person", "secretary general") in got
    assert any(n == "Volker Turk" and k == "person" for n, k, _ in got)


def test_apposition_and_speech_verbs_make_people():
    got = names("In the region, Rosemary Nalubega, Assistant Director at the agency, spoke. "
                "Later the agency quoted Isaac Espinosa, who leads the unit. "
                "“We will return,” said Wiraguna.")
    assert ("Rosemary Nalubega", "person", None) in got
    assert ("Isaac Espinosa", "person", None) in got
    assert ("Wiraguna", "person", None) in got
    # the role after the name is no name
    assert not any(n.startswith("Assistant") for n, _, _ in got)


def test_organisations_and_places():
    got = names("Officers of the Meridian Customs Alliance met in Tanjung Lirap, in the "
                "Waruna Strait, with INTERPOL.")
    assert ("Meridian Customs Alliance", "org", None) in got
    assert ("Waruna Strait", "place", None) in got
    assert ("INTERPOL", "org", None) in got
    assert ("Tanjung Lirap", "place", None) in got


def test_sentence_initial_capitals_need_evidence():
    text = ("Survivors recall the night. Investigators say the ship was full. "
            "Beijing has pressed the government, and officials in Beijing agreed. "
            "Grace Manurung, a spokeswoman, confirmed it.")
    got = [n for n, _, _ in names(text)]
    assert "Survivors" not in got and "Investigators" not in got
    assert got.count("Beijing") == 2  # capitalised mid-sentence elsewhere: a name
    assert "Grace Manurung" in got  # a common given name before a rare surname


def test_headlines_in_title_case_are_skipped():
    text = "Fake Medicine Raids Hit Online Pharmacies In Latin America\n\nThe raids began."
    assert names(text) == []


def test_possessive_is_not_part_of_the_name():
    (m,) = [m for m in extract_names("The mayor said Interpol’s warning came late.")
            if m.text.startswith("Interpol")]
    assert m.text == "Interpol" and m.parts == ("Interpol",)
