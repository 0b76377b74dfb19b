"""Coverage and matrix views, and the list of the 11 principles under their exact group headings.

Two readings side by side: the reviewed one (a person-style annotation, corpus/reviews/) and the
model's (pair scores with a threshold fitted on the reviewed pairs), with their agreement and
where they differ. Corpus text reaches the page only through explorer.search.highlight.to_html or
html.escape (HTML) and md_escape (markdown).
"""

import html
import math

import pandas as pd
import streamlit as st

from explorer.analysis.coverage.compare import (
    ABSENT,
    COVERED,
    PARTIAL,
    QUOTE,
    SENTENCE,
    Coverage,
    Match,
    PrincipleCoverage,
)
from explorer.search.highlight import to_html
from ui.chart_box import chart_box
from ui.common import md_escape, md_link, md_url, show_html, show_note
from ui.print_view import print_hint, printable
from ui.charts.principles import coverage_pairs, heatmap

MATRIX_CHART = "principles_matrix"
BADGE = {COVERED: "covered", PARTIAL: "partial", ABSENT: "absent"}


def passage_html(match_or_passage, score: float | None = None, raw: float | None = None, spans=(), note: str = "",
                 margin: float | None = None, comment: str = "") -> str:
    """One paragraph as escaped HTML: a grey head line, then the text with its highlight spans."""
    p = match_or_passage
    head = f"{p.locator} · {p.section}" if getattr(p, "section", "") else p.locator
    if score is not None:
        head += f" · score {score:.2f}"
    if margin is not None:
        head += f" (margin {margin:+.2f})"
    elif raw is not None and score is not None:
        head += f" (raw cosine {raw:.3f})"
    if note:
        head += f" · {note}"
    body = f'<div class="passage">{to_html(p.text, list(spans))}</div>'
    if comment:
        body += f'<div style="color:#333;font-size:.85rem;margin-top:.2em">{html.escape(comment)}</div>'
    return (f'<div style="margin:.4em 0 .9em 0"><div style="color:#555;font-size:.85rem">{html.escape(head)}</div>'
            f"{body}</div>")


def _spans(m: Match, kind: str) -> list[dict]:
    return [s for s in m.highlights if s["kind"] == kind]


def _paragraphs(n: int) -> str:
    return "no paragraph" if n == 0 else "1 paragraph" if n == 1 else f"{n} paragraphs"


def _locators(matches) -> str:
    return " ".join(m.locator for m in matches) or "none"


def _judgement_call(coverage: Coverage, margin: float) -> bool:
    return abs(margin) < coverage.jitter


def model_match_html(coverage: Coverage, m: Match) -> str:
    """A paragraph as the model reads it: supporting sentence highlighted, score and margin."""
    tags = ["also in the review" if m.review_discusses else "not in the review"]
    if _judgement_call(coverage, m.margin):
        tags.append("borderline: a judgement call")
    return passage_html(m, spans=_spans(m, SENTENCE), note=", ".join(tags))


def reviewed_match_html(coverage: Coverage, m: Match) -> str:
    """A paragraph as the review reads it: the quote marked, the rationale under it."""
    tags = ["borderline for the reviewer"] if m.borderline else []
    tags.append("the model agrees" if m.model_discusses else "the model disagrees")
    return passage_html(m, note=", ".join(tags), spans=_spans(m, QUOTE), comment=f"Why: {m.rationale}")


def render_method(coverage: Coverage) -> None:
    agree, cv = coverage.agreement(), coverage.cv
    st.markdown(
        "**Two readings of the article.** The *reviewed reading* lists, for each principle, the paragraphs that say "
        "something about what it commits to, each with a quote and a reason. The *model's reading* scores every "
        "(principle, paragraph) pair by how close they are in meaning and keeps the closest. Both turn "
        "paragraphs into a verdict the same way: **covered** with 2 or more, **partial** with one, **absent** with none. "
        "Covered means mentioned, not reported accurately: see the claims view.")
    cols = st.columns(2)
    cols[0].metric("Verdicts agreeing", f"{agree['verdicts']} / {agree['principles']}",
                   help="The model's reading against the reviewed one, on the very pairs its cut-off was fitted on.")
    cols[1].metric("Agreeing on principles it never saw", f"{agree['held_out_verdicts']} / {agree['principles']}",
                   help="Each principle judged by a cut-off fitted on the other ten only.")
    with st.expander("How this works"):
        st.markdown(md_escape(f"Held-out pair precision {_pct(cv.precision)}, held-out pair recall {_pct(cv.recall)}."))
        st.markdown(md_escape(coverage.method_text()))


def _pct(x) -> str:
    return "n/a" if x is None or math.isnan(x) else f"{x:.0%}"


def render_differences(coverage: Coverage) -> None:
    differences = coverage.differences()
    if not differences:
        st.success("The two readings agree on every pair.")
        return
    with st.expander(f"Where the readings differ ({len(differences)})", expanded=False):
        st.markdown("\n".join(f"- {md_escape(d)}" for d in differences))


def render_principle_detail(coverage: Coverage, p: PrincipleCoverage) -> None:
    st.subheader(f"Principle {p.number:d}: {md_escape(p.title)}")
    verdicts = "agree" if p.verdict_agrees else "differ"
    st.markdown(f"Group {md_escape(p.group)}: {md_escape(p.group_heading)} · the verdicts **{verdicts}** "
                f"(reviewed **{BADGE[p.reviewed_verdict]}**, model **{BADGE[p.verdict]}**; judged without its own "
                f"review: {BADGE[p.held_out_verdict]})")
    for d in p.differences():
        st.caption(md_escape(d))
    left, right = st.columns(2)
    with left:
        marked = "; the quote is marked" if p.reviewed else ""
        st.markdown(f"**Reviewed reading: {BADGE[p.reviewed_verdict]}** ({md_escape(_paragraphs(len(p.reviewed)))}{marked})")
        if p.reviewed:
            show_html("".join(reviewed_match_html(coverage, m) for m in p.reviewed))
        else:
            st.caption("No paragraph of the article discusses this principle, by the review.")
        if p.near_misses:
            st.caption("Considered and rejected: " + "; ".join(
                f"{md_escape(n['locator'])}: {md_escape(n['rationale'])}" for n in p.near_misses))
    with right:
        lit = "; the supporting sentence is highlighted" if p.evidence else ""
        st.markdown(f"**Model's reading: {BADGE[p.verdict]}** ({md_escape(_paragraphs(len(p.evidence)))} close "
                    f"enough{lit})")
        if p.evidence:
            show_html("".join(model_match_html(coverage, m) for m in p.evidence))
        else:
            st.caption(f"No paragraph is close enough; the closest is {md_escape(p.best[0].locator)}.")
            show_html(model_match_html(coverage, p.best[0]))


def principle_citation(p: PrincipleCoverage) -> None:
    """The principle itself (in our own words), its source and the view's permalink: with the two
    readings above, what a printout of one principle holds."""
    from explorer.citation import outlet_of
    from ui import loaders, url_state

    st.markdown(f"**Principle {p.number:d}, in our own words:** {md_escape(p.text)}")
    outlet = outlet_of(loaders.principles(url_state.collection()).principles_doc)
    st.markdown(f"**Source:** {md_escape(outlet)}, {md_url(p.source_url)}")
    st.markdown(f"**Permalink:** {md_url(url_state.link('principles', {'principle': str(p.number)}))}")
    print_hint()


def render_coverage(coverage: Coverage, selected: int | None) -> None:
    render_method(coverage)
    if selected is not None:
        p = coverage.principle(selected)
        with printable():
            render_principle_detail(coverage, p)
            principle_citation(p)
    else:
        st.info("Choose a principle above to read both readings' paragraphs side by side.")
    chart_box("principles_bars").plotly_chart(coverage_pairs(coverage, selected), width="stretch", key="principles_bars")
    render_differences(coverage)
    rows = coverage.table_rows()
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(rows) + 1) + 3)
    st.download_button("Download the coverage table (CSV)", frame.to_csv(index=False), "coverage.csv", "text/csv",
                       key="principles_coverage_csv")
    pairs = pd.DataFrame(coverage.pair_rows())
    st.download_button("Download the pairs either reading keeps (CSV)", pairs.to_csv(index=False), "coverage-pairs.csv",
                       "text/csv", key="principles_pairs_csv")


def render_matrix(coverage: Coverage, similarity, selected: int | None) -> None:
    st.caption("Rows are the principles, columns the article's paragraphs (¶n); darker means closer in meaning "
               "(the darkest cells are the pairs the model judges to discuss the principle). "
               "Circles mark the pairs the reviewed reading keeps. Choose a principle above to read its paragraphs, "
               "best first.")
    # on_select="rerun" made this heatmap rerun the script endlessly in streamlit 1.67: the principle
    # selectbox is the drill-down instead.
    chart_box(MATRIX_CHART).plotly_chart(heatmap(coverage, selected), width="stretch", key=MATRIX_CHART)
    frame = pd.DataFrame(coverage.matrix_rows())
    st.download_button("Download the matrix (CSV)", frame.to_csv(index=False), "matrix.csv", "text/csv",
                       key="principles_matrix_csv")
    if selected is None:
        st.info("Choose a principle above to see its paragraphs, closest first.")
        return
    p = coverage.principle(selected)
    st.subheader(f"Principle {p.number:d}: {md_escape(p.title)}")
    st.markdown(f"Reviewed **{BADGE[p.reviewed_verdict]}** · model **{BADGE[p.verdict]}**")
    fragments = []
    for col in coverage.ranked_passages(selected, 5):
        m = coverage.match(selected, col)
        verdict = "the model keeps it" if m.model_discusses else "not close enough for the model"
        review = "the review keeps it" if m.review_discusses else "not in the review"
        fragments.append(passage_html(m, spans=_spans(m, SENTENCE),
                                      note=f"{verdict}; {review}",
                                      comment=f"Review: {m.rationale}" if m.review_discusses else ""))
    show_html("".join(fragments))


def render_principle_list(coverage: Coverage, principles_doc, selected: int | None) -> None:
    from explorer.citation import outlet_of

    st.header("The 11 AI Access Principles")
    st.markdown(f"Published by {md_escape(principles_doc.publisher or 'an unknown publisher')} on "
                f"{md_escape(principles_doc.date or 'an unknown date')} "
                f"({md_link(outlet_of(principles_doc), principles_doc.source_url)}); "
                "in our own words, grouped under the post's exact headings.")
    if principles_doc.note:
        show_note(principles_doc.note)
    for group in principles_doc.groups:
        st.subheader(md_escape(group.heading))
        for number in group.numbers:
            p = coverage.principle(number)
            agree = "" if p.verdict_agrees else " (readings differ)"
            label = (f"P{p.number:d} · {md_escape(p.title)} — reviewed {BADGE[p.reviewed_verdict]} · "
                     f"model {BADGE[p.verdict]}{agree}")
            with st.expander(label, expanded=p.number == selected):
                st.markdown(md_escape(p.text))
                if p.specifics:
                    st.markdown("**Specifics**\n" + "\n".join(f"- {md_escape(s)}" for s in p.specifics))
                if p.note:
                    show_note(p.note)
                st.caption(f"Reviewed paragraphs: {md_escape(_locators(p.reviewed))} · model's paragraphs: "
                           f"{md_escape(_locators(p.evidence))}")
                st.markdown(md_link("Source", p.source_url))
