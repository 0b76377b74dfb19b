""""Did you mean": a typo in a query corrected from the words the corpus actually uses.

A journalist who types `Mistrall invesment` gets keyword matches for neither word, and the
right passage falls down the list. We suggest the nearest corpus words instead, never words
from a general dictionary: a suggestion is only useful if the sources contain it.

The vocabulary is every word of every passage (lower-cased), with how often it occurs. A query
word is left alone when the corpus has it, when it is short (3 letters or fewer: too many near
neighbours), or when it holds a digit (figures are not typos). Otherwise the closest corpus
word within an edit distance that grows with the word's length is proposed; ties go to the
more frequent word. RapidFuzz does the distance computation (fast C++, maintained).
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


def max_edits(word: str) -> int:
    """Edits allowed for a word this long: 1 up to 5 letters, 2 beyond (as most spellcheckers do)."""
    return 1 if len(word) <= 5 else 2


def correct_word(word: str, vocab: Counter) -> str | None:
    """The corpus word closest to `word` (None when the corpus has it or nothing is close)."""
    lower = word.lower()
    if len(lower) < MIN_LENGTH or lower in vocab:
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


def suggest(query: str, vocab: Counter) -> Suggestion | None:
    """The query with each misspelt word replaced by its nearest corpus word, or None when no word
    needs it. Words inside "exact phrases" are corrected too: a phrase with a typo finds nothing."""
    changes = []

    def replace(match: re.Match) -> str:
        fixed = correct_word(match.group(0), vocab)
        if fixed is None:
            return match.group(0)
        changes.append((match.group(0), fixed))
        return fixed

    corrected = WORD.sub(replace, query or "")
    return Suggestion(corrected, tuple(changes)) if changes else None
