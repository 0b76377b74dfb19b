"""Evidence for one chosen event: its facts, sources, disagreement note and related corpus passages.

This is the only part of the timeline page that touches the engine, and it imports it lazily:
the embedding model (and torch) load only once an event has been chosen.
"""

import streamlit as st

from explorer.story.urls import domain
from explorer.story.passages import backed_sources
from ui import loaders, url_state
from ui.common import md_escape, md_link, md_url, show_html, show_note
from ui.print_view import print_hint, printable

PASSAGES = 5


def show_evidence(event: dict, state=None) -> None:
    """The event's facts and sources (what a printout holds, with its permalink: the view's
    filters and this event), then related passages."""
    with st.container(border=True):
        with printable():
            _facts(event, state)
        show_passages(event)


def permalink(event_id: str, state=None) -> str:
    """The link to this event in the view the reader is looking at (its filters kept)."""
    params = {**(state.to_params() if state is not None else {}), "event": event_id}
    return url_state.link("timeline", params)


def _facts(event: dict, state=None) -> None:
    st.markdown(f"#### {md_escape(event['title'])}")
    when = event["date"] + (f" to {event['end_date']}" if event.get("end_date") else "")
    who = event["actor"] + (f" → {event['counterparty']}" if event.get("counterparty") else "")
    st.markdown(f"**{md_escape(when)}** (date precision: {md_escape(event['date_precision'])}) · "
                f"{md_escape(event['type'])} · {md_escape(who)} · status: {md_escape(event['status'])}")
    if event.get("amount_as_reported"):
        st.markdown("**Amount as reported:** " + md_escape(event["amount_as_reported"]))
    if event.get("valuation_as_reported"):
        st.markdown("**Valuation as reported:** " + md_escape(event["valuation_as_reported"]))
    st.markdown(md_escape(event["description"]))
    show_note(event.get("note") or "", event["status"])
    # Each source by what the record says it backs, which names the original outlet where the
    # record knows it ("Reuters: ...", "TechCrunch copy: ..."), read at its link (the URL itself,
    # so it can be copied: ui.common.md_url); a source without that text by its link's domain.
    st.markdown("**Sources**\n\n" + "\n".join(
        f"- {md_escape(backs.rstrip('.'))} (read at {md_url(url)})" if backs else f"- {md_escape(domain(url))}: {md_url(url)}"
        for url, backs in backed_sources(event)))
    st.markdown("**Permalink:** " + md_url(permalink(event["id"], state)))
    print_hint()


def show_passages(event: dict) -> None:
    """The corpus passages closest in meaning to the event's description (semantic search)."""
    from explorer.search.highlight import snippet_window, to_html

    st.markdown(f"**Related passages in the corpus** (semantic search with this event's description, top {PASSAGES})")
    engine = loaders.engine_with_model()
    result = engine.search(event["description"], mode="semantic", k=PASSAGES)
    if not result.hits:
        st.info("No related passages found.")
        return
    for hit in result.hits:
        p = hit.passage
        link = url_state.link("search", {"p": p.id})
        st.markdown(f"{hit.rank:d}\\. **{md_escape(p.title)}** · "
                    f"{md_link(p.locator, url_state.link('read', {'p': p.id}, lead='p'))} · "
                    f"similarity {hit.score:.2f} · {md_link('open in Search', link)}")
        start, end = snippet_window(p.text, hit.highlights)
        show_html(f'<div class="passage">{to_html(p.text, hit.highlights, start, end)}</div>')
