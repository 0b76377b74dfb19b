"""A claim's figures and names lined up against the evidence sentences, each normalised.

Figures come from explorer.analysis.figures (amounts with their currency, percentages, counts with
what they count, dates at their precision); two figures are the same when `same_figure` says so,
so "$21m" and "USD 21 million", "fourteen data centres" and "14 data centres", "the end of 2025"
and "31 December 2025" agree. A difference is said only when an evidence sentence about the same
fact (its similarity to the claim at least the calibrated threshold) states a figure of the same
kind, comparable (counts of the same thing, any two amounts, percentages or dates), that is not the
claim's, and no retrieved evidence sentence at all states the claim's own: a paraphrase that restates the figure in
other words agrees, and a sentence that does not state it at all is "not mentioned", never a
difference. People's names are the story's entities (explorer.analysis.claims.parties: spellings,
aliases and a reviewer's merges and renames decided once by the entities layer): the claim's person
is looked for first in the same-fact sentence that shares most of the claim's other words; when that
sentence names another person, they differ. Only people are ever said to differ: an organisation
is named in too many ways ("the watchdog", "the Commission") for a missing one to mean anything.

For a name, "about the same fact" is not left to the meaning's closeness alone: a swapped name is a
large part of a short sentence's meaning, so the very difference under check pulls the claim's
vector away from its evidence ("The dissenting vote came from Commissioner A" is closer to the
sentences naming A than to "Commissioner B dissented"). A sentence is also about the claim's fact
when it states enough of the claim's words other than names (SAME_WORDS, the share of them, fitted
beside SAME_FACT), which a name, having been masked, cannot move.
"""

from dataclasses import dataclass


AGREES, DIFFERS, UNMENTIONED, UNCONFIRMED = "agrees", "differs", "unmentioned", "unconfirmed"
DISCUSSED = "discussed"  # evidence about it, but no figure or person's name in the claim to compare
# The share of the claim's words (names masked, stopwords and bare numbers left out) an evidence
# sentence must state to be about the claim's fact when a name is compared. Fitted on the labelled
# set by explorer/bench/claims_eval.py (cross-validated there; BENCHMARKS.md has the figures).
SAME_WORDS = 0.29
# Counted nouns that name the same thing ("312 employees" and "213 people" count the same staff).
SYNONYMS = ({"people", "person", "employee", "staff", "worker", "persons", "employees"},
            {"company", "firm", "business"}, {"country", "state", "nation"})


@dataclass(frozen=True)
class Candidate:
    """An evidence sentence: where it is and how close in meaning it is to the claim."""

    passage_id: str
    start: int
    end: int
    text: str
    similarity: float


@dataclass(frozen=True)
class Difference:
    """One figure or name of the claim against the evidence."""

    kind: str  # money, percent, count, date, name
    claim: str  # normalised ("USD 12 million")
    status: str  # agrees, differs, unmentioned
    evidence: str | None = None  # the evidence's normalised figure or name
    sentence: Candidate | None = None  # the evidence sentence that agrees or differs

    def to_dict(self) -> dict:
        s = self.sentence
        return {"kind": self.kind, "claim": self.claim, "status": self.status, "evidence": self.evidence,
                "passage": s.passage_id if s else None, "sentence": s.text if s else None}


def _head(unit: str | None) -> str:
    return (unit or "").split()[-1] if unit else ""


def comparable(a, b) -> bool:
    """Can these two figures state the same fact (so that unequal values are a difference)?"""
    if a.kind != b.kind:
        return False
    if a.kind != "count":
        return True
    ha, hb = _head(a.unit), _head(b.unit)
    return ha == hb or any(ha in group and hb in group for group in SYNONYMS)


def _same(a, b) -> bool:
    from explorer.analysis.figures import same_figure

    if a.kind == "count" and b.kind == "count":
        return float(a.value) == float(b.value) and comparable(a, b)
    return same_figure(a, b)


def compare(claim: Candidate, candidates: list[Candidate], threshold: float, parties,
            words: float = SAME_WORDS) -> list[Difference]:
    """Every figure and person of the claim (a sentence of its passage), against the candidates
    about the same fact (best first). `parties`: explorer.analysis.claims.parties.Parties;
    `threshold`: the same-fact cosine; `words`: the same-fact share of the claim's other words."""
    from explorer.analysis.figures import describe, find_figures

    ranked = sorted(candidates, key=lambda c: -c.similarity)
    about = [c for c in ranked if c.similarity >= threshold]
    figures_of = {c: [f for f in find_figures(c.text) if not f.relative] for c in ranked}
    out, seen = [], set()
    for figure in (f for f in find_figures(claim.text) if not f.relative):
        if (figure.kind, describe(figure)) in seen:
            continue  # the same figure written twice ("€15 Million Investment: ... pledged €15 million")
        seen.add((figure.kind, describe(figure)))
        # agreement is looked for in every retrieved sentence: the figure stated anywhere in the
        # evidence is never called a difference; a difference needs a same-fact sentence
        agreeing = next((c for c in ranked if any(_same(figure, g) for g in figures_of[c])), None)
        if agreeing is not None:
            match = next(g for g in figures_of[agreeing] if _same(figure, g))
            out.append(Difference(figure.kind, describe(figure), AGREES, describe(match), agreeing))
            continue
        differing = next(((c, g) for c in about for g in figures_of[c] if comparable(figure, g)), None)
        if differing is not None:
            c, g = differing
            out.append(Difference(figure.kind, describe(figure), DIFFERS, describe(g), c))
        else:
            out.append(Difference(figure.kind, describe(figure), UNMENTIONED))
    named = parties.of(claim)
    people = {p.entity: p for p in named if p.person}
    for person in people.values():
        out.append(_compare_person(person, claim, named, threshold, words, ranked, parties))
    return out


def shared_words(claim, named, candidate, candidate_named) -> float:
    """The share of the claim's words other than names (and stopwords, bare numbers) that the
    candidate sentence states too: how far it is about the same fact, whoever either names."""
    own = _content_terms(claim, named)
    return len(own & _content_terms(candidate, candidate_named)) / len(own) if own else 0.0


def _content_terms(sentence, named) -> set[str]:
    """The sentence's words that are not stopwords nor part of a party's name."""
    from explorer.text import STOPWORDS, terms_of

    text = sentence.text
    for party in sorted(named, key=lambda p: -p.start):
        a, b = party.start - sentence.start, party.end - sentence.start
        if 0 <= a < b <= len(text):
            text = text[:a] + " " + text[b:]
    return {t for t in terms_of(text) if t not in STOPWORDS and not t.isdigit()}


def _compare_person(person, claim: Candidate, named, threshold: float, words: float, ranked: list[Candidate],
                    parties) -> Difference:
    """The sentences about the same fact are, here, those close enough in meaning or stating enough
    of the claim's words other than names; the one that states it is the one sharing most of those
    words (the name under check must not choose its own evidence: a sentence that merely names the
    same person would win on meaning alone), then the closest in meaning. When it names nobody, the
    person named in any retrieved sentence agrees, as a figure does."""
    own = _content_terms(claim, named)
    named_in = {c: parties.of(c) for c in ranked}
    shared = {c: len(own & _content_terms(c, named_in[c])) for c in ranked}
    about = [c for c in ranked if c.similarity >= threshold or (own and shared[c] / len(own) >= words)]
    about = sorted(about, key=lambda c: (-shared[c], -c.similarity))
    claim_entities = {p.entity for p in named}

    def names(c) -> bool:
        return any(p.entity == person.entity for p in named_in[c])

    if about and names(about[0]):
        return Difference("name", person.name, AGREES, person.name, about[0])
    if about:
        others = [p for p in named_in[about[0]] if p.person and p.entity not in claim_entities]
        if others:
            return Difference("name", person.name, DIFFERS, others[0].name, about[0])
    found = next((c for c in about if names(c)), None) or next((c for c in ranked if names(c)), None)
    if found is not None:
        return Difference("name", person.name, AGREES, person.name, found)
    return Difference("name", person.name, UNMENTIONED)


def status_of(differences: list[Difference], has_evidence: bool) -> str:
    """The claim's automatic status: differs if anything differs; agrees if something agrees; else,
    with evidence about it, "discussed" (nothing of it stated, or nothing to compare); else
    unmentioned."""
    statuses = {d.status for d in differences}
    if DIFFERS in statuses:
        return DIFFERS
    if AGREES in statuses:
        return AGREES
    if has_evidence:
        return UNCONFIRMED if differences else DISCUSSED
    return UNMENTIONED
