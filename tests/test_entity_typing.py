"""Typing errors that generalise, on planted sentences (fiction: invented papers, buildings,
companies, people and a disease): a publication, a building or a body named like one is never a
person; a letter's address block is not one name; a disease's name is not a place; a heading's
positional capital is not a name."""
import pytest

from explorer.analysis.entities.extract import mentions_in, with_headings
from explorer.story.passages import Passage


def names(text: str) -> dict[str, str]:
    return {m["text"]: m["type"] for m in mentions_in([text], [None])[0]
            if m["type"] in ("person", "organisation", "place")}


def test_a_newspaper_is_an_organisation_not_a_person():
    found = names("The Aldwick Courier reported on Monday that the plant would close.")
    assert found.get("Aldwick Courier") == "organisation"
    found = names("Maria Olsen wrote in the Northern Times that Lena Berg would resign.")
    assert found.get("Northern Times") == "organisation"
    assert found.get("Maria Olsen") == found.get("Lena Berg") == "person"


def test_a_building_is_a_place_not_a_person():
    found = names("Staff at Harbour House were told on Friday that the office would close.")
    assert found.get("Harbour House") == "place"


def test_a_company_named_by_its_line_of_business_is_not_a_person():
    assert names("Corvane Pharma\nHarbour House\n12 Quay Street").get("Corvane Pharma") == "organisation"


def test_a_letters_address_block_is_not_read_as_one_name():
    found = names("Corvane Pharma\nHarbour House\n12 Quay Street\nAldwick")
    assert not any("\n" in name for name in found)
    assert "Corvane Pharma" in found


@pytest.mark.parametrize("text, person, body", [
    ("Ms. Maren Holt Chief Executive Torvik Foods plc Bergby", "Maren Holt", "Torvik Foods plc"),
    ("Yours sincerely, K. Aas Director of Competition, Nordic Fair Trade Authority", "K. Aas",
     "Nordic Fair Trade Authority"),
])
def test_a_signature_block_joined_into_one_line_gives_the_person_and_the_body(text, person, body):
    found = names(text)
    assert found.get(person) == "person"
    assert found.get(body) == "organisation"
    assert not any("Chief" in name or "Director" in name for name in found)


def test_a_disease_named_after_a_place_is_not_a_mention_of_it():
    for text in ("Sarn fever cases rose sharply last winter.", "The outbreak of Sarn fever in the north was contained."):
        assert "Sarn" not in names(text)


@pytest.mark.parametrize("heading", ["Closest rivals", '"Closest rivals"', "“Closest rivals”"])
def test_a_headings_first_word_capitalised_by_position_is_not_a_name(heading):
    passage = Passage(id="d:1", doc="d", title="d", kind="document", section=heading, locator="¶1",
                      text="Two firms compete with Corvane in the region.", principle=None, source_url=None, position=0)
    found = [m["text"] for m in with_headings([passage])[0] if m.get("field") == "section"]
    assert "Closest" not in found


def test_a_heading_kept_as_its_own_passage_reads_as_a_heading():
    passage = Passage(id="d:1", doc="d", title="d", kind="document", section="", locator="¶1",
                      text='"Closest rivals"', principle=None, source_url=None, position=0)
    assert "Closest" not in [m["text"] for m in with_headings([passage])[0]]


def test_a_sentence_opening_with_a_name_keeps_it():
    passage = Passage(id="d:1", doc="d", title="d", kind="document", section="", locator="¶1",
                      text="Halvard said the rivals were weak.", principle=None, source_url=None, position=0)
    assert "Halvard" in [m["text"] for m in with_headings([passage])[0]]


def test_a_name_in_a_heading_that_is_not_only_its_first_word_is_kept():
    passage = Passage(id="d:1", doc="d", title="d", kind="document", section="About Halvard Systems Inc.",
                      locator="¶1", text="Halvard makes software.", principle=None, source_url=None, position=0)
    found = [m["text"] for m in with_headings([passage])[0] if m.get("field") == "section"]
    assert any("Halvard" in text for text in found)


def story_names(section: str, *body: str) -> dict[str, str]:
    """{name: type} of a story whose first passage sits under `section`, after the story pass."""
    from explorer.analysis.entities.index import build_index

    passages = [Passage(id=f"d:{i + 1}", doc="d", title="d", kind="document", section=section, locator=f"¶{i + 1}",
                        text=t, principle=None, source_url=None, position=i) for i, t in enumerate(body)]
    index = build_index(passages, {p.id: f for p, f in zip(passages, with_headings(passages))})
    return {e.name: e.type for e in index.entities.values() if e.type in ("person", "organisation", "place")}


@pytest.mark.parametrize("heading, name, junk", [
    ("Tarnby Foods Invests in Ostvik Mills: A Bold Bet", "Tarnby Foods", "Tarnby Foods Invests"),
    ("Corvane Acquires Lysa, Promises Faster Treatments", "Corvane", "Corvane Acquires Lysa"),
    ("Brightwater Invests in Norland Wind, Outlines Future of Energy", "Brightwater", "Brightwater Invests"),
])
def test_a_headline_case_heading_does_not_join_a_name_and_a_capitalised_verb(heading, name, junk):
    found = story_names(heading, f"{name} said on Monday that the deal would create jobs.",
                        "Ostvik Mills, Lysa and Norland Wind make the products in question.")
    assert junk not in found
    assert name in found


def test_a_headline_case_phrase_the_text_never_writes_as_a_name_is_not_one():
    found = story_names("Shaping the Future of Freight: A Ripple Effect",
                        "Kestrel Logistics said freight prices would rise.")
    assert not any("Future" in name or "Ripple" in name for name in found)
    assert "Kestrel Logistics" in found


def test_a_name_the_text_writes_stays_whole_in_a_headline_case_heading():
    found = story_names("Ostvik Mills Wins Approval for New Bakery",
                        "The regulator cleared Ostvik Mills on Tuesday.")
    assert "Ostvik Mills" in found


def test_a_sentence_case_heading_keeps_its_names_the_text_never_writes():
    found = story_names("Why Tarnby Foods bought a bakery in Ostvik", "The bakery employs forty people.")
    assert "Tarnby Foods" in found


@pytest.mark.parametrize("sentence, place", [
    ("Tarnby Foods will keep its plant in Ostvik open.", "Ostvik"),
    ("The Ostvik-based bakery chain grew fast.", "Ostvik"),
    ("HARLOW BAY, 4 November 2025. Tarnby Foods said it would buy Ostvik Mills.", "HARLOW BAY"),
    ("Ostvik Mills, which is based in Brenmoor, Tarnmark, makes flour.", "Tarnmark"),
])
def test_a_place_cue_makes_an_invented_name_a_place(sentence, place):
    assert names(sentence).get(place) == "place"


def test_a_place_cue_types_the_whole_entity_unless_it_acts():
    found = story_names("", "Lysa Foods is based in Brenmoor.", "The Brenmoor laboratory makes the drug.",
                        "Lysa Foods will keep its Brenmoor site.", "Brenmoor laboratories are the best.")
    assert found.get("Brenmoor") == "place"
    acting = story_names("", "Tarnby opened an office in Kelvar.", "Kelvar said it would buy Tarnby.")
    assert acting.get("Kelvar") != "place"


def test_a_dateline_date_is_not_a_place_and_prose_opening_with_a_name_has_no_dateline():
    found = names("Tarnby Foods, 4 November 2025 was the day it signed with Ostvik Mills.")
    assert found.get("Tarnby Foods") != "place"
