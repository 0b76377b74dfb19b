"""Word lists of several languages, from pyspellchecker's frequency dictionaries, and stop words of
the other languages, from the `stop-words` package (both maintained, pure Python, shipping their
lists as data; nothing is fetched at run time).

"Did you mean" uses them to leave correct words alone (a word English knows is never a typo,
even when the sources do not use it), and the language check uses each language's most
frequent words (its function words: "dans", "que", "die") to tell a query in another language.
Loading one language costs half a second to two seconds, so each is loaded once per process, on
first use (explorer.search.language reads the other languages only for a query with a word
English lacks).
"""

from functools import lru_cache

ENGLISH = "en"
# The languages the package ships that are written in the Latin alphabet and common in news work.
OTHER_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl")
STOP_LIST_NAMES = {"fr": "french", "es": "spanish", "de": "german", "it": "italian", "pt": "portuguese",
                   "nl": "dutch"}
NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian",
         "pt": "Portuguese", "nl": "Dutch"}


KEEP = 50_000  # words kept of each other language's list: the language check needs no rarer ones


@lru_cache(maxsize=None)
def frequencies(language: str) -> dict[str, int]:
    """{lower-cased word: how often the package's corpus has it} for one language: every word for
    English (did you mean asks of any word), the KEEP most frequent for the others (a third to a
    tenth of their lists: what they cost in memory)."""
    from spellchecker import SpellChecker

    table = SpellChecker(language=language, distance=1).word_frequency.dictionary
    if language == ENGLISH:
        return dict(table)
    return dict(sorted(table.items(), key=lambda item: (-item[1], item[0]))[:KEEP])


@lru_cache(maxsize=None)
def total(language: str) -> int:
    """The sum of the language's counts (to turn a count into a probability)."""
    return sum(frequencies(language).values())


@lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str]:
    """Another language's stop words, lower-cased, from the `stop-words` package (a few hundred)."""
    from stop_words import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(STOP_LIST_NAMES[language]))


def words(language: str) -> dict[str, int]:
    """Every word the language's list knows (a dict: membership is what callers ask)."""
    return frequencies(language)
