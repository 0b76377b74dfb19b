"""What an event is (its kind), who it involves and how much it mentions, by rules.

Kinds: funding, commitment, launch, regulatory, political reaction, statement, other. The rules
are cue words checked in a fixed order, the most specific first (a politician reacting is a
political reaction even though she "said" it; a regulator's decision is regulatory even when it
"approved" a sale). They were written from the labelled set's kinds (explorer/bench/data), and
`bench` reports how often they agree with the labels. Parties are the capitalised names of the
sentence until the entities layer replaces them; amounts come from the figures module.
"""

import re

KINDS = ("funding", "commitment", "launch", "regulatory", "political reaction", "statement", "other")

# (kind, cue pattern), first match wins. A regulator's acts (cleared, fined, a hearing) make an
# event regulatory; a mere reference to the regulator or its decision ("welcomed the decision of
# the Authority", "the day after the decision") does not outrank the verb of speech that states
# it, so those nouns are checked after the statement verbs. A market move ("shares rose") is
# other, even the day after a decision.
RULES = [
    ("political reaction", r"\b(?:member of (?:the )?(?:European )?Parliament|MEP|MP|minister|senator|lawmakers?|"
                           r"politicians?|congress(?:man|woman)|deputy|opposition)\b"),
    ("other", r"\b(?:shares?|stock|share price)\s+(?:rose|fell|jumped|dropped|slumped|surged|climbed|gained|lost)\b"),
    ("funding", r"\b(?:invest(?:ed|s|ment)? in [A-Z]|raised? (?:[€$£]|EUR |USD |\d)|funding round|seed round|series [A-F]\b|"
                r"pledged|valuation|valued at|stake in|"
                r"(?:received|receives|secured|secures|obtained|won|closed) (?:a |an |its )?(?:[€$£]|EUR |USD |GBP |\d))"),
    ("commitment", r"\b(?:commitments?|concessions?|committed|undertak(?:ing|ings)|remedies|remedy)\b"),
    # A regulator speaking is the regulator acting ("The Commission said on Monday that...").
    ("regulatory", r"\b(?:Authority|Commission|regulators?|watchdog|[Cc]ompetition [Aa]uthority)['’]?s?\s+"
                   r"(?:has\s+|had\s+|also\s+)?(?:said|says|told|stated|announced|warned|confirmed)\b"),
    # "opens an investigation" is a regulator's act, not a launch.
    ("regulatory", r"\bopen(?:s|ed|ing)?\s+(?:an?\s+|its\s+|the\s+)?(?:[\w-]+\s+){0,2}"
                   r"(?:investigation|inquiry|probe|proceedings)\b"),
    # "will keep its plant open" says what stays, not what starts.
    ("other", r"\b(?:keeps?|kept|keeping|remains?|stays?)\s+(?:[\w'’-]+\s+){0,5}open\b"),
    ("launch", r"\b(?:launch(?:ed|es)?|unveil(?:ed|s)?|releas(?:ed|es)|opens?|opening|open by|due to open|"
               r"trade fair|present(?:ed)? the)\b"),
    ("regulatory", r"\b(?:notified|complain(?:ed|t)|hearing|statement of objections|cleared|clears|approv(?:ed|al)|"
                   r"fined?|fines|imposes?|referral|adopted|antitrust|investigation|ruled)\b"),
    ("statement", r"\b(?:said|says|told|stated|replied|welcomed|confirmed|reported|informed|announced|"
                  r"raised concerns|argued|wrote|statement)\b"),
    ("regulatory", r"\b(?:Authority|regulators?|Commission|decision|watchdog)\b"),
]
COMPILED_RULES = [(kind, re.compile(pattern)) for kind, pattern in RULES]

NAME = re.compile(r"\b(?:[A-Z][\w\u00C0-\u024F&.'’-]*(?:\s+(?:of|the|de|du|von|van|and|&)\s+|\s+)?)+")
NOT_NAMES = {"The", "A", "An", "On", "In", "It", "Its", "He", "She", "They", "We", "Our", "His", "Her",
             "This", "That", "These", "Those", "Under", "Last", "Next", "Such", "Mr", "Ms", "Mrs", "Dr",
             "Prof", "Taking", "According", "If", "Now", "Not", "For", "By", "At", "As", "Without", "Politicians",
             "Investors", "Customers", "Established", "Together", "All"}
TITLES = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+")
MONTH_OR_DAY = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def kind_of(text: str) -> str:
    """The kind of event a clause states (its first matching rule), "other" when none does."""
    for kind, pattern in COMPILED_RULES:
        if pattern.search(text):
            return kind
    return "other"


def parties(text: str) -> list[str]:
    """Capitalised names in a clause (titles and sentence-initial function words left out)."""
    out = []
    for match in NAME.finditer(text):
        name = re.sub(r"\s+(?:of|the|de|du|von|van|and|&)$", "", match.group(0).strip()).strip(" .'’")
        name = TITLES.sub("", name)
        words = name.split()
        while words and (words[0] in NOT_NAMES or words[0].rstrip(".") in NOT_NAMES):
            words = words[1:]
        name = re.sub(r"(?:['’]s|\s+In)$", "", " ".join(words))
        if not name or MONTH_OR_DAY.match(name) or len(name) < 2 or name.isdigit():
            continue
        if name not in out:
            out.append(name)
    return out


def amounts(text: str, reference_date=None) -> list[dict]:
    """The money amounts a clause mentions, normalised by the figures module
    ({"text", "value", "unit"}); none until that module is present."""
    try:
        from explorer.analysis.figures import find_figures
    except ImportError:
        return []
    return [{"text": f.text, "value": f.value, "unit": f.unit}
            for f in find_figures(text, reference_date=reference_date) if f.kind == "money"]
