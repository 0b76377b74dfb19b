"""Dated events measured on the labelled sets (explorer/bench/data/fiction and mistral).

An extracted statement (one dated clause) *matches* a labelled source when it comes from the same
document and holds the labelled snippet's words (at least half of them, within the same
sentence). Its date is *right* when it can be the labelled date (one ISO date a prefix of the
other; both undated for an event the labels leave undated).

- Events recall: labelled events with at least one source found with its date right.
- Events precision: extracted (merged) events with at least one statement that matches a labelled
  event's source with the date right. An event built from a not-event (a header, an amount, a
  duration) or from no labelled text counts against it.
- Merged-source pairs: pairs of statements merged into one event, against the pairs the labels
  put in one event (among the statements that match a labelled source).
- Kind agreement: merged events whose kind is the labelled event's kind.
- The merging rule, fitted by cross-validation: the bonuses (same day, shared party, shared
  amount) and threshold maximising pair F1 on the training folds, scored on the held-out fold
  (folds by labelled event); the word-overlap rule alone (no bonuses) is scored the same way
  beside it.
"""

import itertools
import re
import statistics
from dataclasses import dataclass

from explorer.analysis.events.dates import compatible
from explorer.analysis.events.extract import extract, resolve_document
from explorer.analysis.events.merge import can_be_same_date, merge, merged_event, similarity
from explorer.analysis.events.pairs import WEIGHTS, PairWeights, combined, features
from explorer.bench.labelled_docs import HELD_OUT_SETS, SETS, load_labels, passages_of

MIN_SNIPPET_SHARE = 0.5
FOLDS = 5
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
BONUSES = (0.0, 0.1, 0.2, 0.3)
WORDS_ONLY = (0.0,)  # the rule before the bonuses: word overlap alone


@dataclass(frozen=True)
class EventScores:
    labelled: int
    recalled: int
    extracted: int
    correct: int
    pairs_found: int
    pairs_right: int
    pairs_labelled: int
    kinds_right: int
    kinds_judged: int
    precisions_right: int
    missed: tuple[str, ...]
    wrong: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def pair_precision(self) -> float:
        return self.pairs_right / self.pairs_found if self.pairs_found else 1.0

    @property
    def pair_recall(self) -> float:
        return self.pairs_right / self.pairs_labelled if self.pairs_labelled else 1.0


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def matches(record: dict, source: dict) -> bool:
    """Does an extracted statement hold a labelled source's snippet?"""
    if record["doc"] != source["doc"]:
        return False
    snippet = " ".join(_words(source["snippet"]))
    if snippet not in " ".join(_words(record["sentence"])):
        return False
    wanted, clause = _words(source["snippet"]), set(_words(record["text"]))
    return sum(w in clause for w in wanted) >= MIN_SNIPPET_SHARE * len(wanted)


def date_right(record_date: str | None, label_date: str | None) -> bool:
    if label_date is None:
        return record_date is None
    return record_date is not None and compatible(record_date, label_date)


def label_of(record: dict, labels: dict) -> str | None:
    """The labelled event whose source this statement is, with its date right (None: none)."""
    for event in labels["events"]:
        if any(matches(record, s) for s in event["sources"]) and date_right(record.get("date"), event["date"]):
            return event["id"]
    return None


def statements(name: str, labels: dict) -> list[dict]:
    """Every extracted statement of a labelled set, with document-level dates resolved."""
    records = [r for rs in extract(passages_of(name, labels)) for r in rs]
    out = []
    for doc in labels["documents"]:
        out += resolve_document([r for r in records if r["doc"] == doc])
    return out


def score(records: list[dict], labels: dict, weights: PairWeights = WEIGHTS) -> EventScores:
    truth = {r["id"]: label_of(r, labels) for r in records}
    groups = merge(records, weights)
    found_events = {truth[r["id"]] for r in records if truth[r["id"]]}
    correct = [g for g in groups if any(truth[r["id"]] for r in g)]
    wrong = tuple(merged_event(g)["text"][:80] for g in groups if not any(truth[r["id"]] for r in g))
    pairs_found = pairs_right = 0
    for group in groups:
        known = [r for r in group if truth[r["id"]]]
        for i, a in enumerate(known):
            for b in known[i + 1:]:
                pairs_found += 1
                pairs_right += truth[a["id"]] == truth[b["id"]]
    labelled_ids = [truth[r["id"]] for r in records if truth[r["id"]]]
    pairs_labelled = sum(labelled_ids.count(e) * (labelled_ids.count(e) - 1) // 2 for e in set(labelled_ids))
    kinds = {e["id"]: e["kind"] for e in labels["events"]}
    judged = [(merged_event(g), [truth[r["id"]] for r in g if truth[r["id"]]][0]) for g in correct]
    precisions = {e["id"]: e["precision"] for e in labels["events"]}
    return EventScores(
        labelled=len(labels["events"]), recalled=len(found_events), extracted=len(groups), correct=len(correct),
        pairs_found=pairs_found, pairs_right=pairs_right, pairs_labelled=pairs_labelled,
        kinds_right=sum(m["kind"] == kinds[event] for m, event in judged), kinds_judged=len(judged),
        precisions_right=sum(m["precision"] == precisions[event] for m, event in judged),
        missed=tuple(e["id"] for e in labels["events"] if e["id"] not in found_events), wrong=wrong)


def _pair_f1(pairs: list[tuple[float, bool]], threshold: float) -> float:
    tp = sum(s >= threshold and same for s, same in pairs)
    fp = sum(s >= threshold and not same for s, same in pairs)
    fn = sum(s < threshold and same for s, same in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def candidate_pairs(records: list[dict], labels: dict) -> list[tuple[tuple, bool, str, str]]:
    """(pair features, same labelled event?, event of a, event of b) for every date-compatible
    pair of statements that match a labelled source."""
    truth = [(r, label_of(r, labels)) for r in records]
    known = [(r, t) for r, t in truth if t]
    out = []
    for i, (a, ta) in enumerate(known):
        for b, tb in known[i + 1:]:
            if can_be_same_date(a.get("date"), b.get("date")):
                out.append((features(a, b, similarity), ta == tb, ta, tb))
    return out


def _f1_of(pairs, weights: PairWeights) -> float:
    return _pair_f1([(combined(f, weights), same) for f, same, *_ in pairs], weights.threshold)


def fit_weights(pairs, bonuses=BONUSES) -> PairWeights:
    """The bonuses and threshold with the best pair F1 on these pairs (ties: the smallest
    bonuses, then the threshold nearest 0.5)."""
    grid = [PairWeights(d, p, a, t) for d, p, a in itertools.product(bonuses, repeat=3) for t in THRESHOLDS]
    return max(grid, key=lambda w: (_f1_of(pairs, w), -(w.same_day + w.shared_party + w.shared_amount),
                                    -abs(w.threshold - 0.5)))


def cross_validate(pairs, folds: int = FOLDS, bonuses=BONUSES) -> tuple[list[float], list[PairWeights]]:
    """Held-out pair F1 of each fold and each fold's fitted weights. A pair is held out when
    either of its events falls in the fold (folds by labelled event id, sorted)."""
    events = sorted({e for *_, a, b in pairs for e in (a, b)})
    scores, fitted = [], []
    for fold in range(folds):
        held = set(events[fold::folds])
        train = [p for p in pairs if p[2] not in held and p[3] not in held]
        test = [p for p in pairs if p[2] in held or p[3] in held]
        weights = fit_weights(train, bonuses)
        fitted.append(weights)
        scores.append(_f1_of(test, weights))
    return scores, fitted


def _spread(scores: list[float]) -> str:
    return f"{statistics.mean(scores):.2f} (folds {min(scores):.2f}-{max(scores):.2f}, sd {statistics.pstdev(scores):.2f})"


def events_table() -> str:
    """The bench table: per labelled set and overall, and the fitted merging threshold."""
    rows = ["\n### Dated events (labelled sets in explorer/bench/data)\n",
            "| set | labelled | recalled | recall | extracted | correct | precision | merged pairs right | "
            "labelled pairs found | kind agrees | date precision right |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    all_pairs, notes = [], []
    for name in SETS + HELD_OUT_SETS:
        held = name in HELD_OUT_SETS
        labels = load_labels(name)
        records = statements(name, labels)
        s = score(records, labels)
        if not held:  # the merging threshold is fitted on the tuned sets only
            all_pairs += [(sim, same, f"{name}:{a}", f"{name}:{b}") for sim, same, a, b in candidate_pairs(records, labels)]
        rows.append(f"| {name}{' (HELD OUT)' if held else ''} | {s.labelled} | {s.recalled} | {s.recall:.2f} | {s.extracted} | {s.correct} | "
                    f"{s.precision:.2f} | {s.pairs_right}/{s.pairs_found} | {s.pairs_right}/{s.pairs_labelled} | "
                    f"{s.kinds_right}/{s.kinds_judged} | {s.precisions_right}/{s.kinds_judged} |")
        if s.missed:
            notes.append(f"{name}: missed {', '.join(s.missed)}")
        if s.wrong:
            notes.append(f"{name}: not a labelled event: " + "; ".join(repr(w) for w in s.wrong))
    words_scores, words_fitted = cross_validate(all_pairs, bonuses=WORDS_ONLY)
    scores, fitted = cross_validate(all_pairs)
    rows.append(f"\nMerging rule in use {WEIGHTS}; fitted on all pairs {fit_weights(all_pairs)}. "
                f"{FOLDS}-fold held-out pair F1: words only {_spread(words_scores)} (thresholds "
                f"{[w.threshold for w in words_fitted]}); with the bonuses {_spread(scores)} (fold fits "
                f"{[(w.same_day, w.shared_party, w.shared_amount, w.threshold) for w in fitted]}; "
                f"{len(all_pairs)} date-compatible pairs of the tuned sets, "
                f"{sum(same for _, same, *_ in all_pairs)} of them same-event; the held-out set is not fitted on).")
    rows += [f"- {note}" for note in notes]
    return "\n".join(rows)


if __name__ == "__main__":
    print(events_table())
