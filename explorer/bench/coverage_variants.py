"""Three studies kept so that their figures can be re-run, each under the method's leave-one-item-out
protocol on the bundled story's 41 reviewed items. BENCHMARKS.md has each plan, written before
its figures, and the figures. No variant of any was adopted; product code does not import
this module.

- Third pass (`main`): does a verdict that does not share one raw cut-off across items (each item
  judged against its own background) do better? Only the verdict tier differs; the pair scores,
  the evidence floor and its fit are the method's (explorer.analysis.coverage.fitting).
- Fourth pass (`main_pair_scores`): what a paragraph is compared as (its sentences, plus the whole
  paragraph, without a leading label heading, or both). Only the pair scores differ; both tiers
  and their fits are the method's.
- Fifth pass (`main_combine`): how a pair's facet matches are combined (mean of the two or three
  best facets, or each facet centred on its mean over the fitted documents' paragraphs). The
  method's pair_scores is swapped for the study's while the examples are gathered; sentences,
  facets, topic and both tiers are the method's.

The sixth pass (a pair scored by the facet words a paragraph covers, with token vectors) is
explorer/bench/coverage_tokens.py.

Run: `.venv/bin/python -m explorer.bench.coverage_variants` (third pass), `... pair` (fourth) or
`... combine` (fifth), on the index of EXPLORER_INDEX_DIR.
"""

import numpy as np

from explorer.analysis.coverage import fitting

VARIANTS = ("raw", "A", "B", "C", "D")  # raw: the method in use
NAMES = {"raw": "best score (in use)", "A": "best − median over the document",
         "B": "best − 90th percentile over other documents", "C": "logistic on best and A",
         "D": "z-score over the document"}
REFERENCES = ("principles", "oecd-ai", "seoul-commitments", "windows-principles")


def feature(name: str, e: fitting.Example, background: dict) -> float:
    s = e.scores
    if name == "A":
        return float(s.max() - np.median(s))
    if name == "B":
        return float(s.max() - np.quantile(background[(e.reference, e.number)], 0.9))
    if name == "D":
        return float((s.max() - s.mean()) / s.std())
    return float(s.max())


def _middle_cut(cuts, goodness, values, room) -> float:
    """fitting._safest with the room as a parameter (variant D's feature is in other units)."""
    far = np.array([np.abs(values - c).min() for c in cuts]) >= room
    if far.any():
        cuts, goodness = cuts[far], goodness[far]
    tied = cuts[goodness >= goodness.max() - 1e-9]
    return float(tied[(len(tied) - 1) // 2])


def fit_rule(name: str, train: list, background: dict):
    """(verdict function, the fitted number: the cut, or for C the ratio of A's weight to the best score's)."""
    truth = np.array([bool(e.discussed) for e in train])
    if name == "C":
        from sklearn.linear_model import LogisticRegression  # installed with sentence-transformers

        X = np.array([[e.best, feature("A", e, background)] for e in train])
        mu, sd = X.mean(axis=0), X.std(axis=0)
        model = LogisticRegression(C=1.0).fit((X - mu) / sd, truth)

        def rule(e):
            x = (np.array([e.best, feature("A", e, background)]) - mu) / sd
            return bool(model.predict_proba(x[None])[0, 1] >= 0.5)
        return rule, float(model.coef_[0][1] / model.coef_[0][0])
    values = np.array([feature(name, e, background) for e in train])
    room = fitting.MIN_ROOM / np.median([e.scores.std() for e in train]) if name == "D" else fitting.MIN_ROOM
    cuts = fitting._cuts(values)
    right = np.array([((values >= c) == truth).sum() for c in cuts], dtype=float)
    cut = _middle_cut(cuts, right, values, room)
    return (lambda e: feature(name, e, background) >= cut), cut


def leave_one_out(name: str, examples: list, background: dict) -> list[dict]:
    rows = []
    for k, held in enumerate(examples):
        train = [e for i, e in enumerate(examples) if i != k]
        rule, number = fit_rule(name, train, background)
        discussed = rule(held)
        chosen = fitting.evidence_of(held.scores, fitting.fit_floor(train)) & discussed
        known = held.labels != fitting.UNREVIEWED
        top = bool(held.labels[int(np.argmax(held.scores))] == 1) if discussed and held.discussed else None
        rows.append({"reference": held.reference, "number": held.number, "discussed": discussed,
                     "reviewed": bool(held.discussed), "fitted": number, "top": top,
                     "tp": int((chosen & (held.labels == 1)).sum()),
                     "fp": int((chosen & known & (held.labels == 0)).sum()),
                     "fn": int((~chosen & (held.labels == 1)).sum())})
    return rows


def figures(rows: list[dict], reference: str | None = None) -> dict:
    rows = [r for r in rows if reference is None or r["reference"] == reference]
    tp, fp, fn = (sum(r[k] for r in rows) for k in ("tp", "fp", "fn"))
    tops = [r["top"] for r in rows if r["top"] is not None]
    return {"agreeing": sum(r["discussed"] == r["reviewed"] for r in rows), "items": len(rows),
            "called": sum(r["discussed"] for r in rows), "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None,
            "top": f"{sum(tops)}/{len(tops)}", "wrong": [r["number"] for r in rows if r["discussed"] != r["reviewed"]]}


def noise_changes(name: str, examples: list, background: dict, draws: int = 20) -> list[int]:
    """Per draw of uniform ±0.001 noise on every score: how many held-out verdicts change."""
    base = [r["discussed"] for r in leave_one_out(name, examples, background)]
    out = []
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        noisy = [fitting.Example(e.reference, e.number, e.scores + rng.uniform(-1e-3, 1e-3, len(e.scores)), e.labels)
                 for e in examples]
        bg = {k: v + rng.uniform(-1e-3, 1e-3, len(v)) for k, v in background.items()}
        out.append(sum(a != r["discussed"] for a, r in zip(base, leave_one_out(name, noisy, bg))))
    return out


def inputs(engine):
    """The bundled story's reviewed examples (as the method fits on them) and, per reviewed item,
    its scores over the paragraphs of every other document (neither the studied document nor the
    item's reference list): the unrelated background of variant B."""
    from explorer.analysis.coverage import facets, method, readings, report
    from explorer.analysis.coverage import reference_sets as rc
    from explorer.analysis.coverage.scoring import pair_scores

    corpus = engine.config.corpus_dir
    sets = {s.id: s for s in rc.reference_sets(engine)}
    shipped = readings.shipped_readings(corpus)
    mean = method.fitted_topic(engine, {d for r in shipped for d in (r.reference, r.document)})
    examples = report.examples_of(engine, sets, corpus, {}, engine.encoder, mean=mean)
    studied = {r.document for r in shipped}
    background = {}
    for reading in shipped:
        reference = sets[reading.reference]
        others = [p for p in engine.passages if p.doc not in studied and p.doc != reading.reference]
        texts, _ = method.item_facets(reference, corpus)
        vectors = [facets.SHARED.of(engine.encoder, t, engine.manifest.get("model", ""), engine.config.index_dir)
                   for t in texts]
        scores, _ = pair_scores(vectors, [np.asarray(engine.sentences_of(p.id)[1], np.float32) for p in others], mean)
        for i, item in enumerate(reference.items):
            background[(reading.reference, item.number)] = scores[i]
    return examples, background


def main() -> None:
    from explorer import settings
    from explorer.search.engine import Engine

    examples, background = inputs(Engine.open(settings.load()))
    for name in VARIANTS:
        rows = leave_one_out(name, examples, background)
        fitted = [r["fitted"] for r in rows]
        changes = noise_changes(name, examples, background)
        print(f"{name} ({NAMES[name]}): fold cuts {min(fitted):.3f}-{max(fitted):.3f}; ±0.001 noise changes a "
              f"held-out verdict in {sum(c > 0 for c in changes)}/20 draws (at most {max(changes)})")
        for reference in (*REFERENCES, None):
            f = figures(rows, reference)
            r = lambda x: "—" if x is None else f"{x:.2f}"  # noqa: E731
            print(f"  {reference or 'all items'}: {f['agreeing']}/{f['items']} agreeing (wrong {f['wrong']}), "
                  f"{f['called']} called discussed; P {r(f['precision'])} R {r(f['recall'])} F1 {r(f['f1'])}; "
                  f"top evidence reviewed {f['top']}")




# --- fourth pass: what a paragraph is compared as (BENCHMARKS.md, "what a paragraph is compared as") ---

PAIR_VARIANTS = ("in use", "P", "L", "PL")
PAIR_NAMES = {"in use": "sentences (in use)", "P": "+ the paragraph as one more sentence",
              "L": "a label does not count", "PL": "both"}


class ComparedAs:
    """An engine whose paragraphs are compared as the variant says: the method reads only
    `sentences_of` differently, everything else is the engine's. P adds the paragraph's own text as
    one more sentence; L cuts a leading label heading off the first sentence (and off that
    paragraph text). Texts the variant needs are embedded one per forward pass, as facets are."""

    def __init__(self, engine, variant: str, encoder=None):
        from explorer.analysis.coverage.facets import FacetVectors

        self._engine, self.variant = engine, variant
        self._encoder = encoder or engine.encoder
        self._vectors = FacetVectors()  # kept in this process only: the study writes nothing to the index

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def _embed(self, text: str) -> np.ndarray:
        return self._vectors.of(self._encoder, [text], "study")[0]

    def sentences_of(self, passage_id: str):
        from explorer.analysis.entities.story_pass import label_heading_end

        spans, vectors = self._engine.sentences_of(passage_id)
        spans, vectors = list(spans), np.asarray(vectors, np.float32)
        if self.variant == "in use" or not len(spans):
            return spans, vectors
        text = self._engine.passage(passage_id).text
        cut = label_heading_end(text) if "L" in self.variant else 0
        if cut:
            start = cut + 1 + len(text[cut + 1:]) - len(text[cut + 1:].lstrip())  # past the colon and spaces
            if start < spans[0][1]:
                vectors = vectors.copy()
                vectors[0] = self._embed(text[start:spans[0][1]].strip())
                spans[0] = (start, spans[0][1])
        if "P" in self.variant and len(spans) > 1:  # one sentence: the paragraph is that sentence
            whole = text[spans[0][0]:].strip()
            spans.append((spans[0][0], len(text)))
            vectors = np.vstack([vectors, self._embed(whole)[None]])
        return spans, vectors


def variant_examples(engine, variant: str) -> tuple[list, object]:
    """The bundled story's reviewed examples with paragraphs compared as `variant`, and the topic."""
    from explorer.analysis.coverage import report

    corpus, sets, _, mean = reviewed_inputs(engine)
    compared = ComparedAs(engine, variant)
    return report.examples_of(compared, sets, corpus, {}, engine.encoder, mean=mean), mean


def method_noise_changes(examples: list, draws: int = 20) -> list[int]:
    """Per draw of uniform ±0.001 noise on every score: held-out verdicts changed (the method's fits)."""
    base = [r.discussed for r in fitting.cross_validate(examples).rows]
    out = []
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        noisy = [fitting.Example(e.reference, e.number, e.scores + rng.uniform(-1e-3, 1e-3, len(e.scores)), e.labels)
                 for e in examples]
        out.append(sum(a != r.discussed for a, r in zip(base, fitting.cross_validate(noisy).rows)))
    return out


def targets_met(f: dict) -> list[str]:
    """The issue's targets a principles figure meets (T1 verdicts, T2 pair F1, T3 top evidence)."""
    met = []
    if f["verdicts_agreeing"] >= 10:
        met.append("T1")
    if f["f1"] is not None and f["f1"] >= 0.6:
        met.append("T2")
    if f["top_evidence_reviewed"] == f["top_evidence_judged"]:
        met.append("T3")
    return met


def main_pair_scores() -> None:
    from explorer import settings
    from explorer.search.engine import Engine

    engine = Engine.open(settings.load())
    for variant in PAIR_VARIANTS:
        _print_variant(f"{variant} ({PAIR_NAMES[variant]})", variant_examples(engine, variant)[0])


# --- fifth pass: how a pair's facet matches are combined (BENCHMARKS.md, "fifth pass") ---

COMBINE_VARIANTS = ("in use", "K2", "K3", "FC")
COMBINE_NAMES = {"in use": "best facet (in use)", "K2": "mean of the two best facets",
                 "K3": "mean of the three best facets", "FC": "best facet, each facet centred on its mean"}


def facet_matrix(facets, paragraph_sentences, mean) -> tuple[np.ndarray, np.ndarray]:
    """(f, sentence): f[k, j] = facet k's best centred cosine over paragraph j's sentences, and which."""
    from explorer.embedding.vectors import unit_rows

    F = unit_rows(np.asarray(facets, np.float32) - mean)
    f = np.full((len(F), len(paragraph_sentences)), -1.0)
    which = np.zeros(f.shape, dtype=int)
    for j, vectors in enumerate(paragraph_sentences):
        if len(vectors) and len(F):
            sims = F @ unit_rows(np.asarray(vectors, np.float32) - mean).T
            f[:, j], which[:, j] = sims.max(axis=1), sims.argmax(axis=1)
    return f, which


def combined_scores(variant: str, background_sentences=None):
    """A pair_scores with the method's signature that combines facets as `variant` says.
    background_sentences: the sentence vectors of every paragraph of the fitted documents (FC)."""
    cache: dict = {}

    def pairs(item_facets, paragraph_sentences, mean):
        n, m = len(item_facets), len(paragraph_sentences)
        scores, sentence = np.full((n, m), -1.0), np.zeros((n, m), dtype=int)
        for i, facets in enumerate(item_facets):
            if not len(facets) or not m:
                continue
            f, which = facet_matrix(facets, paragraph_sentences, mean)
            if variant == "FC":
                key = np.asarray(facets, np.float32).tobytes()
                if key not in cache:
                    cache[key] = facet_matrix(facets, background_sentences, mean)[0].mean(axis=1)
                f = f - cache[key][:, None]
            order = np.argsort(-f, axis=0, kind="stable")
            k = {"K2": 2, "K3": 3}.get(variant, 1)
            top = np.take_along_axis(f, order[:k], axis=0)
            scores[i] = top.mean(axis=0)
            sentence[i] = which[order[0], np.arange(m)]
        return scores, sentence
    return pairs


def reviewed_inputs(engine) -> tuple:
    """(corpus folder, reference sets by id, the fitted documents, the topic) of the bundled story's
    reviewed readings, as the method's calibration reads them."""
    from explorer.analysis.coverage import method, readings
    from explorer.analysis.coverage import reference_sets as rc

    corpus = engine.config.corpus_dir
    sets = {s.id: s for s in rc.reference_sets(engine)}
    fitted_docs = {d for r in readings.shipped_readings(corpus) for d in (r.reference, r.document)}
    return corpus, sets, fitted_docs, method.fitted_topic(engine, fitted_docs)


def examples_swapping(engine, name: str, replacement, inputs: tuple) -> list:
    """The reviewed examples with the method's function `name` replaced while they are gathered."""
    from explorer.analysis.coverage import method, report

    corpus, sets, _, mean = inputs
    original = getattr(method, name)
    setattr(method, name, replacement or original)
    try:
        return report.examples_of(engine, sets, corpus, {}, engine.encoder, mean=mean)
    finally:
        setattr(method, name, original)


def combined_examples(engine, variant: str) -> list:
    """The bundled story's reviewed examples with facet matches combined as `variant`."""
    inputs = reviewed_inputs(engine)
    fitted_docs = inputs[2]
    background = [np.asarray(engine.sentences_of(p.id)[1], np.float32) for p in engine.passages if p.doc in fitted_docs]
    return examples_swapping(engine, "pair_scores", combined_scores(variant, background) if variant != "in use" else None,
                             inputs)


def main_combine() -> None:
    from explorer import settings
    from explorer.search.engine import Engine

    engine = Engine.open(settings.load())
    for variant in COMBINE_VARIANTS:
        _print_variant(f"{variant} ({COMBINE_NAMES[variant]})", combined_examples(engine, variant))


def _print_variant(label: str, examples) -> None:
    """One variant's leave-one-item-out figures: its fold spread, then each reference set's."""
    r = lambda x: "—" if x is None else f"{x:.2f}"  # noqa: E731
    cv = fitting.cross_validate(examples)
    f = cv.figures()
    changes = method_noise_changes(examples)
    print(f"{label}: fold thresholds {f['threshold_min']:.3f}-"
          f"{f['threshold_max']:.3f}, floors {f['floor_min']:.3f}-{f['floor_max']:.3f}; "
          f"fit on all items: {fitting.fit(examples)}; ±0.001 noise changes a held-out verdict in "
          f"{sum(c > 0 for c in changes)}/20 draws (at most {max(changes)})")
    for reference in (*REFERENCES, None):
        g = cv.figures(reference)
        print(f"  {reference or 'all items'}: {g['verdicts_agreeing']}/{g['items']} agreeing (wrong "
              f"{g['disagreeing']}), {g['model_discussed']} called discussed; tp {g['tp']} fp {g['fp']} "
              f"fn {g['fn']} P {r(g['precision'])} R {r(g['recall'])} F1 {r(g['f1'])}; top evidence reviewed "
              f"{g['top_evidence_reviewed']}/{g['top_evidence_judged']}"
              + (f"; targets met {targets_met(g)}" if reference == "principles" else ""))


if __name__ == "__main__":
    import sys

    {"pair": main_pair_scores, "combine": main_combine}.get(sys.argv[1] if sys.argv[1:] else "", main)()
