"""How well the claims layer finds planted differences without false alarms, and ranks
check-worthy sentences first.

The labelled set (explorer/bench/data/claims/, fiction): a made-up competition decision and an
article restating it with 5 planted differences (one amount, date, count, name, percentage), 29
faithful restatements (17 in other words) and 8 sentences that are not check-worthy. The two
documents are added to a temporary collection with the real model; every labelled sentence of
the article is checked against the decision.

The two thresholds (SAME_FACT: from which similarity an evidence sentence is about the claim's
fact; SAME_WORDS: from which share of the claim's words other than names it is, for comparing a
name) are fitted on the same labelled pairs: for each labelled claim, its candidate sentences, the
one holding the label's evidence snippet being "the same fact" and the others not. Each is fitted
alone, by the same criterion, by 5-fold cross-validation over the claims: each fold's claims are
judged with the thresholds fitted on the other folds, so no claim judges a threshold it helped fit.

Check-worthiness (precision and recall at k of the ranking, on the bundled article and two fiction
articles, with cross-validated weights): explorer/bench/checkworthy_eval.py.
"""

import json
import tempfile
from pathlib import Path

from explorer.analysis.claims.check import SAME_FACT
from explorer.bench import checkworthy_eval
from explorer.analysis.claims.differences import DIFFERS, SAME_WORDS, compare, shared_words

DATA = Path(__file__).parent / "data"
FOLDS = 5
GRID = [round(0.30 + 0.01 * i, 2) for i in range(61)]  # 0.30 .. 0.90
WORDS_GRID = [round(0.05 + 0.01 * i, 2) for i in range(96)]  # 0.05 .. 1.00
KIND_OF = {"amount": "money", "date": "date", "count": "count", "name": "name", "percent": "percent"}


def load_labels(path: Path | None = None) -> dict:
    return json.loads((path or DATA / "claims" / "labels.json").read_text(encoding="utf-8"))


def labelled_candidates(labels: dict, config=None, encoder_factory=None):
    """([(label, claim, [Candidate])] for every labelled check-worthy sentence, against the filing,
    texts of the passages, the story's parties), in a temporary collection holding the two documents."""
    from explorer.analysis.claims.check import sentence_claims
    from explorer.analysis.claims.evidence import candidates_for
    from explorer.analysis.claims.parties import parties_of
    from explorer.embedding.model import load_encoder
    from explorer.ingest.changes import Upload, add_files
    from explorer.search.engine import Engine
    from explorer.settings import load
    from explorer.story.collections import Store
    from explorer.story.model import open_story

    base = config or load()
    folder = DATA / "claims"
    with tempfile.TemporaryDirectory() as tmp:
        from dataclasses import replace

        config = replace(base, collections_dir=Path(tmp), database_url=f"sqlite:///{Path(tmp) / 'reviews.sqlite'}")
        store = Store(Path(tmp))
        store.create("claims-eval")
        uploads = [Upload(name, (folder / labels[key]).read_bytes())
                   for name, key in (("filing.txt", "source"), ("article.txt", "article"))]
        add_files(store, "claims-eval", uploads, config, encoder_factory or (lambda: load_encoder(config)))
        collection = store.get("claims-eval")
        story = open_story(config, collection)
        engine = Engine.open(collection.config(config), build=False)
        article = next(e.id for e in collection.documents if e.source_name == "article.txt")
        parties = parties_of(story)
        sentences = {c.text: c for c in sentence_claims(story, engine, article, parties)}
        claims = [s for s in labels["sentences"] if s["label"] != "not_checkworthy"]
        found = candidates_for(engine, [s["text"] for s in claims], article)
        texts = {p.id: p.text for p in engine.passages}
        return [(s, sentences[s["text"]], cands) for s, cands in zip(claims, found)], texts, parties


def _is_evidence(candidate, label: dict, texts: dict) -> bool:
    """Is this candidate the label's evidence sentence (it holds, or lies in the passage holding,
    the evidence snippet)?"""
    snippet = label.get("evidence_snippet") or ""
    return bool(snippet) and (snippet in candidate.text or (snippet in texts.get(candidate.passage_id, "")
                                                            and candidate.text in texts[candidate.passage_id]
                                                            and _overlaps(snippet, candidate.text)))


def _overlaps(snippet: str, sentence: str) -> bool:
    words = set(snippet.split())
    return len(words & set(sentence.split())) >= max(3, len(words) // 2)


def fit_threshold(rows, texts) -> float:
    """The cosine that best separates each claim's evidence sentence from its other candidates."""
    return _best_separating([(c.similarity, _is_evidence(c, label, texts)) for label, _, cands in rows for c in cands],
                            GRID)


def fit_words_threshold(rows, texts, parties) -> float:
    """The share of the claim's words other than names that best separates each claim's evidence
    sentence from its other candidates (every labelled claim, not only those naming a person: which
    sentence states a claim's fact does not depend on what kind of fact it is)."""
    pairs = []
    for label, claim, cands in rows:
        named = parties.of(claim)
        pairs += [(shared_words(claim, named, c, parties.of(c)), _is_evidence(c, label, texts)) for c in cands]
    return _best_separating(pairs, WORDS_GRID)


def _best_separating(pairs, grid) -> float:
    """The threshold of the grid with the best balanced accuracy (the mean of the shares of evidence
    sentences at or above it and of other candidates below it, so the many other candidates do not
    outvote the few evidence sentences); ties: the lowest, which misses the fewest facts."""
    positives = [s for s, same in pairs if same] or [1.0]
    negatives = [s for s, same in pairs if not same] or [0.0]

    def balanced(t):
        return sum(s >= t for s in positives) / len(positives) + sum(s < t for s in negatives) / len(negatives)

    return max(grid, key=lambda t: (round(balanced(t), 9), -t))


def judge(label: dict, claim, candidates, threshold: float, texts: dict, parties, words: float = SAME_WORDS) -> dict:
    """What the claims layer says of one labelled sentence."""
    differences = compare(claim, candidates, threshold, parties, words)
    differing = [d for d in differences if d.status == DIFFERS]
    wanted = KIND_OF.get(label.get("kind"), label.get("kind"))
    right = [d for d in differing if d.kind == wanted and d.sentence is not None
             and _is_evidence(d.sentence, label, texts)]
    return {"text": label["text"], "label": label["label"], "kind": label.get("kind"),
            "paraphrased": label.get("paraphrased"), "alarm": bool(differing), "found": bool(right),
            "differences": [d.to_dict() for d in differences]}


def cross_validated(rows, texts, parties, folds: int = FOLDS) -> list[dict]:
    """Each claim judged with the thresholds fitted on the other folds."""
    out = []
    for fold in range(folds):
        train = [r for i, r in enumerate(rows) if i % folds != fold]
        threshold, words = fit_threshold(train, texts), fit_words_threshold(train, texts, parties)
        for i, (label, claim, candidates) in enumerate(rows):
            if i % folds == fold:
                out.append({**judge(label, claim, candidates, threshold, texts, parties, words),
                            "threshold": threshold, "words": words})
    return out


def evaluate(config=None, labels: dict | None = None, encoder_factory=None) -> dict:
    """Every figure of the claims table."""
    labels = labels or load_labels()
    rows, texts, parties = labelled_candidates(labels, config, encoder_factory)
    judged = cross_validated(rows, texts, parties)
    planted = [j for j in judged if j["label"] == "planted"]
    faithful = [j for j in judged if j["label"] == "faithful"]
    paraphrased = [j for j in faithful if j["paraphrased"]]
    return {
        "planted": len(planted), "planted_found": sum(j["found"] for j in planted),
        "planted_by_kind": {j["kind"]: j["found"] for j in planted},
        "faithful": len(faithful), "false_alarms": sum(j["alarm"] for j in faithful),
        "paraphrased": len(paraphrased), "paraphrased_false_alarms": sum(j["alarm"] for j in paraphrased),
        "thresholds": sorted({j["threshold"] for j in judged}), "fitted_on_all": fit_threshold(rows, texts),
        "shipped_threshold": SAME_FACT,
        "words_thresholds": sorted({j["words"] for j in judged}),
        "words_fitted_on_all": fit_words_threshold(rows, texts, parties), "shipped_words": SAME_WORDS,
        "checkworthy": checkworthy_eval.evaluate_all(config, encoder_factory),
        "judged": judged,
    }


def table(result: dict) -> str:
    """The benchmark table (markdown)."""
    kinds = ", ".join(f"{k} {'found' if v else 'MISSED'}" for k, v in result["planted_by_kind"].items())
    lines = ["| claims (fiction labelled set, 5-fold CV of the same-fact thresholds) | value |", "|---|---|",
             f"| planted differences found with the right evidence | {result['planted_found']} of {result['planted']} ({kinds}) |",
             f"| false alarms among faithful restatements | {result['false_alarms']} of {result['faithful']} |",
             f"| of which restated in other words | {result['paraphrased_false_alarms']} of {result['paraphrased']} |",
             f"| same-fact threshold per fold / fitted on all / shipped | {', '.join(map(str, result['thresholds']))} / "
             f"{result['fitted_on_all']} / {result['shipped_threshold']} |",
             f"| same-words share (names) per fold / fitted on all / shipped | "
             f"{', '.join(map(str, result['words_thresholds']))} / {result['words_fitted_on_all']} / "
             f"{result['shipped_words']} |"]
    return "\n".join(lines) + "\n\n" + checkworthy_eval.table(result["checkworthy"])


if __name__ == "__main__":
    outcome = evaluate()
    print(table(outcome))
    for j in outcome["judged"]:
        if j["alarm"] != (j["label"] == "planted") or (j["label"] == "planted" and not j["found"]):
            print(j["label"], j["kind"], j["text"][:70], [d for d in j["differences"] if d["status"] != "agrees"])
