"""Parse a user's query into clean text, exact phrases and keyword terms. Pure: no model, no index.

Bad input never raises: control characters become spaces, lone surrogates (bytes that were not
UTF-8, smuggled through a command line or JSON) become U+FFFD with a note, over-long queries are
cut with a note, HTML is just text, and an empty query parses to an empty ParsedQuery with a hint.
"""

import re
import unicodedata
from dataclasses import dataclass

from explorer.text import compounds, term_words, terms_of

QUOTED = re.compile(r'["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]+)["\u201c\u201d\u201e]')
SURROGATES = re.compile("[\ud800-\udfff]")
EMPTY_HINT = 'Type a question, a name or a figure. Put an exact phrase in "double quotes".'


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    text: str  # cleaned; what the model reads
    phrases: tuple[str, ...]  # must appear literally (case-insensitive)
    terms: tuple[str, ...]  # normalised keyword terms, for BM25 and highlighting
    notes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # for each term, the query word it came from, as typed
    # Two neighbouring query words written with a hyphen or a space ("multi-year", "multi year"),
    # as one solid word ("multiyear") with the terms it joins: a passage writing the solid form
    # holds both halves, for highlights, "Missing:" and the no-claim notice (never for ranking).
    joined: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def shown_terms(self) -> tuple[str, ...]:
        """The terms a hit's text is marked with: the keyword terms and the solid forms of the
        query's hyphenated or spaced compounds."""
        return self.terms + tuple(t for t, _ in self.joined if t not in self.terms)

    def word(self, term: str) -> str:
        """The query word a term came from ("developers" for "developer"), for messages."""
        return dict(zip(self.terms, self.words)).get(term, term)


def clean(raw: str) -> str:
    """Control and format characters become spaces; runs of whitespace collapse."""
    chars = (" " if unicodedata.category(c) in ("Cc", "Cf") and c not in "\u200d" else c for c in raw or "")
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def parse_query(raw: str, max_chars: int = 2000) -> ParsedQuery:
    raw = raw if isinstance(raw, str) else ""
    notes = []
    raw, replaced = SURROGATES.subn("\ufffd", raw)  # the tokenizer, JSON and the page all refuse them
    if replaced:
        notes.append(f"{replaced} character{'s' if replaced > 1 else ''} of your query {'were' if replaced > 1 else 'was'} "
                     "not valid text and became \ufffd.")
    text = clean(raw)
    if len(text) > max_chars:
        notes.append(f"Your query was {len(text):,} characters long; only the first {max_chars:,} were used.")
        text = text[:max_chars].rstrip()
    phrases = tuple(dict.fromkeys(p.strip() for p in QUOTED.findall(text) if p.strip()))
    words = significant_words(text)
    joined = tuple((solid, parts) for solid, spans in compounds(text).items()
                   if len(parts := tuple(dict.fromkeys(terms_of(text[spans[0][0]:spans[0][1]])))) == 2)
    return ParsedQuery(raw=raw, text=text, phrases=phrases, terms=tuple(words), notes=tuple(notes),
                       words=tuple(words.values()), joined=joined)


def significant_words(text: str) -> dict[str, str]:
    """Each significant (non-stopword) term of the text, in order, with the first word that gave it."""
    words: dict[str, str] = {}
    for term, surface in term_words(text):
        words.setdefault(term, surface)
    return words
