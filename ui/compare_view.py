"""The "Compare a document" view: a document under study against a reference set, item by item.

The core is explorer.analysis.coverage.reference_compare (the curated comparison's method, any pair of documents);
ui.loaders caches it per index; this module renders it: the two choices, the method text, one line
per item with its verdict, score and margin, the evidence paragraphs with their supporting
sentence highlighted, a table and its CSV. Text reaches the page through md_escape and
explorer.search.highlight.to_html (which escapes) only.
"""

import csv
import io

import streamlit as st

from explorer.search.highlight import to_html
from ui import loaders
from ui.common import md_escape, show_html

VERDICT_MARKS = {"covered": "🟢 covered", "partial": "🟡 partial", "absent": "⚪ absent"}


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def render_compare(collection, state, keys: dict, on_change, heading: bool = True) -> None:
    """The view. keys: widget keys {"doc": ..., "ref": ...}; on_change(field) writes the URL;
    heading: False when the page's title already says "Compare a document"."""
    documents, sets = loaders.reference_choices(collection)
    if heading:
        st.subheader("Compare a document")
    st.caption("Choose a document and a reference set: for each item of the set, does the document discuss it? "
               "Same method as the curated comparison of the article with the AI Access Principles.")
    if not documents:
        st.info("This collection has no document to study yet: add one on the Add documents page.")
        return
    titles = dict(documents)
    by_id = {s.id: s for s in sets}
    doc_id = state.doc if state.doc in titles else documents[0][0]
    ref_id = state.ref if state.ref in by_id else sets[0].id
    st.selectbox("Document under study", list(titles), key=keys["doc"], format_func=titles.get,
                 on_change=on_change, args=("doc",))
    st.selectbox("Reference set", list(by_id), key=keys["ref"],
                 format_func=lambda i: f"{by_id[i].title} ({len(by_id[i])} items"
                                       f"{', from this collection' if by_id[i].origin == 'collection' else ''})",
                 on_change=on_change, args=("ref",))

    result = loaders.document_comparison(collection, doc_id, ref_id)
    st.markdown(f"**{md_escape(result.summary())}**")
    with st.expander("Method: how these verdicts were reached, and how far to trust them"):
        st.markdown(md_escape(result.method_text()))
    if not result.reviewed_pair:
        st.warning("No reviewed reading exists for this pair of documents: these verdicts are the model's alone.",
                   icon="⚠️")

    rows = result.table_rows()
    st.dataframe(rows, hide_index=True, width="stretch")
    st.download_button("Download the table (CSV)", csv_text(rows), file_name=f"{doc_id}-vs-{ref_id}.csv",
                       mime="text/csv", key="compare_csv")

    for item in result.items:
        st.markdown(f"**{md_escape(item.label)} · {md_escape(item.title)}**: {VERDICT_MARKS[item.verdict]} · "
                    f"{len(item.evidence)} paragraph{'s' if len(item.evidence) != 1 else ''} · best score "
                    f"{item.best_score:.2f} · margin {item.margin:+.2f}")
        shown = item.evidence or item.best[:1]
        label = ("Evidence" if item.evidence else "Closest paragraph (below the threshold)")
        with st.expander(md_escape(f"{label}: {', '.join(e.locator for e in shown) or 'none'}")):
            st.caption(md_escape(item.text))
            for e in shown:
                st.markdown(f"{md_escape(e.locator)}{' · ' + md_escape(e.section) if e.section else ''} · score "
                            f"{e.score:.2f} · margin {e.margin:+.2f}")
                show_html(f'<div class="passage">{to_html(e.text, list(e.highlights))}</div>')
