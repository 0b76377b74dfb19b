"""Is a query in English? And, when it is not, which English words of the sources it may mean.

The embedding model (all-MiniLM-L6-v2) was trained on English text, and the bundled story's
sources are English: a French question finds little, and nothing would say why. This module
tells a query in another language cheaply and offline, from the word frequency lists of
pyspellchecker (explorer.search.wordlists): naive Bayes over the query's distinct words, each word's probability in each language read from that
language's list, a word a list lacks getting FLOOR. A query is taken to be in another language
only when that language explains it better than English by more than MARGIN (a log-likelihood
ratio): a name or a figure has FLOOR in every language and moves nothing, so "Mistral Large
Azure" or "Arthur Mensch" stay English, and one French word among English ones ("Le Chat launch
date") is not enough. A query without a stop word of another language ("dans", "de", "le"; the
`stop-words` package's lists, a few hundred words each, against the search's own English stop
words) is English without asking, and only the languages whose stop words a query holds are
weighed: a word list costs one to two seconds to load and tens of megabytes, so each is read
only when a query needs it, once per process.

FLOOR and MARGIN were chosen by 5-fold cross-validation on labelled queries
(language_examples.json; `python -m explorer.search.language_calibration` prints the figures).

For a query in another language, `english_hints` offers the English words the sources use for
its cognates ("investi" -> "invested", "investment"): the word's ending of that language is
taken off and what is left must be the stem (explorer.text.stem) of words the sources have.
Names (capitalised words the sources have) stay as they are.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

from explorer.search import wordlists
from explorer.text import STOPWORDS, stem

WORD = re.compile(r"[^\W\d_]+")
FLOOR = 1e-8  # P(word) for a word a list does not have (names, figures): the same in every language
MARGIN = 8.0  # log-likelihood ratio above which a query is taken to be in another language
EVIDENCE = 2.0  # a word at least e^2 times likelier in that language is shown as a reason
HINTS_PER_WORD = 2
MIN_STEM = 5  # shorter stems match too many unrelated words
# Endings taken off a word of that language before looking for an English stem (longest first).
ENDINGS = {
    "fr": ("issements", "issement", "ements", "ement", "ations", "ation", "aient", "ait", "ées", "és", "ée", "é",
           "er", "ir", "it", "is", "i", "e", "s"),
    "es": ("aciones", "ación", "ieron", "aron", "ió", "ó", "ado", "ada", "ar", "er", "ir", "es", "s", "o", "a"),
    "it": ("azioni", "azione", "ato", "ata", "ito", "are", "ere", "ire", "i", "o", "a", "e"),
    "pt": ("ações", "ação", "ou", "iu", "ado", "ada", "ar", "er", "ir", "s", "o", "a"),
    "de": ("ierungen", "ierung", "ungen", "ung", "ierte", "iert", "en", "er", "e", "t", "s"),
    "nl": ("eringen", "ering", "eerde", "eerd", "en", "e", "s"),
}
PREFIXES = {"de": ("ge",), "nl": ("ge",)}  # past participles: "geïnvesteerd"


@dataclass(frozen=True)
class Detection:
    language: str  # a code of explorer.search.wordlists ("en", "fr", ...)
    evidence: tuple[str, ...] = ()  # the query's words that are that language's, not English's

    @property
    def is_english(self) -> bool:
        return self.language == wordlists.ENGLISH

    @property
    def name(self) -> str:
        return wordlists.NAMES.get(self.language, self.language)


def words_of(text: str) -> list[str]:
    """Lower-cased words of letters only: "a-t-il" is "a", "t", "il"."""
    return [w.lower() for w in WORD.findall(text or "")]


def log_probability(word: str, language: str, floor: float) -> float:
    """log P(word | language) from the language's word list; an unknown word gets `floor`."""
    table, total = wordlists.frequencies(language), wordlists.total(language)
    return math.log(max(table.get(word, 0) / total, floor))


def detect(text: str, floor: float = FLOOR, margin: float = MARGIN, known=()) -> Detection:
    """The query's language: English unless another language explains the query's distinct
    words better by more than `margin` (a log-likelihood ratio, naive Bayes over word lists).
    `known`: words the sources use, left out (a query of the sources' own words, such as the
    product name "Le Chat", finds them whatever language they are in)."""
    found = [w for w in dict.fromkeys(words_of(text)) if w not in known]
    candidates = [lang for lang in wordlists.OTHER_LANGUAGES
                  if any(w not in STOPWORDS and w in wordlists.stop_words(lang) for w in found)]
    if not candidates:
        return Detection(wordlists.ENGLISH)  # no other language's stop word: English, no word list loaded
    score = {lang: sum(log_probability(w, lang, floor) for w in found) for lang in (wordlists.ENGLISH, *candidates)}
    best = max(candidates, key=score.get)  # ties: the first listed
    if score[best] - score[wordlists.ENGLISH] <= margin:
        return Detection(wordlists.ENGLISH)
    evidence = [w for w in found if log_probability(w, best, floor) - log_probability(w, wordlists.ENGLISH, floor)
                > EVIDENCE]
    return Detection(best, tuple(evidence))


def fold(word: str) -> str:
    """Without accents: "investissement", "geïnvesteerd" -> "geinvesteerd"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def stems_of(word: str, language: str) -> list[str]:
    """What an English stem of the word could be once the language's endings are taken off."""
    word = fold(word.lower())
    bases = [word] + [word[len(p):] for p in PREFIXES.get(language, ()) if word.startswith(p)]
    found = []
    for base in bases:
        found.append(base)
        found += [base[: -len(e)] for e in ENDINGS.get(language, ()) if base.endswith(e)]
    return [s for s in dict.fromkeys(found) if len(s) >= MIN_STEM]


@dataclass(frozen=True)
class EnglishHints:
    words: tuple[tuple[str, tuple[str, ...]], ...]  # (query word, English words of the sources)
    names: tuple[str, ...]  # the query's names the sources use, kept as typed
    query: str  # names and the first English word of each hint, in the query's order ("" if none)


def english_hints(text: str, vocabulary, detection: Detection) -> EnglishHints:
    """English words the sources (`vocabulary`: lower-cased word -> count) use for the query's
    cognates, and the names it shares with them."""
    by_stem: dict[str, list[str]] = {}
    for word in vocabulary:
        by_stem.setdefault(stem(word), []).append(word)
    function_words = wordlists.stop_words(detection.language)  # never cognates
    hints, names, query = [], [], []
    for typed in dict.fromkeys(WORD.findall(text or "")):
        lower = typed.lower()
        if lower in vocabulary:
            if typed[:1].isupper() and lower not in function_words:
                names.append(typed)
                query.append(typed)
            continue
        if lower in function_words or len(lower) < MIN_STEM:
            continue
        for candidate in stems_of(lower, detection.language):
            found = sorted(by_stem.get(candidate, ()), key=lambda w: (-vocabulary[w], w))[:HINTS_PER_WORD]
            if found:
                hints.append((typed, tuple(found)))
                query.append(found[0])
                break
    return EnglishHints(tuple(hints), tuple(names), " ".join(query) if hints else "")
