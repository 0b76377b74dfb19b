"""Check-worthiness ranking and its fitted weights: precision and recall at k count what they say,
the fit follows the labels, a held-out sentence never scores by its own label, and on the bundled
article a named party doing something ranks above speculation and lead-ins."""

from explorer.bench import checkworthy_eval as ce


def _row(features, worthy, text="s"):
    return (list(features), worthy, text)


def test_precision_and_recall_at_k_count_the_labelled_sentences_in_the_top():
    scored = [(3.0, True), (2.0, False), (1.0, True), (0.5, False), (-1.0, True)]
    figures = ce.ranking_figures(scored, ks=(2, 4), floor=0.0)
    assert (figures["p@2"], figures["r@2"]) == (0.5, 0.33)
    assert (figures["p@4"], figures["r@4"]) == (0.5, 0.67)
    assert figures["top_r"] == 2 and figures["listed"] == 4 and figures["listed_checkworthy"] == 2


def test_the_fitted_weight_follows_the_labels():
    rows = [_row(["money"], True)] * 6 + [_row(["hedge"], False)] * 6 + [_row([], False), _row([], True)]
    weights, _ = ce.fit(rows)
    assert weights["money"] > 0 > weights["hedge"]
    flipped = [(f, not w, t) for f, w, t in rows]
    weights, _ = ce.fit(flipped)
    assert weights["money"] < 0 < weights["hedge"]


def test_a_held_out_sentence_is_not_scored_by_its_own_label():
    """A feature that fires in one sentence only gets no weight from the folds that hold it out."""
    common = [_row(["date"], True), _row([], False)] * 10
    sets = {"a": common + [_row(["quotation"], True, "the only quotation")]}
    held_out = ce.cross_validated(sets)
    lone = held_out["a"][-1]
    weights, _ = ce.fit(common)
    assert lone == (weights.get("quotation", 0.0), True) and lone[0] == 0.0


def test_on_the_bundled_article_a_party_doing_something_ranks_above_speculation(config):
    claims = {c.text: c for c in ce.bundled_claims(config)}
    acts = next(c for t, c in claims.items() if "Microsoft will give Mistral AI access to Azure" in t)
    for start in ("These could facilitate", "Here is how the details break down", "This could potentially lead"):
        other = next(c for t, c in claims.items() if t.startswith(start))
        assert acts.rank < other.rank, (acts.why, other.why)
    assert "says what a named party does" in acts.why
