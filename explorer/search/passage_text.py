"""Per-passage text work a query needs: term positions, token starts, sentence spans, keyword
terms, and the sentence holding most query words. Computed for the passages a query shows, not
for every passage when the index opens (that cost seconds at 100k passages), and remembered for
the passages shown most.

Hyphenation and spacing variants are one term here: a passage that writes "multi-year" or
"multi year" also holds the term of "multiyear", so a query saying "multiyear" finds it
highlighted, is not told it is "Missing", and does not get "the sources may not make this
claim" for it (explorer.text.compounds). This is for what a hit shows and lacks, not for
ranking: the keyword index (explorer.text.terms_of) is unchanged."""

from functools import lru_cache

import numpy as np

from explorer.search.highlight import phrase_spans
from explorer.text import compounds, sentence_spans, term_spans, terms_of, tokens, variant_positions


@lru_cache(maxsize=8192)
def positions(text: str):
    """Where each term occurs, the joined forms of compounds included (explorer.text.compounds)."""
    return variant_positions(text)


@lru_cache(maxsize=8192)
def starts(text: str) -> frozenset[int]:
    return frozenset(s for spans in positions(text).values() for s, _ in spans)


@lru_cache(maxsize=8192)
def sentences(text: str) -> list[tuple[int, int]]:
    return sentence_spans(text)


def lexical_best(text: str, terms: set[str], phrases) -> tuple[int, int] | None:
    """The sentence with most query terms (a phrase counts three), or None if none has any."""
    spans = sentences(text)
    found = [a for a, _ in phrase_spans(text, phrases, starts(text))]
    counts = [len(term_spans(text[s:e], terms, variant_positions(text[s:e]))) + 3 * sum(s <= a < e for a in found)
              for s, e in spans]
    return spans[int(np.argmax(counts))] if max(counts, default=0) > 0 else None


def whole_terms(phrase: str) -> list[str]:
    """The terms of a phrase's whole words. A phrase may cut a word at either end ("Micros",
    or "'s deal" inside "Microsoft's deal"): its last word counts only if something other than
    a letter or digit follows it, its first only if the phrase starts with a letter or digit."""
    words = tokens(phrase)
    if words and words[-1][2] == len(phrase) and _wordish(phrase[-1]):
        words = words[:-1]
    if words and not _wordish(phrase[:1]) and words[0][1] > 0:
        words = words[1:]
    return list(dict.fromkeys(t for surface, _, _ in words for t in terms_of(surface)))


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=8192)
def keyword_terms(text: str) -> frozenset[str]:
    """The terms a passage holds, for "Missing:" and the no-claim notice: its keyword terms and
    the joined forms of its compounds."""
    return frozenset(terms_of(text)) | frozenset(compounds(text))
