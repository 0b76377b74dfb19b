"""URL state of the principles page: round trip and fallbacks with a notice."""

import pytest

from explorer.links.principles import (
    DEFAULT_FRAMEWORK,
    DEFAULT_REF,
    DEFAULT_VIEW,
    VIEWS,
    PrinciplesState,
    parse_principles,
)

FRAMEWORKS = ["eu-hleg", "oecd-ai", "responsible-ai", "windows-principles"]


@pytest.mark.parametrize("state", [PrinciplesState(), PrinciplesState(7, "matrix", "oecd-ai"),
                                   PrinciplesState(1, "claims", DEFAULT_FRAMEWORK), PrinciplesState(11, "frameworks", "eu-hleg")])
def test_round_trip(state):
    parsed, notices = parse_principles(state.to_params(), FRAMEWORKS)
    assert parsed == state and notices == []


def test_defaults_leave_the_url_empty():
    assert PrinciplesState().to_params() == {}


@pytest.mark.parametrize("params, field", [({"principle": "99"}, "principle"), ({"principle": "abc"}, "principle"),
                                           ({"principle": "0"}, "principle"), ({"view": "xyz"}, "view"),
                                           ({"framework": "nope"}, "framework")])
def test_bad_value_falls_back_to_default_with_a_notice(params, field):
    state, notices = parse_principles(params, FRAMEWORKS)
    assert state == PrinciplesState()
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {field}=")


def test_notice_names_what_is_allowed():
    _, notices = parse_principles({"view": "xyz"}, FRAMEWORKS)
    assert all(v in notices[0] for v in VIEWS)


def test_default_framework_falls_back_to_the_first_known_one():
    state, _ = parse_principles({}, ["oecd-ai"])
    assert state.framework == "oecd-ai" and state.view == DEFAULT_VIEW


DOCUMENTS = ["article", "memo-ab12cd"]
REFERENCES = [DEFAULT_REF, "tenets", "oecd-ai", "memo-ab12cd"]


@pytest.mark.parametrize("state", [PrinciplesState(view="compare", doc="memo-ab12cd", ref="oecd-ai"),
                                   PrinciplesState(doc="article"), PrinciplesState(ref="memo-ab12cd"),
                                   PrinciplesState(3, "compare", "eu-hleg", "article", "tenets")])
def test_document_and_reference_round_trip(state):
    parsed, notices = parse_principles(state.to_params(), FRAMEWORKS, DOCUMENTS, REFERENCES)
    assert parsed == state and notices == []


def test_default_document_and_reference_leave_no_parameter():
    assert PrinciplesState(view="compare").to_params() == {"view": "compare"}


@pytest.mark.parametrize("params, field", [({"doc": "nope"}, "doc"), ({"ref": "nope"}, "ref"),
                                           ({"doc": "x" * 300}, "doc")])
def test_bad_document_or_reference_falls_back_with_a_notice(params, field):
    state, notices = parse_principles(params, FRAMEWORKS, DOCUMENTS, REFERENCES)
    assert state == PrinciplesState()
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {field}=")


def test_a_document_in_a_collection_without_documents_is_ignored_with_a_notice():
    state, notices = parse_principles({"doc": "memo"}, FRAMEWORKS)
    assert state.doc is None and "no document to study" in notices[0]


def test_reference_falls_back_to_the_first_on_offer_without_the_principles():
    state, _ = parse_principles({}, FRAMEWORKS, DOCUMENTS, ["oecd-ai", "tenets"])
    assert state.ref == "oecd-ai"
