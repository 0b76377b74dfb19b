"""The home view's data: what the story is, what it holds, and the findings it leads with.

The findings are the story's own data (story.json's "findings"), each of a kind this module knows
how to fill from the story's layers: "coverage" (the comparison's one-line summary, given by the
caller, who holds the comparison), "amounts" (reviewed events' amounts as reported, in their own
currencies) and "event" (one reviewed event in a sentence). A story without findings (a journalist's
own collection) leads with its documents. Nothing here names a particular story.
"""

from explorer.story.model import Story
from explorer.story.passages import split_corpus

FINDING_KINDS = ("coverage", "amounts", "event")


def home_data(story: Story, coverage_summary=None) -> dict:
    """{title, description, at_a_glance, documents, findings}. `coverage_summary()`: the comparison's
    summary sentence, or None when the story has no comparison to summarise."""
    return {**overview(story), "findings": findings_of(story, coverage_summary)}


def findings_of(story: Story, coverage_summary=None) -> list[dict]:
    """The story's findings that its layers can fill (the page renders them after the overview, since
    the coverage summary may need the index)."""
    events = story.reviews.current("events")
    return [f for f in (_finding(raw, story, events, coverage_summary) for raw in story.info.findings) if f]


def overview(story: Story) -> dict:
    """{title, description, at_a_glance, documents}: read from the corpus files and the reviewed layer only."""
    documents = story.documents
    reference = story.info.labels.get("reference_document")
    reference_doc = story.document(reference) if reference else None
    events = story.reviews.current("events")
    glance = [{"label": "Documents", "value": len(documents), "help": "Every document of the story"},
              {"label": "Passages", "value": len(split_corpus(documents)),
               "help": "Paragraphs of the texts and numbered records of the others"}]
    if reference_doc is not None and reference_doc.records:
        glance.append({"label": story.info.label("reference_items", reference_doc.title),
                       "value": len(reference_doc.records), "help": reference_doc.title})
    if events:
        glance.append({"label": story.info.label("events", "Timeline events"), "value": len(events),
                       "help": "Events a person reviewed (confirmed or added)"})
    return {"title": story.info.title, "description": story.info.description, "at_a_glance": glance,
            "documents": [{"id": d.id, "title": d.title, "kind": d.kind, "date": d.date, "source_url": d.source_url}
                          for d in documents]}


def _finding(raw: dict, story: Story, events: dict, coverage_summary) -> dict | None:
    """A finding filled from the story, or None when the story no longer has what it needs."""
    kind, link = raw.get("kind"), raw.get("link") or None
    if kind == "coverage":
        text = coverage_summary() if coverage_summary else None
    elif kind == "amounts":
        rows = [events[i].payload for i in raw.get("events") or [] if i in events]
        text = "; ".join(f"{r.get('counterparty') or r.get('actor')}: {_amount(r)} ({r.get('date')})"
                         for r in rows if _amount(r)) if rows else None
    elif kind == "event":
        rows = [events[i].payload for i in raw.get("events") or [] if i in events]
        text = " ".join(f"{r.get('date')}, {r.get('actor')}: {r.get('description')}" for r in rows) if rows else None
    else:
        return None
    if not text:
        return None
    return {"title": raw.get("title") or "", "kind": kind, "text": text, "caption": raw.get("caption") or "",
            "link": link}


def _amount(row: dict) -> str:
    """An amount as reported, without the reporter's parenthesis ("EUR 15M (about USD 16M)" -> "EUR 15M")."""
    return str(row.get("amount_as_reported") or "").split(" (")[0].strip()
