"""Capitalised names (people, organisations) of a sentence, and when two of them are the same party.

A stand-in for the entities layer's aliases, kept small on purpose: a name is a run of capitalised
words (joined by "&", "of", "de", hyphens); the same party is written in full, by a part of it
("Aalders-Voss" for "Henrik Aalders-Voss", "Vireo" for "Vireo Analytics GmbH"), or without its
company suffix ("Hartwell & Price" for "Hartwell & Price Advisory LLP"). A name counts as a
person's when it is two or three words of which none is an organisation word, or when a title
("Commissioner", "Chief Executive Officer", "boss") stands before it: only people's names are ever
said to differ, because an organisation is named in too many ways ("the watchdog", "the
Commission") for a missing one to mean anything.
"""

import re
from dataclasses import dataclass

NAME = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:&\s+|of\s+|de\s+|du\s+|van\s+|von\s+)?[A-Z][\w'’\-]*)*")
SUFFIXES = frozenset("""ltd limited llp llc inc corp corporation plc gmbh ag sa sas sarl nv bv spa co company
group holdings advisory""".split())
ORG_WORDS = SUFFIXES | frozenset("""commission authority office court council ministry bank agency board
systems labs analytics services partners university institute union parliament government act decision
agreement clause section court appeal data centre center cloud platform""".split())
TITLES = frozenset("""commissioner chair chairman chairwoman president minister ceo boss director officer
judge spokesperson spokesman spokeswoman founder mr mrs ms dr""".split())
LABEL_WORDS = 6
ROLE_WORDS = frozenset("chief executive financial operating officer managing general secretary vice deputy".split())
# Capitalised words that start a sentence or name no party.
COMMON = frozenset("""the a an this that these those it its on in at by for from of to and but or under
according after before between during separately since although while when where whether which who
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday i we they he she his her their our""".split())


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    person: bool

    @property
    def words(self) -> tuple[str, ...]:
        return words_of(self.text)


def words_of(name: str) -> tuple[str, ...]:
    """The name's significant words, lower-cased, possessive and company suffix dropped."""
    out = []
    for word in re.split(r"[\s&]+", name):
        word = re.sub(r"['’]s?$", "", word).strip(".,").lower()
        if word and word not in COMMON and word not in {"of", "de", "du", "van", "von"}:
            out.append(word.replace(".", ""))
    while out and out[-1] in SUFFIXES:
        out.pop()
    return tuple(out)


def find_names(sentence: str) -> list[Name]:
    """The capitalised names of a sentence (a leading sentence word like "The" dropped)."""
    found = []
    for match in NAME.finditer(sentence):
        text, start = match.group(0), match.start()
        parts = text.split()
        while parts and parts[0].lower().strip("'’") in COMMON:  # "On", "The" at the sentence start
            start += sentence[start:].index(parts[0]) + len(parts[0])
            start += len(sentence[start:]) - len(sentence[start:].lstrip())
            parts = parts[1:]
        if not parts:
            continue
        text = sentence[start:match.end()]
        if match.end() <= _label_end(sentence):
            continue  # a bullet's label ("Model Distribution on Azure AI: ..."), not a party
        words = words_of(text)
        if not words or re.fullmatch(r"[\d\W]+", text):
            continue
        before = sentence[:start].split()
        titled = bool(before) and before[-1].lower().strip(",") in TITLES
        if any(w in TITLES for w in words[:1]):  # "Commissioner Beatrix Okonkwo-Lind"
            text_words = text.split()[1:]
            if not text_words:
                continue
            start = start + text.index(text_words[0])
            text, words, titled = sentence[start:match.end()], words_of(" ".join(text_words)), True
        if all(w in TITLES or w in ROLE_WORDS for w in words):  # "Chief Executive Officer" is a role
            continue
        person = titled or (2 <= len(words) <= 3 and not any(w in ORG_WORDS for w in words)
                            and all(_capitalised(w) for w in text.split()))
        found.append(Name(text, start, match.end(), person))
    return found


def _label_end(sentence: str) -> int:
    """Where a leading label ends ("Global Expansion: ..."): a colon after at most LABEL_WORDS words."""
    head, colon, _ = sentence.partition(":")
    return len(head) if colon and len(head.split()) <= LABEL_WORDS else -1


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def same_party(a: str, b: str) -> bool:
    """Is one name the other, a part of it (a surname alone, the first word of a firm), or the other
    without its company suffix?"""
    wa, wb = words_of(a), words_of(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return all(w in long for w in short)


def mentioned(name: str, text: str) -> bool:
    """Is the party named anywhere in the text (under any of its aliases)?"""
    return any(same_party(name, other.text) for other in find_names(text))
