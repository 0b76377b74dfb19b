"""Names: what a mention is called once titles, possessives and company suffixes are set aside,
the key two spellings of one name share, and the strings that are never a person or an
organisation (pronouns, single common words, page furniture, dates)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
          "Judge", "Justice", "Sen", "Senator", "Rep", "President", "Minister", "Commissioner", "Chancellor")
_TITLE = re.compile(r"^(?:(?:%s)\.?\s+)+" % "|".join(TITLES))
COMPANY_SUFFIXES = ("Inc", "Incorporated", "Ltd", "Limited", "GmbH", "AG", "SA", "S.A", "SAS", "SE", "plc", "PLC",
                    "LLC", "LLP", "Corp", "Corporation", "Co", "NV", "N.V", "BV", "B.V", "AB", "ASA", "A/S",
                    "Oy", "Oyj", "SpA", "S.p.A", "SRL", "Srl", "KG", "Pty", "Holdings")
_SUFFIX = re.compile(r"(?:,?\s+(?:%s)\.?)+$" % "|".join(re.escape(s) for s in COMPANY_SUFFIXES))
_POSSESSIVE = re.compile(r"[’']s?$")
_LEADING = re.compile(r"^(?:the|The|THE)\s+")

PRONOUNS = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
            "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these",
            "those", "who", "whom", "which", "what", "one", "someone", "everyone", "himself", "herself",
            "itself", "themselves"}
# Capitalised common nouns that name a role or a body generically ("the Authority", "the Board"):
# alone they are a reference to an entity named elsewhere, not a name.
GENERIC = {"authority", "board", "commission", "committee", "company", "court", "government", "ministry",
           "council", "regulator", "watchdog", "chair", "chairman", "director", "complainant", "parties",
           "party", "group", "firm", "startup", "agency", "office", "department", "bank", "page", "section",
           "decision", "case", "annex", "article", "paragraph", "home", "products", "newsroom", "careers",
           "contact", "privacy", "terms", "fiction", "public", "version", "media", "industry", "ai", "ceo",
           "chief", "executive", "officer", "economist", "board", "team", "market", "state", "states",
           "verdict"}  # "Verdict: SUPPORTED", the fact-checks' label
# Last words that make a capitalised phrase a document or a rule book rather than a body.
DOCUMENT_WORDS = {"principles", "guidelines", "rules", "standards", "regulations", "regulation", "directive",
                  "act", "code", "charter", "treaty", "agreement", "report", "policy", "framework", "terms",
                  "conditions", "statement", "statements", "notice", "decision", "judgment", "law", "standard",
                  "commitments", "principle"}
FURNITURE = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|p\.\s*\d+|\d+\s*/\s*\d+|public version|confidential)$",
                       re.IGNORECASE)
INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


def strip_title(name: str) -> tuple[str, str]:
    """("Karin Lund", "Ms") from "Ms. Karin Lund"; the title is "" when there is none."""
    m = _TITLE.match(name)
    if not m:
        return name, ""
    return name[m.end():], m.group(0).split(".")[0].split()[0]


@lru_cache(maxsize=1 << 16)  # merging asks for the same spellings again and again (1.8M calls at 100k passages)
def clean(name: str) -> str:
    """The name as a person would write it in a list: no leading "the", no possessive, one space."""
    name = " ".join(name.split())
    name = _LEADING.sub("", name)
    name = _POSSESSIVE.sub("", name) if re.search(r"[’']s?$", name) and len(name) > 3 else name
    return name.strip(" ,;:()\"“”‘’'")


@lru_cache(maxsize=1 << 16)
def core(name: str) -> str:
    """The name without title and company suffix: "Veltro Robotics" from "Veltro Robotics GmbH"."""
    bare, _ = strip_title(clean(name))
    stripped = _SUFFIX.sub("", bare).strip(" ,")
    return stripped or bare


def has_company_suffix(name: str) -> bool:
    return bool(_SUFFIX.search(clean(name)))


def key(name: str) -> str:
    """What two spellings of one name share: "us" for "U.S." and "US", "veltro robotics" for
    "VELTRO ROBOTICS GmbH"; case, accents, dots and suffixes ignored."""
    text = core(name)
    if INITIALS.match(text):
        text = text.replace(".", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[.\u2019'`]", "", text)
    text = re.sub(r"[^\w&]+", " ", text)
    return " ".join(text.casefold().split())


def initials(name: str) -> str:
    """"us" for "United States", "eu" for "European Union" (capitalised words only)."""
    words = [w for w in core(name).split() if w[:1].isupper() and w.lower() not in ("of", "the", "and")]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def is_acronym(name: str) -> bool:
    text = core(name).replace(".", "")
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def never_a_name(name: str) -> bool:
    """Pronouns, single common or generic words, page furniture and dates are never people or
    organisations (nor places)."""
    from explorer.analysis.figures import find_figures

    text = clean(name)
    bare = core(text)
    words = bare.split()
    if not words or len(bare) < 2:
        return True
    low = bare.casefold()
    if low in PRONOUNS or FURNITURE.match(bare) or FURNITURE.match(text):
        return True
    if all(w.casefold().strip(".") in GENERIC | PRONOUNS for w in words):
        return True
    if not any(c.isalpha() for c in bare) or sum(c.isdigit() for c in bare) > len(bare) / 3:
        return True
    if not any(w[:1].isupper() for w in words):
        return True  # "autonomous mobile": no capitalised word, no name
    if re.search(r"[-\s]\d+(?:\.\d+)?$", bare):
        return True  # "GPT-3", "Principle 1": a product's version, a numbered item
    if len(words) > 1 and words[-1].casefold() in DOCUMENT_WORDS:
        return True  # "Merger Guidelines", "AI Access Principles": a document, not a body
    if any(f.kind == "date" and f.end - f.start >= len(bare) - 1 for f in find_figures(bare)):
        return True
    if re.match(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|"
                r"July|August|September|October|November|December)\b", bare):
        return True
    return False
