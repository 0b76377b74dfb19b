""""Did you mean": a typo in a query corrected from the words the corpus actually uses.

A journalist who types `Mistrall invesment` gets keyword matches for neither word, and the
right passage falls down the list. We suggest the nearest corpus words instead: a suggestion is
only useful if the sources contain it.

A suggestion must never replace a correct word. A query word is left alone when the corpus has
it, when a word list knows it (English, from pyspellchecker: "investigate" and "Monday" are
words even where the sources say "investigated" and "money"), when it is a word of the other
language the query is in (`keep`: "dans" in a French query), when it is short (3 letters or
fewer: too many near neighbours), or when it holds a digit (figures are not typos). Otherwise
the closest corpus word within an edit distance that grows with the word's length is proposed;
ties go to the more frequent word. RapidFuzz does the distance computation (fast C++,
maintained). Whether the corrected query is worth offering (it must find clearly better hits)
is for the caller, which has the index (explorer.views.search.did_you_mean).
"""

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # letters only: figures and ids are never "corrected"
MIN_LENGTH = 4


@dataclass(frozen=True)
class Suggestion:
    query: str  # the whole corrected query, ready to search
    changes: tuple[tuple[str, str], ...]  # (typed word, corpus word) for each word replaced


def vocabulary(texts) -> Counter:
    """Lower-cased corpus words with their counts."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(w.lower() for w in WORD.findall(text))
    return counts


def english_words():
    """The English word list (lower-cased words; a dict, for membership)."""
    from explorer.search import wordlists

    return wordlists.words(wordlists.ENGLISH)


def max_edits(word: str) -> int:
    """Edits allowed for a word this long: 1 up to 5 letters, 2 beyond (as most spellcheckers do)."""
    return 1 if len(word) <= 5 else 2


def is_known(word: str, vocab, known=None, keep=()) -> bool:
    """Is the word correct as typed: the corpus's, the word list's, or the query's language's?
    A possessive or elided form counts by its base ("Microsoft's", "l'accord")."""
    lower = word.lower().replace("’", "'")
    forms = {lower, *lower.split("'")} - {""}
    if any(f in vocab or f in keep for f in forms):
        return True
    known = english_words() if known is None else known
    return any(f in known for f in forms)


def correct_word(word: str, vocab: Counter, known=None, keep=()) -> str | None:
    """The corpus word closest to `word` (None when the word is known or nothing is close).
    `known`: the word list (default: English); `keep`: more words to leave alone."""
    lower = word.lower()
    if len(lower) < MIN_LENGTH or is_known(word, vocab, known, keep):
        return None
    limit = max_edits(lower)
    found = process.extract(lower, vocab.keys(), scorer=Levenshtein.distance, score_cutoff=limit, limit=20)
    if not found:
        return None
    best = min(found, key=lambda f: (f[1], -vocab[f[0]], f[0]))[0]
    return _same_case(word, best)


def _same_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def suggest(query: str, vocab: Counter, known=None, keep=()) -> Suggestion | None:
    """The query with each misspelt word replaced by its nearest corpus word, or None when no word
    needs it. Words inside "exact phrases" are corrected too: a phrase with a typo finds nothing.
    The English word list is read only when a word is not the corpus's (`known` None: English)."""
    changes = []

    def replace(match: re.Match) -> str:
        fixed = correct_word(match.group(0), vocab, known, keep)
        if fixed is None:
            return match.group(0)
        changes.append((match.group(0), fixed))
        return fixed

    corrected = WORD.sub(replace, query or "")
    return Suggestion(corrected, tuple(changes)) if changes else None
