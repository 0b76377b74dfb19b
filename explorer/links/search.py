"""URL state of the search page: q, mode, k, doc, kind, from, to, ent, p.

`ent` (an entity id, explorer.analysis.entities) keeps the passages that mention that entity.

`from` and `to` (dates, YYYY-MM-DD) keep passages dated in that range (documents that declare a
date; timeline events), and leave undated ones out.

`kind` filters by passage kind (explorer.story.passages.KINDS): one or more kinds, comma-separated
(`kind=event,factcheck`) or repeated; they are kept in KINDS order, so every state round-trips.
"""

from dataclasses import dataclass
from datetime import date

from explorer.search.engine import DEFAULT_K, DEFAULT_MODE, MAX_K, MODES
from explorer.links import first, notice, page_url, parse_choice, parse_date, parse_int
from explorer.story.passages import KINDS


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    mode: str = DEFAULT_MODE
    k: int = DEFAULT_K
    doc: str = ""  # "" means every document
    p: str = ""  # an opened passage id
    kind: tuple[str, ...] = ()  # () means every kind
    since: date | None = None  # URL "from"
    until: date | None = None  # URL "to"
    ent: str = ""  # an entity id: only passages mentioning it

    def __post_init__(self):
        # One spelling per filter: known kinds in KINDS order, each once (unknown ones kept last).
        kinds = tuple(dict.fromkeys(self.kind))
        object.__setattr__(self, "kind", tuple(k for k in KINDS if k in kinds) + tuple(k for k in kinds if k not in KINDS))

    def to_params(self) -> dict:
        """Only what differs from the defaults, so links stay short and readable."""
        params = {"q": self.q, "mode": self.mode if self.mode != DEFAULT_MODE else "",
                  "k": str(self.k) if self.k != DEFAULT_K else "", "doc": self.doc,
                  "kind": ",".join(self.kind), "from": self.since.isoformat() if self.since else "",
                  "to": self.until.isoformat() if self.until else "", "ent": self.ent, "p": self.p}
        return {k: v for k, v in params.items() if v}


def parse_search(params, documents: list[str], passage_exists, max_q_chars: int,
                 entity_exists=None) -> tuple[SearchState, list[str]]:
    """State from query parameters; every value that had to be replaced yields a notice.

    max_q_chars is the configured query limit (Config.max_query_chars); entity_exists(id) checks
    `ent` (None: not checked here)."""
    notices = []
    q, n1 = parse_q(params, max_q_chars)
    mode, n2 = parse_choice(params, "mode", MODES, DEFAULT_MODE)
    k, n3 = parse_int(params, "k", 1, MAX_K, DEFAULT_K)
    doc, n4 = parse_choice(params, "doc", documents, "", "every document")
    kind, n5 = parse_kinds(params)
    since, n6 = parse_date(params, "from", None)
    until, n7 = parse_date(params, "to", None, end_of_month=True)
    notices += [n for n in (n1, n2, n3, n4, n5, n6, n7) if n]
    if since and until and until < since:
        notices.append(notice("to", until.isoformat(), f"it must not be before from={since.isoformat()}", "no upper limit"))
        until = None
    ent = str(first(params, "ent") or "")
    if ent and entity_exists is not None and not entity_exists(ent):
        notices.append(notice("ent", ent, "no entity of this collection has that id", "every passage"))
        ent = ""
    p = first(params, "p") or ""
    if p and not passage_exists(p):
        notices.append(notice("p", p, "no passage has that id", "no open passage"))
        p = ""
    return SearchState(q=q, mode=mode, k=k, doc=doc, p=p, kind=kind, since=since, until=until, ent=ent), notices


def parse_q(params, max_chars: int) -> tuple[str, str | None]:
    """The query, cut to its first `max_chars` characters when longer (with a notice): a pasted
    paragraph is still searched, never dropped. The URL and the search box share this rule."""
    q = str(first(params, "q") or "")
    if len(q) <= max_chars:
        return q, None
    return q[:max_chars].rstrip(), notice("q", q, f"it is {len(q):,} characters long, the limit is {max_chars:,}",
                                          f"its first {max_chars:,} characters")


def parse_kinds(params) -> tuple[tuple[str, ...], str | None]:
    """The kinds asked for (comma-separated or repeated), in KINDS order; unknown ones are dropped
    with a notice naming them."""
    raw = params.get("kind") if hasattr(params, "get") else None
    raw = raw if isinstance(raw, (list, tuple)) else [raw] if raw is not None else []
    wanted = [part.strip() for value in raw for part in str(value).split(",") if part.strip()]
    unknown = list(dict.fromkeys(k for k in wanted if k not in KINDS))
    chosen = tuple(k for k in KINDS if k in wanted)
    if not unknown:
        return chosen, None
    return chosen, notice("kind", ",".join(unknown), "allowed values are " + ", ".join(KINDS),
                          ", ".join(chosen) if chosen else "every kind")


def with_changes(state: SearchState, **changes) -> SearchState:
    """The same view with some parameters replaced (the others kept)."""
    from dataclasses import replace

    return replace(state, **changes)


def search_url(base: str, state: SearchState, passage_first: bool = False) -> str:
    """Absolute link to the search page showing `state` (a citation permalink leads with p)."""
    return page_url(base, "search", state.to_params(), lead="p" if passage_first else None)


def permalink(base: str, passage_id: str, q: str = "", extra: dict | None = None) -> str:
    """The permalink a citation carries: the passage opened, with the query that found it
    (`extra`: parameters every page keeps, such as the collection `c`)."""
    return page_url(base, "search", {**SearchState(q=q, p=passage_id).to_params(), **(extra or {})}, lead="p")
