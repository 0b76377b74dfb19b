"""Is this pair of statements one event? The evidence beside the wording.

Word overlap alone misses the same act told in other words ("Adopted on 17 June 2025" and "The
Authority cleared the transaction yesterday"; "founded the company in 2011" and "Veltro Robotics
GmbH, founded in 2011"). Reporters of one event share more than words: the same day, the same
parties (under their aliases: "Veltro" and "Veltro Robotics GmbH"), the same amount ("$4.5
billion" and "US$4.5 billion"). A pair's score is its word similarity plus a bonus for each of
those; the bonuses and the threshold are fitted together on the labelled pairs by
explorer/bench/events_eval.py, with cross-validation, and bench prints the fitted values beside
the ones in use here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from explorer.analysis.entities.names import key, never_a_name


@dataclass(frozen=True)
class PairWeights:
    """Bonuses added to the word similarity, and the score from which a pair is one event."""
    same_day: float = 0.0
    shared_party: float = 0.0
    shared_amount: float = 0.0
    threshold: float = 0.3


# In use: the word overlap alone. Fitting the bonuses too did not beat it under cross-validation
# on the labelled pairs (held-out pair F1 0.53 against 0.54: within one story nearly every pair
# shares a party, no labelled pair shares an amount, and a same day joins as many different
# events as same ones), so they stay at zero until labelled pairs say otherwise. BENCHMARKS.md.
WEIGHTS = PairWeights(same_day=0.0, shared_party=0.0, shared_amount=0.0, threshold=0.3)


def party_keys(record: dict) -> frozenset[tuple[str, ...]]:
    """The parties' names as alias keys (word tuples), names that are never names left out."""
    return _party_keys(tuple(record.get("parties") or ()))


@lru_cache(maxsize=65536)
def _party_keys(parties: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Cached: merging asks for each statement's parties once per cluster it could join."""
    out = set()
    for party in parties:
        if never_a_name(party):
            continue
        words = tuple(key(party).split())
        if words and len("".join(words)) >= 3:
            out.add(words)
    return frozenset(out)


def _aliases(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"veltro" and "veltro robotics": one name starts the other, word for word. "lund" does not
    start "anders lund", so two people sharing a surname stay apart."""
    short, long = sorted((a, b), key=len)
    return long[:len(short)] == short


def shares_party(a: dict, b: dict) -> bool:
    keys_b = party_keys(b)
    return any(_aliases(x, y) for x in party_keys(a) for y in keys_b)


def _amount_keys(record: dict) -> set[tuple]:
    return {(round(float(m["value"]), 2), m.get("unit")) for m in record.get("amounts") or []
            if m.get("value") is not None}


def shares_amount(a: dict, b: dict) -> bool:
    return bool(_amount_keys(a) & _amount_keys(b))


def same_day(a: dict, b: dict) -> bool:
    return a.get("precision") == b.get("precision") == "day" and a.get("date") == b.get("date") is not None


def features(a: dict, b: dict, similarity) -> tuple[float, bool, bool, bool]:
    """(word similarity, same day, a shared party, a shared amount)."""
    return similarity(a["text"], b["text"]), same_day(a, b), shares_party(a, b), shares_amount(a, b)


def combined(feats: tuple[float, bool, bool, bool], weights: PairWeights) -> float:
    sim, day, party, amount = feats
    return sim + weights.same_day * day + weights.shared_party * party + weights.shared_amount * amount
