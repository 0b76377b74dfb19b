"""Sentences of a passage, and the lines that are never events.

Page furniture (running headers with "|" separators, "Page 3 of 3", copyright lines), datelines
("BOSTON and MUNICH, June 18, 2025"; "COPENHAGEN, Thursday 19 June 2025 — By ...") and a
numbered paragraph's own number ("7.") say where or when a text was written, not that something
happened: they yield no event. A sentence stating two dated things ("replied two weeks later and
offered commitments on 28 May 2025") is cut into one clause per date.
"""

import re

from explorer.text import ends_abbreviated

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
PAGE_FOOTER = re.compile(r"^\s*(?:Page\s+)?\d+\s*(?:of|/)\s*\d+\s*$", re.IGNORECASE)
PARAGRAPH_NUMBER = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|[A-Z]\.)\s+")
DATELINE = re.compile(r"^\s*\**[A-Z][A-Z .'-]+(?: and [A-Z][A-Z .'-]+)?,\s")
BYLINE = re.compile(r"[—–-]\s*By\s+[A-Z]")
CLAUSE_BREAKS = (", and ", "; ", ", but ", " and ", ", ")
MAX_WORDS_FURNITURE = 25


def is_furniture(line: str) -> bool:
    """A running header, footer, page number, dateline or byline: no event comes from it."""
    text = line.strip().strip("*").strip()
    if not text or PAGE_FOOTER.match(text):
        return True
    if text.count("|") >= 2 and len(text.split()) <= MAX_WORDS_FURNITURE:
        return True
    if DATELINE.match(text) and len(text.split()) <= MAX_WORDS_FURNITURE and not text.rstrip().endswith("."):
        return True
    if _only_a_dateline(text):  # "PORT ALDWICK, 10 March 2026." cut from the sentence it opens
        return True
    return bool(BYLINE.search(text)) and len(text.split()) <= MAX_WORDS_FURNITURE


def _only_a_dateline(text: str) -> bool:
    from explorer.datelines import dateline

    found = dateline(text)
    return bool(found and found.place_end > found.place_start
                and " ".join(text.split()).rstrip(" .*_") == found.words)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of a passage, furniture and paragraph numbers left out."""
    out = []
    for line_match in re.finditer(r"[^\n]+", text):
        line, base = line_match.group(0), line_match.start()
        if is_furniture(line):
            continue
        number = PARAGRAPH_NUMBER.match(line)
        skip = number.end() if number else 0
        start = skip
        for boundary in SENTENCE_END.finditer(line, skip):
            before = line[start:boundary.start()].rstrip()
            if ends_abbreviated(before, line[boundary.end():boundary.end() + 30]):
                continue
            out.append((base + start, line[start:boundary.start()].strip()))
            start = boundary.end()
        rest = line[start:].strip()
        if rest:
            out.append((base + start, rest))
    return [(offset, s) for offset, s in out if s and not is_furniture(s)]


def clauses(sentence: str, mentions: list) -> list[tuple[str, list]]:
    """One (clause, [its date mention]) per date mention; a sentence with one date stays whole.
    Each later date's clause starts at the last clause break between it and the date before."""
    if len(mentions) <= 1:
        return [(sentence, list(mentions))]
    cuts = [0]
    for previous, mention in zip(mentions, mentions[1:]):
        between = sentence[previous.end:mention.start]
        cut = None
        for marker in CLAUSE_BREAKS:
            at = between.rfind(marker)
            if at >= 0:
                cut = previous.end + at + (2 if marker.startswith((",", ";")) else 1)
                break
        cuts.append(cut if cut is not None else mention.start)
    cuts.append(len(sentence))
    return [(sentence[a:b].strip(" ,;"), [m]) for a, b, m in zip(cuts, cuts[1:], mentions)]
