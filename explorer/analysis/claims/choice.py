"""Which document a claims view checks when none is chosen, and why, in words the page can show.

A journalist checking an uploaded collection means the article, the document that restates the
others, not whichever file was added first. Uploaded documents carry no kind ("article",
"decision"), so the rule reads what the documents say:

1. a document the story itself marks as its article (the bundled story's) is the article;
2. otherwise, the document that restates the others most: the one with the largest share of its
   names and figures (people, organisations, places, amounts, percentages, dates: the entities
   layer's, with a reviewer's merges and renames) that another checkable document states too.
   An article built on a filing names a selection of the filing's parties and figures, so most of
   what it names is in the filing, while much of what the filing names is not in the article;
   ties go to the document sharing more, then to the first added;
3. when no document shares a name or figure with another, the first document that can be checked.

No model is needed (the entities are cached per passage). The reason names the figures, so a
reader can see why and choose another document (the page's picker, `doc=` in the URL, `--doc`).
"""

from dataclasses import dataclass, field

ARTICLE_KIND = "article"


@dataclass(frozen=True)
class DocumentChoice:
    doc: str | None
    reason: str
    # (doc id, names and figures also in another document, all its names and figures), rule 2 only
    shares: tuple[tuple[str, int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"doc": self.doc, "reason": self.reason,
                "shares": [{"doc": d, "shared": s, "total": t} for d, s, t in self.shares]}


def choose_document(story, docs: list[str], entities=None, labels: dict | None = None,
                    kinds: dict | None = None) -> DocumentChoice:
    """The default document among `docs` (the checkable ones, in the collection's order).
    `entities`: the story's EntityIndex if the caller holds one; `labels`: {doc id: how to name it};
    `kinds`: {doc id: its passages' kind} (else the story's document kinds)."""
    if not docs:
        return DocumentChoice(None, "The collection has no document whose claims can be checked.")
    labels = labels or {}
    kinds = kinds if kinds is not None else {d.id: d.kind for d in story.documents}
    article = next((d for d in docs if kinds.get(d) == ARTICLE_KIND), None)
    if article is not None:
        return DocumentChoice(article, "The story marks this document as its article.")
    if len(docs) < 2:
        return DocumentChoice(docs[0], "It is the only document that can be checked.")
    if entities is None:
        from explorer.analysis.entities import entities_of

        entities = entities_of(story)
    shares = restatement_shares(entities, docs)
    order = {d: i for i, d in enumerate(docs)}
    best = max(shares, key=lambda s: (s[1] / s[2] if s[2] else 0.0, s[1], -order[s[0]]))
    if best[1] == 0:
        return DocumentChoice(docs[0], "No document names a party or states a figure that another one does, so "
                                       "none restates the others: the first document added is shown.", shares)
    name = labels.get(best[0], best[0])
    others = "; ".join(f"{labels.get(d, d)}: {s} of {t}" for d, s, t in shares if d != best[0])
    reason = (f"{name} restates the other documents most: {best[1]} of the {best[2]} names and figures it states "
              f"(people, organisations, places, amounts, percentages, dates) are in another document too "
              f"({others}).")
    return DocumentChoice(best[0], reason, shares)


def restatement_shares(entities, docs: list[str]) -> tuple[tuple[str, int, int], ...]:
    """(doc, how many of its entities another of `docs` mentions too, how many entities it mentions)."""
    wanted = set(docs)
    in_docs: dict[str, set[str]] = {d: set() for d in docs}
    for entity in entities.entities.values():
        for mention in entity.mentions:
            if mention.doc in wanted:
                in_docs[mention.doc].add(entity.id)
    seen_in: dict[str, int] = {}
    for ids in in_docs.values():
        for entity_id in ids:
            seen_in[entity_id] = seen_in.get(entity_id, 0) + 1
    return tuple((d, sum(seen_in[e] > 1 for e in in_docs[d]), len(in_docs[d])) for d in docs)
