"""Parse a user's query into clean text, exact phrases and keyword terms. Pure: no model, no index.

Bad input never raises: control characters become spaces, over-long queries are cut with a
note, HTML is just text, and an empty query parses to an empty ParsedQuery with a hint.
"""

import re
import unicodedata
from dataclasses import dataclass

from explorer.text import terms_of

QUOTED = re.compile(r'["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]+)["\u201c\u201d\u201e]')
EMPTY_HINT = 'Type a question, a name or a figure. Put an exact phrase in "double quotes".'


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    text: str  # cleaned; what the model reads
    phrases: tuple[str, ...]  # must appear literally (case-insensitive)
    terms: tuple[str, ...]  # normalised keyword terms, for BM25 and highlighting
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.text


def clean(raw: str) -> str:
    """Control and format characters become spaces; runs of whitespace collapse."""
    chars = (" " if unicodedata.category(c) in ("Cc", "Cf") and c not in "\u200d" else c for c in raw or "")
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def parse_query(raw: str, max_chars: int = 2000) -> ParsedQuery:
    raw = raw if isinstance(raw, str) else ""
    text = clean(raw)
    notes = []
    if len(text) > max_chars:
        notes.append(f"Your query was {len(text):,} characters long; only the first {max_chars:,} were used.")
        text = text[:max_chars].rstrip()
    phrases = tuple(dict.fromkeys(p.strip() for p in QUOTED.findall(text) if p.strip()))
    return ParsedQuery(raw=raw, text=text, phrases=phrases, terms=tuple(dict.fromkeys(terms_of(text))), notes=tuple(notes))
