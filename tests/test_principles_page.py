"""AppTest: the principles page renders from its URL state and never raises on bad values."""

import pytest

from tests.apptest import open_page

from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "principles.py")


def run(**params):
    at = open_page("pages/principles.py", params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def principle_expanders(at):
    return [e for e in at.expander if e.label.startswith("P")]


def test_page_renders_all_eleven_principles_and_a_chart():
    at = run()
    labels = [e.label for e in principle_expanders(at)]
    assert [label.split(" ")[0] for label in labels] == [f"P{n}" for n in range(1, 12)]
    assert len(at.get("plotly_chart")) == 1
    assert any("By the model's reading" in m.value for m in at.markdown)


def test_group_headings_are_shown_above_their_principles():
    at = run()
    headings = [h.value.replace("\\", "") for h in at.subheader]
    assert "Ensure choice and fairness across the AI economy" in headings
    assert "Meet our societal responsibilities" in headings


def test_matrix_view_renders_the_heatmap_and_drills_down():
    at = run(view="matrix", principle="3")
    chart = at.get("plotly_chart")
    assert len(chart) == 1 and '"heatmap"' in chart[0].proto.spec
    assert any("Principle 3" in s.value for s in at.subheader)


def test_deep_link_to_principle_7_opens_it():
    at = run(principle="7")
    assert at.selectbox(key="principles_principle").value == 7
    assert any(s.value.startswith("Principle 7") for s in at.subheader)
    assert at.query_params["principle"] == ["7"] or at.query_params["principle"] == "7"


def test_bad_principle_shows_a_warning_and_no_exception():
    at = run(principle="abc")
    assert any("principle='abc'" in w.value for w in at.warning)
    assert at.selectbox(key="principles_principle").value is None


def test_unconfirmed_notes_are_shown():
    at = run()
    assert any("UNCONFIRMED" in w.value for w in at.warning)


@pytest.mark.parametrize("view", ["claims", "frameworks"])
def test_every_view_renders(view):
    at = run(view=view, framework="oecd-ai")
    assert at.radio(key="principles_view").value == view


def test_changing_the_view_updates_the_url():
    at = run()
    at.radio(key="principles_view").set_value("claims").run()
    assert not at.exception
    assert "claims" in str(at.query_params["view"])


def test_claims_view_says_what_was_compared_and_what_was_found_in_plain_words():
    at = run(view="claims")
    texts = [m.value.replace("\\", "") for m in at.markdown]  # markdown source: md_escape adds backslashes
    discuss = [t for t in texts if t.startswith("**Does this paragraph discuss its nearest principle, P")]
    agree = [t for t in texts if t.startswith("**Do the engine and the fact-check point to the same principles?**")]
    assert len(discuss) == len(agree) == 4  # one pair of findings per aspect
    assert all(t.split("?** ", 1)[1].startswith(("Yes:", "Borderline:", "No clear sign:")) for t in discuss)
    assert all(t.split("?** ", 1)[1].startswith(("Yes:", "Partly:", "No:")) for t in agree)
    assert not [t for t in texts if t.startswith("Alignment:") or "engine agrees with" in t]
