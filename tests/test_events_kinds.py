"""Event kinds on planted clauses (fiction: invented companies and a regulator)."""
from explorer.analysis.events.kinds import kind_of
from explorer.analysis.events.merge import merged_event


def test_a_company_welcoming_a_regulators_decision_makes_a_statement():
    assert kind_of("Torvik Foods today welcomed the decision of the Fair Trade Authority.") == "statement"


def test_a_regulators_act_is_regulatory_even_when_reported():
    assert kind_of("The Fair Trade Authority fined Torvik Foods, the company said.") == "regulatory"
    assert kind_of("An oral hearing took place last week in Oslo.") == "regulatory"


def test_a_share_move_after_a_decision_is_other():
    assert kind_of("Torvik's shares rose 3% on Wednesday, the day after the decision.") == "other"


def source(text, kind, number, precision="day"):
    return {"id": f"d:{number}", "text": text, "kind": kind, "date": "2025-06-17", "precision": precision,
            "passage": "d:p", "doc": "d", "locator": "p1", "parties": [], "amounts": []}


def test_an_event_led_by_a_dateline_takes_the_kind_its_other_source_states():
    event = merged_event([source("Adopted on 17 June 2025 in Oslo", "other", 1),
                          source("The Authority cleared the deal yesterday", "regulatory", 2)])
    assert event["kind"] == "regulatory"


def test_a_later_report_of_an_act_does_not_make_it_a_statement():
    event = merged_event([source("The sale agreement was signed on 11 June 2025", "other", 1),
                          source("Torvik confirmed that Bluewave signed the agreement", "statement", 2, "month")])
    assert event["kind"] == "other"


def test_a_regulator_speaking_is_regulatory_and_a_company_speaking_a_statement():
    assert kind_of("The Fair Trade Authority said on Friday that Torvik and Brenna were close rivals.") == "regulatory"
    assert kind_of("The watchdog told reporters on Monday that it would look at prices.") == "regulatory"
    assert kind_of("Torvik Foods said on Friday that it would appeal.") == "statement"


def test_remedies_are_commitments_whatever_the_tense():
    assert kind_of("Torvik Foods may offer remedies by 30 June 2026.") == "commitment"


def test_money_received_or_secured_is_funding():
    assert kind_of("Brenna Labs received EUR 20 million from two funds in May.") == "funding"
    assert kind_of("Brenna Labs secured $8 million in March to build a plant.") == "funding"


def test_opening_an_investigation_is_regulatory_and_opening_a_bakery_a_launch():
    assert kind_of("The Authority decided on Tuesday to open a second-phase investigation.") == "regulatory"
    assert kind_of("Torvik Foods will open its new bakery in May.") == "launch"


def test_remedies_and_commitments_read_as_the_same_act_when_merging():
    from explorer.analysis.events.merge import similarity

    assert similarity("Torvik Foods offered remedies to the Authority", "Torvik Foods offered commitments") == 1.0


def test_keeping_a_plant_open_is_not_a_launch():
    assert kind_of("Torvik Foods will keep the mill in Brenmoor open until June 2026.") == "other"
    assert kind_of("Torvik Foods will open a mill in Brenmoor in June 2026.") == "launch"
