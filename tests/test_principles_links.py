"""URL state of the principles page: round trip and fallbacks with a notice.

The framework and reference-set ids are plain strings here; the story's own choices (how many
items its reference list has, which framework and reference set come first) are passed in as the
page passes them from story.json, so nothing below depends on the bundled story."""

import pytest

from explorer.links.principles import DEFAULT_VIEW, VIEWS, parse_principles, story_choices

FRAMEWORKS = ["eu-hleg", "oecd-ai", "responsible-ai", "windows-principles"]
DOCUMENTS = ["article", "memo-ab12cd"]
REFERENCES = ["charter", "tenets", "oecd-ai", "memo-ab12cd"]
STORY = {"items": 9, "default_framework": "windows-principles", "default_ref": "charter"}


def parse(params, documents=DOCUMENTS, references=REFERENCES, **story):
    return parse_principles(params, FRAMEWORKS, documents, references, **{**STORY, **story})


@pytest.mark.parametrize("params", [{}, {"principle": "7", "view": "matrix", "framework": "oecd-ai"},
                                    {"principle": "1", "view": "claims"}, {"principle": "9", "view": "frameworks",
                                                                          "framework": "eu-hleg"},
                                    {"view": "compare", "doc": "memo-ab12cd", "ref": "oecd-ai"}, {"doc": "article"},
                                    {"ref": "memo-ab12cd"},
                                    {"principle": "3", "view": "compare", "framework": "eu-hleg", "doc": "article",
                                     "ref": "tenets"}])
def test_round_trip(params):
    state, notices = parse(params)
    assert notices == [] and state.to_params() == params
    assert parse(state.to_params()) == (state, [])


def test_the_storys_defaults_leave_the_url_empty():
    state, _ = parse({})
    assert (state.framework, state.ref, state.view) == ("windows-principles", "charter", DEFAULT_VIEW)
    assert state.to_params() == {}


@pytest.mark.parametrize("params, field", [({"principle": "10"}, "principle"), ({"principle": "abc"}, "principle"),
                                           ({"principle": "0"}, "principle"), ({"view": "xyz"}, "view"),
                                           ({"framework": "nope"}, "framework"), ({"doc": "nope"}, "doc"),
                                           ({"ref": "nope"}, "ref"), ({"doc": "x" * 300}, "doc")])
def test_bad_value_falls_back_to_default_with_a_notice(params, field):
    state, notices = parse(params)
    assert state == parse({})[0]
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {field}=")


def test_the_principle_is_bounded_by_the_length_of_the_storys_reference_list():
    assert parse({"principle": "12"}, items=12)[0].principle == 12
    _, notices = parse({"principle": "12"}, items=11)
    assert "from 1 to 11" in notices[0]


def test_a_story_without_a_numbered_reference_list_opens_no_principle():
    state, notices = parse({"principle": "1"}, items=0)
    assert state.principle is None and "no numbered reference list" in notices[0]


def test_notice_names_what_is_allowed():
    _, notices = parse({"view": "xyz"})
    assert all(v in notices[0] for v in VIEWS)


def test_without_the_storys_preferences_the_first_framework_and_reference_on_offer_are_the_defaults():
    state, _ = parse_principles({}, ["oecd-ai"], DOCUMENTS, ["oecd-ai", "tenets"])
    assert state.framework == "oecd-ai" and state.ref == "oecd-ai" and state.view == DEFAULT_VIEW
    state, _ = parse({}, references=["oecd-ai", "tenets"])  # the preferred one is not on offer here
    assert state.ref == "oecd-ai" and state.to_params() == {}


def test_a_document_in_a_collection_without_documents_is_ignored_with_a_notice():
    state, notices = parse({"doc": "memo"}, documents=())
    assert state.doc is None and "no document to study" in notices[0]


def test_the_storys_choices_come_from_its_data(tmp_path):
    """story_choices reads the story's reference document and default framework, whatever they are."""
    class Reference:
        id, records = "charter", (object(),) * 4

    class Story:
        reference_document, default_framework = Reference(), "oecd-ai"

    class Bare:
        reference_document, default_framework = None, None

    assert story_choices(Story()) == {"items": 4, "default_framework": "oecd-ai", "default_ref": "charter"}
    assert story_choices(Bare()) == {"items": 0, "default_framework": None, "default_ref": None}
