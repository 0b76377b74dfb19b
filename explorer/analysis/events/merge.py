"""One event per happening: the statements of the same event across documents merged.

Two statements are the same event when their dates can be the same date (one is a prefix of the
other: "2025-06" and "2025-06-11") and their pair score reaches the threshold: the share of
content words they have in common (overlap coefficient on crude stems, dates and function words
left out) plus bonuses for the same day, a shared party (under its aliases) and a shared amount
(explorer/analysis/events/pairs.py). Bonuses and threshold are fitted on the labelled set's
pairs by explorer/bench/events_eval.py, with cross-validation; bench reports the fitted values
beside the ones in use. Merging is greedy, most precise dates first, so a month-precision report joins the
day-precision event it can be, and the merged event keeps the most precise date.
"""

import re
from functools import lru_cache

from explorer.analysis.events.dates import compatible
from explorer.dates import PRECISIONS
from explorer.analysis.events.pairs import WEIGHTS, PairWeights, combined, features

# The share of a curated headline's words a statement must state to be matched to it (layer.py).
SAME_EVENT_SIMILARITY = 0.3
PRECISION_ORDER = {**{p: i for i, p in enumerate(PRECISIONS)}, None: len(PRECISIONS)}  # finest first
STOPWORDS = set("""a an the and or but of to in on at by for from with without into onto over under about as is
are was were be been being it its it's this that these those which who whom whose what when where while than then
there their they them he she his her him we our us you your i me my not no nor so such also had has have having do
does did will would shall should can could may might must just only very more most some any all each both other
last next day week month year years days weeks months ago later today yesterday tomorrow early end recently recent
said says told january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday quarter quarters half first second third fourth""".split())
SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "er", "ly")


# Words reporters use for the same act, folded onto one stem.
SYNONYMS = {"establ": "found", "launch": "releas", "unveil": "releas", "approv": "clear", "purcha": "acquir",
            "buy": "acquir", "takeov": "acquir", "concess": "commit", "remed": "commit", "remedy": "commit"}


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    return SYNONYMS.get(word[:6], word[:6])


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """A statement's stemmed content words; cached, since merging compares each statement with
    every cluster it could join (at 100,000 passages, recomputing them took most of a minute)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return frozenset(stem(w) for w in words if len(w) > 2 and w not in STOPWORDS)


def coverage(text: str, headline: str) -> float:
    """Share of a headline's content words that a text has (how much of it the text states)."""
    wanted = content_words(headline)
    return len(wanted & content_words(text)) / len(wanted) if wanted else 0.0


def similarity(a: str, b: str) -> float:
    """Share of the shorter clause's content words the other clause has too (0 to 1)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def can_be_same_date(a: str | None, b: str | None) -> bool:
    """Dated statements merge when their dates are compatible; an undated one (a relative date
    the document's missing date cannot resolve) merges only with another undated one: being
    undated says nothing about which dated event it is."""
    if (a is None) != (b is None):
        return False
    return compatible(a, b)


def pair_score(a: dict, b: dict, weights: PairWeights = WEIGHTS) -> float:
    """How strongly two statements read as one event (compared with weights.threshold)."""
    return combined(features(a, b, similarity), weights)


def merge(records: list[dict], weights: PairWeights = WEIGHTS) -> list[list[dict]]:
    """Groups of records that state the same event (each group in reading order of its sources)."""
    order = sorted(range(len(records)), key=lambda i: (PRECISION_ORDER.get(records[i].get("precision"), 3), i))
    clusters: list[list[int]] = []
    same_date = lru_cache(maxsize=None)(can_be_same_date)  # a few distinct dates, compared many times
    for i in order:
        record = records[i]
        best, best_score = None, weights.threshold
        for number, members in enumerate(clusters):
            if not all(same_date(record.get("date"), records[m].get("date")) for m in members):
                continue
            score = max(pair_score(record, records[m], weights) for m in members)
            if score >= best_score:
                best, best_score = number, score
        if best is None:
            clusters.append([i])
        else:
            clusters[best].append(i)
    return [[records[i] for i in sorted(members)] for members in sorted(clusters, key=min)]


def kind_of_group(group: list[dict]) -> str:
    """The first source's kind, unless it is "other" and another source says what kind of act it
    was (a dated heading line "Adopted on 17 June 2025" says nothing of what was adopted). A later
    source's "statement" does not count: it is the report of the act ("confirmed that Brisa
    signed"), not its kind."""
    kinds = [r.get("kind") or "other" for r in group]
    if kinds[0] != "other":
        return kinds[0]
    return next((k for k in kinds[1:] if k not in ("other", "statement")), "other")


def merged_event(group: list[dict]) -> dict:
    """One event from its statements: the most precise date, the first statement's words and
    kind, every party and amount, and each statement as a source."""
    lead = min(group, key=lambda r: (PRECISION_ORDER.get(r.get("precision"), 3), group.index(r)))
    group = [lead] + [r for r in group if r is not lead]  # the most precise statement is the first source
    parties, amounts = [], []
    for record in group:
        parties += [p for p in record.get("parties") or [] if p not in parties]
        amounts += [a for a in record.get("amounts") or [] if a not in amounts]
    return {"id": min(r["id"] for r in group), "date": lead.get("date"), "precision": lead.get("precision"),
            "kind": kind_of_group(group), "text": lead["text"], "parties": parties, "amounts": amounts,
            "sources": [{"passage": r["passage"], "doc": r["doc"], "locator": r["locator"], "text": r["text"],
                         "date_text": r.get("date_text"), "date": r.get("date"), "record": r["id"]} for r in group]}
