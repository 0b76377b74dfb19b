"""Every example the app offers finds its answer: the bundled story's example questions (its
corpus/story.json "search_examples": the search page lists them, the home page's placeholder shows
the first two).

The answers below come from reading the corpus, not from the engine's output. For each example,
at least one of its answer passages must be in the top 3 of a hybrid search. An example without
a stated answer fails the test: add one when you add an example.

Pinned to the bundled story's ids (principles:6, principles:7, factcheck:a, event:msft-mistral-
investment): the expected results were read from the shipped texts (which passage answers which
question), so they hold for that corpus and no other.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ANSWERS = {
    # The article's ¶8 ("Microsoft pledged €15 million"), the timeline's row for the investment
    # (EUR 15M, converting into equity) and fact-check (a) (EUR 15 million, SUPPORTED).
    "How much did Microsoft invest in Mistral?": {"article:8", "event:msft-mistral-investment", "factcheck:a"},
    # Principle 6: no use of developers' non-public data to compete with them.
    "Will Microsoft use developers' data to compete?": {"principles:6"},
    # The article's "People-centered AI" bullet (¶22).
    "What does the article say about people-centered AI?": {"article:22"},
    # Principle 7 (data portability, cloud switching, egress costs) and the 2024-03-13 event when
    # Azure stopped charging egress fees to customers who leave.
    "egress fees cloud switching": {"principles:7", "event:azure-free-egress"},
    # Microsoft's own OpenAI investments (2019, 2021, 2023) and the article's one mention (¶27).
    '"OpenAI"': {"event:msft-openai-2019", "event:msft-openai-2021", "event:msft-openai-2023", "article:27"},
    # The timeline's Seoul event: Microsoft and Mistral AI among the 16 signatories.
    "Did Microsoft and Mistral sign the Seoul safety commitments?": {"event:seoul-commitments"},
    # The only passage with the words: the investment's note (the UK CMA described a convertible loan).
    '"convertible loan"': {"event:msft-mistral-investment"},
}


def story_examples() -> list[str]:
    import json

    return json.loads((ROOT / "corpus" / "story.json").read_text(encoding="utf-8"))["search_examples"]


EXAMPLES = story_examples()


def test_every_example_has_a_stated_answer():
    assert [e for e in EXAMPLES if e not in ANSWERS] == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_finds_its_answer_in_the_top_three(engine, example):
    answers = ANSWERS.get(example)
    if answers is None:
        pytest.fail(f"no stated answer for the example {example!r}")
    assert answers <= {p.id for p in engine.passages}, "an answer id no longer exists"
    result = engine.search(example, mode="hybrid", k=3)
    top = [h.passage.id for h in result.hits]
    assert set(top) & answers, (example, top)
    assert result.hint is None, result.hint  # an example never looks unsupported


def test_phrase_examples_return_only_passages_with_the_phrase(engine):
    for example in (e for e in EXAMPLES if e.startswith('"')):
        phrase = example.strip('"').lower()
        result = engine.search(example, mode="hybrid", k=10)
        assert result.hits and all(phrase in h.passage.text.lower() for h in result.hits), example
