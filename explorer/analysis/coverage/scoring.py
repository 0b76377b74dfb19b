"""The coverage method's arithmetic: how strongly one paragraph discusses one item.

A (paragraph, item) pair scores the best similarity between any facet of the item and any
sentence of the paragraph, after both are centred on a topic: in every comparison the pages and
the CLI make, the mean embedding of the documents the method was fitted on (method.fitted_topic:
the bundled story's article and the reference lists read against it); without one, the mean of
the two documents compared (topic_mean). What those documents share (here: AI, Microsoft, Europe)
counts for nothing, and only what a sentence shares with a facet beyond the topic counts. Pure
numpy, no model.
"""

import numpy as np

from explorer.embedding.vectors import unit_rows


def topic_mean(paragraph_vectors, item_vectors) -> np.ndarray:
    """The mean embedding of the documents compared: their paragraphs and their items."""
    stacked = [np.asarray(v, np.float32) for v in (paragraph_vectors, item_vectors) if len(v)]
    return np.vstack(stacked).mean(axis=0) if stacked else np.zeros(0, np.float32)


def pair_scores(item_facets: list[np.ndarray], paragraph_sentences: list[np.ndarray], mean
                ) -> tuple[np.ndarray, np.ndarray]:
    """(scores, best sentence) for every item × paragraph.

    item_facets[i]: facet vectors of item i; paragraph_sentences[j]: sentence vectors of paragraph
    j. scores[i, j] is the best centred cosine of any facet of i and any sentence of j;
    sentence[i, j] the index of that sentence in paragraph j."""
    n, m = len(item_facets), len(paragraph_sentences)
    scores = np.full((n, m), -1.0)
    sentence = np.zeros((n, m), dtype=int)
    facets = [unit_rows(np.asarray(f, np.float32) - mean) for f in item_facets]
    for j, vectors in enumerate(paragraph_sentences):
        if not len(vectors):
            continue
        S = unit_rows(np.asarray(vectors, np.float32) - mean)
        for i, F in enumerate(facets):
            if not len(F):
                continue
            sims = F @ S.T  # facets × sentences
            best = int(np.argmax(sims.max(axis=0)))
            scores[i, j], sentence[i, j] = float(sims[:, best].max()), best
    return scores, sentence


def decide(scores: np.ndarray, threshold: float, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """The two tiers: (discussed per item, evidence per item × paragraph).

    An item is discussed when its best paragraph reaches `threshold`; its evidence is then its best
    paragraph and every other paragraph scoring at least `floor`. A paragraph is evidence only for
    a discussed item."""
    if not scores.size:
        return np.zeros(scores.shape[0], bool), np.zeros(scores.shape, bool)
    best = scores.max(axis=1)
    discussed = best >= threshold
    evidence = (scores >= np.minimum(best, floor)[:, None]) & discussed[:, None]
    return discussed, evidence
