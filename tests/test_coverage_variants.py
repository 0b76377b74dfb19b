"""The per-item verdict study (explorer/bench/coverage_variants.py) on planted scores, no model: its
variants judge what they say they judge, and its leave-one-out never lets an item judge itself."""

import numpy as np

from explorer.analysis.coverage import fitting
from explorer.bench import coverage_variants as cv


def item(number, scores, labels):
    return fitting.Example("planted", number, np.array(scores, dtype=float), np.array(labels))


# discussed items stand out from their own paragraphs; the undiscussed ones are uniformly fairly high
STANDS_OUT = [item(1, [0.50, 0.10, 0.12, 0.08], [1, 0, 0, 0]), item(2, [0.52, 0.15, 0.10, 0.11], [1, 0, 0, 0]),
              item(3, [0.48, 0.12, 0.09, 0.10], [1, 0, 0, 0])]
UNIFORM = [item(4, [0.55, 0.50, 0.52, 0.51], [0, 0, 0, 0]), item(5, [0.53, 0.49, 0.50, 0.51], [0, 0, 0, 0]),
           item(6, [0.57, 0.52, 0.55, 0.50], [0, 0, 0, 0])]


def test_an_item_is_judged_against_its_own_background_by_the_normalised_variants():
    examples = STANDS_OUT + UNIFORM
    raw = cv.figures(cv.leave_one_out("raw", examples, {}))
    for name in ("A", "D"):
        f = cv.figures(cv.leave_one_out(name, examples, {}))
        assert f["agreeing"] == 6, (name, f)
    assert raw["agreeing"] < 6, raw  # one raw cut cannot separate these


def test_the_unrelated_background_variant_reads_the_items_background_scores():
    examples = [item(1, [0.5, 0.1], [1, 0]), item(2, [0.5, 0.1], [0, 0])]
    background = {("planted", 1): np.array([0.1, 0.2, 0.1]), ("planted", 2): np.array([0.5, 0.6, 0.5])}
    assert cv.feature("B", examples[0], background) > cv.feature("B", examples[1], background)


def test_no_held_out_item_is_in_its_own_training_set(monkeypatch):
    examples = STANDS_OUT + UNIFORM
    seen = []
    real = cv.fit_rule

    def spy(name, train, background):
        seen.append({e.number for e in train})
        return real(name, train, background)

    monkeypatch.setattr(cv, "fit_rule", spy)
    rows = cv.leave_one_out("C", examples, {})
    assert [r["number"] not in s and len(s) == 5 for r, s in zip(rows, seen)] == [True] * 6


def test_breadth_rewards_a_paragraph_matching_two_facets_over_one_matching_one_closely():
    """Fifth pass, K2: planted unit vectors, no model. Paragraph 0 restates facets a and b half-way
    each; paragraph 1 restates facet a closely and nothing of b. Best facet prefers 1, breadth 0."""
    a, b, other = np.eye(4)[0], np.eye(4)[1], np.eye(4)[2]
    facets = [np.vstack([a, b])]
    both = (a + b) / np.linalg.norm(a + b)
    close_a = (3 * a + other) / np.linalg.norm(3 * a + other)
    paragraphs = [both[None], close_a[None]]
    zero = np.zeros(4, np.float32)
    best, _ = cv.combined_scores("in use")(facets, paragraphs, zero)
    breadth, _ = cv.combined_scores("K2")(facets, paragraphs, zero)
    assert best[0, 1] > best[0, 0]
    assert breadth[0, 0] > breadth[0, 1]


def test_facet_centring_removes_what_a_facet_shares_with_every_background_paragraph():
    a, b = np.eye(3)[0], np.eye(3)[1]
    facets = [np.vstack([a, b])]
    generic = (a + 0.2 * b) / np.linalg.norm(a + 0.2 * b)  # facet a is close to all the background
    background = [generic[None]] * 3
    paragraphs = [generic[None], b[None]]
    scores, _ = cv.combined_scores("FC", background)(facets, paragraphs, np.zeros(3, np.float32))
    assert scores[0, 1] > scores[0, 0]


def test_facet_words_covered_weighs_a_rare_word_over_words_every_document_uses():
    """Sixth pass, TC: planted word-piece vectors, no model. The paragraph that holds the facet's
    rare word ("apis") covers it better than the one holding only its common words."""
    from explorer.bench.coverage_tokens import Pieces, covered

    common, rare, other = np.eye(3, dtype=np.float32)
    facet = Pieces(np.vstack([common, common, rare]), ["microsoft", "azure", "apis"])
    with_rare = Pieces(np.vstack([rare, other]), ["apis", "developer"])
    with_common = Pieces(np.vstack([common, other]), ["microsoft", "developer"])
    df = {"microsoft": 9, "azure": 9, "apis": 1}
    assert covered(facet, with_rare, 10, df) > covered(facet, with_common, 10, df)


def test_facet_words_covered_reads_the_models_word_pieces(engine):
    """A paragraph that restates a facet word for word covers it almost fully; its stopwords carry
    no term, so they weigh nothing."""
    from explorer.bench.coverage_tokens import TokenVectors, covered

    pieces = TokenVectors(engine.encoder)
    facet = pieces.of("Microsoft will make its models available through public APIs.")
    assert None in facet.terms and {"microsoft", "public", "apis"} <= set(facet.terms)
    same = covered(facet, pieces.of("Microsoft will make its models available through public APIs."), 10, {})
    unrelated = covered(facet, pieces.of("The harvest was late this year because of the rain."), 10, {})
    assert same > 0.95 and unrelated < same - 0.2
