"""The entities page in AppTest on the bundled story (read-only: no review controls)."""
from tests.apptest import open_page


def texts(at) -> str:
    return " ".join(str(m.value) for m in list(at.markdown) + list(at.caption) + list(at.warning) + list(at.info))


def test_the_list_shows_entities_of_the_type_asked_for(engine):
    at = open_page("pages/entities.py", {"type": "place"})
    assert not at.exception
    assert "places**, most mentioned first" in texts(at)


def test_a_bad_type_and_an_unknown_entity_get_notices(engine):
    at = open_page("pages/entities.py", {"type": "people", "e": "nobody-at-all"})
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Ignored type=") for w in warnings) and any(w.startswith("Ignored e=") for w in warnings)
    assert "e" not in at.query_params and "type" not in at.query_params  # the address bar says what is shown


def test_one_entity_in_a_read_only_story_has_no_review_controls(engine):
    at = open_page("pages/entities.py", {"e": "microsoft"})
    assert not at.exception
    assert any(m.value.startswith("## Microsoft") for m in at.markdown)
    assert "Review this entity" not in texts(at)
    assert not [t for t in at.text_input if t.label == "Your name"]
