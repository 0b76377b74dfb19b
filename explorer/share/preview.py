"""A view's link preview: the title and description that Slack, X, Mastodon or a CMS show.

Built from the same core calls the page makes: an opened passage is described by the first two
lines of its citation (explorer.citation: the quote, then title, outlet, date and locator), a
principle by its two readings' verdicts and the reviewed evidence, an event by its title, date,
amount as reported and sources. No search runs for a preview (a crawler must not load the
model): a query alone is described by its words and filters.

`meta_tags` turns a Preview into <title> and <meta> tags; every value is HTML-escaped there, so
no corpus or URL text can become markup.
"""

import html
from dataclasses import dataclass

from explorer.citation import citation, locator_of
from explorer.links.pages import BY_PATH
from explorer.links.search import SearchState

SITE = "Story explorer"
DESCRIPTION_CHARS = 300
QUOTE_CHARS = 160
TITLE_CHARS = 110
SOURCE_NAMES = 2
MODE_LABELS = {"hybrid": "Hybrid", "semantic": "Semantic", "keyword": "Keyword"}


@dataclass(frozen=True)
class Preview:
    title: str
    description: str
    url: str  # the canonical link of the view (the state actually shown, as the page rewrites it)


def clip(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut
    return cut.rstrip(" ,;:.") + "…"


def page_preview(page: str, url: str, info=None) -> Preview:
    """A page without parameters: its registry title and description, or, for home, the story's own
    (`info`, explorer.story.model.StoryInfo)."""
    entry = BY_PATH[page]
    title, text = entry.title, entry.description
    if page == "" and info is not None:
        title, text = info.title, info.description or text
    return Preview(title, text, url)


def search_preview(state: SearchState, engine, documents: dict, url: str) -> Preview:
    """An opened passage: its citation's quote and source line. A query: its words and filters."""
    if state.p:
        passage = engine.passage(state.p)
        quote, source = citation(passage, documents.get(passage.doc), url).splitlines()[:2]
        # a quotation keeps its marks when clipped; the explorer's paraphrase never gets any
        quote = f"“{clip(quote[1:-1], QUOTE_CHARS)}”" if quote.startswith("“") else clip(quote, QUOTE_CHARS)
        return Preview(f"{passage.locator} · {passage.title}",
                       clip(f"{locator_of(passage)}: {quote} {source}", DESCRIPTION_CHARS), url)
    if state.q:
        filters = [f"only {state.doc}" if state.doc else "", ", ".join(state.kind),
                   f"dated from {state.since}" if state.since else "", f"to {state.until}" if state.until else ""]
        scope = "; ".join(f for f in filters if f)
        text = (f"{MODE_LABELS.get(state.mode, state.mode)} search of the article and its primary sources, top "
                f"{state.k} passages" + (f" ({scope})" if scope else "") + ", each with a citation to paste.")
        return Preview(f"“{clip(state.q, 80)}” · Search the sources", text, url)
    return page_preview("search", url)


def principle_text(comparison, item) -> str:
    """A principle's two readings and their evidence in a sentence or three."""
    person = "not reviewed" if item.reviewed is None else "discussed" if item.reviewed else "not discussed"
    out = f"Person's reading: {person}; model's reading: {item.verdict}."
    kept = [p for j, p in enumerate(comparison.scored.passages)
            if comparison.labels[comparison.items.index(item), j] == 1]
    if kept:
        first = kept[0]
        quote = comparison.note(item.number, first.id).get("quote") or first.text
        more = f" and {len(kept) - 1} more" if len(kept) > 1 else ""
        out += f" Evidence: {first.locator}{more}: “{clip(quote, QUOTE_CHARS)}”"
    elif item.evidence:
        first = item.evidence[0]
        out += f" No paragraph discusses it by the person's reading; the model's evidence: {first['locator']}: “{clip(first['sentence'], QUOTE_CHARS // 2)}”"
    return out


def principles_preview(state, data, url: str) -> Preview:
    """A principle: its verdicts and evidence. A framework comparison: the framework and its nearest
    item for the first principles. Otherwise the view and the coverage summary."""
    comparison, reference = data.comparison, data.principles_doc
    if state.principle is not None:
        item = comparison.item(state.principle)
        return Preview(f"{reference.record_label} {item.number}: {item.title} · {comparison.reference_title}",
                       clip(principle_text(comparison, item), DESCRIPTION_CHARS), url)
    if state.view == "frameworks" and state.framework in data.framework_ids:
        from explorer.analysis.coverage.alignment import align_framework

        doc = data.framework(state.framework)
        rows = align_framework(data.similarity.engine, reference, doc, data.similarity)
        pairs = "; ".join(f"P{r.number} ↔ {r.items[0]['locator']} {r.items[0]['title']}" for r in rows[:3] if r.items)
        text = (f"Each of the {len(reference.records)} items of {reference.title} beside its nearest items of "
                f"{doc.title}" + (f" ({doc.publisher}, {doc.date})" if doc.publisher and doc.date else "")
                + f". {pairs}.")
        return Preview(f"{reference.title} vs {doc.title}", clip(text, DESCRIPTION_CHARS), url)
    views = {"coverage": "Coverage", "matrix": "Matrix", "claims": "The article's claims",
             "compare": "Compare any document"}
    label = views.get(state.view, "Coverage")
    return Preview(f"{label} · {comparison.reference_title}", clip(comparison.summary(), DESCRIPTION_CHARS), url)


def event_text(event: dict) -> str:
    """An event as the evidence panel states it: date, who, amount as reported, description, sources."""
    from explorer.story.timeline import domains, sources

    when = event["date"] + (f" to {event['end_date']}" if event.get("end_date") else "")
    who = event["actor"] + (f" → {event['counterparty']}" if event.get("counterparty") else "")
    amount = f" Amount as reported: {event['amount_as_reported']}." if event.get("amount_as_reported") else ""
    status = f" Status: {event['status']}." if event.get("status") and event["status"] != "confirmed" else ""
    names = domains(sources(event.get("source_urls") or ""))
    listed = ", ".join(names[:SOURCE_NAMES]) + (f" and {len(names) - SOURCE_NAMES} more" if len(names) > SOURCE_NAMES else "")
    return f"{when}, {who}.{amount} Sources: {listed or 'none'}.{status} {event['description']}"


def timeline_preview(state, events, url: str, info) -> Preview:
    """A chosen event: the event, its amount as reported and its sources. Otherwise the filters and
    how many events they show. Titles and the story's own words come from its story.json labels
    (`info`: explorer.story.model.StoryInfo)."""
    from explorer.analysis.events.frame import bounds
    from explorer.story import timeline as tl
    from explorer.links.timeline import period_label

    title = info.label("timeline_title", "Timeline")
    chosen = events.loc[events["id"] == state.event] if state.event else events.iloc[0:0]
    if len(chosen):
        event = chosen.iloc[0].to_dict()
        return Preview(f"{event['title']} · {title}", clip(event_text(event), DESCRIPTION_CHARS), url)
    low, high = bounds(events)
    shown = tl.filter_events(events, state.start, state.end, state.types, state.statuses)
    if not (state.start or state.end or state.types or state.statuses):
        return Preview(title, clip(info.label("timeline_caption", f"{len(events)} dated events."), DESCRIPTION_CHARS), url)
    about = info.label("timeline_preview", "")
    text = (f"{len(shown)} of {len(events)} dated events, {period_label(state, low, high)}"
            + (f" ({', '.join(state.types)})" if state.types else "")
            + (f" ({', '.join(state.statuses)})" if state.statuses else "") + (f": {about}" if about else "."))
    return Preview(title, text, url)


def meta_tags(preview: Preview, site: str = SITE) -> str:
    """<title>, description, Open Graph and Twitter card tags; every value escaped."""
    def e(value) -> str:
        return html.escape(str(value), quote=True)

    title = clip(preview.title, TITLE_CHARS)
    description = clip(preview.description, DESCRIPTION_CHARS)
    tags = [f"<title>{e(title)} · {e(site)}</title>",
            f'<meta name="description" content="{e(description)}" />',
            '<meta property="og:type" content="website" />',
            f'<meta property="og:site_name" content="{e(site)}" />',
            f'<meta property="og:title" content="{e(title)}" />',
            f'<meta property="og:description" content="{e(description)}" />',
            f'<meta property="og:url" content="{e(preview.url)}" />',
            '<meta name="twitter:card" content="summary" />',
            f'<meta name="twitter:title" content="{e(title)}" />',
            f'<meta name="twitter:description" content="{e(description)}" />',
            f'<link rel="canonical" href="{e(preview.url)}" />']
    return "\n    ".join(tags)
