"""Claims view (the aspects the article names, as the story's fact-checks record them, and the
fact-check notes) and frameworks view. Counts and names come from the story's data."""

import pandas as pd
import streamlit as st

from explorer.analysis.coverage.alignment import AGREES, ALIGNED, DIFFERS, LOOSE, align_framework, framework_table
from explorer.citation import outlet_of
from explorer.story.urls import domain
from ui.common import md_escape, md_link, show_html, show_note
from ui.principles_views import passage_html

COVERAGE_FINDING = {
    ALIGNED: ("Yes", "the coverage model finds this paragraph close enough in meaning to the principle"),
    LOOSE: ("Borderline", "the score is just below the cut-off, within how far the cut-off moved when tested"),
}
NO_COVERAGE = ("No clear sign", "the score is well below the cut-off")


def _principles(numbers) -> str:
    return ", ".join(f"P{n}" for n in numbers) or "none"


def comparison_lines(a) -> list[tuple[str, str]]:
    """The aspect's two findings in plain words, as (question, answer): what was compared and what
    was found (plain text: the caller escapes it). Replaces the labels "Alignment: weak · engine agrees with the
    fact-check", which readers could not decode."""
    if not a.nearest:
        return [("", "The article paragraph for this aspect was not found, so nothing was compared.")]
    number, title = a.nearest[0][0], a.nearest[0][1]
    answer, why = COVERAGE_FINDING.get(a.verdict, NO_COVERAGE)
    first = (f"Does this paragraph discuss its nearest principle, P{number} {title}?", f"{answer}: {why}.")
    ranked = [n for n, _, _ in a.nearest]
    expected = list(a.expected_principles)
    if a.agreement == AGREES:
        found = f"Yes: the engine's nearest principle, P{number}, is one the fact-check names ({_principles(expected)})."
    elif a.agreement == DIFFERS:
        found = (f"No: none of the engine's nearest principles ({_principles(ranked)}) is among the fact-check's "
                 f"({_principles(expected)}).")
    else:
        shared = [n for n in ranked if n in expected]
        verb = "is" if len(shared) == 1 else "are"
        found = (f"Partly: the fact-check's {_principles(shared)} {verb} among the engine's nearest principles "
                 f"({_principles(ranked)}), but not first.")
    second = ("Do the engine and the fact-check point to the same principles?", found)
    return [first, second]


def _sources(urls) -> None:
    if urls:
        st.markdown("Sources: " + " · ".join(md_link(domain(u), u) for u in urls))


def render_claims(data) -> None:
    reference = data.principles_doc
    st.markdown(f"The article describes **{len(data.aspects)} aspects** of the principles; "
                f"{md_escape(reference.title)} has **{len(reference.groups)} groups** (see the fact-check notes "
                "below). For each aspect paragraph we ask two questions. *Does it discuss its nearest "
                "principle?* The coverage view's model answers (the table lists the principles closest in "
                "meaning, with the model's score: higher is closer). *Do the engine and the fact-check point to the "
                "same principles?* The fact-check's reading is beside it.")
    groups = {g.id: g.heading for g in data.principles_doc.groups}
    post_url = data.principles_doc.source_url
    for a in data.aspects:
        st.subheader(f"Aspect: {md_escape(a.aspect)}")
        left, right = st.columns(2)
        with left:
            if a.passage is None:
                st.warning("The article paragraph for this aspect was not found.")
            else:
                show_html(passage_html(a.passage, spans=a.spans))
            frame = pd.DataFrame([{"score": round(s, 3), "principle": f"P{n} {t}"} for n, t, s in a.nearest])
            st.dataframe(frame, hide_index=True, width="stretch")
            for question, answer in comparison_lines(a):
                st.markdown(f"**{md_escape(question)}** {md_escape(answer)}" if question else md_escape(answer))
        with right:
            expected = ", ".join(f"P{n}" for n in a.expected_principles) or "none"
            group = f"group {a.expected_group}: {groups.get(a.expected_group, '')}" if a.expected_group else "no group"
            st.markdown(f"**Fact-check:** nearest {md_escape(group)}; principles {md_escape(expected)}.")
            st.markdown(md_escape(a.fact_check))
            st.markdown(md_link(f"Source: {outlet_of(reference)}", post_url))
    st.header("Fact-check notes on the article's claims")
    for c in data.claims:
        with st.container(border=True):
            st.markdown(f"**({md_escape(c.id)}) {md_escape(c.claim)}**")
            box = st.error if c.verdict.startswith("CONTRADICTED") else st.success
            box(md_escape(c.verdict))
            st.markdown(md_escape(c.notes))
            if c.passage is not None:
                st.caption(f"Article paragraph: {md_escape(c.passage.locator)}")
            if c.principles:
                st.caption("Principles concerned: " + ", ".join(f"P{n:d}" for n in c.principles))
            _sources(c.source_urls)


def render_frameworks(data, framework_key: str, on_change) -> None:
    st.selectbox("Framework", data.framework_ids, key=framework_key,
                 format_func=lambda i: data.framework(i).title, on_change=on_change)
    doc = data.framework(st.session_state[framework_key])
    when = f"{doc.date} · " if doc.date else ""
    st.markdown(f"{md_escape(when)}{md_escape(doc.publisher or '')} · {len(doc.records)} items · "
                f"{md_link('Source', doc.source_url) if doc.source_url else 'no source URL'}")
    show_note(doc.note or "")
    rows = align_framework(data.similarity.engine, data.principles_doc, doc, data.similarity)
    table = framework_table(rows)
    st.caption(f"Each item of {md_escape(data.principles_doc.title)} beside the two items of this framework closest "
               "to it in meaning (the score: 0 means no more in common than two random passages of the corpus, "
               "higher is closer).")
    frame = pd.DataFrame(table)
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(table) + 1) + 3)
    st.download_button("Download this comparison (CSV)", frame.to_csv(index=False), f"{doc.id}-vs-{data.principles_doc.id}.csv",
                       "text/csv", key="principles_framework_csv")
