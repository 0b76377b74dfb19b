"""Entities found in planted sentences (fiction: invented companies and people), merged into one
entity per name, and the strings that are never names."""
import subprocess
import sys

import pytest

from explorer.analysis.entities import apply_reviews, build_index
from explorer.analysis.entities.extract import mentions_in
from explorer.story.passages import Passage
from explorer.story.reviews import Decision

pytestmark = pytest.mark.slow  # spaCy's model reads every labelled snippet


def passages_of(*texts, doc="memo", date="2025-06-18"):
    return [Passage(id=f"{doc}:{i + 1}", doc=doc, title=doc, kind="document", section="", locator=f"¶{i + 1}",
                    text=t, principle=None, source_url=None, position=i, date=date) for i, t in enumerate(texts)]


def index_of(*groups):
    passages = [p for g in groups for p in (g if isinstance(g, list) else passages_of(g))]
    found = mentions_in([p.text for p in passages], [p.date for p in passages])
    return build_index(passages, {p.id: f for p, f in zip(passages, found)})


def named(index, kind):
    return {e.name for e in index.of_type(kind)}


def test_people_organisations_and_places_are_typed():
    index = index_of(passages_of(
        "Ms. Ana Silva, chief executive of Ostrava Freight Ltd, spoke in Lisbon on Monday.",
        "Ostrava Freight Ltd also operates in Portugal."))
    assert "Ana Silva" in named(index, "person")
    assert "Ostrava Freight Ltd" in named(index, "organisation")
    assert {"Lisbon", "Portugal"} <= named(index, "place")


def test_every_mention_points_to_its_passage_and_span():
    passages = passages_of("The board of Ostrava Freight Ltd met Ms. Ana Silva.")
    index = index_of(passages)
    silva = index.find("Ana Silva")
    (mention,) = silva.mentions
    assert mention.passage == "memo:1"
    assert passages[0].text[mention.start:mention.end] == "Ana Silva"


def test_company_suffix_and_defined_short_name_are_one_entity():
    index = index_of(passages_of(
        'Acme Robotics GmbH ("Acme") builds robots.', "Acme Robotics said sales rose.", "Acme hired staff."))
    acme = index.find("Acme")
    assert acme is index.find("Acme Robotics") is index.find("Acme Robotics GmbH")
    assert acme.count == 4 and acme.type == "organisation"  # the defined "Acme" is a mention too


def test_a_full_stop_ending_the_sentence_is_not_part_of_a_company_name():
    """"... Ostrava Freight GmbH." ends a sentence: the name is "Ostrava Freight GmbH", one spelling,
    with no alias that differs by the full stop; a suffix written with one ("Inc.") keeps it."""
    index = index_of(passages_of("The regulator approved the sale of its port unit to Ostrava Freight GmbH.",
                                 "Ostrava Freight GmbH will run the terminal from next year.",
                                 "The buyer of the second unit was Halvard Systems Inc."))
    ostrava = next(e for e in index.of_type("organisation") if e.name.startswith("Ostrava"))
    assert ostrava.name == "Ostrava Freight GmbH" and not any(a.endswith(".") for a in ostrava.aliases), ostrava
    assert any(e.name == "Halvard Systems Inc." for e in index.of_type("organisation")), named(index, "organisation")


def test_titles_and_surnames_join_the_full_name():
    index = index_of(passages_of("Prof. Ana Silva chaired the panel.", "Ana Silva said no.", "Silva left early."))
    silva = index.find("Ana Silva")
    assert silva.type == "person" and silva.count == 3
    assert index.find("Silva") is silva


def test_two_people_sharing_a_surname_are_never_merged():
    index = index_of(passages_of(
        "The case was led by Ms. Karin Holm of the regulator.",
        "The buyer sent its economist, Dr. Erik Holm, to the hearing.",
        "Dr. Holm argued that prices would fall.",
        "Ms. Holm was not persuaded."))
    karin, erik = index.find("Karin Holm"), index.find("Erik Holm")
    assert karin is not erik
    assert karin.count == 2 and erik.count == 2  # each titled surname goes to the person with that title


def test_us_spellings_are_one_place():
    index = index_of(passages_of("Sales in the United States fell.", "U.S. buyers waited.", "US buyers left."))
    us = index.find("United States")
    assert index.find("U.S.") is us and index.find("US") is us


@pytest.mark.parametrize("text", [
    "He said it would. They said we could. She agreed with them.",
    "Page 3 of 3",
    "On Tuesday 17 June 2025 the Authority and the Board decided.",
    "Claim: the deal was signed in June. Verdict: SUPPORTED. The filing says so.",  # a fact-check's labels
])
def test_pronouns_page_furniture_dates_and_generic_bodies_are_not_names(text):
    index = index_of(passages_of(text))
    assert not index.of_type("person") and not index.of_type("organisation")


def test_repeated_running_headers_name_nobody():
    header = "Ostrava Freight Ltd | Case 12/2025 | Public version"
    index = index_of(passages_of(header, "Ms. Ana Silva signed.", header))
    assert index.find("Ostrava Freight Ltd") is None


def test_amounts_are_one_entity_across_spellings_and_apart_across_currencies():
    index = index_of(passages_of(
        "The fine was €15M.", "It paid EUR 15 million.", "The 15 million euros fine stands.",
        "A rival paid $15 million."))
    amounts = index.of_type("money")
    assert [(e.name, e.count) for e in amounts] == [("EUR 15 million", 3), ("USD 15 million", 1)]


def test_percentages_and_dates_are_entities_with_their_values():
    index = index_of(passages_of("A 12.5% share, 12.5 per cent of sales.", "It was signed yesterday."))
    (share,) = index.of_type("percent")
    assert share.count == 2 and share.value == 12.5
    (signed,) = index.of_type("date")
    assert signed.value == "2025-06-17"


def decision(subject, action, **payload):
    return Decision("entities", subject, action, payload, "Reviewer", "2025-06-18T10:00:00Z")


def test_reviews_merge_rename_and_hide_without_editing_the_derived_layer():
    derived = index_of(passages_of("Ms. Ana Silva met Ostrava Freight Ltd in Lisbon.", "Ostra Group sent a letter."))
    ostrava, ostra = derived.find("Ostrava Freight Ltd"), derived.find("Ostra Group")
    reviewed = apply_reviews(derived, [decision(ostra.id, "merge", into=ostrava.id),
                                       decision(ostrava.id, "rename", name="Ostrava Freight"),
                                       decision(derived.find("Lisbon").id, "hide")])
    merged = reviewed.get(ostrava.id)
    assert merged.name == "Ostrava Freight" and merged.count == 2 and "Ostra Group" in merged.aliases
    assert reviewed.get(ostra.id) is None and reviewed.find("Lisbon") is None
    assert derived.find("Ostra Group").count == 1 and derived.find("Lisbon") is not None


def test_facets_count_passages_and_neighbours_share_passages():
    index = index_of(passages_of("Ms. Ana Silva met Ostrava Freight Ltd.", "Ostrava Freight Ltd hired staff.",
                                 "Ms. Ana Silva went to Lisbon."))
    top = {e.name: n for e, n in index.top(["memo:1", "memo:2", "memo:3"])}
    assert top["Ostrava Freight Ltd"] == 2 and top["Ana Silva"] == 2
    neighbours = {e.name: n for e, n in index.neighbours(index.find("Ana Silva").id)}
    assert neighbours == {"Ostrava Freight Ltd": 1, "Lisbon": 1}


def test_importing_the_package_does_not_import_spacy():
    code = "import sys, explorer.analysis.entities; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_extraction_is_cached_per_passage_so_an_added_document_extracts_only_its_own(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from explorer.analysis.entities import layer
    from explorer.story.layers import LayerCache
    from explorer.story.reviews import Reviews

    seen = []

    def counting(passages):
        seen.extend(p.id for p in passages)
        return original(passages)

    original = layer.extract
    monkeypatch.setattr(layer, "extract", counting)
    story = SimpleNamespace(layer_cache=LayerCache(tmp_path / "layers.sqlite"), reviews=Reviews("memo", None, []))
    first = passages_of("Ms. Ana Silva met Ostrava Freight Ltd.", "Ostrava Freight Ltd hired staff.")
    layer.entities_of(story, first)
    added = passages_of("Ms. Ana Silva went to Lisbon.", doc="letter")
    index = layer.entities_of(story, first + added)
    assert seen == ["memo:1", "memo:2", "letter:1"]
    assert index.find("Ana Silva").count == 2


def test_the_installed_model_is_the_reviewed_wheel_and_a_changed_one_is_refused(monkeypatch):
    import importlib

    from explorer.errors import ExplorerError

    extract = importlib.import_module("explorer.analysis.entities.extract")
    assert extract.model_files_digest() == extract.MODEL_FILES_SHA256
    monkeypatch.setattr(extract, "MODEL_FILES_SHA256", "0" * 64)
    with pytest.raises(ExplorerError, match="not the reviewed 3.8.0 wheel"):
        extract.check_model_files()


@pytest.mark.parametrize("bullet", ["• ", "– ", "* ", "▪ "])
def test_a_list_items_bullet_is_never_part_of_a_name(bullet):
    """An upload's bullet list ("• Azure Supercomputing Infrastructure: ...") named an organisation
    "• Azure Supercomputing Infrastructure"; the name starts after the bullet, at its own offset."""
    text = f"{bullet}Azure Supercomputing Infrastructure: Microsoft will give Mistral AI access to Azure."  # the article's line
    found = mentions_in([text], [None])[0]
    assert found and all(m["text"][:1].isalnum() for m in found), found
    assert all(text[m["start"]:m["end"]] == m["text"] for m in found)
