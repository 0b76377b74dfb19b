"""Why a hit matched, in words, and what a result says when nothing matched well."""

from explorer.search.query import ParsedQuery
from explorer.text import term_words

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


def common_words(query: ParsedQuery) -> list[str]:
    """The query's words, lower-cased, when every one of them is a very common word that keyword
    search leaves out ("said", "how much"); [] when it has any other word or a phrase."""
    if query.is_empty or query.terms or query.phrases:
        return []
    return list(dict.fromkeys(surface.lower() for _, surface in term_words(query.text, keep_stopwords=True)))


def common_words_hint(query: ParsedQuery, mode: str) -> str | None:
    """What to say of a query of only very common words (None for any other query): keyword
    search has nothing to match, so "No passage contains these words" would mislead."""
    words = common_words(query)
    if not words:
        return None
    quoted = ", ".join(f"“{w}”" for w in words[:6])
    if mode == "keyword":
        tail = "Add a name, a figure or a topic word, or switch to Hybrid or Semantic to search by meaning."
    else:
        tail = "Any passages below were found by meaning alone; add a name, a figure or a topic word to match words."
    return f"Your query has only very common words ({quoted}), which keyword search leaves out. {tail}"


def no_hits_hint(query: ParsedQuery, mode: str, doc: str | None, kinds=None) -> str:
    common = common_words_hint(query, mode)
    if common and mode == "keyword":
        return common
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
