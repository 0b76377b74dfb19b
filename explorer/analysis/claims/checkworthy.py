"""How check-worthy a sentence is, and why: the derived layer "claims" (one record per sentence).

Full Fact and ClaimBuster rank sentences by whether they state something a fact-checker can
verify. Here a sentence scores by features anyone can read back: it states an amount, a
percentage, a count, a date; it names a party (a person's name counts more); it quotes or
attributes ("according to", "said"); it compares ("the largest", "more than"). Opinion, prediction,
questions and boilerplate ("sign up for our newsletter", "this article will be updated") score low.

The weights below were set once, by reading what a fact-checker looks for, before the ranking was
measured (explorer/bench/claims_eval.py reports the measurement; BENCHMARKS.md the choices made).
The layer is cached per passage by content hash (story.layer_cache), so it is computed once per
document text; `extract` is a pure function of the passages.
"""

import re

from explorer.text import sentence_spans

VERSION = "2"  # 2: parties come from the entities layer when the claims are read
LAYER = "claims"

WEIGHTS = {"money": 2.0, "percent": 2.0, "count": 1.5, "date": 1.5, "person": 1.5, "party": 1.0,
           "attribution": 1.0, "quotation": 1.0, "comparison": 1.0,
           "opinion": -2.0, "question": -2.0, "boilerplate": -4.0, "short": -1.0}
REASONS = {"money": "states an amount", "percent": "states a percentage", "count": "states a count",
           "date": "states a date", "person": "names a person", "party": "names a party",
           "attribution": "attributes a statement", "quotation": "quotes someone",
           "comparison": "compares or ranks", "opinion": "reads as opinion or prediction",
           "question": "asks a question", "boilerplate": "boilerplate", "short": "too short to state a fact"}
ATTRIBUTION = re.compile(r"\b(according to|said|says|told|announced|stated|confirmed|reported|disclosed|"
                         r"argued|claimed|wrote)\b", re.IGNORECASE)
QUOTATION = re.compile(r"[“\"][^”\"]{12,}[”\"]")
COMPARISON = re.compile(r"\b(largest|biggest|smallest|highest|lowest|first|only|most|least|more than|less than|"
                        r"fewer than|at least|at most|up to|no fewer than|majority|record|top|"
                        r"\w{3,}est)\b", re.IGNORECASE)
OPINION = re.compile(r"\b(remains to be seen|will feel|seems?|arguably|perhaps|may well|we think|i think|"
                     r"in our view|how hard|promising|exciting|should|ought|hopefully|likely to be|whether)\b",
                     re.IGNORECASE)
BOILERPLATE = re.compile(r"\b(sign up|newsletter|subscribe|all rights reserved|cookies?|will be updated|"
                         r"click here|read more|fiction written|follow us)\b", re.IGNORECASE)
SHORT_WORDS = 6
MIN_SCORE = 1.0  # sentences scoring below are not claims (no check-worthy feature, or opinion)
FIGURE_FEATURES = ("money", "percent", "count", "date")
# Superlative-looking words that compare nothing.
NOT_SUPERLATIVE = frozenset({"interest", "est", "honest", "request", "guest", "test", "latest", "west", "rest",
                             "forest", "contest", "protest", "suggest", "digest", "invest", "harvest", "modest"})


def sentence_features(text: str) -> list[str]:
    """The features of one sentence that fired, in a stable order."""
    from explorer.analysis.figures import find_figures

    fired = []
    kinds = {f.kind for f in find_figures(text)}
    fired += [k for k in ("money", "percent", "count", "date") if k in kinds]
    if ATTRIBUTION.search(text):
        fired.append("attribution")
    if QUOTATION.search(text):
        fired.append("quotation")
    if any(m.group(0).lower() not in NOT_SUPERLATIVE for m in COMPARISON.finditer(text)):
        fired.append("comparison")
    if OPINION.search(text):
        fired.append("opinion")
    if text.rstrip().endswith("?"):
        fired.append("question")
    if BOILERPLATE.search(text):
        fired.append("boilerplate")
    if len(text.split()) < SHORT_WORDS:
        fired.append("short")
    return fired


def with_parties(features: list[str], named) -> list[str]:
    """The sentence's features with "person" (it names a person) or "party" (an organisation), from
    the parties the entities layer found in it (explorer.analysis.claims.parties)."""
    extra = ["person"] if any(p.person for p in named) else ["party"] if named else []
    figures = [f for f in features if f in FIGURE_FEATURES]
    return figures + extra + [f for f in features if f not in FIGURE_FEATURES and f not in ("person", "party")]


def score_of(features: list[str]) -> float:
    return round(sum(WEIGHTS[f] for f in features), 2)


def why(features: list[str]) -> str:
    """The features in words: "states an amount; names a party"."""
    return "; ".join(REASONS[f] for f in features) or "no check-worthy feature"


def sentence_records(text: str) -> list[dict]:
    """One record per sentence of a passage: its span, text, features and score."""
    out = []
    for start, end in sentence_spans(text):
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        if not sentence:
            continue
        features = sentence_features(sentence)
        out.append({"start": start + lead, "end": start + lead + len(sentence), "text": sentence,
                    "features": features, "score": score_of(features)})
    return out


def extract(passages) -> list[list[dict]]:
    """The layer's pure function: a list of sentence records per passage."""
    return [sentence_records(p.text) for p in passages]
