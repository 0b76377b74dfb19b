"""URL state of the principles page: round trip and fallbacks with a notice."""

import pytest

from explorer.links.principles import DEFAULT_FRAMEWORK, DEFAULT_VIEW, VIEWS, PrinciplesState, parse_principles

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
