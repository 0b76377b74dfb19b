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
