"""The claims view's JSON twin and link preview on the bundled story: the same claims as the page,
each with its permalink and its evidence's citation; a claim's preview states it and its verdict.

The ids here (article:99.9, a claim that does not exist) are only strings in the bundled story's id
format; nothing is read from its corpus.
"""

import pytest

from explorer.share import views
from tests.share_source import DirectSource

BASE = "https://explorer.example"


@pytest.fixture(scope="module")
def source(engine):
    return DirectSource(engine)


@pytest.fixture(scope="module")
def twin(source):
    return views.twin("claims", {}, source, BASE)


def test_the_twin_lists_the_articles_claims_with_permalinks_and_citations(twin):
    assert twin["view"] == "claims" and twin["doc"] == "article" and twin["writable"] is False
    assert twin["counts"]["reviewed"] == 7
    for row in twin["claims"]:
        assert row["permalink"].startswith(f"{BASE}/claims?doc=article&claim={row['key']}".split("&claim=")[0])
        assert row["status"] in ("agrees", "differs", "unmentioned", "unconfirmed", "discussed")
        assert (row["citation"] is None) == (row["evidence"] is None)


def test_a_claims_preview_states_the_claim_and_its_shipped_verdict(source, twin):
    reviewed = next(r for r in twin["claims"] if r["verdict"] and r["verdict"]["subject"] == "a")
    preview = views.preview("claims", {"doc": ["article"], "claim": [reviewed["key"]]}, source, BASE)
    assert preview.title.startswith("Claim: ") and "Microsoft pledged €15 million" in preview.description
    assert f"Verdict: {reviewed['verdict']['rating']}" in preview.description
    assert preview.url.endswith(f"claim={reviewed['key']}")


def test_an_unknown_claim_gets_the_pages_notice(source):
    data = views.twin("claims", {"claim": ["article:99.9"]}, source, BASE)
    assert any("claim=" in n for n in data["notices"]) and data["opened"] is None
