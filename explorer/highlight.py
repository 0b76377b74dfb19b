"""Highlight spans for a hit, and the only place highlighted text is turned into HTML.

Spans are character offsets into the passage text: `term` for a matched keyword, `phrase` for
an exact phrase, `sentence` for the sentence that best matches the query. `to_html` escapes
every character of corpus or query text; the only markup it emits is its own <mark>/<span>.
"""

import html
import re

from explorer.text import term_spans

TERM, PHRASE, SENTENCE = "term", "phrase", "sentence"


def phrase_spans(text: str, phrases) -> list[tuple[int, int]]:
    spans = []
    for phrase in phrases:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)]
    return spans


def highlight_spans(text: str, terms, phrases, sentence: tuple[int, int] | None, term_matches=None) -> list[dict]:
    """All spans for one passage, sorted by start (`term_matches`: precomputed term_spans)."""
    if term_matches is None:
        term_matches = term_spans(text, set(terms))
    spans = [{"start": s, "end": e, "kind": TERM} for s, e, _ in term_matches]
    spans += [{"start": s, "end": e, "kind": PHRASE} for s, e in phrase_spans(text, phrases)]
    if sentence:
        spans.append({"start": sentence[0], "end": sentence[1], "kind": SENTENCE})
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
