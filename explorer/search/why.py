"""Why a hit matched, in words, and what a result says when nothing matched well."""

from explorer.search.query import ParsedQuery

# Below this cosine, with no query word in common, a passage is only loosely related: on the gold
# questions every relevant passage found by meaning alone scored above 0.3.
WEAK_MEANING = 0.3
WEAK_HINT = ("No passage matches strongly: none shares a word with your query and all are only loosely "
             "related in meaning. Try other words, or check whether the sources cover this at all.")
MISSING_KEY_HINT = "None of these passages contains {terms}: the sources may not make this claim."


def why_summary(why: dict) -> str:
    parts = []
    if why["phrases"]:
        parts.append("exact phrase " + ", ".join(f"“{p}”" for p in why["phrases"]))
    if why["matched_terms"]:
        parts.append("terms: " + ", ".join(why["matched_terms"]))
    if why["semantic_score"] is not None:
        parts.append(f"meaning: {why['semantic_score']:.2f}")
    if not parts:
        parts.append("no term in common; ranked by meaning")
    if why.get("missing_terms"):
        parts.append("Missing: " + ", ".join(why["missing_terms"]))
    return " · ".join(parts)


def all_weak(hits: list) -> bool:
    return all(not h.why["matched_terms"] and not h.why["phrases"]
               and (h.why["semantic_score"] is None or h.why["semantic_score"] < WEAK_MEANING) for h in hits)


def no_hits_hint(query: ParsedQuery, mode: str, doc: str | None, kinds=None) -> str:
    if query.phrases:
        return "No passage contains that exact phrase. Remove the quotes to search by words and meaning."
    if mode == "keyword":
        return "No passage contains these words. Try Hybrid or Semantic mode to search by meaning."
    if doc and kinds:
        return "Nothing of this kind in this document. Clear the document or kind filter to search everything."
    if doc:
        return "Nothing in this document. Clear the document filter to search everything."
    if kinds:
        return "Nothing of this kind. Clear the kind filter to search everything."
    return "No passage matched. Try other words."
