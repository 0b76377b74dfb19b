"""Merging mentions into entities: the spellings of one name become one entity with its aliases.

Rules, in order (each is a reason a person would give):
1. Same key: case, accents, dots, a courtesy title and a company suffix aside ("VELTRO ROBOTICS
   GmbH" = "Veltro Robotics"; "U.S." = "US").
2. A defined short name joins the name it was defined for ('Halvard Systems Inc. ("Halvard")').
3. An acronym joins the one name whose initials it is ("EU" = "European Union").
4. A one-word organisation or place joins the one longer name it starts ("Mistral" = "Mistral AI").
5. Organisations and places whose keys differ by a letter or two join (a typo: "Mistral Al").
6. Initials and a surname join the one person whose given names they abbreviate ("T. Brandt"
   = "Tomas Brandt", "J.P. Moreau" = "Jean-Paul Moreau"); with two such people, neither.
7. A surname alone joins the one person of that surname; when two people share it, each mention
   goes to the one with the same title ("Dr. Lund"), else to the one last named in the same
   document; otherwise it stays apart. Two full names are never merged because a surname matches.
The type of an entity is decided over its mentions: a company suffix makes an organisation, a
courtesy title a person, a place cue ("based in X", a dateline's place) a place unless a mention
acts, else the majority of the mentions' guesses.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from explorer.analysis.entities.names import core, has_company_suffix, initials, is_acronym, key

FUZZY_MIN = 90  # rapidfuzz ratio for rule 5, on keys of at least FUZZY_MIN_CHARS characters
FUZZY_MIN_CHARS = 8
PERSON_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady"}


class _Union:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        """Join two clusters; the root is the fuller key (more words, then longer)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=lambda k: (len(k.split()), len(k), k), reverse=True)
            self.parent[drop] = keep


def _stands_for(long: list[dict], short: list[dict]) -> bool:
    """Is a one-word name short for this longer one? Yes when the longer is a company's full name
    or is written at least as often; "Microsoft" is not short for "Microsoft Azure" (a product
    named once beside thirty mentions of the company)."""
    return any(has_company_suffix(m["text"]) for m in long) or len(long) >= len(short)


# Words that make a name an organisation's wherever they stand last ("Mistral AI", "Fjordline
# Equity Research", "European Parliament"): the model sometimes reads such names as places.
ORGANISATION_WORDS = {"ai", "labs", "lab", "systems", "robotics", "logistics", "technologies", "technology",
                      "group", "bank", "capital", "partners", "research", "advisory", "authority", "commission",
                      "parliament", "council", "ministry", "university", "agency", "institute", "foundation",
                      "association", "corporation", "company", "holdings", "ventures", "media", "news",
                      "software", "networks", "airlines", "motors", "pharmaceuticals", "energy", "trust",
                      "fund", "office", "court", "union", "committee", "board", "party", "federation"}


def _vote(mentions: list[dict], final: bool = True) -> str:
    """The type of a group of mentions; `final` for a whole entity (a one-word name never given in
    full is then not a person), else the raw guess used while merging."""
    if any(has_company_suffix(m["text"]) or m.get("defines") and has_company_suffix(m["defines"])
           for m in mentions):
        return "organisation"
    if any(m.get("title") in PERSON_TITLES for m in mentions):
        return "person"
    if any(m.get("place_cue") for m in mentions) and not any(m.get("actor") for m in mentions):
        return "place"  # "based in Valmora" once outweighs the model's "Valmora" as a body elsewhere
    one_word = all(len(core(m["text"]).split()) == 1 for m in mentions)
    last_words = {core(m["text"]).split()[-1].casefold() for m in mentions if core(m["text"]).split()}
    if last_words & ORGANISATION_WORDS and any(len(core(m["text"]).split()) > 1 for m in mentions):
        if not any(core(m["text"]).split()[-1].casefold() == "union" and m["type"] == "place" for m in mentions):
            return "organisation"
    votes = Counter(m["type"] for m in mentions)
    for m in mentions:
        if m.get("source") == "rule":
            votes[m["type"]] += 0.5
    kind = max(sorted(votes), key=lambda t: votes[t])
    if kind == "person" and one_word and final:
        # News names a person in full at least once; a one-word name never given in full nor with a
        # title is more likely a brand, a unit or a product ("Nordpath") than a person.
        return "organisation"
    return kind


def merge_names(mentions: list[dict]) -> list[list[dict]]:
    """Groups of name mentions, one group per entity. Each mention needs "text", "type", "doc" and
    "order" (its position in the story: document, passage, offset) besides its extraction fields.

    Each rule looks its candidates up by word (first word, last word, initials) rather than
    comparing every name with every other: a 100,000-passage collection has some 15,000 names,
    and pairwise loops made one merge take a quarter of an hour (BENCHMARKS.md, "Derived layers")."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        k = key(m["text"])
        if k:
            m["_key"] = k
            by_key[k].append(m)
    union = _Union()
    for k in by_key:
        union.find(k)
    for k, group in by_key.items():  # rule 2
        for m in group:
            if m.get("defines") and key(m["defines"]) in by_key:
                union.join(k, key(m["defines"]))
    group_type = {k: _vote(g, final=False) for k, g in by_key.items()}
    long_keys = [k for k in by_key if len(k.split()) >= 2]
    by_first, by_last = defaultdict(list), defaultdict(list)
    for o in long_keys:
        by_first[o.split()[0]].append(o)
        by_last[o.split()[-1]].append(o)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for o, group in by_key.items():
        for m in group:
            by_initials[initials(m["text"])].add(o)
    for k, group in by_key.items():  # rule 3
        if any(is_acronym(m["text"]) for m in group):
            matches = {union.find(o) for o in by_initials.get(k, ()) if o != k}
            if len(matches) == 1:
                union.join(k, matches.pop())
    for k in by_key:  # rule 4
        if len(k.split()) == 1 and not any(m.get("title") in PERSON_TITLES for m in by_key[k]):
            starts = {union.find(o) for o in by_first.get(k, ()) if group_type[o] != "person"
                      and _stands_for(by_key[o], by_key[k])}
            if len(starts) == 1:
                union.join(k, starts.pop())
    for same_first in by_first.values():  # rule 5 (only names sharing their first word are compared)
        for i, a in enumerate(same_first):
            for b in same_first[i + 1:]:
                if "person" in (group_type[a], group_type[b]) or min(len(a), len(b)) < FUZZY_MIN_CHARS:
                    continue
                if fuzz.ratio(a, b) >= FUZZY_MIN:
                    union.join(a, b)
    for k, group in by_key.items():  # rule 6: initials
        abbreviated = _initialled(group)
        if not abbreviated:
            continue
        letters, surname = abbreviated
        owners = {union.find(o) for o in by_last.get(surname, ()) if o != k and len(o.split()) > 1
                  and group_type[o] == "person" and "".join(w[0] for w in o.split()[:-1]) == letters}
        if len(owners) == 1:
            union.join(owners.pop(), k)
    # rule 7: surnames. Joining a surname to a person keeps the person's root (the fuller key), so
    # the clusters' multi-word members, read once here, stay what they are through the loop.
    members: dict[str, list[str]] = defaultdict(list)
    for o in by_key:
        members[union.find(o)].append(o)
    root_type = {root: _vote([m for o in keys for m in by_key[o]], final=False) for root, keys in members.items()}
    people_by_surname: dict[str, list[str]] = defaultdict(list)
    for k in long_keys:
        if root_type[union.find(k)] == "person":
            people_by_surname[k.split()[-1]].append(k)
    ambiguous: dict[str, list[str]] = {}
    for k in by_key:
        if len(k.split()) != 1 or union.find(k) != k or any(len(o.split()) > 1 for o in members[k]):
            continue
        if group_type[k] == "organisation" and not any(m.get("title") for m in by_key[k]):
            continue
        owners = sorted({union.find(o) for o in people_by_surname.get(k, ())})
        if len(owners) == 1:
            union.join(k, owners[0])
        elif len(owners) > 1:
            ambiguous[k] = owners
    groups: dict[str, list[dict]] = defaultdict(list)
    for k, group in by_key.items():
        if k in ambiguous:
            for m in group:
                groups[_owner_of(m, ambiguous[k], members, by_key) or k].append(m)
        else:
            for m in group:
                groups[union.find(k)].append(m)
    return list(groups.values())


_INITIALLED = re.compile(r"^((?:[A-Z]\.\s*-?\s*)+)([A-Z][\w\-’']+)$")


def _initialled(group: list[dict]) -> tuple[str, str] | None:
    """("jp", "moreau") when a spelling of the name is initials and a surname ("J.P. Moreau")."""
    for m in group:
        found = _INITIALLED.match(core(m["text"]).strip())
        if found:
            return "".join(c for c in found.group(1) if c.isalpha()).casefold(), key(found.group(2))
    return None


def _owner_of(mention: dict, owners: list[str], members: dict[str, list[str]], by_key: dict) -> str | None:
    """Which of several people sharing a surname one bare-surname mention means (`members`: each
    cluster root's keys)."""
    full = {o: [m for k in members[o] for m in by_key[k] if len(k.split()) > 1] for o in owners}
    title = mention.get("title")
    if title:
        same = [o for o, ms in full.items() if any(m.get("title") == title for m in ms)]
        if len(same) == 1:
            return same[0]
    before = [(m["order"], o) for o, ms in full.items() for m in ms
              if m["doc"] == mention["doc"] and m["order"] < mention["order"]]
    if before:
        return max(before)[1]
    return None


def canonical_name(mentions: list[dict]) -> str:
    """The fullest spelling, most often written; mixed case before capitals, given names before
    initials ("Jean-Paul Moreau", not "J.P. Moreau"); no title."""
    counts = Counter(re.sub(r"\s+", " ", m["text"]).strip() for m in mentions)

    def rank(name: str):
        return (len(core(name).split()), not name.isupper(), not _INITIALLED.match(core(name).strip()),
                has_company_suffix(name), counts[name], -len(name))

    return max(sorted(counts), key=rank)
