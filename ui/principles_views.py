"""Coverage and matrix views, and the list of the principles under their exact group headings.

Both views show one comparison (explorer.analysis.coverage.report.Comparison: the document a
reviewer read against the principles, by the coverage method, the same one "Compare a document"
and `compare` use): the person's reading and the model's side by side, their agreement and where
they differ. Corpus text reaches the page only through explorer.search.highlight.to_html or
html.escape (HTML) and md_escape (markdown).
"""

import html

import pandas as pd
import streamlit as st

from explorer.analysis.coverage.report import BORDERLINE, DISCUSSED
from explorer.search.highlight import PHRASE, SENTENCE, to_html
from ui.chart_box import chart_box
from ui.charts.principles import coverage_pairs, heatmap
from ui.common import md_escape, md_link, md_url, show_html, show_note
from ui.print_view import print_hint, printable

MATRIX_CHART = "principles_matrix"
COLUMNS = {"item": "Item", "title": "Title", "model": "Model's reading", "reviewed": "Person's reading",
           "evidence": "Model's evidence", "reviewed_paragraphs": "Person's paragraphs",
           "closest_sentence": "Model's closest sentence"}  # the CSV keeps the contract's names


def shown_table(rows: list[dict]) -> pd.DataFrame:
    """The comparison's table with headers in plain words."""
    return pd.DataFrame(rows).rename(columns=COLUMNS)
WORDS = {DISCUSSED: "discussed", "not discussed": "not discussed", BORDERLINE: "borderline (the model is unsure)"}


def passage_html(p, spans=(), note: str = "", comment: str = "") -> str:
    """One paragraph as escaped HTML: a grey head line, then the text with its highlight spans."""
    head = f"{p.locator} · {p.section}" if getattr(p, "section", "") else p.locator
    if note:
        head += f" · {note}"
    body = f'<div class="passage">{to_html(p.text, list(spans))}</div>'
    if comment:
        body += f'<div style="color:#333;font-size:.85rem;margin-top:.2em">{html.escape(comment)}</div>'
    return (f'<div style="margin:.4em 0 .9em 0"><div style="color:#555;font-size:.85rem">{html.escape(head)}</div>'
            f"{body}</div>")


def _reviewed_words(item) -> str:
    return "not reviewed" if item.reviewed is None else "discussed" if item.reviewed else "not discussed"


def _agrees(item) -> bool:
    return item.reviewed is None or item.verdict == BORDERLINE or (item.verdict == DISCUSSED) == item.reviewed


def _passages(comparison) -> dict:
    return {p.id: p for p in comparison.scored.passages}


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def render_method(comparison) -> None:
    agree = comparison.agreement()
    held = comparison.calibration.cv.figures(comparison.reference_id)
    st.markdown(
        "**Two readings of the article.** A person read every paragraph against every principle and listed the "
        "paragraphs that discuss it, each with a quote and a reason. The model compares each sentence of each "
        "paragraph with a few plain sentences saying what the principle commits to: a principle is **discussed** "
        "when some paragraph comes close enough in meaning, and its **evidence** is the paragraphs that do.")
    cols = st.columns(2)
    cols[0].metric("Readings agreeing", f"{agree['verdicts_agreeing']} / {agree['reviewed_items']}",
                   help="The model's verdicts against the person's, with the model's cut-off fitted on every "
                        "reviewed item, these included.")
    cols[1].metric("Agreeing on principles it was not fitted on", f"{held['verdicts_agreeing']} / {held['items']}",
                   help="Each principle judged by a cut-off fitted without it: the honest figure.")
    with st.expander("How this works"):
        st.markdown(md_escape(
            f"Of the paragraphs the model keeps as evidence when each principle is left out of its fit, "
            f"{_pct(held['precision'])} are paragraphs the person kept, and it finds {_pct(held['recall'])} of the "
            f"person's paragraphs."))
        st.markdown(md_escape(comparison.method_text()))
        if comparison.readers is not None:
            st.markdown(md_escape(comparison.readers.sentence()))


def render_differences(comparison) -> None:
    differences = comparison.differences()
    if not differences:
        st.success("The two readings agree on every principle.")
        return
    with st.expander(f"Where the readings differ ({len(differences)})", expanded=False):
        st.markdown("\n".join(f"- {md_escape(d)}" for d in differences))


def _quote_spans(text: str, quote: str) -> list[dict]:
    start = text.find(quote) if quote else -1
    return [{"start": start, "end": start + len(quote), "kind": PHRASE}] if start >= 0 else []


def _evidence_html(comparison, item, e, passages) -> str:
    tags = {None: "not reviewed", True: "the person keeps it too", False: "the person does not keep it"}[e["reviewed"]]
    spans = [{"start": e["span"][0], "end": e["span"][1], "kind": SENTENCE}] if e["span"] else []
    return passage_html(passages[e["id"]], spans, tags)


def render_principle_detail(comparison, item, principles_doc) -> None:
    record = next((r for r in principles_doc.records if r.number == item.number), None)
    st.subheader(f"Principle {item.number:d}: {md_escape(item.title)}")
    held = comparison.held_out(item.number)
    held_words = f"; judged without its own review: {'discussed' if held.discussed else 'not discussed'}" if held else ""
    st.markdown(f"Person's reading **{md_escape(_reviewed_words(item))}** · model's reading "
                f"**{md_escape(WORDS[item.verdict])}**{md_escape(held_words)} · the readings "
                f"**{'agree' if _agrees(item) else 'differ'}**")
    passages = _passages(comparison)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Person's reading** ({len(item.reviewed_paragraphs)} paragraphs; the quote is marked)")
        k = comparison.items.index(item)
        kept = [p.id for j, p in enumerate(comparison.scored.passages) if comparison.labels[k, j] == 1]
        if kept:
            fragments = []
            for pid in kept:
                note = comparison.note(item.number, pid)
                fragments.append(passage_html(passages[pid], _quote_spans(passages[pid].text, note.get("quote", "")),
                                              "borderline for the reviewer" if note.get("borderline") else "",
                                              f"Why: {note['rationale']}" if note.get("rationale") else ""))
            show_html("".join(fragments))
        else:
            st.caption("No paragraph discusses this principle, by the person's reading.")
        near = comparison.near_misses(item.number)
        if near:
            st.caption("Considered and rejected: " + "; ".join(
                f"{md_escape(passages[n['passage']].locator if n['passage'] in passages else n['passage'])}: "
                f"{md_escape(n['rationale'])}" for n in near))
    with right:
        if item.evidence:
            st.markdown(f"**Model's evidence** ({len(item.evidence)} paragraphs; the closest sentence is marked)")
            show_html("".join(_evidence_html(comparison, item, e, passages) for e in item.evidence))
        else:
            st.markdown("**Model's reading: no paragraph is close enough.** The closest one:")
            show_html(_evidence_html(comparison, item, item.closest[0], passages))
    if record is not None:
        principle_citation(record)


def principle_citation(record) -> None:
    """The principle itself (in our own words), its source and the view's permalink: with the two
    readings above, what a printout of one principle holds."""
    from explorer.citation import outlet_of
    from ui import loaders, url_state

    st.markdown(f"**Principle {record.number:d}, in our own words:** {md_escape(record.text)}")
    outlet = outlet_of(loaders.principles(url_state.collection()).principles_doc)
    st.markdown(f"**Source:** {md_escape(outlet)}, {md_url(record.source_url)}")
    st.markdown(f"**Permalink:** {md_url(url_state.link('principles', {'principle': str(record.number)}))}")
    print_hint()


def render_coverage(comparison, principles_doc, selected: int | None) -> None:
    render_method(comparison)
    if selected is not None:
        with printable():
            render_principle_detail(comparison, comparison.item(selected), principles_doc)
    else:
        st.info("Choose a principle above to read both readings' paragraphs side by side.")
    st.caption("Each dot is one paragraph against one principle: further right means closer in meaning. Diamonds "
               "are the paragraphs the person kept; the dashed line is the model's cut-off for “discussed”.")
    chart_box("principles_bars").plotly_chart(coverage_pairs(comparison, selected), width="stretch",
                                              key="principles_bars")
    render_differences(comparison)
    rows = comparison.table_rows()
    frame = pd.DataFrame(rows)
    st.dataframe(shown_table(rows), hide_index=True, width="stretch", height=35 * (len(rows) + 1) + 3)
    st.download_button("Download the coverage table (CSV)", frame.to_csv(index=False), "coverage.csv", "text/csv",
                       key="principles_coverage_csv")


def render_matrix(comparison, selected: int | None) -> None:
    st.caption("Rows are the principles, columns the article's paragraphs (¶n); darker means closer in meaning. "
               "Circles mark the paragraphs the person kept. Choose a principle above to read its closest "
               "paragraphs.")
    # on_select="rerun" made this heatmap rerun the script endlessly in streamlit 1.67: the principle
    # selectbox is the drill-down instead.
    chart_box(MATRIX_CHART).plotly_chart(heatmap(comparison, selected), width="stretch", key=MATRIX_CHART)
    frame = pd.DataFrame(comparison.matrix_rows())
    st.download_button("Download the matrix (CSV)", frame.to_csv(index=False), "matrix.csv", "text/csv",
                       key="principles_matrix_csv")
    if selected is None:
        st.info("Choose a principle above to see its paragraphs, closest first.")
        return
    item = comparison.item(selected)
    st.subheader(f"Principle {item.number:d}: {md_escape(item.title)}")
    st.markdown(f"Person's reading **{md_escape(_reviewed_words(item))}** · model's reading "
                f"**{md_escape(WORDS[item.verdict])}**")
    passages = _passages(comparison)
    evidence = {e["id"] for e in item.evidence}
    k = comparison.items.index(item)
    row = comparison.scored.scores[k]
    fragments = []
    for j in row.argsort()[::-1][:5]:
        p = comparison.scored.passages[int(j)]
        span = comparison.scored.sentence_span(k, int(j))
        kept = bool(comparison.labels[k, int(j)] == 1)
        note = ("the model keeps it" if p.id in evidence else "not close enough for the model") + "; " + (
            "the person keeps it" if kept else "the person does not")
        reason = comparison.note(item.number, p.id).get("rationale", "")
        fragments.append(passage_html(passages[p.id], [{"start": span[0], "end": span[1], "kind": SENTENCE}] if span
                                      else [], note, f"Why the person keeps it: {reason}" if reason else ""))
    show_html("".join(fragments))


def render_principle_list(comparison, principles_doc, selected: int | None) -> None:
    from explorer.citation import outlet_of

    st.header(f"{md_escape(principles_doc.title)} ({len(principles_doc.records)})")
    st.markdown(f"Published by {md_escape(principles_doc.publisher or 'an unknown publisher')} on "
                f"{md_escape(principles_doc.date or 'an unknown date')} "
                f"({md_link(outlet_of(principles_doc), principles_doc.source_url)}); "
                "in our own words, grouped under the post's exact headings.")
    if principles_doc.note:
        show_note(principles_doc.note)
    records = {r.number: r for r in principles_doc.records}
    for group in principles_doc.groups:
        st.subheader(md_escape(group.heading))
        for number in group.numbers:
            item, record = comparison.item(number), records[number]
            differ = "" if _agrees(item) else " (readings differ)"
            label = (f"P{number:d} · {md_escape(item.title)} — person: {md_escape(_reviewed_words(item))} · "
                     f"model: {md_escape(WORDS[item.verdict])}{differ}")
            with st.expander(label, expanded=number == selected):
                st.markdown(md_escape(record.text))
                if record.specifics:
                    st.markdown("**Specifics**\n" + "\n".join(f"- {md_escape(s)}" for s in record.specifics))
                if record.note:
                    show_note(record.note)
                st.caption(f"Person's paragraphs: {md_escape(' '.join(item.reviewed_paragraphs) or 'none')} · "
                           f"model's evidence: {md_escape(' '.join(e['locator'] for e in item.evidence) or 'none')}")
                st.markdown(md_link("Source", record.source_url))
