"""Word lists of several languages, from pyspellchecker's frequency dictionaries (a maintained,
pure-Python package that ships them as data; nothing is fetched at run time).

"Did you mean" uses them to leave correct words alone (a word English knows is never a typo,
even when the sources do not use it), and the language check uses each language's most
frequent words (its function words: "dans", "que", "die") to tell a query in another language.
Loading one language costs about half a second, so each is loaded once per process, on first use.
"""

from functools import lru_cache

ENGLISH = "en"
# The languages the package ships that are written in the Latin alphabet and common in news work.
OTHER_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl")
NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian",
         "pt": "Portuguese", "nl": "Dutch"}


@lru_cache(maxsize=None)
def frequencies(language: str) -> dict[str, int]:
    """{lower-cased word: how often the package's corpus has it} for one language."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language=language, distance=1).word_frequency.dictionary)


@lru_cache(maxsize=None)
def total(language: str) -> int:
    """The sum of the language's counts (to turn a count into a probability)."""
    return sum(frequencies(language).values())


def words(language: str) -> dict[str, int]:
    """Every word the language's list knows (a dict: membership is what callers ask)."""
    return frequencies(language)


@lru_cache(maxsize=None)
def most_frequent(language: str, count: int) -> frozenset[str]:
    """The language's `count` most frequent words: mostly its function words."""
    table = frequencies(language)
    return frozenset(sorted(table, key=lambda w: (-table[w], w))[:count])
