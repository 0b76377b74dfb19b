"""Coverage and matrix views, and the list of the 11 principles under their exact group headings."""

import pandas as pd
import streamlit as st

from explorer.compare import ABSENT, COVERED, PARTIAL, Coverage, PrincipleCoverage
from explorer.highlight import to_html
from ui.common import md_escape, show_html
from ui.principles_charts import coverage_bars, heatmap

MATRIX_CHART = "principles_matrix"
BADGE = {COVERED: "covered", PARTIAL: "partial", ABSENT: "absent"}


def md_link(label: str, url: str) -> str:
    safe = str(url).replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{md_escape(label)}]({safe})"


def passage_html(match_or_passage, score: float | None = None, raw: float | None = None, spans=(), note: str = "") -> str:
    import html

    p = match_or_passage
    head = f"{p.locator} · {p.section}" if getattr(p, "section", "") else p.locator
    if score is not None:
        head += f" · score {score:.3f}" + (f" (raw cosine {raw:.3f})" if raw is not None else "")
    if note:
        head += f" · {note}"
    return (f'<div style="margin:.4em 0 .9em 0"><div style="color:#555;font-size:.85rem">{html.escape(head)}</div>'
            f'<div class="passage">{to_html(p.text, list(spans))}</div></div>')


def render_thresholds(coverage: Coverage) -> None:
    st.markdown(
        f"**How the verdicts are decided.** Each principle is compared with every paragraph of the article "
        f"by meaning (model {md_escape(coverage.model)}, topic-adjusted cosine: the corpus's average embedding is "
        f"subtracted first, because every passage here is about Microsoft and AI). A principle is **covered** if its "
        f"best paragraph scores at least **{coverage.covered_min:.2f}**, **partial** from **{coverage.partial_min:.2f}**, "
        f"otherwise **absent**. {md_escape(coverage.method_text())} Covered means mentioned, not reported accurately: "
        f"see the claims view. The best sentence of each paragraph is highlighted.")


def render_principle_detail(p: PrincipleCoverage) -> None:
    st.subheader(f"Principle {p.number}: {md_escape(p.title)}")
    st.markdown(f"Verdict: **{BADGE[p.verdict]}** · best score **{p.best_score:.3f}** · group {md_escape(p.group)}: "
                f"{md_escape(p.group_heading)}")
    show_html("".join(passage_html(m, m.score, m.raw, m.highlights) for m in p.best))


def render_coverage(coverage: Coverage, selected: int | None) -> None:
    render_thresholds(coverage)
    if selected is not None:
        render_principle_detail(coverage.principle(selected))
    st.plotly_chart(coverage_bars(coverage, selected), width="stretch", key="principles_bars")
    rows = coverage.table_rows()
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(rows) + 1) + 3)
    st.download_button("Download the coverage table (CSV)", frame.to_csv(index=False), "coverage.csv", "text/csv",
                       key="principles_coverage_csv")


def render_matrix(coverage: Coverage, similarity, selected: int | None) -> None:
    st.caption("Rows are the 11 principles, columns the article's paragraphs (¶n); darker means closer in meaning. "
               "Choose a principle above to read its paragraphs, best first.")
    # on_select="rerun" made this heatmap rerun the script endlessly in streamlit 1.67: the principle
    # selectbox is the drill-down instead.
    st.plotly_chart(heatmap(coverage, selected), width="stretch", key=MATRIX_CHART)
    frame = pd.DataFrame(coverage.matrix_rows())
    st.download_button("Download the matrix (CSV)", frame.to_csv(index=False), "matrix.csv", "text/csv",
                       key="principles_matrix_csv")
    if selected is None:
        st.info("Choose a principle above to see its paragraphs ranked by score.")
        return
    p = coverage.principle(selected)
    row = [q.number for q in coverage.principles].index(selected)
    st.subheader(f"Principle {p.number}: {md_escape(p.title)}")
    st.markdown(f"Verdict: **{BADGE[p.verdict]}** · best score **{p.best_score:.3f}**")
    order = coverage.ranked_passages(selected, 5)
    fragments = []
    for col in order:
        passage = coverage.passages[col]
        sentence = similarity.best_sentence(f"principles:{selected}", passage.id)
        spans = ({"start": sentence[0], "end": sentence[1], "kind": "sentence"},) if sentence else ()
        fragments.append(passage_html(passage, float(coverage.scores[row, col]), float(coverage.raw[row, col]), spans))
    show_html("".join(fragments))


def render_principle_list(coverage: Coverage, principles_doc, selected: int | None) -> None:
    st.header("The 11 AI Access Principles")
    st.markdown(f"Published by Microsoft on 2024-02-26 ({md_link('Brad Smith, Microsoft On the Issues', principles_doc.source_url)}); "
                "in our own words, grouped under the post's exact headings.")
    if principles_doc.note:
        (st.warning if "UNCONFIRMED" in principles_doc.note else st.caption)(md_escape(principles_doc.note))
    for group in principles_doc.groups:
        st.subheader(md_escape(group.heading))
        for number in group.numbers:
            p = coverage.principle(number)
            label = f"P{p.number} · {md_escape(p.title)} — {BADGE[p.verdict]} ({p.best_score:.2f})"
            with st.expander(label, expanded=p.number == selected):
                st.markdown(md_escape(p.text))
                if p.specifics:
                    st.markdown("**Specifics**\n" + "\n".join(f"- {md_escape(s)}" for s in p.specifics))
                if p.note:
                    (st.warning if "UNCONFIRMED" in p.note else st.caption)(md_escape(p.note))
                best = ", ".join(f"{m.locator} ({m.score:.2f})" for m in p.best)
                st.caption(f"Best article paragraphs: {md_escape(best)}")
                st.markdown(md_link("Source", p.source_url))
