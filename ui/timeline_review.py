"""The reviewed layer on the timeline page: an extracted event's sources and the decisions on it,
and (only in a story people can write to) confirm, correct, reject, and add an event from a passage.

Decisions go to the story's reviewed layer (explorer.analysis.events.review); the extracted
events are never edited. After a decision the page reruns and shows the layer as it now is.
"""

import streamlit as st

from explorer.analysis.events.kinds import KINDS
from explorer.analysis.events.layer import PRECISIONS
from explorer.errors import ExplorerError
from ui import url_state
from ui.common import md_escape, md_link, md_url

AUTHOR = "tl_author"
REVIEW_LABELS = {"extracted": "extracted, not yet reviewed", "confirmed": "confirmed", "corrected": "corrected",
                 "added": "added by hand", "rejected": "rejected"}


def badge_colour(event: dict) -> str:
    return "orange" if event.get("review") == "extracted" else "green"


def badge_label(event: dict) -> str:
    review = event.get("review", "")
    return REVIEW_LABELS.get(review, review)


def show_review(story, timeline, event: dict, state) -> None:
    """An extracted or added event's card: what, when, where it is stated, and the controls."""
    from ui.timeline_evidence import permalink

    if event["origin"] == "curated":
        held = [e for e in timeline.events if e.get("matches") == event["id"]]
        if held:
            st.caption(md_escape(f"Also stated in the documents ({len(held)} extracted event"
                                 f"{'s' * (len(held) != 1)} matched to this one)."))
        return
    with st.container(border=True, key=f"tl_card_{event['id']}"):
        st.markdown(f"#### {md_escape(event.get('text') or '')}")
        when = event.get("date") or "undated"
        st.markdown(f":{md_escape(badge_colour(event))}-badge[{md_escape(badge_label(event))}] **{md_escape(when)}** (date precision: {md_escape(event.get('precision') or 'none')})"
                    f" · {md_escape(event.get('kind') or 'other')}")
        if event.get("parties"):
            st.markdown("**Parties** (capitalised names): " + md_escape(", ".join(event["parties"])))
        if event.get("amounts"):
            st.markdown("**Amounts:** " + md_escape("; ".join(a.get("text", "") for a in event["amounts"])))
        if event.get("matches"):
            curated = timeline.event(event["matches"])
            st.info(md_escape(f"The curated timeline already holds this event: {event['matches']}"
                              + (f" ({curated['text']})" if curated else "") + "."))
        st.markdown("**Stated in**")
        for source in event.get("sources") or []:
            link = url_state.link("search", {"p": source["passage"]}) if source.get("passage") else ""
            where = md_escape(source.get('locator') or '')
            if source.get("passage"):
                where = md_link(source.get("locator") or "the paragraph",
                                url_state.link("read", {"p": source["passage"]}, lead="p"))
            st.markdown(f"- **{md_escape(source.get('title') or source.get('doc') or '')}**, "
                        f"{where}"
                        + (f" ({md_escape(source['date_text'])})" if source.get("date_text") else "")
                        + f": “{md_escape(source.get('text') or '')}”"
                        + (f" · {md_link('open in Search', link)}" if link else ""))
        if event.get("decision"):
            d = event["decision"]
            st.caption(md_escape(f"Decision in force: {d['action']} by {d['author']} at {d['at']}."))
        st.markdown("**Permalink:** " + md_url(permalink(event["id"], state)))
        if story.writable:
            _controls(story, event)


def _author() -> str:
    return (st.session_state.get(AUTHOR) or "").strip()


def _decide(story, event: dict, action: str) -> None:
    """A button's decision, with the name as it is when the button is clicked: a name typed just
    before the click reaches the app in that click's run, after the buttons were drawn, so passing it
    in the buttons' arguments recorded the name of the run before (none, the first time)."""
    from explorer.analysis.events.review import review_event

    _record(review_event, story, event, action, _author())


def _record(action, *args, **kwargs) -> None:
    try:
        action(*args, **kwargs)
    except ExplorerError as problem:
        st.session_state["_tl_review_notice"] = f"{problem.problem} {problem.fix or ''}".strip()
        return
    st.session_state["_tl_review_notice"] = ""


def _controls(story, event: dict) -> None:
    from explorer.analysis.events.review import review_event

    notice = st.session_state.pop("_tl_review_notice", "")
    if notice:
        st.warning(md_escape(notice), icon="⚠️")
    st.text_input("Your name (recorded with each decision)", key=AUTHOR)
    left, right = st.columns(2)
    left.button("Confirm this event", key=f"tl_confirm_{event['id']}", icon=":material/check:",
                on_click=_decide, args=(story, event, "confirm"))
    right.button("Reject this event", key=f"tl_reject_{event['id']}", icon=":material/close:",
                 on_click=_decide, args=(story, event, "reject"))
    with st.expander("Correct the date, kind or wording"):
        with st.form(f"tl_correct_{event['id']}"):
            date = st.text_input("Date (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY)", value=event.get("date") or "")
            precision = st.selectbox("Precision", PRECISIONS,
                                     index=PRECISIONS.index(event["precision"]) if event.get("precision") in PRECISIONS else 0)
            kind = st.selectbox("Kind", KINDS, index=KINDS.index(event["kind"]) if event.get("kind") in KINDS else len(KINDS) - 1)
            text = st.text_area("Wording", value=event.get("text") or "")
            if st.form_submit_button("Record the correction"):
                _record(review_event, story, event, "correct", _author(), date=date, precision=precision, kind=kind,
                        text=text)
                st.rerun()


def show_undated(story, timeline, state) -> None:
    """Events without a date (relative to a document that has none), the rejected ones, and the
    form to add an event from a passage."""
    undated = [e for e in timeline.events if not e.get("date")]
    if undated:
        with st.expander(md_escape(f"{len(undated)} extracted event{'s' * (len(undated) != 1)} without a date "
                                   "(their date could not be worked out from the document)")):
            for event in undated:
                link = url_state.link("timeline", {**state.to_params(), "event": event["id"]})
                st.markdown(f"- :{md_escape(badge_colour(event))}-badge[{md_escape(badge_label(event))}] "
                            f"{md_escape(event.get('text') or '')} · {md_link('open', link)}")
    if timeline.rejected:
        with st.expander(md_escape(f"{len(timeline.rejected)} rejected event{'s' * (len(timeline.rejected) != 1)}")):
            for event in timeline.rejected:
                d = event.get("decision") or {}
                st.markdown(f"- {md_escape(event.get('date') or 'undated')} · {md_escape(event.get('text') or '')} "
                            f"(rejected by {md_escape(d.get('author', ''))})")
    if story.writable:
        _add_form(story)


def _add_form(story) -> None:
    from explorer.analysis.events.layer import event_passages
    from explorer.analysis.events.review import add_event

    passages = event_passages(story)
    if not passages:
        return
    with st.expander("Add an event from a passage"):
        with st.form("tl_add_event"):
            chosen = st.selectbox("Passage", range(len(passages)),
                                  format_func=lambda i: f"{passages[i].title[:40]} · {passages[i].locator} · "
                                                        f"{passages[i].text[:90]}")
            st.text_input("Your name (recorded with each decision)", key=f"{AUTHOR}_add")
            date = st.text_input("Date (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY)")
            precision = st.selectbox("Precision", PRECISIONS)
            kind = st.selectbox("Kind", KINDS, index=len(KINDS) - 1)
            text = st.text_area("What happened")
            if st.form_submit_button("Add the event"):
                author = (st.session_state.get(f"{AUTHOR}_add") or _author()).strip()
                _record(add_event, story, passages[chosen], author, date, precision, text, kind)
                st.rerun()
