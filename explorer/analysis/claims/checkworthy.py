"""How check-worthy a sentence is, and why: the derived layer "claims" (one record per sentence).

Full Fact and ClaimBuster rank sentences by whether they state something a fact-checker can
verify. Here a sentence scores by features anyone can read back: it states an amount, a
percentage, a count, a date; it names a party (a person's name counts more); it quotes or
attributes ("according to", "said"); it compares ("the largest", "more than"). Opinion, prediction,
questions and boilerplate ("sign up for our newsletter", "this article will be updated") score low.

The features were chosen by reading what a fact-checker looks for; their weights are fitted on
sentences labelled by reading (explorer/bench/checkworthy_eval.py, cross-validated; BENCHMARKS.md
has the figures and the choices made).
The layer is cached per passage by content hash (story.layer_cache), so it is computed once per
document text; `extract` is a pure function of the passages.
"""

import re

from explorer.text import sentence_spans

VERSION = "6"  # 4: hedge, evaluation, lead-in, more reporting verbs; parties come from the entities layer when read; 6: a title does not end a sentence
LAYER = "claims"

# Fitted by explorer/bench/checkworthy_eval.py (an L2-regularised logistic regression on the
# sentences labelled by reading: the bundled article and two fiction articles; its 5-fold
# cross-validated figures are in BENCHMARKS.md). A sentence's score is the sum of the weights of its
# features: above 0 its features, on balance, make it more check-worthy than a sentence with none.
WEIGHTS = {"money": 1.39, "percent": 0.76, "count": 1.18, "date": 1.73, "person": 1.18, "party": 0.51,
           "party_acts": 0.89, "attribution": 2.01, "quotation": -0.41, "comparison": 1.25,
           "opinion": -0.49, "hedge": -0.52, "evaluation": -1.6, "lead_in": -0.84,
           "question": -0.35, "boilerplate": -0.6, "short": -0.58}
REASONS = {"money": "states an amount", "percent": "states a percentage", "count": "states a count",
           "date": "states a date", "person": "names a person", "party": "names a party",
           "party_acts": "says what a named party does", "attribution": "attributes a statement", "quotation": "quotes someone",
           "comparison": "compares or ranks", "opinion": "reads as opinion", "hedge": "speculates (could, may, would)",
           "evaluation": "judges rather than states", "lead_in": "introduces a list",
           "question": "asks a question", "boilerplate": "boilerplate", "short": "too short to state a fact"}
# Someone saying, announcing or committing to something (reporting verbs, in their usual forms).
ATTRIBUTION = re.compile(r"\b(according to|said|says|told|announced|announces|stated|states|confirmed|confirms|"
                         r"reported|disclosed|argued|claimed|wrote|emphasi[sz]es|emphasi[sz]ed|proposes|proposed|"
                         r"intends|intended|pledged|pledges|promised|promises|committed to|commits to|insists|"
                         r"insisted|warned|warns|explained|added|noted|denied|denies|acknowledged)\b", re.IGNORECASE)
QUOTATION = re.compile(r"[“\"][^”\"]{12,}[”\"]")
COMPARISON = re.compile(r"\b(largest|biggest|smallest|highest|lowest|first|only|most|least|more than|less than|"
                        r"fewer than|at least|at most|up to|no fewer than|majority|record|top|"
                        r"\w{3,}est)\b", re.IGNORECASE)
OPINION = re.compile(r"\b(remains to be seen|will feel|seems?|arguably|perhaps|may well|we think|i think|"
                     r"in our view|how hard|promising|exciting|should|ought|hopefully|likely to be|whether)\b",
                     re.IGNORECASE)
# Speculation and prediction: what may, could or would happen is not yet a fact to check.
HEDGE = re.compile(r"\b(could|may|might|would|can help|potentially|possibly|likely|perhaps|hopes? to|aims? to|"
                   r"is expected to|are expected to|has the potential|have the potential)\b", re.IGNORECASE)
# Evaluative language (a judgement of importance or meaning, general subjectivity words): what
# the writer makes of the facts rather than a fact.
EVALUATION = re.compile(r"\b(important|significant|milestone|far-reaching|vote of confidence|promising|exciting|"
                        r"remarkable|crucial|vital|strategic|demonstrates?|underlines?|underscores?|indicates?|"
                        r"signals?|more than (?:just )?words|paves? the way|paradigm|transformative|landscape|"
                        r"game.changer|unprecedented|revolutionary|ground-?breaking)\b", re.IGNORECASE)
# A lead-in to a list ("Here is how the details break down:") states nothing itself.
LEAD_IN = re.compile(r":\s*$")
SUBJECT_WORDS = 3  # a party named within the first words of a sentence (a label aside) is its subject
BOILERPLATE = re.compile(r"\b(sign up|newsletter|subscribe|all rights reserved|cookies?|will be updated|"
                         r"click here|read more|fiction written|follow us)\b", re.IGNORECASE)
SHORT_WORDS = 6
FEATURES = tuple(WEIGHTS)
MIN_SCORE = 0.0  # a sentence is a claim when it scores above (is_claim)
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
    if HEDGE.search(text):
        fired.append("hedge")
    if EVALUATION.search(text):
        fired.append("evaluation")
    if LEAD_IN.search(text):
        fired.append("lead_in")
    if BOILERPLATE.search(text):
        fired.append("boilerplate")
    if len(text.split()) < SHORT_WORDS:
        fired.append("short")
    return fired


def with_parties(features: list[str], named, text: str = "", start: int = 0) -> list[str]:
    """The sentence's features with "person" (it names a person) or "party" (an organisation), from
    the parties the entities layer found in it (explorer.analysis.claims.parties), and "party_acts"
    when one of them is named in its first SUBJECT_WORDS words (a leading label such as "Global
    Expansion:" and "According to" aside): the sentence says what a named party does or says.
    `text`, `start`: the sentence and where it starts in its passage."""
    extra = ["person"] if any(p.person for p in named) else ["party"] if named else []
    if named and text:
        head, colon, rest = text.partition(":")
        body_at = len(head) + 1 if colon and rest.strip() and len(head.split()) <= 6 else 0
        body = text[body_at:]
        skip = len(body) - len(re.sub(r"^\s*(?:according to\s+)?", "", body, flags=re.IGNORECASE))
        words = re.finditer(r"\S+", body[skip:])
        limit = next((m.end() for n, m in enumerate(words, 1) if n == SUBJECT_WORDS), len(body) - skip)
        window = (start + body_at + skip, start + body_at + skip + limit)
        if any(window[0] <= p.start < window[1] for p in named):
            extra.append("party_acts")
    figures = [f for f in features if f in FIGURE_FEATURES]
    rest_features = [f for f in features if f not in FIGURE_FEATURES and f not in ("person", "party", "party_acts")]
    return figures + extra + rest_features


def score_of(features: list[str]) -> float:
    return round(sum(WEIGHTS[f] for f in features), 2)


def is_claim(score: float) -> bool:
    """Does the sentence's score make it a claim (its features, on balance, check-worthy)?"""
    return score > MIN_SCORE


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
