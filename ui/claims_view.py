"""Rendering for the claims page: the verdicts first (reviewed), the engine's reading below (derived).

The URL (doc, claim, sort) is the state. Every text from a document or a person goes through
md_escape. Review controls appear only when the story is writable; a verdict is appended to the
reviewed layer (explorer.analysis.claims.verdicts) and the page reruns to show it.
"""

import json

import streamlit as st

from explorer.analysis.claims.verdicts import RATINGS, record_verdict
from explorer.links.claims import ClaimsState
from explorer.story.reviews import ReviewError
from ui import url_state
from ui.common import copy_button, md_escape, md_link

STATUS_BADGES = {"differs": ("Differs", "red"), "agrees": ("Agrees", "green"),
                 "unmentioned": ("Not in the sources", "gray"), "unconfirmed": ("Figures not stated", "orange"),
                 "discussed": ("Discussed", "blue")}
RATING_COLOURS = {"accurate": "green", "partly accurate": "orange", "unsupported": "gray", "inaccurate": "red",
                  "not checkable": "gray"}
AUTHOR_KEY = "claims_author"
# The badges as markdown directives, written here from the literals above.
STATUS_MD = {status: f":{colour}-badge[{label}]" for status, (label, colour) in STATUS_BADGES.items()}
RATING_MD = {rating: f":{colour}-badge[{rating.capitalize()}]" for rating, colour in RATING_COLOURS.items()}


def story(collection):
    """The collection's story (one per collection version and process: ui.loaders.story)."""
    from ui import loaders

    return loaders.story(collection)


def choose_document(state: ClaimsState, documents: list[tuple[str, str]], current: str) -> None:
    ids = [d for d, _ in documents]
    titles = dict(documents)
    chosen = st.selectbox("Document under check", ids, index=ids.index(current) if current in ids else 0,
                          format_func=lambda d: titles.get(d, d), key="claims_doc")
    if chosen != current:
        url_state.write(ClaimsState(doc=chosen))
        st.rerun()


def default_note(report, state: ClaimsState, titles: dict[str, str]) -> None:
    """Why the document checked by default is the one it is, and how to check another."""
    choice = report.default
    if choice is None or choice.doc is None:
        return
    if not state.doc or state.doc == choice.doc:
        st.caption("Checked by default. " + md_escape(choice.reason) + " To check another document, choose it "
                   "above (the address keeps it as doc=).")
    else:
        st.caption("You chose this document. By default " + md_escape(f"“{titles.get(choice.doc, choice.doc)}”")
                   + " is checked: " + md_escape(choice.reason))


def counts_line(report, story) -> None:
    counts = report.counts()
    st.markdown(f"**{counts['reviewed']:d} with a verdict** (reviewed) · **{counts['claims']:d} check-worthy claims** "
                f"found automatically (derived), {counts['by_status'].get('differs', 0):d} where the sources state "
                f"a different figure or name.")


def verdicts_section(report, state: ClaimsState, sort: str) -> None:
    """The reviewed layer first: every verdict in force, with the automatic reading beside it."""
    st.subheader("Verdicts")
    reviewed = [c for c in report.sorted_by_verdict() if report.verdict_of(c.key)]
    if not reviewed and not report.unlinked:
        st.caption("No claim of this document has a verdict yet.")
    for claim in reviewed:
        verdict = report.verdict_of(claim.key)
        with st.container(border=True):
            st.markdown(f"{RATING_MD.get(verdict.rating, '')} {md_escape(verdict.claim_text or claim.text)}")
            st.caption(md_escape(f"{verdict.author}, {verdict.decided_at[:10]}"
                                 + (" (shipped with the story)" if verdict.origin == "shipped" else "")))
            if verdict.note:
                st.markdown(md_escape(verdict.note))
            st.markdown(f"Engine: {STATUS_MD.get(claim.status, '')} {md_escape(claim.summary)} · "
                        + md_link("open the claim", url_state.link("claims", {"doc": report.doc, "claim": claim.key})))
    if report.unlinked:
        st.markdown(f"**Reviewed claims not matched to a sentence** ({len(report.unlinked):d}): no sentence of "
                    "this document holds the words they quote, so the engine has no reading of them.")
    for verdict in report.unlinked:
        with st.container(border=True):
            st.markdown(f"{RATING_MD.get(verdict.rating, '')} {md_escape(verdict.claim_text)}")
            quoted = f"; it quotes “{verdict.quote_hint}”" if verdict.quote_hint else ""
            st.caption(md_escape(f"{verdict.author}, {verdict.decided_at[:10]}"
                                 + (" (shipped with the story)" if verdict.origin == "shipped" else "") + quoted))
            if verdict.note:
                st.markdown(md_escape(verdict.note))
            st.markdown(md_link("Permalink of this reviewed claim",
                                url_state.link("claims", {"doc": report.doc, "claim": verdict.subject})))


def claim_panel(claim, report, story, engine, opened: bool) -> None:
    """One claim: why it was picked, the differences, the evidence and its citation, the verdict."""
    verdict = report.verdict_of(claim.key)
    head = f"#{claim.rank} · {STATUS_BADGES.get(claim.status, (claim.status,))[0]}"
    head += f" · verdict: {verdict.rating}" if verdict else ""
    with st.expander(md_escape(f"{head} · {claim.text}"), expanded=opened):
        st.markdown(f"{STATUS_MD.get(claim.status, '')} **{md_escape(claim.summary)}**")
        st.caption(md_link(claim.locator, url_state.link("read", {"p": claim.passage_id}, lead="p"))
                   + md_escape(f". Why it was picked: {claim.why} (score {claim.score:g})."))
        for d in claim.differences:
            line = f"{d.kind}: the claim says {d.claim}"
            line += f"; the evidence says {d.evidence}" if d.evidence else "; the evidence does not state it"
            st.markdown(f"- {STATUS_MD.get(d.status, '')} {md_escape(line)}")
        if claim.evidence is not None:
            from explorer.analysis.claims.check import document_labels

            passage = engine.passage(claim.evidence.passage_id)
            label = document_labels(story).get(passage.doc, passage.doc)
            st.markdown(f"**Evidence** ({md_escape(label)}, "
                        f"{md_link(passage.locator, url_state.link('read', {'p': passage.id}, lead='p'))}):")
            st.markdown("> " + md_escape(claim.evidence.text))
            if opened:
                from explorer.share.claims import helpers

                _, citation_of = helpers(story, engine, url_state.base_url(), url_state.shared_params(), report.doc)
                text = citation_of(claim)
                copy_button(text, "Copy citation")
                st.code(text, language=None, wrap_lines=True)
        else:
            st.markdown("**The sources do not mention this**: no sentence of the other documents is about it.")
        if verdict:
            st.markdown(f"**Verdict** {RATING_MD.get(verdict.rating, '')} " + md_escape(f"by {verdict.author}, "
                                                                                f"{verdict.decided_at[:10]}"))
            if verdict.note:
                st.markdown(md_escape(verdict.note))
        permalink = url_state.link("claims", {"doc": report.doc, "claim": claim.key})
        st.markdown(md_link("Permalink of this claim", permalink))
        if opened and story.writable:
            verdict_form(claim, story)
        elif not opened and story.writable:
            if st.button("Review this claim", key=f"open_{claim.key}"):
                url_state.write(ClaimsState(doc=report.doc, claim=claim.key))
                st.rerun()


def verdict_form(claim, story) -> None:
    with st.form(f"verdict_{claim.key}"):
        st.markdown("**Your verdict** (kept in this collection's reviewed layer)")
        author = st.text_input("Your name", key=AUTHOR_KEY + "_input", value=st.session_state.get(AUTHOR_KEY, ""))
        ratings = list(RATINGS)
        rating = st.selectbox("Rating", ratings, index=None, placeholder="Choose a rating",
                              format_func=str.capitalize)
        note = st.text_area("Note", max_chars=4000)
        cite = st.checkbox("Cite the evidence sentence shown", value=claim.evidence is not None,
                           disabled=claim.evidence is None)
        if st.form_submit_button("Record verdict", type="primary"):
            st.session_state[AUTHOR_KEY] = author
            if rating is None:
                st.error("Choose a rating first.")
                return
            evidence = [claim.evidence.passage_id] if cite and claim.evidence else []
            try:
                record_verdict(story, claim.key, rating, note, evidence, author, claim.text)
            except ReviewError as problem:
                st.error(md_escape(str(problem)))
                return
            st.rerun()


def downloads(report, story, engine, title: str) -> None:
    from explorer.analysis.claims.export import claim_reviews, to_csv, to_markdown
    from explorer.share.claims import helpers

    base = url_state.base_url()
    permalink_of, citation_of = helpers(story, engine, base, url_state.shared_params(), report.doc)
    cols = st.columns(3)
    cols[0].download_button("Claims (CSV)", to_csv(report, permalink_of, citation_of), f"claims-{report.doc}.csv",
                            "text/csv")
    cols[1].download_button("Claims (Markdown)", to_markdown(report, title, permalink_of, citation_of),
                            f"claims-{report.doc}.md", "text/markdown")
    reviews = claim_reviews(report, story.document(report.doc), permalink_of, base)
    cols[2].download_button("Fact-check (ClaimReview JSON-LD)", json.dumps(reviews, ensure_ascii=False, indent=2),
                            f"claimreview-{report.doc}.json", "application/ld+json")
