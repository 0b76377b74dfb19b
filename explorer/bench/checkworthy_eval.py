"""Check-worthiness: how many of the sentences a reader labelled check-worthy the ranking puts at
the top, and the feature weights fitted on those labels.

Labelled sets (every sentence labelled by reading it): the bundled article
(explorer/bench/data/mistral/checkworthy.json, 63 sentences, 18 check-worthy), the fiction
article of the claims set (explorer/bench/data/claims/labels.json, 42 sentences, 34) and the
fiction news story of the entities set (explorer/bench/data/fiction/checkworthy.json, 46, 35). A sentence's
features are those the claims layer computes (explorer.analysis.claims.checkworthy), its parties
read from the story's entities, exactly as the page ranks them.

Weights: an L2-regularised logistic regression on the features (no feature chosen by the fit: the
feature list is fixed in checkworthy.py). Figures are cross-validated: the sentences of both sets
are pooled and split into FOLDS folds (stratified by set and label); each sentence is scored by
weights fitted on the other folds, and the held-out scores rank each article's sentences. The
shipped weights are the fit on every labelled sentence.
"""

import json
from pathlib import Path

import numpy as np

from explorer.analysis.claims import checkworthy

DATA = Path(__file__).parent / "data"
FOLDS = 5
L2 = 1.0  # the ridge penalty on the weights (not on the intercept), fixed before any fit
TOP_K = (5, 10, 20)


def labelled(claims, labels: list[tuple[str, bool]]) -> list[tuple[list[str], bool, str]]:
    """(features, check-worthy?, text) for each labelled sentence, from the document's claims
    (`sentence_claims`, every sentence with its features); a labelled sentence is found by its
    words (a bullet's marker aside)."""
    by_text = {_norm(c.text): c for c in claims}
    out = []
    for text, worthy in labels:
        claim = by_text.get(_norm(text)) or next((c for k, c in by_text.items() if _norm(text) in k or k in _norm(text)),
                                                None)
        if claim is None:
            raise ValueError(f"labelled sentence not found among the document's sentences: {text[:60]!r}")
        out.append((list(claim.features), bool(worthy), text))
    return out


def _norm(text: str) -> str:
    return " ".join(text.lstrip("-*• ").split()).lower()


def matrix(rows, features=None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    names = list(features or checkworthy.FEATURES)
    x = np.array([[1.0 if f in fired else 0.0 for f in names] for fired, _, _ in rows])
    y = np.array([1.0 if worthy else 0.0 for _, worthy, _ in rows])
    return x, y, names


def fit(rows, l2: float = L2, steps: int = 200) -> tuple[dict[str, float], float]:
    """({feature: weight}, intercept) of the logistic regression (Newton's method)."""
    x, y, names = matrix(rows)
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.diag([0.0] + [l2] * x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {n: round(float(v), 2) for n, v in zip(names, w[1:])}, round(float(w[0]), 2)


def score(features, weights: dict[str, float]) -> float:
    return sum(weights.get(f, 0.0) for f in features)


def ranking_figures(scored: list[tuple[float, bool]], ks=TOP_K, floor: float | None = None) -> dict:
    """precision@k and recall@k (reading order breaks ties), R-precision, and how many labelled
    check-worthy sentences reach the list at all (score above floor)."""
    order = sorted(range(len(scored)), key=lambda i: (-scored[i][0], i))
    relevant = sum(w for _, w in scored)
    out = {"sentences": len(scored), "checkworthy": relevant}
    for k in ks:
        hits = sum(scored[i][1] for i in order[:k])
        out[f"p@{k}"] = round(hits / k, 2)
        out[f"r@{k}"] = round(hits / relevant, 2) if relevant else None
    top = sum(scored[i][1] for i in order[:relevant])
    out["top_r"] = top
    out["r_precision"] = round(top / relevant, 3) if relevant else None
    if floor is not None:
        listed = [i for i in order if scored[i][0] > floor]
        out["listed"] = len(listed)
        out["listed_checkworthy"] = sum(scored[i][1] for i in listed)
    return out


def cross_validated(sets: dict[str, list], folds: int = FOLDS) -> dict[str, list[tuple[float, bool]]]:
    """{set: [(held-out score, label)] in reading order}: each sentence scored by the weights fitted
    on the folds it is not in (the sum of its features' weights, as the page scores it). Folds deal each set's positives and negatives in
    turn, so every fold holds some of each."""
    tagged = []
    for name, rows in sets.items():
        for worthy in (True, False):
            tagged += [(name, i) for i, row in enumerate(rows) if row[1] == worthy]
    fold_of = {key: n % folds for n, key in enumerate(tagged)}
    scores = {name: [None] * len(rows) for name, rows in sets.items()}
    for fold in range(folds):
        train = [sets[n][i] for (n, i), f in fold_of.items() if f != fold]
        weights, _ = fit(train)
        for (n, i), f in fold_of.items():
            if f == fold:
                scores[n][i] = (score(sets[n][i][0], weights), sets[n][i][1])
    return scores


def label_sets() -> dict[str, list[tuple[str, bool]]]:
    """{set: [(sentence, check-worthy?)]}: the bundled article's and the two fiction articles' labels."""
    def read(*parts):
        return json.loads(DATA.joinpath(*parts).read_text(encoding="utf-8"))

    return {"bundled": [(s["text"], bool(s["checkworthy"])) for s in read("mistral", "checkworthy.json")["sentences"]],
            "fiction claims": [(s["text"], s["label"] != "not_checkworthy")
                               for s in read("claims", "labels.json")["sentences"]],
            "fiction news": [(s["text"], bool(s["checkworthy"])) for s in read("fiction", "checkworthy.json")["sentences"]]}


# The documents of each fiction set: (folder, files, the labelled one).
FICTION_SETS = {"fiction claims": ("claims", ("filing.txt", "article.txt"), "article.txt"),
                "fiction news": ("fiction", ("article.md", "decision.txt"), "article.md")}


def bundled_claims(config=None):
    """Every sentence of the bundled article with its features (parties from the story's entities)."""
    from explorer.analysis.claims.check import sentence_claims
    from explorer.analysis.claims.parties import parties_of
    from explorer.search.engine import Engine
    from explorer.settings import load
    from explorer.story import collections
    from explorer.story.model import open_story

    config = config or load()
    story = open_story(config, collections.bundled(config))
    engine = Engine.open(config, build=False)
    from explorer.analysis.claims import default_document

    return sentence_claims(story, engine, default_document(story, engine), parties_of(story))


def collection_claims(folder: str, files, labelled_file: str, config=None, encoder_factory=None):
    """Every sentence of one labelled fiction article, as sentence_claims returns them, in a
    temporary collection holding the set's documents (their entities give the parties)."""
    import tempfile
    from dataclasses import replace

    from explorer.analysis.claims.check import sentence_claims
    from explorer.analysis.claims.parties import parties_of
    from explorer.embedding.model import load_encoder
    from explorer.ingest.changes import Upload, add_files
    from explorer.search.engine import Engine
    from explorer.settings import load
    from explorer.story.collections import Store
    from explorer.story.model import open_story

    base = config or load()
    with tempfile.TemporaryDirectory() as tmp:
        config = replace(base, collections_dir=Path(tmp), database_url=f"sqlite:///{Path(tmp) / 'reviews.sqlite'}")
        store = Store(Path(tmp))
        store.create("checkworthy")
        add_files(store, "checkworthy", [Upload(name, (DATA / folder / name).read_bytes()) for name in files], config,
                  encoder_factory or (lambda: load_encoder(config)))
        collection = store.get("checkworthy")
        story = open_story(config, collection)
        engine = Engine.open(collection.config(config), build=False)
        doc = next(e.id for e in collection.documents if e.source_name == labelled_file)
        return sentence_claims(story, engine, doc, parties_of(story))


def evaluate_all(config=None, encoder_factory=None) -> dict:
    """The figures on every labelled set (the fiction ones in temporary collections)."""
    claims = {"bundled": bundled_claims(config)}
    for name, (folder, files, doc) in FICTION_SETS.items():
        claims[name] = collection_claims(folder, files, doc, config, encoder_factory)
    return evaluate(claims)


def evaluate(claims: dict) -> dict:
    """Figures of the shipped weights and of the cross-validated fit. `claims`: {set: every
    sentence of its labelled article, as sentence_claims returns them}."""
    labels = label_sets()
    sets = {name: labelled(claims[name], labels[name]) for name in labels}
    shipped = {n: ranking_figures([(checkworthy.score_of(f), w) for f, w, _ in rows], floor=checkworthy.MIN_SCORE)
               for n, rows in sets.items()}
    held_out = cross_validated(sets)
    weights, intercept = fit([r for rows in sets.values() for r in rows])
    return {"shipped": shipped,
            "cross_validated": {n: ranking_figures(s, floor=checkworthy.MIN_SCORE) for n, s in held_out.items()},
            "fitted_on_all": weights, "intercept": intercept, "sets": sets}


def table(result: dict) -> str:
    rows = ["| check-worthiness (sentences labelled by reading) | " + " | ".join(
        f"p@{k} / r@{k}" for k in TOP_K) + " | top R (R-precision) | listed (check-worthy among them) |",
        "|---|" + "---|" * (len(TOP_K) + 2)]
    for kind, title in (("shipped", "shipped weights"), ("cross_validated", f"{FOLDS}-fold CV weights")):
        for name, f in result[kind].items():
            cells = " | ".join(f"{f[f'p@{k}']} / {f[f'r@{k}']}" for k in TOP_K)
            rows.append(f"| {name} article, {title} | {cells} | {f['top_r']} of {f['checkworthy']} "
                        f"({f['r_precision']}) | {f.get('listed', '')} ({f.get('listed_checkworthy', '')}) |")
    return "\n".join(rows)
