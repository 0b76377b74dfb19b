"""URL state of the claims page: doc (the document under check), claim (an opened claim), sort."""

from dataclasses import dataclass

from explorer.links import first, notice, page_url, parse_choice

SORTS = ("checkworthy", "verdict")
DEFAULT_SORT = "checkworthy"
MAX_KEY = 300


@dataclass(frozen=True)
class ClaimsState:
    doc: str = ""  # "" = the story's default document (its article)
    claim: str = ""  # a claim key, "<passage id>.<sentence number>", or a reviewed claim's id
    sort: str = DEFAULT_SORT

    def to_params(self) -> dict:
        params = {"doc": self.doc, "claim": self.claim, "sort": self.sort if self.sort != DEFAULT_SORT else ""}
        return {k: v for k, v in params.items() if v}


def parse_claims(params, document_ids=None, claim_known=None) -> tuple[ClaimsState, list[str]]:
    """State from query parameters. `document_ids`: the documents that can be checked (None accepts
    any); `claim_known(doc, key)`: whether a claim key exists (None accepts any)."""
    notices = []
    doc = str(first(params, "doc") or "")
    if doc and document_ids is not None and doc not in document_ids:
        notices.append(notice("doc", doc, "no document of this collection has that id", "the default document"))
        doc = ""
    sort, problem = parse_choice(params, "sort", SORTS, DEFAULT_SORT, "most check-worthy first")
    notices += [problem] if problem else []
    claim = str(first(params, "claim") or "")
    if len(claim) > MAX_KEY or (claim and claim_known is not None and not claim_known(doc, claim)):
        notices.append(notice("claim", claim, "no claim of this document has that key", "no opened claim"))
        claim = ""
    return ClaimsState(doc=doc, claim=claim, sort=sort), notices


def claim_url(base: str, doc: str, claim: str, extra: dict | None = None) -> str:
    """A claim's permalink: /claims?c=&doc=&claim=."""
    return page_url(base, "claims", {**(extra or {}), **ClaimsState(doc=doc, claim=claim).to_params()})
