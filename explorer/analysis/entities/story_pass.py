"""What only the whole story shows, applied to the per-passage mentions before merging:

- page furniture: a passage that recurs in its document once digits are set aside (a running
  header, "Page 2 of 3") or that opens with "Page N of M" names nobody;
- a label heading ("Global Expansion: its reach...") at the head of a passage is not a name;
- a heading in headline case ("Microsoft Invests in Mistral AI: A Strategic Partnership")
  capitalises every word, so its capitals say nothing: a name read in it stands only where the
  story's running text writes that name too, else it shrinks to the longest run of its words the
  text writes as a name ("Microsoft Invests" is "Microsoft"), else it is no name ("Future of AI",
  "Multilingual");
- a name the story already knows is a mention wherever it is written again: the model misses
  "Halvard" in some sentences it finds in others.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from explorer.analysis.entities.extract import NAME_TYPES
from explorer.analysis.entities.names import INITIALS, is_acronym, never_a_name

_DIGITS = re.compile(r"\d+")
_PAGE = re.compile(r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*/\s*\d+)\b", re.IGNORECASE)
# "Authority | Case M/2025/017 | Public version": fields a page's running header strings together.
_RUNNING = re.compile(r"\S\s+\|\s+\S.*\s\|\s+\S")
_LABEL = re.compile(r"^([^:.!?]{2,60}):\s")
_WORD = re.compile(r"(?<![\w.])[A-Z][\w&\-]*")


def furniture(passages: list) -> set[str]:
    """Ids of passages that are page furniture."""
    shapes = Counter((p.doc, _DIGITS.sub("#", p.text.strip())) for p in passages)
    return {p.id for p in passages
            if shapes[(p.doc, _DIGITS.sub("#", p.text.strip()))] > 1 or _PAGE.match(p.text)}


def label_heading_end(text: str) -> int:
    """End of a label heading ("Focus on Code and Math:") at the start of a passage, else 0."""
    m = _LABEL.match(text)
    return m.end(1) if m and len(m.group(1).split()) <= 6 else 0


# Words a headline leaves in lower case (or may capitalise for position only): not what makes it headline case.
_MINOR = {"a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by", "with", "from",
          "into", "onto", "as", "is", "are", "was", "be", "vs", "via", "per", "over", "after", "about", "its", "it"}
_HEAD_WORD = re.compile(r"[^\W\d_][\w’'-]*")
MIN_HEADLINE_WORDS = 3  # "About Corvane" is too short to tell headline case from two names


def headline_case(heading: str) -> bool:
    """Is every word of a heading, minor words aside, capitalised (or the heading in capitals)?"""
    words = [w for w in _HEAD_WORD.findall(heading) if w.lower() not in _MINOR]
    return len(words) >= MIN_HEADLINE_WORDS and all(w[:1].isupper() for w in words)


def _headline_of(passage, mention: dict) -> str | None:
    """The headline-case heading a name mention was read in, or None."""
    from explorer.analysis.entities.extract import heading_line, heading_parts

    if mention.get("field", "text") == "section":
        for at, text in heading_parts(passage.section or ""):
            if at <= mention["start"] and mention["end"] <= at + len(text):
                return text if headline_case(text) else None
        return None
    return passage.text if heading_line(passage.text) and headline_case(passage.text) else None


def _words_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def headline_names(passages: list, kept: dict[str, list[dict]]) -> None:
    """Names read in a headline-case heading (see the module docstring) stand
    where the running text writes them, shrink to the longest run of their words it writes as a
    name, or go. Compared case-blind: "ESTMARK MARKETS COMMISSION" is the text's "Estmark Markets
    Commission". A name a rule found by a cue other than its capitals (a title, a company form, a
    byline's "By") is not judged by them."""
    by_id = {p.id: p for p in passages}
    headed = {(pid, i) for pid, ms in kept.items() for i, m in enumerate(ms)
              if m["type"] in NAME_TYPES and m.get("source") != "rule" and _headline_of(by_id[pid], m) is not None}
    written = {m["text"].lower(): m["type"] for pid, ms in kept.items() for i, m in enumerate(ms)
               if m["type"] in NAME_TYPES and (pid, i) not in headed}
    for pid in {pid for pid, _ in headed}:
        out = []
        for i, m in enumerate(kept[pid]):
            if (pid, i) not in headed or m["text"].lower() in written:
                out.append(m)
                continue
            words = _words_of(m["text"])
            runs = sorted(((a, b) for a in range(len(words)) for b in range(a + 1, len(words) + 1)
                           if b - a < len(words)), key=lambda r: (r[0] - r[1], r[0]))
            for a, b in runs:
                start, end = words[a][0], words[b - 1][1]
                piece = m["text"][start:end].rstrip(",:;.’'s") if b - a == 1 else m["text"][start:end]
                if piece.lower() in written:
                    out.append(dict(m, text=piece, start=m["start"] + start, end=m["start"] + start + len(piece),
                                    type=written[piece.lower()]))
                    break
        kept[pid] = out


def known_names(mentions: list[dict]) -> dict[str, str]:
    """{spelling: type} of the names worth looking for again: written at least twice, or with
    more than one word, or defined, or titled; the type by majority."""
    votes: dict[str, Counter] = defaultdict(Counter)
    marked = set()  # spellings some mention defines or gives a title (one pass, not one per name)
    for m in mentions:
        votes[m["text"]][m["type"]] += 1
        if m.get("defines") or m.get("title"):
            marked.add(m["text"])
    known = {}
    for text, counts in votes.items():
        if never_a_name(text) or len(text) < 2:
            continue
        if sum(counts.values()) >= 2 or " " in text or INITIALS.match(text) or text in marked:
            known[text] = counts.most_common(1)[0][0]
            if INITIALS.match(text):
                known.setdefault(text.replace(".", ""), known[text])
    return {t: k for t, k in known.items() if not (is_acronym(t) and len(t) < 2)}


def add_known(passages: list, per_passage: dict[str, list[dict]], known: dict[str, str]) -> int:
    """Add a mention wherever a known name is written and nothing covers it yet; returns how many."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in known:
        first = _WORD.match(name)
        if first:
            by_first[first.group(0)].append(name)
    for names in by_first.values():
        names.sort(key=len, reverse=True)
    added = 0
    for p in passages:
        found = [m for m in per_passage.setdefault(p.id, []) if m.get("field", "text") == "text"]
        for w in _WORD.finditer(p.text):
            for name in by_first.get(w.group(0), ()):
                end = w.start() + len(name)
                if p.text[w.start():end] != name or (end < len(p.text) and (p.text[end].isalnum())):
                    continue
                overlapping = [m for m in found if w.start() < m["end"] and m["start"] < end]
                if any(m["start"] < w.start() or m["end"] > end or m["type"] not in NAME_TYPES
                       for m in overlapping) or any(m["end"] - m["start"] == end - w.start() for m in overlapping):
                    break  # already covered, or crossing a mention it does not contain
                for m in overlapping:  # a shorter mention inside a known longer name gives way to it
                    found.remove(m)
                    per_passage[p.id].remove(m)
                title = next((m.get("title") for m in overlapping if m.get("title")), "")
                added_mention = {"type": known[name], "text": name, "start": w.start(), "end": end, "title": title,
                                 "source": "story"}
                found.append(added_mention)
                per_passage[p.id].append(added_mention)
                added += 1
                break
    return added


_PLURAL_ACRONYM = re.compile(r"\b([A-Z]{2,6})s\b")


def common_acronyms(passages: list) -> set[str]:
    """Acronyms the story also writes in the plural ("LLMs", "APIs"): common nouns, not bodies."""
    return {m.group(1) for p in passages for m in _PLURAL_ACRONYM.finditer(p.text)}


def heading_owners(passages: list) -> dict[str, list[tuple[int, int]]]:
    """{passage id: spans of its section string} for the headings that first govern that passage
    in its document: a heading's mentions are counted once, on the first passage under it. A
    heading that governs several separate runs of a document (a running header on every page),
    strings fields together with bars or looks like a page footer is page furniture: never counted."""
    from explorer.analysis.entities.extract import SECTION_JOINER

    ordered = sorted(passages, key=lambda p: (p.doc, p.position))
    runs: Counter = Counter()
    last: dict[str, str] = {}
    for p in ordered:
        top = (p.section or "").split(SECTION_JOINER)[0]
        if top and last.get(p.doc) != top:
            runs[(p.doc, _DIGITS.sub("#", top))] += 1
        last[p.doc] = top
    owners: dict[str, list[tuple[int, int]]] = {}
    seen: set[tuple[str, str]] = set()
    for p in ordered:
        at = 0
        path = ""
        for piece in (p.section or "").split(SECTION_JOINER) if p.section else []:
            path = f"{path}{SECTION_JOINER}{piece}" if path else piece
            top = (p.doc, _DIGITS.sub("#", (p.section or "").split(SECTION_JOINER)[0]))
            if (p.doc, path) not in seen and runs[top] <= 1 and not _PAGE.match(piece) \
                    and not _RUNNING.search(piece):
                owners.setdefault(p.id, []).append((at, at + len(piece)))
            seen.add((p.doc, path))
            at += len(piece) + len(SECTION_JOINER)
    return owners


def prepare(passages: list, records: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The mentions to merge: furniture, label headings and common acronyms out, a heading's
    mentions on its first passage only, known names added."""
    skip = furniture(passages)
    common = common_acronyms(passages)
    owners = heading_owners(passages)
    kept: dict[str, list[dict]] = {}
    for p in passages:
        if p.id in skip:
            kept[p.id] = []
            continue
        label_end = label_heading_end(p.text)
        governs = owners.get(p.id, [])
        kept[p.id] = [dict(m) for m in records.get(p.id, [])
                      if (m.get("field", "text") == "text" or any(a <= m["start"] and m["end"] <= b for a, b in governs))
                      and not (m["type"] in NAME_TYPES and m.get("field", "text") == "text"
                               and m["end"] <= label_end and " " in m["text"])
                      and not (m["type"] in NAME_TYPES and m["text"].rstrip("s") in common)]
    headline_names(passages, kept)
    names = [m for ms in kept.values() for m in ms if m["type"] in NAME_TYPES]
    add_known([p for p in passages if p.id not in skip], kept, known_names(names))
    for ms in kept.values():
        ms.sort(key=lambda m: (m.get("field", "text") != "section", m["start"]))
    return kept
