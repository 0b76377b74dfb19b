"""Highlight spans for a hit, and the only place highlighted text is turned into HTML.

Spans are character offsets into the passage text: `term` for a matched keyword, `phrase` for
an exact phrase, `sentence` for the sentence that best matches the query. `to_html` escapes
every character of corpus or query text; the only markup it emits is its own <mark>/<span>.
"""

import html
import re

from explorer.text import term_spans, tokens, variant_positions

TERM, PHRASE, SENTENCE = "term", "phrase", "sentence"


def token_starts(text: str) -> frozenset[int]:
    """Where each token of the text starts: a phrase must start at one of them."""
    return frozenset(start for _, start, _ in tokens(text))


def phrase_spans(text: str, phrases, starts: frozenset[int] | None = None) -> list[tuple[int, int]]:
    """Where each phrase occurs literally (any case). A phrase that starts with a letter or digit
    must start where a token starts, so "public" is not found inside "non-public" (one token, see
    explorer.text) nor "AI" inside "MAIL". `starts`: precomputed token_starts(text)."""
    spans = []
    for phrase in phrases:
        bounded = phrase[:1].isalnum() or phrase[:1] == "_"
        for m in re.finditer(re.escape(phrase), text, re.IGNORECASE):
            if bounded:
                starts = token_starts(text) if starts is None else starts
                if m.start() not in starts:
                    continue
            spans.append((m.start(), m.end()))
    return spans


def sentence_span(sentence: tuple[int, int] | None) -> tuple[dict, ...]:
    """The highlight span marking a best-matching sentence: one span, or none without a sentence."""
    return ({"start": sentence[0], "end": sentence[1], "kind": SENTENCE},) if sentence else ()


def highlight_spans(text: str, terms, phrases, sentence: tuple[int, int] | None, term_matches=None,
                    starts: frozenset[int] | None = None) -> list[dict]:
    """All spans for one passage, sorted by start (`term_matches`: precomputed term_spans;
    `starts`: precomputed token_starts). A term matches its hyphenation and spacing variants
    ("multiyear" marks "multi-year": explorer.text.compounds)."""
    if term_matches is None:
        term_matches = term_spans(text, set(terms), variant_positions(text))
    spans = [{"start": s, "end": e, "kind": TERM} for s, e, _ in term_matches]
    spans += [{"start": s, "end": e, "kind": PHRASE} for s, e in phrase_spans(text, phrases, starts)]
    spans += sentence_span(sentence)
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def to_html(text: str, spans: list[dict], start: int = 0, end: int | None = None) -> str:
    """Escaped HTML of text[start:end] with <mark> for terms/phrases and a span for the best sentence."""
    end = len(text) if end is None else end
    marks = [False] * len(text)
    best = [False] * len(text)
    for span in spans:
        flags = best if span["kind"] == SENTENCE else marks
        for i in range(max(span["start"], start), min(span["end"], end)):
            flags[i] = True
    out, i = [], start
    while i < end:
        j = i
        while j < end and marks[j] == marks[i] and best[j] == best[i]:
            j += 1
        piece = html.escape(text[i:j])
        if marks[i]:
            piece = f"<mark>{piece}</mark>"
        if best[i]:
            piece = f'<span class="best">{piece}</span>'
        out.append(piece)
        i = j
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(out) + suffix


def snippet_window(text: str, spans: list[dict], width: int = 420) -> tuple[int, int]:
    """A window of about `width` characters around the best sentence (or first mark)."""
    if len(text) <= width:
        return 0, len(text)
    anchor = next((s for s in spans if s["kind"] == SENTENCE), spans[0] if spans else {"start": 0, "end": 0})
    start = max(0, min(anchor["start"] - 60, len(text) - width))
    end = min(len(text), max(start + width, anchor["end"]))
    while start > 0 and not text[start - 1].isspace():
        start -= 1  # do not cut a word in half
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
