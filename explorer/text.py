"""Tokens and terms, shared by keyword search and highlighting so both agree on what matched.

A term is a lower-cased token with light normalisation: possessives and plurals folded
("principles" -> "principle"), thousands separators dropped ("1,600" -> "1600"), currency
signs and suffixes spelled out ("€15M" -> "eur", "15", "million") so names and figures match
however a journalist types them.

Negated compounds are one term: a hyphenated word whose first part is a negating prefix
(non-, anti-, un-, dis-, counter-) is a single token with the hyphen folded away, so
"non-public" and "nonpublic" are the term "nonpublic" and never match "public". A negation
reverses its base word, so matching the base would make a passage look like support for the
opposite claim. Other hyphenated words keep their parts as terms (as before): "GPT-4",
"Microsoft-OpenAI", "multi-year" and "people-centered" mean what their parts mean, and the
names inside them must stay findable ("OpenAI" finds "Microsoft-OpenAI"). "in-" is left out on
purpose: hyphenated "in-" words are not negations ("in-house", "in-depth"). Solid negations
("unfair", "nonprofit") were single tokens already.
"""

import re
import unicodedata
from functools import lru_cache

HYPHENS = r"\-\u2010\u2011"  # for a regex character class: hyphen-minus, hyphen, non-breaking hyphen
# Case matters for "un": "UN-backed" is the United Nations, not a negation.
NEGATING_PREFIX = r"(?-i:[Nn]on|NON|[Aa]nti|ANTI|[Uu]n|[Dd]is|DIS|[Cc]ounter|COUNTER)"
NEGATED = rf"(?<![\w{HYPHENS}]){NEGATING_PREFIX}[{HYPHENS}](?=\w)"
TOKEN = re.compile(rf"[€$£]|\d+(?:[.,]\d+)*(?:bn|[mbk])?\b|(?:{NEGATED})?\w+(?:['’]\w+)*", re.IGNORECASE)
CURRENCY = {"€": "eur", "$": "usd", "£": "gbp", "euro": "eur", "euros": "eur", "dollar": "usd", "dollars": "usd"}
SUFFIX = {"m": "million", "b": "billion", "bn": "billion", "k": "thousand"}
STOPWORDS = frozenset("""
a about after again all also an and any are as at be been before being between both but by can
could did do does doing during each few for from had has have having he her here hers him his how
i if in into is it its itself just me more most my no nor not of off on once only or other our out
over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why will
with would you your yours
get got say said much many really whether might must shall
""".split())  # the last line: words of questions ("how much", "does it say") that carry no topic


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(surface, start, end) for every token in the text, in order."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=65536)
def normalise(surface: str) -> tuple[str, ...]:
    """The terms one surface token stands for (usually one; "15m" gives two)."""
    word = unicodedata.normalize("NFKC", surface).lower().replace("’", "'")
    if word in CURRENCY:
        return (CURRENCY[word],)
    number = re.fullmatch(r"(\d+(?:[.,]\d+)*)(bn|[mbk])?", word)
    if number:
        digits = re.sub(r"(?<=\d),(?=\d{3}\b)", "", number.group(1))
        return (digits, SUFFIX[number.group(2)]) if number.group(2) else (digits,)
    word = re.sub(r"'s$", "", word)
    word = re.sub(f"[{HYPHENS}]", "", word)  # a negated compound: "non-public" -> "nonpublic"
    return (stem(word),)


def stem(word: str) -> str:
    """A deliberately light stemmer, so names survive: plurals, and -ing/-ed/-ment on longer
    words ("investment", "invested", "investing" -> "invest")."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ment", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 5 and not word[0].isdigit():
            return word[: -len(suffix)]
    return word


def term_words(text: str, keep_stopwords: bool = False) -> list[tuple[str, str]]:
    """(term, the word it came from) for every term of the text, in order. A stopword is dropped
    whether the word or its term is one ("does" would otherwise become the term "doe")."""
    found = []
    for surface, _, _ in tokens(text):
        for term in normalise(surface):
            if keep_stopwords or (term not in STOPWORDS and surface.lower() not in STOPWORDS):
                found.append((term, surface))
    return found


def terms_of(text: str, keep_stopwords: bool = False) -> list[str]:
    return [term for term, _ in term_words(text, keep_stopwords)]


def term_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each term occurs: computed once per passage, reused by every query."""
    positions: dict[str, list[tuple[int, int]]] = {}
    for surface, start, end in tokens(text):
        for term in dict.fromkeys(normalise(surface)):
            positions.setdefault(term, []).append((start, end))
    return positions


def term_spans(text: str, wanted: set[str], positions=None) -> list[tuple[int, int, str]]:
    """(start, end, term) for every token of `text` whose term is in `wanted`, in text order."""
    if not wanted:
        return []
    positions = term_positions(text) if positions is None else positions
    found = {}
    for term in wanted:
        for start, end in positions.get(term, ()):
            found.setdefault((start, end), term)
    return [(start, end, term) for (start, end), term in sorted(found.items())]


# The marks a list item opens with, wherever lists are read (an upload's plain text or PDF, a
# reference list inside a document); a character class for a regex is BULLET_CLASS.
BULLET_MARKS = "•●▪◦‣○■□·*-\u2013\u2014"
BULLET_CLASS = "[" + re.escape(BULLET_MARKS) + "]"

# Hyphenation and spacing variants ("multiyear", "multi-year", "multi year") for what a hit shows
# and lacks (highlights, "Missing:", the no-claim notice), never for the keyword index.
JOINS = re.compile(rf"[{HYPHENS}]| ")  # what may stand between the two halves of a compound


def compounds(text: str) -> dict[str, list[tuple[int, int]]]:
    """{term of the joined word: spans}, for each two neighbouring words of letters written with
    a hyphen or one space between them ("multi-year", "multi year" -> "multiyear"), the span
    covering both. Two words with a space between are joined only when neither is a stopword
    ("in sight" is not "insight")."""
    found: dict[str, list[tuple[int, int]]] = {}
    words = tokens(text)
    for (a, a_start, a_end), (b, b_start, b_end) in zip(words, words[1:]):
        gap = text[a_end:b_start]
        if not (JOINS.fullmatch(gap) and a.isalpha() and b.isalpha()):
            continue
        if gap == " " and (a.lower() in STOPWORDS or b.lower() in STOPWORDS):
            continue
        for term in normalise(a + b):
            found.setdefault(term, []).append((a_start, b_end))
    return found


def variant_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """term_positions with the joined forms of the text's compounds: "multiyear" is found in
    "multi-year" and in "multi year"."""
    found = term_positions(text)
    for term, spans in compounds(text).items():
        found.setdefault(term, []).extend(spans)
    return found


MIN_SENTENCE = 8
# Bump when sentence_spans splits differently: an index stores one vector per sentence, so one
# built under other rules is stale (explorer.store.index.corpus_key). 2: an abbreviation does not end one
# unless a capitalised function word follows it, a title never.
SENTENCE_RULES = "2"
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(€$£]?[A-Z0-9])")
# Abbreviations whose full stop does not end a sentence ("Ms. Raman said."), and a single capital's
# ("J. Smith"): for every reader of sentences (search, claims, coverage, events). A title is always
# followed by a name; after any other, a capitalised function word starts the next sentence ("...
# sold in the U.S. The company ...", "... to Halvard Systems Inc. It ...").
TITLE_ABBREVIATIONS = ("Mr", "Ms", "Mrs", "Dr", "Prof", "St")
ABBREVIATIONS = TITLE_ABBREVIATIONS + (
    "Inc", "Ltd", "Co", "No", "vs", "U.S", "e.g", "i.e", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "S.A", "p")
_ABBREVIATED = re.compile(r"(?<![\w.])(?P<abbreviation>%s|[A-Z])\.$" % "|".join(re.escape(a) for a in ABBREVIATIONS))
_STARTER = re.compile(r"[\"“‘(]?(?P<word>[A-Z][a-z]+)\b")


def ends_abbreviated(text: str, after: str = "") -> bool:
    """Does the full stop ending `text` belong to an abbreviation ("... said Dr."), so that no
    sentence ends there before `after` (the text that follows)?"""
    found = _ABBREVIATED.search(text)
    if not found:
        return False
    if found["abbreviation"] in TITLE_ABBREVIATIONS:
        return True
    starter = _STARTER.match(after.lstrip())
    return not (starter and starter["word"].lower() in STOPWORDS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; used to find the sentence that best matches a query.

    A "sentence" of under MIN_SENTENCE characters ("VI.", "No.") is a label: it joins the next one;
    so does one ending in an abbreviation ("... alike," Ms.).
    """
    spans, start = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        if ends_abbreviated(text[start:m.start()], text[m.end():m.end() + 30]):
            continue
        if len(text[start:m.start()].strip()) >= MIN_SENTENCE:
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
